/**
 * Login throttling an attacker cannot turn against the owner: failures slow further attempts down
 * progressively (never a hard lock), every failure counts even while waiting, a streak is forgotten after a
 * quiet day, and the owner's correct password from a device that logged in before is never held back
 * (that part is the route's: it knows the device).
 */
export interface ThrottleRule { freeFailures: number; baseDelayMs: number; maxDelayMs: number; forgetAfterMs: number }
export interface ThrottleState { failures: number; lastFailureAt: number }

const MINUTE = 60_000;
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };
// One hall shares one Wi-Fi address: the IP allowance is larger so a few mistyped passwords don't stop the room.
export const IP_RULE: ThrottleRule = { freeFailures: 20, baseDelayMs: 30_000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };

/** How long after the latest failure the next attempt must wait: 0 within the free failures, then doubling. */
export function delayFor(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const steps = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.baseDelayMs * 2 ** steps, rule.maxDelayMs);
}

function current(state: ThrottleState | undefined, now: number, rule: ThrottleRule): ThrottleState | undefined {
  return state && now - state.lastFailureAt < rule.forgetAfterMs ? state : undefined;
}

/** Milliseconds until the key may try again; 0 when it may try now. */
export function retryAfter(state: ThrottleState | undefined, now: number, rule: ThrottleRule): number {
  const s = current(state, now, rule);
  if (!s) return 0;
  return Math.max(0, s.lastFailureAt + delayFor(s.failures, rule) - now);
}

/** The state after one more failure (a failure while waiting counts too: hammering only lengthens the wait). */
export function afterFailure(state: ThrottleState | undefined, now: number, rule: ThrottleRule): ThrottleState {
  const s = current(state, now, rule);
  return { failures: (s?.failures ?? 0) + 1, lastFailureAt: now };
}
