import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const stations = new Hono<AppEnv>();
