import { describe, expect, it } from 'vitest';
import { judgeLoginSession, LOGIN_SESSION_POLICY as P } from '../../src/domain/loginSessionPolicy';

describe('judgeLoginSession', () => {
  const t0 = 1_000_000;
  it.each<[string, number, number, string]>([
    ['fresh', t0, t0 + 1000, 'valid'],
    ['just before the touch interval', t0, t0 + P.touchEveryMs - 1, 'valid'],
    ['at the touch interval: renew last-verified', t0, t0 + P.touchEveryMs, 'touch'],
    ['idle one ms short of the timeout', t0, t0 + P.inactivityMs - 1, 'touch'],
    ['idle exactly the timeout: expired', t0, t0 + P.inactivityMs, 'expired'],
  ])('%s', (_n, lastVerifiedAt, now, verdict) => {
    expect(judgeLoginSession({ createdAt: t0, lastVerifiedAt }, now)).toBe(verdict);
  });

  it('absolute expiry wins even when active a minute ago', () => {
    const now = t0 + P.absoluteMs;
    expect(judgeLoginSession({ createdAt: t0, lastVerifiedAt: now - 60_000 }, now)).toBe('expired');
    expect(judgeLoginSession({ createdAt: t0, lastVerifiedAt: now - 60_000 }, now - 1)).toBe('valid');
  });
});
