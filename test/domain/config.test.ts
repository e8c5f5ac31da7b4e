import { describe, expect, it } from 'vitest';
import { rehearsalClock } from '../../src/clock';
import { ConfigError, loadConfig } from '../../src/config';
import { chinaDateOf } from '../../src/domain/chinaDate';

describe('演练模式: AS_OF / --as-of read through loadConfig', () => {
  it.each([
    { env: {}, argv: [], asOf: undefined },
    { env: { AS_OF: '' }, argv: [], asOf: undefined },
    { env: { AS_OF: '2027-06-30' }, argv: [], asOf: '2027-06-30' },
    { env: {}, argv: ['--as-of', '2027-06-30'], asOf: '2027-06-30' },
    { env: {}, argv: ['--as-of=2028-02-29'], asOf: '2028-02-29' },
    { env: { AS_OF: '2027-06-30' }, argv: ['--as-of', '2027-12-31'], asOf: '2027-12-31' }, // the command line wins
    { env: { AS_OF: '2027-06-30', NODE_ENV: 'development' }, argv: [], asOf: '2027-06-30' },
  ])('$env $argv → $asOf', ({ env, argv, asOf }) => {
    expect(loadConfig(env, argv).asOf).toBe(asOf);
  });

  it.each([
    { env: { AS_OF: '2027-02-29' }, argv: [] }, // not a calendar date
    { env: { AS_OF: '2027-6-30' }, argv: [] },
    { env: {}, argv: ['--as-of'] }, // the flag without its date
    { env: {}, argv: ['--as-of', 'yesterday'] },
  ])('a malformed date is refused: $env $argv', ({ env, argv }) => {
    expect(() => loadConfig(env, argv)).toThrow(/AS_OF must be a date YYYY-MM-DD/);
  });

  it.each([
    { env: { AS_OF: '2027-06-30', NODE_ENV: 'production' }, argv: [] },
    { env: { NODE_ENV: 'production' }, argv: ['--as-of', '2027-06-30'] },
  ])('production refuses a set clock: $env $argv', ({ env, argv }) => {
    expect(() => loadConfig(env, argv)).toThrow(ConfigError);
    expect(() => loadConfig(env, argv)).toThrow(/NODE_ENV=production 时拒绝启动/);
  });

  it('production without AS_OF starts as before', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, []).production).toBe(true);
  });
});

describe('rehearsalClock', () => {
  it.each([
    // real instant (UTC)        as of          China date read at start, and 25 hours later
    { real: '2026-12-06T16:49:00Z', asOf: '2027-06-30', first: '2027-06-30', later: '2027-07-01' }, // 00:49 in China
    { real: '2026-12-06T15:59:00Z', asOf: '2027-06-30', first: '2027-06-30', later: '2027-07-02' }, // 23:59 in China, then 00:59 two days on
    { real: '2026-12-06T02:00:00Z', asOf: '2025-01-01', first: '2025-01-01', later: '2025-01-02' }, // the past
    { real: '2027-02-28T10:00:00Z', asOf: '2028-02-28', first: '2028-02-28', later: '2028-02-29' }, // into a leap day
  ])('$real as of $asOf', ({ real, asOf, first, later }) => {
    let t = new Date(real).getTime();
    const clock = rehearsalClock(asOf, () => new Date(t));
    const a = clock();
    expect(chinaDateOf(a)).toBe(first);
    // the time of day is the real one: only whole days are added
    expect(Math.abs((a.getTime() - new Date(real).getTime()) % 86_400_000)).toBe(0);
    t += 25 * 3_600_000;
    const b = clock();
    expect(chinaDateOf(b)).toBe(later);
    expect(b.getTime() - a.getTime()).toBe(25 * 3_600_000); // runs like a real clock, never backwards
  });
});
