import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const sessions = new Hono<AppEnv>();
