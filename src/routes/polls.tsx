import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const polls = new Hono<AppEnv>();
