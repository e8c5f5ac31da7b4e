import { describe, expect, it } from 'vitest';
import type { Phase } from '../../src/domain/vocabulary';
import {
  checkApprove, checkListEditable, checkUnlock, isCrossYear, moveInOrder, seatsWarning, validateSchedule, yearsSpanned, beneficiariesOf, monthsSpanned,
  type MilestoneInput, type ScheduleInput,
} from '../../src/domain/candidateList';

describe('checkListEditable', () => {
  it.each<[Phase, boolean, boolean]>([
    ['collection', false, false],
    ['screening', false, true], // built while the last items are screened
    ['candidates', false, true],
    ['candidates', true, false], // approved and locked
    ['voting', false, false],
    ['closed', false, false],
  ])('%s, locked %s → %s', (phase, locked, ok) => {
    expect(checkListEditable(phase, locked).ok).toBe(ok);
  });
});

describe('checkApprove: the presidium approves a complete list', () => {
  it.each<[Phase, boolean, number, number | null, boolean, string?]>([
    ['candidates', false, 5, 3, true],
    ['candidates', false, 3, 3, true], // 等额 is allowed (warned, not blocked)
    ['candidates', false, 2, 3, false, '多于候选项目数'],
    ['candidates', false, 0, null, false, '还没有候选项目'],
    ['candidates', false, 4, null, false, '应选项目数'],
    ['candidates', true, 5, 3, false, '已经审定'],
    ['screening', false, 5, 3, false, '确定候选项目'],
    ['voting', false, 5, 3, false, '确定候选项目'],
  ])('%s, locked %s, %i candidates, N=%j → %s', (phase, locked, count, seatsToFill, ok, msg) => {
    const r = checkApprove({ phase, locked, count, seatsToFill });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error).toContain(msg);
  });
});

describe('checkUnlock: only with a reason, only before the vote', () => {
  it.each<[Phase, boolean, string, boolean, string?]>([
    ['candidates', true, '主席团决定增加一个候选项目', true],
    ['candidates', true, '', false, 'reason'],
    ['candidates', true, '  ', false, 'reason'],
    ['candidates', false, '原因', false, '_form'],
    ['voting', true, '原因', false, '_form'],
  ])('%s, locked %s, reason %j → %s', (phase, locked, reason, ok, field) => {
    const r = checkUnlock({ phase, locked, reason });
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.field).toBe(field);
  });
});

describe('seatsWarning: 差额 means more candidates than N', () => {
  it.each<[number, number | null, boolean]>([
    [5, 3, false],
    [4, 3, false], // one more than N is 差额
    [3, 3, true], // equal: not 差额
    [2, 3, true],
    [0, 1, true],
    [5, null, true], // N not set yet
  ])('%i candidates, N=%j → warn %s', (count, n, warn) => {
    expect(seatsWarning(count, n) !== null).toBe(warn);
  });
  it('says why', () => {
    expect(seatsWarning(3, 3)).toContain('不是差额票决');
  });
});

describe('yearsSpanned / isCrossYear', () => {
  it.each<[string, string, number[], boolean]>([
    ['2027-03-01', '2027-12-31', [2027], false],
    ['2027-12-31', '2028-01-01', [2027, 2028], true], // one day across New Year is cross-year
    ['2027-06-01', '2029-06-30', [2027, 2028, 2029], true],
  ])('%s – %s → %j', (start, end, years, cross) => {
    expect(yearsSpanned(start, end)).toEqual(years);
    expect(isCrossYear(start, end)).toBe(cross);
  });
});

describe('validateSchedule: milestones are cumulative and cover every year', () => {
  const m = (dueDate: string, plannedPct: number, plannedSpend = 0, title = '节点'): MilestoneInput => ({ title, dueDate, plannedPct, plannedSpend });
  const s = (x: Partial<ScheduleInput>): ScheduleInput => ({ cycleYear: 2027, budget: 1_000_000, startDate: '2027-03-01', endDate: '2027-11-30', milestones: [], ...x });
  it.each<[string, ScheduleInput, string[]]>([
    ['single year without milestones', s({}), []],
    ['single year with rising milestones', s({ milestones: [m('2027-06-30', 40, 300_000), m('2027-11-30', 100, 1_000_000)] }), []],
    ['end before start', s({ endDate: '2027-02-28' }), ['endDate']],
    ['start in another year than the cycle (and so cross-year too)', s({ startDate: '2026-12-01' }), ['startDate', 'milestones']],
    ['milestone before the start', s({ milestones: [m('2027-02-01', 10)] }), ['m0_due']],
    ['milestone after the end', s({ milestones: [m('2027-12-01', 100)] }), ['m0_due']],
    ['milestone on the end date', s({ milestones: [m('2027-11-30', 100)] }), []],
    ['percent going down by date (listed out of order)', s({ milestones: [m('2027-11-30', 100), m('2027-06-30', 40), m('2027-09-30', 30)] }), ['m2_pct']],
    ['equal percent is fine', s({ milestones: [m('2027-06-30', 50), m('2027-09-30', 50)] }), []],
    ['spend above budget', s({ milestones: [m('2027-06-30', 50, 1_000_001)] }), ['m0_spend']],
    ['spend equal to budget', s({ milestones: [m('2027-06-30', 50, 1_000_000)] }), []],
    ['spend going down', s({ milestones: [m('2027-06-30', 40, 500_000), m('2027-09-30', 60, 400_000)] }), ['m1_spend']],
    ['cross-year without milestones', s({ endDate: '2028-06-30' }), ['milestones']],
    ['cross-year with only this year', s({ endDate: '2028-06-30', milestones: [m('2027-12-31', 60)] }), ['milestones']],
    ['cross-year with each year', s({ endDate: '2028-06-30', milestones: [m('2027-12-31', 60), m('2028-06-30', 100)] }), []],
    ['three years, the middle missing', s({ endDate: '2029-03-31', milestones: [m('2027-12-31', 30), m('2029-03-31', 100)] }), ['milestones']],
  ])('%s → errors on %j', (_name, input, fields) => {
    expect(Object.keys(validateSchedule(input)).sort()).toEqual([...fields].sort());
  });
  it('names the missing years', () => {
    expect(validateSchedule(s({ endDate: '2029-03-31', milestones: [m('2027-12-31', 30)] })).milestones).toContain('2028、2029 年还没有里程碑');
  });
});

describe('moveInOrder', () => {
  it.each<[number[], number, 'up' | 'down', number[]]>([
    [[1, 2, 3], 2, 'up', [2, 1, 3]],
    [[1, 2, 3], 2, 'down', [1, 3, 2]],
    [[1, 2, 3], 1, 'up', [1, 2, 3]], // already first
    [[1, 2, 3], 3, 'down', [1, 2, 3]], // already last
    [[1, 2, 3], 9, 'up', [1, 2, 3]],
  ])('%j move %i %s → %j', (ids, id, dir, expected) => {
    expect(moveInOrder(ids, id, dir)).toEqual(expected);
  });
});

describe('monthsSpanned: calendar months a schedule touches, for the comparison table', () => {
  it.each<[string, string, number | null]>([
    ['2027-03-01', '2027-10-31', 8],
    ['2027-03-15', '2027-03-15', 1], // one day is one month
    ['2027-11-01', '2028-02-28', 4], // across the year end
    ['2027-01-01', '2027-12-31', 12],
    ['2027-05-01', '2027-04-30', null], // ends before it starts
    ['', '2027-04-30', null],
  ])('%s → %s: %s', (a, b, n) => expect(monthsSpanned(a, b)).toBe(n));
});

describe('beneficiariesOf: who a candidate serves, from its proposals', () => {
  it.each<[string, { beneficiaries: string; beneficiaryCount: number | null }[], string, number | null]>([
    ['one proposal with a headcount', [{ beneficiaries: '东村村民', beneficiaryCount: 1200 }], '东村村民', 1200],
    ['two proposals, both counted', [{ beneficiaries: '东村村民', beneficiaryCount: 1200 }, { beneficiaries: '西村村民', beneficiaryCount: 800 }], '东村村民；西村村民', 2000],
    ['one count missing: no total', [{ beneficiaries: '东村村民', beneficiaryCount: 1200 }, { beneficiaries: '', beneficiaryCount: null }], '东村村民', null],
    ['same text twice is said once', [{ beneficiaries: '全镇学生', beneficiaryCount: 10 }, { beneficiaries: '全镇学生 ', beneficiaryCount: 5 }], '全镇学生', 15],
    ['no proposal', [], '', null],
  ])('%s', (_n, ps, text, count) => expect(beneficiariesOf(ps)).toEqual({ text, count }));
});
