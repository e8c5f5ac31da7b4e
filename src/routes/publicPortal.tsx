import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const publicPortal = new Hono<AppEnv>();
