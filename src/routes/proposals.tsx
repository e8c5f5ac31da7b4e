import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const proposals = new Hono<AppEnv>();
