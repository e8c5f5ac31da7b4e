import type { MiddlewareHandler } from 'hono';
import { errorResponse } from './errors';
import type { AppEnv } from '../env';

/**
 * Receipt look-ups per address: a resident checks a few, a volunteer at a station some dozens; walking the
 * receipt numbers to read every proposal is slowed to a crawl (429 with Retry-After, in Chinese).
 */
export const limitLookups: MiddlewareHandler<AppEnv> = async (c, next) => {
  const isLookup = c.req.path !== '/track' || c.req.query('receipt') !== undefined;
  if (!isLookup) return next();
  const limiter = c.get('limits').lookups;
  const at = c.get('now')().getTime();
  const wait = limiter.retryAfterMs(c.get('clientIp'), at);
  if (wait > 0) {
    c.header('Retry-After', String(Math.ceil(wait / 1000)));
    return errorResponse(c, 429);
  }
  limiter.fail(c.get('clientIp'), at);
  await next();
};
