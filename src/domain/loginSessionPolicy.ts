/** Session lifetimes, following the Lucia guide: an inactivity timeout and an absolute expiry. */
export const LOGIN_SESSION_POLICY = {
  inactivityMs: 2 * 60 * 60 * 1000, // a long lunch break at a session day still counts as active
  absoluteMs: 12 * 60 * 60 * 1000, // one working day, then log in again
  touchEveryMs: 5 * 60 * 1000, // write last-verified at most this often
};

export type LoginSessionPolicy = typeof LOGIN_SESSION_POLICY;

export type SessionVerdict = 'valid' | 'touch' | 'expired';

export function judgeLoginSession(
  s: { createdAt: number; lastVerifiedAt: number },
  now: number,
  p: LoginSessionPolicy = LOGIN_SESSION_POLICY,
): SessionVerdict {
  if (now - s.createdAt >= p.absoluteMs) return 'expired';
  if (now - s.lastVerifiedAt >= p.inactivityMs) return 'expired';
  if (now - s.lastVerifiedAt >= p.touchEveryMs) return 'touch';
  return 'valid';
}
