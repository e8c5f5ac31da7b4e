import { describe, expect, it } from 'vitest';
import { checkRating, satisfactionRate, suggestionStatus } from '../../src/domain/suggestionStatus';
import type { Deadline } from '../../src/domain/suggestionDeadline';

const s = (extra: Partial<Deadline> = {}): Deadline =>
  ({ assignedOn: '2026-01-31', dueOn: '2026-04-30', extendedTo: null, answeredOn: null, ...extra });

describe('suggestionStatus', () => {
  it.each<[Partial<Deadline>, string, string]>([
    [{}, '2026-04-30', 'handling'],
    [{}, '2026-05-01', 'overdue'],
    [{ extendedTo: '2026-07-31' }, '2026-05-01', 'extended'],
    [{ extendedTo: '2026-07-31' }, '2026-08-01', 'overdue'],
    [{ answeredOn: '2026-04-30' }, '2026-09-01', 'answered'],
    [{ answeredOn: '2026-05-01' }, '2026-09-01', 'answeredLate'],
    [{ answeredOn: '2026-07-01', extendedTo: '2026-07-31' }, '2026-09-01', 'answered'],
  ])('%j on %s → %s', (extra, today, status) => {
    expect(suggestionStatus(s(extra), today)).toBe(status);
  });
});

describe('checkRating', () => {
  it.each([
    [{ answeredOn: null, satisfaction: null }, false],
    [{ answeredOn: '2026-03-01', satisfaction: null }, true],
    [{ answeredOn: '2026-03-01', satisfaction: 'dissatisfied' as const }, false],
  ])('%j → %s', (row, ok) => expect(checkRating(row).ok).toBe(ok));
});

describe('satisfactionRate', () => {
  it.each([
    [{ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 }, null],
    [{ satisfied: 3, basicallySatisfied: 1, dissatisfied: 0 }, 1],
    [{ satisfied: 1, basicallySatisfied: 1, dissatisfied: 2 }, 0.5],
  ])('%j → %s', (counts, rate) => expect(satisfactionRate(counts)).toBe(rate));
});
