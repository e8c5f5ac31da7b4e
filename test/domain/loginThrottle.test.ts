import { describe, expect, it } from 'vitest';
import { ACCOUNT_RULE as R, afterFailure, delayFor, retryAfter, type ThrottleState } from '../../src/domain/loginThrottle';

describe('progressive login delay', () => {
  it.each([
    [0, 0], [4, 0],                 // within the free failures: no wait
    [5, 30_000], [6, 60_000], [7, 120_000],
    [9, 480_000], [10, 900_000],    // 960 s capped at 15 minutes
    [50, 900_000],
  ])('%i failures → wait %i ms', (failures, ms) => expect(delayFor(failures, R)).toBe(ms));

  it('a failure while waiting still counts and lengthens the wait', () => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 5; i++) s = afterFailure(s, 1000, R);
    expect(retryAfter(s, 1000, R)).toBe(30_000);
    s = afterFailure(s, 2000, R); // attempted during the wait
    expect(s.failures).toBe(6);
    expect(retryAfter(s, 2000, R)).toBe(60_000);
  });

  it.each([
    [R.forgetAfterMs - 1, 6],
    [R.forgetAfterMs, 1],           // a quiet day forgets the streak
  ])('a failure %i ms after the last one makes the streak %i', (gap, failures) => {
    let s: ThrottleState | undefined;
    for (let i = 0; i < 5; i++) s = afterFailure(s, 0, R);
    expect(afterFailure(s, gap, R).failures).toBe(failures);
  });

  it('no state, or a forgotten one, never waits', () => {
    expect(retryAfter(undefined, 5, R)).toBe(0);
    expect(retryAfter({ failures: 99, lastFailureAt: 0 }, R.forgetAfterMs, R)).toBe(0);
  });
});
