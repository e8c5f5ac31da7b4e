import { Hono } from 'hono';
import { isDbHealthy } from '../../db/client';
import type { AppEnv } from '../env';

/** /healthz — for a monitor: is the database usable? */
export const health = new Hono<AppEnv>().get('/', (c) => {
  const ok = isDbHealthy(c.get('db'));
  return c.json({ status: ok ? 'ok' : 'error', db: ok ? 'ok' : 'error' }, ok ? 200 : 503);
});
