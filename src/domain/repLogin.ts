import type { RepBody } from './vocabulary';

/**
 * Initial passwords are read off a paper slip and typed on a phone: lower-case letters and digits without the
 * look-alikes (0/o, 1/l/i). 31 symbols × 10 ≈ 49 bits — enough for a password that must be changed at first login.
 */
export const INITIAL_PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const INITIAL_PASSWORD_LENGTH = 10;

/** `randomIndex(n)` returns an integer in [0, n): crypto's randomInt in production, a fixed sequence in tests. */
export function initialPassword(randomIndex: (n: number) => number): string {
  let out = '';
  for (let i = 0; i < INITIAL_PASSWORD_LENGTH; i++) out += INITIAL_PASSWORD_ALPHABET[randomIndex(INITIAL_PASSWORD_ALPHABET.length)];
  return out;
}

/** qs.rep…, dc.drep…: the pattern the demo's logins already use, so generated ones sit beside them. */
export function repUsernamePrefix(jurisdictionCode: string, body: RepBody): string {
  return `${jurisdictionCode.toLowerCase().replace(/[^a-z0-9]/g, '')}.${body === 'congress' ? 'rep' : 'drep'}`;
}

/**
 * `n` new usernames after the highest number already used with the prefix (never reusing a gap, so a number
 * once printed on a slip always meant one person), three digits at least: qs.rep087, qs.rep088 …
 */
export function nextUsernames(prefix: string, taken: readonly string[], n: number): string[] {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\d+)$`);
  const highest = taken.reduce((max, u) => Math.max(max, Number(pattern.exec(u)?.[1] ?? 0)), 0);
  return Array.from({ length: n }, (_, i) => `${prefix}${String(highest + i + 1).padStart(3, '0')}`);
}
