import { describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../src/domain/chinaDate';
import { checkRatingWindow, ratedInWindow, ratingWindowState } from '../../src/domain/feedbackWindow';

const W = { opens: '2026-11-01', closes: '2026-12-15' };

describe('residents’ rating window: both ends inclusive, in China dates', () => {
  it.each([
    [undefined, '2026-11-10', 'unset'],
    [W, '2026-10-31', 'before'],
    [W, '2026-11-01', 'open'], // the open day
    [W, '2026-11-20', 'open'],
    [W, '2026-12-15', 'open'], // the close day
    [W, '2026-12-16', 'closed'],
    [{ opens: '2026-12-01', closes: '2026-12-01' }, '2026-12-01', 'open'], // a one-day window
  ] as const)('%o on %s → %s', (w, today, kind) => {
    expect(ratingWindowState(w, today).kind).toBe(kind);
  });

  it.each([
    // 23:30 UTC is 07:30 the next morning in China: the China date decides.
    ['2026-10-31T15:59:59Z', false], // 23:59:59 on 31 Oct in China
    ['2026-10-31T16:00:00Z', true], // midnight opening the open day
    ['2026-10-31T23:30:00Z', true], // still 31 Oct in UTC, already 1 Nov in China
    ['2026-12-15T15:59:59Z', true], // the last second of the close day
    ['2026-12-15T16:00:00Z', false],
    ['2026-12-15T23:30:00Z', false], // 15 Dec in UTC, 16 Dec in China
    ['2026-12-14T23:30:00Z', true],
  ] as const)('a rating at %s counts: %s', (iso, counts) => {
    expect(ratedInWindow(W, new Date(iso))).toBe(counts);
  });

  it('no window: no rating counts', () => {
    expect(ratedInWindow(undefined, new Date('2026-11-10T02:00:00Z'))).toBe(false);
    expect(chinaDateOf(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11-01');
  });

  it.each([
    ['2026-11-01', '2026-12-15', null],
    ['2026-01-01', '2027-12-31', null], // the whole span allowed
    ['2026-12-01', '2026-12-01', null],
    ['2026-02-30', '2026-12-15', 'opens'],
    ['2026-11-01', '', 'closes'],
    ['2025-12-31', '2026-12-15', 'opens'],
    ['2026-11-01', '2028-01-01', 'closes'],
    ['2026-12-02', '2026-12-01', 'closes'],
  ] as const)('checkRatingWindow(%s, %s) for 2026 → %s', (opens, closes, field) => {
    const r = checkRatingWindow(opens, closes, 2026);
    expect(r.ok ? null : r.field).toBe(field);
  });
});
