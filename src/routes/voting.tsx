import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const voting = new Hono<AppEnv>();
