import type { Context, MiddlewareHandler } from 'hono';
import type { Window } from '../domain/rateLimit';
import type { AppEnv } from '../env';
import { FailureLimiter } from './limiter';

/** Public submissions per IP: enough for a family or a station's shared Wi-Fi, too few for a flood. */
export const PROPOSAL_IP_WINDOW: Window = { max: 10, windowMs: 60 * 60 * 1000 };

// One limiter per app instance (keyed on the app's own limiter set), so each test app starts clean.
const perApp = new WeakMap<object, FailureLimiter>();

export function proposalLimiter<E extends AppEnv>(c: Context<E>): FailureLimiter {
  const owner = c.get('limits');
  let l = perApp.get(owner);
  if (!l) {
    l = new FailureLimiter(PROPOSAL_IP_WINDOW);
    perApp.set(owner, l);
  }
  return l;
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
