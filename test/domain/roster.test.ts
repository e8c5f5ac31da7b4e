import { describe, expect, it } from 'vitest';
import { initialPassword, INITIAL_PASSWORD_ALPHABET, nextUsernames, repUsernamePrefix } from '../../src/domain/repLogin';
import { congressRosterWarnings, isSeatedOn, ownerWord, seatedHistory, type SeatDates } from '../../src/domain/roster';

const seat = (seatedOn: string | null, retiredOn: string | null = null, status: 'seated' | 'retired' = retiredOn ? 'retired' : 'seated'): SeatDates =>
  ({ seatedOn, retiredOn, status });

describe('isSeatedOn: a seat from its own date until the day it ends', () => {
  it.each<[string, SeatDates, string, boolean]>([
    ['no dates: always', seat(null), '2026-01-10', true],
    ['seated that very day (a by-election on the session day)', seat('2026-01-10'), '2026-01-10', true],
    ['seated the day after', seat('2026-01-11'), '2026-01-10', false],
    ['retired that very day: no longer counts', seat('2021-11-01', '2026-01-10'), '2026-01-10', false],
    ['retired the day after: still counts', seat('2021-11-01', '2026-01-11'), '2026-01-10', true],
    ['retired without a date: never counts', seat('2021-11-01', null, 'retired'), '2022-01-01', false],
  ])('%s', (_name, s, date, expected) => expect(isSeatedOn(s, date)).toBe(expected));
});

describe('seatedHistory', () => {
  it('counts on each date something changed, with the change', () => {
    const rep = (name: string, s: SeatDates, byElection = false) =>
      ({ ...s, name, community: '青石村', byElection, retireReason: s.status === 'retired' ? ('death' as const) : null });
    const h = seatedHistory([
      rep('甲', seat('2021-11-01')), rep('乙', seat('2021-11-01', '2024-03-01')), rep('丙', seat('2024-05-20'), true), rep('丁', seat(null)),
    ]);
    expect(h.undated).toBe(1);
    expect(h.points).toEqual([
      { date: '2021-11-01', seated: 3, changes: [expect.objectContaining({ kind: 'seated', name: '甲' }), expect.objectContaining({ kind: 'seated', name: '乙' })] },
      { date: '2024-03-01', seated: 2, changes: [{ kind: 'retired', name: '乙', community: '青石村', reason: 'death' }] },
      { date: '2024-05-20', seated: 3, changes: [expect.objectContaining({ kind: 'byElection', name: '丙' })] },
    ]);
  });
});

describe('congressRosterWarnings: 选举法 art. 12 — base 45, at most 160', () => {
  it.each<[number, string | null]>([
    [0, '还没有在册代表'],
    [44, '少于乡镇代表名额基数 45 名'],
    [45, null],
    [160, null],
    [161, '超过乡镇代表总名额的上限 160 名'],
  ])('%i seated → %s', (n, text) => {
    const w = congressRosterWarnings(n);
    if (text === null) expect(w).toEqual([]);
    else expect(w[0]).toContain(text);
  });

  it('names the jurisdiction as the clerk does', () => {
    expect(ownerWord({ kind: 'township', name: '青石镇' })).toBe('本镇');
    expect(ownerWord({ kind: 'township', name: '双河乡' })).toBe('本乡');
    expect(ownerWord({ kind: 'subdistrict', name: '东城街道' })).toBe('本街道');
  });
});

describe('representatives\' logins', () => {
  it('initial passwords: 10 symbols without look-alikes', () => {
    let i = 0;
    const pw = initialPassword((n) => (i++ * 7) % n);
    expect(pw).toHaveLength(10);
    expect([...pw].every((ch) => INITIAL_PASSWORD_ALPHABET.includes(ch))).toBe(true);
    expect(INITIAL_PASSWORD_ALPHABET).not.toMatch(/[01ilo]/);
  });

  it('usernames continue after the highest number, never reusing a gap', () => {
    expect(repUsernamePrefix('QS', 'congress')).toBe('qs.rep');
    expect(repUsernamePrefix('DC', 'deliberation')).toBe('dc.drep');
    expect(nextUsernames('qs.rep', [], 2)).toEqual(['qs.rep001', 'qs.rep002']);
    expect(nextUsernames('qs.rep', ['qs.rep001', 'qs.rep086', 'qs.repx', 'qs.clerk'], 2)).toEqual(['qs.rep087', 'qs.rep088']);
    expect(nextUsernames('qs.rep', ['qs.rep999'], 1)).toEqual(['qs.rep1000']);
  });
});
