import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/**
 * The client's address. Behind `proxies` trusted reverse proxies, each appends the address it saw to
 * X-Forwarded-For, so the client is the entry `proxies` from the right; whatever stands left of it the client
 * wrote itself and is never believed (a phone could otherwise pick a fresh IP for every login attempt).
 */
export function clientIp<E extends AppEnv>(c: Context<E>, proxies: number): string {
  if (proxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const client = hops[hops.length - proxies];
    if (client) return client;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // app.request() in tests has no socket
  }
}

/** The representatives' ballot routes (/j/:code/vote/…): who opened or cast a ballot when is not logged. */
const VOTE_PATH = /^\/j\/[^/]+\/vote(\/|$)/;

/**
 * One line per request. Only the path: never the query, the body, a password or a token. On the ballot routes
 * the user is left out (user=*): a line "who cast in poll 7 at 10:03:21.417" would let anyone holding the log
 * line up voters with the order of the ballots.
 */
export function accessLog(log: (line: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = (performance.now() - start).toFixed(1);
    const user = c.get('user');
    const who = VOTE_PATH.test(c.req.path) ? '*' : user ? user.id : '-';
    log(`${new Date().toISOString()} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms user=${who}`);
  };
}
