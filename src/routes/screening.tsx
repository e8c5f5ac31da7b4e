import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const screening = new Hono<AppEnv>();
