import { FEEDBACK_LIMIT } from '../domain/feedbackWindow';
import { retryAfterMs, type Window } from '../domain/rateLimit';

/** Public submissions per IP: enough for a family or a station's shared Wi-Fi, too few for a flood. */
export const PROPOSAL_IP_WINDOW: Window = { max: 10, windowMs: 60 * 60 * 1000 };
/** Receipt look-ups per IP (/track): enough for a station volunteer, too few to walk every receipt. */
export const LOOKUP_IP_WINDOW: Window = { max: 60, windowMs: 10 * 60 * 1000 };

/** In-memory failure counter per key (account, IP). One laptop serves the hall: no shared store is needed. */
export class FailureLimiter {
  private failures = new Map<string, number[]>();

  constructor(private readonly w: Window) {}

  retryAfterMs(key: string, now: number): number {
    return retryAfterMs(this.failures.get(key) ?? [], now, this.w);
  }

  fail(key: string, now: number): void {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.w.windowMs);
    kept.push(now);
    this.failures.set(key, kept);
    if (this.failures.size > 10_000) this.prune(now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [k, ts] of this.failures) if (!ts.some((t) => t > now - this.w.windowMs)) this.failures.delete(k);
  }
}

/**
 * The in-memory limiters of one app: public submissions per address (a restart forgiving them is harmless).
 * Login throttling is not here: it is persisted (src/data/loginThrottle.ts).
 */
export function newLimiters() {
  return {
    proposals: new FailureLimiter(PROPOSAL_IP_WINDOW),
    feedback: new FailureLimiter(FEEDBACK_LIMIT),
    lookups: new FailureLimiter(LOOKUP_IP_WINDOW),
  };
}
export type Limiters = ReturnType<typeof newLimiters>;
