import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const candidates = new Hono<AppEnv>();
