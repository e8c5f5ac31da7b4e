import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isChinaDate } from '../../src/domain/chinaDate';
import {
  answeredOnTime, checkAnswerDate, checkAssignmentDate, checkExtension, dueDate, effectiveDue, isOverdue, latestExtension,
  type Deadline,
} from '../../src/domain/suggestionDeadline';

describe('dueDate: three months from assignment, month ends clamped (民法典 art. 202)', () => {
  it.each([
    ['2026-03-15', '2026-06-15'], // the same day three months on
    ['2026-01-31', '2026-04-30'], // assigned on the 31st: April has 30 days
    ['2026-05-31', '2026-08-31'], // the 31st onto a month that has one
    ['2026-03-31', '2026-06-30'],
    ['2026-08-31', '2026-11-30'],
    ['2026-10-31', '2027-01-31'], // across the year end
    ['2026-11-30', '2027-02-28'], // February of a common year
    ['2027-11-30', '2028-02-29'], // February of a leap year
    ['2027-11-29', '2028-02-29'],
    ['2025-11-29', '2026-02-28'],
    ['2028-02-29', '2028-05-29'], // from a leap day
    ['2026-12-31', '2027-03-31'],
    ['2099-11-30', '2100-02-28'], // 2100 is not a leap year
  ])('assigned %s → due %s', (assigned, due) => {
    expect(dueDate(assigned)).toBe(due);
  });
});

describe('latestExtension: at most six months from assignment', () => {
  it.each([
    ['2026-03-15', '2026-09-15'],
    ['2026-03-31', '2026-09-30'],
    ['2026-08-31', '2027-02-28'],
    ['2027-08-31', '2028-02-29'],
    ['2026-12-31', '2027-06-30'],
  ])('assigned %s → latest %s', (assigned, latest) => {
    expect(latestExtension(assigned)).toBe(latest);
  });
});

const open = (assignedOn: string, extra: Partial<Deadline> = {}): Deadline =>
  ({ assignedOn, dueOn: dueDate(assignedOn), extendedTo: null, answeredOn: null, ...extra });

describe('checkExtension', () => {
  const s = open('2026-01-31'); // due 2026-04-30, at most 2026-07-31
  it.each<[string, string, string, boolean, string?]>([
    ['2026-07-31', '2026-04-20', '2026-05-01', true], // exactly six months
    ['2026-08-01', '2026-04-20', '2026-05-01', false, 'extendedTo'], // six months and a day
    ['2026-05-15', '2026-04-30', '2026-05-01', true], // approved on the due date itself
    ['2026-05-15', '2026-05-01', '2026-05-01', false, 'approvedOn'], // approved after the deadline had passed
    ['2026-04-30', '2026-04-20', '2026-05-01', false, 'extendedTo'], // no later than the original: not an extension
    ['2026-05-01', '2026-04-20', '2026-05-01', true], // one day later is one
    ['2026-05-15', '2026-01-30', '2026-05-01', false, 'approvedOn'], // before assignment
    ['2026-05-15', '2026-04-20', '2026-04-19', false, 'approvedOn'], // in the future
    ['2026-02-30', '2026-04-20', '2026-05-01', false, 'extendedTo'], // not a date
    ['2026-05-15', '', '2026-05-01', false, 'approvedOn'],
  ])('extend to %s, approved %s, today %s → %s', (extendedTo, approvedOn, today, ok, field) => {
    const r = checkExtension(s, { extendedTo, approvedOn }, today);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it('only once, and not after the answer', () => {
    expect(checkExtension(open('2026-01-31', { extendedTo: '2026-06-30' }), { extendedTo: '2026-07-31', approvedOn: '2026-04-01' }, '2026-05-01'))
      .toMatchObject({ ok: false, error: '该建议已经延期过一次，不能再次延期' });
    expect(checkExtension(open('2026-01-31', { answeredOn: '2026-03-01' }), { extendedTo: '2026-07-31', approvedOn: '2026-02-01' }, '2026-05-01'))
      .toMatchObject({ ok: false, field: '_form' });
  });

  it('in a leap year the six-month limit from 31 August is 29 February', () => {
    const leap = open('2027-08-31');
    expect(checkExtension(leap, { extendedTo: '2028-02-29', approvedOn: '2027-11-01' }, '2027-12-01').ok).toBe(true);
    expect(checkExtension(leap, { extendedTo: '2028-03-01', approvedOn: '2027-11-01' }, '2027-12-01').ok).toBe(false);
  });
});

describe('overdue and on time: the due date itself is on time', () => {
  it.each<[Partial<Deadline>, string, boolean]>([
    [{}, '2026-04-30', false],
    [{}, '2026-05-01', true],
    [{ extendedTo: '2026-07-31' }, '2026-05-01', false],
    [{ extendedTo: '2026-07-31' }, '2026-08-01', true],
    [{ answeredOn: '2026-06-01' }, '2026-08-01', false], // answered (late) is no longer overdue
  ])('%j on %s → overdue %s', (extra, today, overdue) => {
    expect(isOverdue(open('2026-01-31', extra), today)).toBe(overdue);
  });

  it.each<[Partial<Deadline>, boolean | null]>([
    [{ answeredOn: '2026-04-30' }, true],
    [{ answeredOn: '2026-05-01' }, false],
    [{ answeredOn: '2026-07-31', extendedTo: '2026-07-31' }, true],
    [{ answeredOn: '2026-08-01', extendedTo: '2026-07-31' }, false],
    [{}, null],
  ])('%j → on time %s', (extra, onTime) => {
    expect(answeredOnTime(open('2026-01-31', extra))).toBe(onTime);
  });

  it('effective due follows the extension', () => {
    expect(effectiveDue(open('2026-01-31'))).toBe('2026-04-30');
    expect(effectiveDue(open('2026-01-31', { extendedTo: '2026-06-01' }))).toBe('2026-06-01');
  });
});

describe('answer and assignment dates', () => {
  const s = open('2026-01-31');
  it.each<[string, string, boolean, string?]>([
    ['2026-01-31', '2026-02-01', true], // the same day as assignment
    ['2026-01-30', '2026-02-01', false, 'answeredOn'],
    ['2026-02-02', '2026-02-01', false, 'answeredOn'], // tomorrow
    ['2026-06-01', '2026-06-01', true], // late, but recorded
    ['昨天', '2026-06-01', false, 'answeredOn'],
  ])('answered %s, today %s → %s', (answeredOn, today, ok, field) => {
    const r = checkAnswerDate(s, answeredOn, today);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it('a second answer is refused', () => {
    expect(checkAnswerDate(open('2026-01-31', { answeredOn: '2026-02-01' }), '2026-02-02', '2026-03-01').ok).toBe(false);
  });

  it.each<[string, boolean]>([['2026-03-01', true], ['2026-02-28', false], ['2026-03-02', true], ['2026-03-03', false]])(
    'assigned %s (handed 2026-03-01, today 2026-03-02) → %s', (assignedOn, ok) => {
      expect(checkAssignmentDate(assignedOn, '2026-03-01', '2026-03-02').ok).toBe(ok);
    },
  );
});

describe('chinaDate helpers', () => {
  it.each([['2026-02-29', false], ['2028-02-29', true], ['2026-13-01', false], ['2026-1-01', false], ['2026-04-31', false]])(
    '%s is a date → %s', (s, ok) => expect(isChinaDate(s)).toBe(ok),
  );
  it('adds days and months across boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-31', '2026-04-30')).toBe(89);
  });
});
