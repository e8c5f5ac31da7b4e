import { describe, expect, it } from 'vitest';
import { colourTask, followUpDue, isFollowUpOverdue } from '../../src/domain/deliveryTasks';
import { checkFiling } from '../../src/domain/progressReport';
import {
  assessProject, overrunMonths, plannedAt, reportingMonths, statusVerdict, type Plan,
} from '../../src/domain/schedule';

/** The rules that must hold over a whole delivery year: same-day milestones, rounding, overruns, carry-over, tasks. */

const sameDay: Plan = {
  budget: 1_000_000, startDate: '2026-03-01', endDate: '2026-10-31',
  milestones: [
    { title: '设计完成', dueDate: '2026-04-30', plannedPct: 20, plannedSpend: 100_000 },
    { title: '主体完工', dueDate: '2026-09-30', plannedPct: 70, plannedSpend: 600_000 },
    { title: '竣工验收', dueDate: '2026-09-30', plannedPct: 100, plannedSpend: 1_000_000 }, // the same day
  ],
};

describe('planned % with two milestones due the same day: the last of the day counts', () => {
  it.each<[string, string, number]>([
    ['the day before', '2026-09-29', 20 + 80 * (152 / 153)], // towards the day's last milestone (100), not 70
    ['the day itself', '2026-09-30', 100],
    ['after it', '2026-10-15', 100],
    ['the end date', '2026-10-31', 100],
    ['the first milestone', '2026-04-30', 20],
  ])('%s (%s) → %d', (_n, date, pct) => {
    expect(plannedAt(sameDay, date).pct).toBeCloseTo(pct, 9);
  });

  it('the milestones listed in either order give the same plan', () => {
    const reversed = { ...sameDay, milestones: [...sameDay.milestones].reverse() };
    for (const d of ['2026-09-29', '2026-09-30', '2026-10-01']) expect(plannedAt(reversed, d)).toEqual(plannedAt(sameDay, d));
  });

  it('a last milestone below 100 on the end date: the plan is 100 at the end date', () => {
    const short: Plan = { ...sameDay, milestones: [{ title: '主体完工', dueDate: '2026-10-31', plannedPct: 90, plannedSpend: 900_000 }] };
    expect(plannedAt(short, '2026-10-31').pct).toBe(100);
    expect(plannedAt(short, '2026-10-31').spend).toBe(1_000_000);
  });

  it('an anchor and a milestone both on the start date: the plan starts at the later figure', () => {
    const p: Plan = { ...sameDay, milestones: [
      { title: '上年度结转', dueDate: '2026-03-01', plannedPct: 40, plannedSpend: 400_000 },
      { title: '复工', dueDate: '2026-03-01', plannedPct: 45, plannedSpend: 450_000 },
    ] };
    expect(plannedAt(p, '2026-03-01').pct).toBe(45);
  });
});

describe('planned % is a whole number, as reports are', () => {
  // Judged at 31 January: 30 of the 89 days to the first milestone (31 March).
  const plan = (marchPct: number): Plan => ({
    budget: 100, startDate: '2026-01-01', endDate: '2026-12-31',
    milestones: [{ title: '设计完成', dueDate: '2026-03-31', plannedPct: marchPct, plannedSpend: 10 }],
  });
  it.each<[number, number, number, string]>([
    [13, 4, 4, 'green'], // 13 × 30/89 = 4.38 → 4: "实际 4%，计划 4%" is on plan, not yellow
    [14, 4, 5, 'yellow'], // 4.72 → 5: one point behind
    [14, 5, 5, 'green'],
    [0.15 * 89, 4, 5, 'yellow'], // 13.35 × 30/89 = 4.5 exactly: rounds up, as a half does
  ])('March milestone at %d%%, January reported %i%% → plan %i%%, %s', (marchPct, reported, planned, colour) => {
    const a = assessProject({
      plan: plan(marchPct), cycleYear: 2026, reports: [{ month: '2026-01', pct: reported, filedOn: '2026-02-05', milestones: [] }],
      today: '2026-02-05', dueDay: 10, tolerancePct: 10, seriousLagPct: 25, accepted: false, overdueRectification: false,
    });
    expect(a.plannedPct).toBe(planned);
    expect(a.colour).toBe(colour);
  });
});

describe('a project past its end date, unfinished, escalates month by month', () => {
  it.each<[string, string, boolean, number]>([
    ['2026-10-15', '2026-10-15', false, 0], // the end date itself: on time
    ['2026-10-15', '2026-10-16', false, 1],
    ['2026-10-15', '2026-11-15', false, 1], // a month after: still the first month
    ['2026-10-15', '2026-11-16', false, 2],
    ['2026-10-15', '2026-12-16', false, 3],
    ['2026-10-15', '2027-03-01', false, 5],
    ['2026-01-31', '2026-02-28', false, 1], // a month after 31 Jan ends on 28 Feb
    ['2026-01-31', '2026-03-01', false, 2],
    ['2026-10-15', '2026-12-16', true, 0], // finished: no overrun
  ])('end %s, today %s, finished %s → month %i', (end, today, finished, n) => {
    expect(overrunMonths(end, today, finished)).toBe(n);
  });

  const plan: Plan = { budget: 100, startDate: '2026-03-01', endDate: '2026-10-31', milestones: [] };
  const common = { plan, cycleYear: 2026, dueDay: 10, tolerancePct: 10, seriousLagPct: 25, accepted: false, overdueRectification: false };
  const oct95 = { month: '2026-10', pct: 95, filedOn: '2026-11-05', milestones: [] };

  it.each<[string, string, number, string[]]>([
    ['2026-10-31', 'yellow', 0, ['lag']], // 95 of 100 on the end date: behind within the tolerance
    ['2026-11-01', 'orange', 1, ['overrun']],
    ['2026-11-30', 'orange', 1, ['overrun']],
    ['2026-12-01', 'red', 2, ['overrun']],
    ['2027-01-20', 'red', 3, ['overrun']], // the year is over: still red, until finished or adjusted
  ])('95%% done, judged on %s → %s (month %i)', (today, colour, n, reasons) => {
    const a = assessProject({ ...common, reports: [oct95], today });
    expect(a.colour).toBe(colour);
    expect(a.overrunMonths).toBe(n);
    expect(a.reasons).toEqual(reasons);
  });

  it('the unit keeps reporting after the end date: November is due, and a 100% report ends the overrun', () => {
    const open = assessProject({ ...common, reports: [oct95], today: '2026-12-11' });
    expect(open.months.at(-1)).toBe('2026-12');
    expect(open.standings.find((s) => s.month === '2026-11')?.standing).toBe('overdue');
    const done = assessProject({ ...common, reports: [oct95, { month: '2026-11', pct: 100, filedOn: '2026-12-02', milestones: [] }], today: '2026-12-11' });
    expect(done.overrunMonths).toBe(0);
    expect(done.reportedPct).toBe(100);
    expect(done.colour).toBe('green');
    expect(done.months.at(-1)).toBe('2026-11'); // the filed month stays; no more months are asked for
    expect(assessProject({ ...common, reports: [oct95], today: '2026-12-11', completed: true }).overrunMonths).toBe(0);
    expect(assessProject({ ...common, reports: [oct95], today: '2026-12-11', accepted: true }).colour).toBe('blue');
  });

  it('an adjusted plan with a later end date ends the escalation', () => {
    const adjusted = { ...common, plan: { ...plan, endDate: '2026-12-31' } };
    const a = assessProject({ ...adjusted, reports: [oct95], today: '2026-12-01' });
    expect(a.overrunMonths).toBe(0);
    expect(a.colour).not.toBe('red');
  });

  it.each<[string, boolean, string[], string]>([
    ['2026-10-20', false, [], '2026-10'], // before the end: the plan's months
    ['2026-12-05', false, [], '2026-12'], // after it, unfinished: through the current month
    ['2026-12-05', true, [], '2026-10'], // finished: the plan's months
    ['2026-12-05', true, ['2026-11'], '2026-11'], // and the months reported after the end
    ['2027-02-05', false, [], '2026-12'], // never beyond the cycle's year
  ])('reporting months on %s (finished %s, filed %j) end with %s', (today, finished, filed, last) => {
    expect(reportingMonths(plan, 2026, today, finished, filed).at(-1)).toBe(last);
  });

  it.each<[string, string, string | null]>([
    ['2026-11', '2026-12-05', null], // a month after the end date may be filed
    ['2026-12', '2026-12-05', null], // the current month, early
    ['2027-01', '2026-12-05', '2027-01 不在本项目本年度的实施期内'],
    ['2026-12', '2026-11-20', '2026-12 还没有到，不能提前报送'],
  ])('filing %s on %s → %s', (month, today, error) => {
    expect(checkFiling(month, plan, { year: 2026, phase: 'delivery' }, today)).toBe(error);
  });
});

describe('a carried-over project starts from its carried progress', () => {
  // The 2027 part of a project that stood at 68% (plan 70%) on 31 December 2026.
  const plan: Plan = {
    budget: 2_400_000, startDate: '2027-01-01', endDate: '2027-06-30',
    milestones: [
      { title: '上年度结转', dueDate: '2027-01-01', plannedPct: 70, plannedSpend: 1_500_000 },
      { title: '通水验收', dueDate: '2027-06-30', plannedPct: 100, plannedSpend: 2_400_000 },
    ],
  };
  const common = { plan, cycleYear: 2027, dueDay: 10, tolerancePct: 10, seriousLagPct: 25, accepted: false, overdueRectification: false, reports: [] };
  it.each<[string, number | undefined, number, string]>([
    ['2027-01-05', 68, 68, 'green'], // before January's report is due: where it was carried
    ['2027-02-10', 68, 68, 'green'], // January's report still on time
    ['2027-02-11', 68, 68, 'yellow'], // January missing: no progress since the carried 68%, not 0%
    ['2027-02-11', undefined, 0, 'red'], // (without the carried figure the same gap would read 0%)
  ])('on %s, carried %s → reported %i, %s', (today, carriedPct, reported, colour) => {
    const a = assessProject({ ...common, today, carriedPct });
    expect(a.reportedPct).toBe(reported);
    expect(a.colour).toBe(colour);
  });
  it('a carried project at 100% is finished: no overrun after its end date', () => {
    expect(assessProject({ ...common, today: '2027-09-01', carriedPct: 100 }).overrunMonths).toBe(0);
  });
});

describe('the task a colour puts on the unit says why', () => {
  const verdict = (p: Partial<Parameters<typeof statusVerdict>[0]>) =>
    statusVerdict({ accepted: false, lag: 0, tolerancePct: 10, seriousLagPct: 25, overdueRectification: false, ...p });
  it.each<[string, Partial<Parameters<typeof statusVerdict>[0]>, string | null, string[]]>([
    ['green', {}, null, []],
    ['yellow', { lag: 5 }, null, []],
    ['orange by lag', { lag: 20 }, null, []],
    ['red only for an overdue rectification', { overdueRectification: true }, '亮红灯', ['整改要求已逾期'] ],
    ['red for a serious lag', { lag: 30 }, '亮红灯', ['进度严重滞后，请报送赶工措施']],
    ['red for both', { lag: 30, overdueRectification: true }, '亮红灯', ['赶工措施', '整改要求已逾期']],
    ['orange for the first month past the end', { overrunMonths: 1 }, '亮橙灯', ['超过计划完成日期（2026-10-31）1 个月']],
    ['red for the second month past the end', { overrunMonths: 2 }, '亮红灯', ['超过计划完成日期（2026-10-31）2 个月']],
    ['accepted', { accepted: true, overdueRectification: true }, null, []],
  ])('%s', (_n, p, light, parts) => {
    const v = verdict(p);
    const text = colourTask('青石村道路硬化', { ...v, overrunMonths: p.overrunMonths ?? 0 }, '2026-10-31');
    if (light === null) { expect(text).toBeNull(); return; }
    expect(text).toContain(`“青石村道路硬化”${light}`);
    for (const part of parts) expect(text).toContain(part);
    if (!parts.some((x) => x.includes('赶工'))) expect(text).not.toContain('赶工措施');
    if (!p.overdueRectification) expect(text).not.toContain('整改');
  });
});

describe('测评整改 follow-up: a deadline that turns overdue', () => {
  const recorded = new Date('2026-12-20T02:00:00Z'); // 20 December in China
  it.each<[string | null, string, 'open' | 'done', string, boolean]>([
    [null, '2027-03-20', 'open', '2027-03-20', false], // the default: 90 days after the evaluation, the day itself on time
    [null, '2027-03-21', 'open', '2027-03-20', true],
    ['2027-01-31', '2027-01-31', 'open', '2027-01-31', false], // the clerk's deadline wins
    ['2027-01-31', '2027-02-01', 'open', '2027-01-31', true],
    ['2027-01-31', '2027-02-01', 'done', '2027-01-31', false], // done is never overdue
  ])('deadline %s, today %s, %s → due %s, overdue %s', (deadline, today, state, due, overdue) => {
    const f = { deadline, createdAt: recorded, state };
    expect(followUpDue(f, 90)).toBe(due);
    expect(isFollowUpOverdue(f, 90, today)).toBe(overdue);
  });
});
