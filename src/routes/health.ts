import { Hono } from 'hono';
import { isDbHealthy } from '../../db/client';
import type { AppEnv } from '../env';

export const health = new Hono<AppEnv>().get('/healthz', (c) => {
  const ok = isDbHealthy(c.get('db'));
  return c.json({ status: ok ? 'ok' : 'error', db: ok ? 'ok' : 'error' }, ok ? 200 : 503);
});
