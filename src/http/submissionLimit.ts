import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import type { FailureLimiter } from './limiter';

export function proposalLimiter<E extends AppEnv>(c: Context<E>): FailureLimiter {
  return c.get('limits').proposals;
}

/** Refuses a submission (429) once the IP has used up its window; `onLimited` renders the Chinese page. */
export function limitSubmissions<E extends AppEnv>(onLimited: (c: Context<E>, minutes: number) => Response | Promise<Response>): MiddlewareHandler<E> {
  return async (c, next) => {
    const wait = proposalLimiter(c).retryAfterMs(c.get('clientIp'), c.get('now')().getTime());
    if (wait > 0) {
      c.status(429);
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return onLimited(c, Math.ceil(wait / 60_000));
    }
    await next();
  };
}

/** Counts one submission (or one trip of the honeypot) against the IP. */
export function countSubmission<E extends AppEnv>(c: Context<E>): void {
  proposalLimiter(c).fail(c.get('clientIp'), c.get('now')().getTime());
}
