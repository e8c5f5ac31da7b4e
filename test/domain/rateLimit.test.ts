import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/domain/rateLimit';

const W = { max: 5, windowMs: 15 * 60_000 };
const min = 60_000;

describe('retryAfterMs (5 failures in 15 minutes)', () => {
  it.each<[string, number[], number, number]>([
    ['no failures', [], 0, 0],
    ['4 failures: may try', [0, 1, 2, 3].map((i) => i * min), 4 * min, 0],
    ['5 failures: refused until the first leaves the window', [0, 1, 2, 3, 4].map((i) => i * min), 5 * min, 10 * min],
    ['exactly 15 minutes after the first: allowed again', [0, 1, 2, 3, 4].map((i) => i * min), 15 * min, 0],
    ['one ms before: still refused', [0, 1, 2, 3, 4].map((i) => i * min), 15 * min - 1, 1],
    ['old failures do not count', [-30 * min, 0, 1, 2, 3].map((i) => i * (i < 0 ? 1 : min)), 4 * min, 0],
    ['6 failures: wait for the second oldest', [0, 1, 2, 3, 4, 5].map((i) => i * min), 6 * min, 10 * min],
  ])('%s', (_name, failures, now, expected) => {
    expect(retryAfterMs(failures, now, W)).toBe(expected);
  });

  it('20 per IP: the 20th failure blocks, the 19th does not', () => {
    const ipW = { max: 20, windowMs: 15 * min };
    const f = Array.from({ length: 19 }, (_, i) => i * 1000);
    expect(retryAfterMs(f, 20_000, ipW)).toBe(0);
    expect(retryAfterMs([...f, 19_000], 20_000, ipW)).toBeGreaterThan(0);
  });
});
