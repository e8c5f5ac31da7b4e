import { retryAfterMs, type Window } from '../domain/rateLimit';

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

const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const LOGIN_ACCOUNT_WINDOW: Window = { max: 5, windowMs: FIFTEEN_MINUTES };
export const LOGIN_IP_WINDOW: Window = { max: 20, windowMs: FIFTEEN_MINUTES };
