import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/domain/privacy';
import { inQuarter, nextQuarter, parseQuarter, previousQuarter, quarterBounds, quarterLabel, quarterOf, sameDayNextQuarter } from '../../src/domain/quarter';
import { checkConveners, checkSlot, clashingReps, overlaps } from '../../src/domain/reception';

describe('quarters', () => {
  it.each([
    ['2026-01-01', 2026, 1], // first day of the year
    ['2026-03-31', 2026, 1], // last day of Q1
    ['2026-04-01', 2026, 2], // first day of Q2
    ['2026-09-30', 2026, 3],
    ['2026-10-01', 2026, 4],
    ['2026-12-31', 2026, 4],
  ])('%s is in %i Q%i', (date, year, q) => {
    expect(quarterOf(date)).toEqual({ year, q });
    expect(inQuarter(date, { year, q: q as 1 })).toBe(true);
  });

  it.each([
    [{ year: 2026, q: 1 }, '2026-01-01', '2026-03-31'],
    [{ year: 2024, q: 1 }, '2024-01-01', '2024-03-31'],
    [{ year: 2026, q: 2 }, '2026-04-01', '2026-06-30'],
    [{ year: 2026, q: 3 }, '2026-07-01', '2026-09-30'],
    [{ year: 2026, q: 4 }, '2026-10-01', '2026-12-31'],
  ] as const)('%o runs %s to %s', (x, from, to) => {
    expect(quarterBounds(x)).toEqual({ from, to });
    expect(inQuarter(from, x) && inQuarter(to, x)).toBe(true);
  });

  it('the quarter after Q4 is next year\'s Q1, and back', () => {
    expect(nextQuarter({ year: 2026, q: 4 })).toEqual({ year: 2027, q: 1 });
    expect(previousQuarter({ year: 2027, q: 1 })).toEqual({ year: 2026, q: 4 });
    expect(quarterLabel({ year: 2026, q: 2 })).toBe('2026年第二季度');
  });

  it.each([['2026-Q1', { year: 2026, q: 1 }], ['2026-Q5', null], ['2026-q1', null], ['26-Q1', null], ['', null]] as const)('parses %j', (s, want) => {
    expect(parseQuarter(s)).toEqual(want);
  });

  it.each([
    ['2026-01-15', '2026-04-15'],
    ['2026-05-31', '2026-08-31'],
    ['2026-11-30', '2027-02-28'], // no 30 February: the month's last day, still in the next quarter
    ['2026-12-31', '2027-03-31'],
  ])('copied forward, %s becomes %s', (from, to) => {
    expect(sameDayNextQuarter(from)).toBe(to);
    expect(quarterOf(to)).toEqual(nextQuarter(quarterOf(from)));
  });
});

describe('reception slots', () => {
  const at = (date: string, startTime: string, endTime: string) => ({ date, startTime, endTime });
  it.each([
    [at('2026-04-15', '09:00', '11:00'), at('2026-04-15', '10:00', '12:00'), true],
    [at('2026-04-15', '09:00', '11:00'), at('2026-04-15', '11:00', '12:00'), false], // back to back: one ends as the other begins
    [at('2026-04-15', '09:00', '11:00'), at('2026-04-15', '08:00', '09:00'), false],
    [at('2026-04-15', '09:00', '11:00'), at('2026-04-15', '09:30', '10:00'), true], // inside
    [at('2026-04-15', '09:00', '11:00'), at('2026-04-16', '09:00', '11:00'), false], // another day
  ])('%o and %o overlap: %s', (a, b, want) => {
    expect(overlaps(a, b)).toBe(want);
    expect(overlaps(b, a)).toBe(want);
  });

  it('names only the representatives already planned in an overlapping slot, never the slot being edited', () => {
    const planned = [
      { id: 1, ...at('2026-04-15', '09:00', '11:00'), representativeIds: [10, 11] },
      { id: 2, ...at('2026-04-15', '14:00', '16:00'), representativeIds: [12] },
    ];
    expect(clashingReps(at('2026-04-15', '10:00', '10:30'), [11, 12, 13], planned)).toEqual([11]);
    expect(clashingReps(at('2026-04-15', '10:00', '15:00'), [11, 12, 13], planned)).toEqual([11, 12]);
    expect(clashingReps(at('2026-04-15', '10:00', '10:30'), [10, 11], planned, 1)).toEqual([]);
    expect(clashingReps(at('2026-04-15', '11:00', '14:00'), [10, 11, 12], planned)).toEqual([]);
  });

  it.each([
    [at('2026-04-15', '09:00', '11:30'), null],
    [at('2026-02-30', '09:00', '11:30'), 'date'],
    [at('2026-04-15', '9:00', '11:30'), 'startTime'],
    [at('2026-04-15', '09:00', '24:00'), 'endTime'],
    [at('2026-04-15', '11:30', '11:30'), 'endTime'], // zero length
    [at('2026-04-15', '11:30', '09:00'), 'endTime'],
  ])('slot %o → error on %s', (slot, field) => {
    const r = checkSlot(slot);
    expect(r.ok ? null : r.field).toBe(field);
  });
});

describe('conveners', () => {
  it.each([
    [[], true], [[1], true], [[1, 2], true],
    [[1, 2, 3], false], // at most two
    [[9], false], // not of this station
  ])('%j of [1,2,3] → %s', (chosen, okay) => {
    expect(checkConveners(chosen, [1, 2, 3]).ok).toBe(okay);
  });
});

describe('masked phones', () => {
  it.each([
    ['13856781234', '138****1234'],
    ['023-68881234', '023****1234'],
    ['0831-6888123', '083****8123'],
    ['1234567', '****'], // too short to keep anything
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
