import { isChinaDate } from '../../src/domain/chinaDate';
import { describe, expect, it } from 'vitest';
import {
  assessProject, isBehindSchedule, lastDayOfMonth, monthsBetween, nextReportDueDate, plannedAt, quarterOf, reportDueDate,
  reportMonths, reportStanding, scheduleLag, scheduleQuarters, statusColour, type Plan, type ReportStanding,
} from '../../src/domain/schedule';

describe('which months a project reports', () => {
  it.each<[string, string, string, string[]]>([
    ['whole year', '2026-01-01', '2026-12-31', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['starting mid-month: that month counts', '2026-03-15', '2026-05-31', ['2026-03', '2026-04', '2026-05']],
    ['starting on the last day of a month', '2026-03-31', '2026-04-01', ['2026-03', '2026-04']],
    ['one day', '2026-06-10', '2026-06-10', ['2026-06']],
    ['cross-year', '2026-11-01', '2027-02-15', ['2026-11', '2026-12', '2027-01', '2027-02']],
  ])('%s', (_n, start, end, months) => {
    expect(monthsBetween(start, end)).toEqual(months);
  });

  it.each<[string, number, string[]]>([
    ['2026-11-01..2027-02-15', 2026, ['2026-11', '2026-12']], // the rest is reported in the next cycle
    ['2026-11-01..2027-02-15', 2027, ['2027-01', '2027-02']],
    ['2026-11-01..2027-02-15', 2028, []],
  ])('cross-year %s in the %i cycle', (range, year, months) => {
    const [s, e] = range.split('..') as [string, string];
    expect(reportMonths(s, e, year)).toEqual(months);
  });
});

describe('month ends and due dates', () => {
  it.each<[string, string]>([
    ['2026-01', '2026-01-31'], ['2026-02', '2026-02-28'], ['2028-02', '2028-02-29'], // leap year
    ['2100-02', '2100-02-28'], // divisible by 100, not by 400: not leap
    ['2000-02', '2000-02-29'], ['2026-04', '2026-04-30'], ['2026-12', '2026-12-31'],
  ])('last day of %s is %s', (m, d) => {
    expect(lastDayOfMonth(m)).toBe(d);
  });

  it.each<[string, number, string]>([
    ['2026-03', 10, '2026-04-10'], ['2026-12', 10, '2027-01-10'], // December → January of the next year
    ['2026-01', 28, '2026-02-28'], ['2028-01', 28, '2028-02-28'], ['2026-09', 1, '2026-10-01'],
  ])('%s report with due day %i is due %s', (m, day, due) => {
    expect(reportDueDate(m, day)).toBe(due);
  });

  it.each<[string, string, string | undefined, ReportStanding]>([
    ['2026-03', '2026-03-30', undefined, 'notYet'],
    ['2026-03', '2026-03-31', undefined, 'open'], // the month's last day: the report may be due
    ['2026-03', '2026-04-10', undefined, 'open'], // the due day itself is on time
    ['2026-03', '2026-04-11', undefined, 'overdue'],
    ['2026-03', '2026-05-20', '2026-04-10', 'onTime'],
    ['2026-03', '2026-05-20', '2026-04-11', 'late'],
    ['2026-03', '2026-03-20', '2026-03-20', 'onTime'], // filed early
    ['2026-12', '2027-01-10', undefined, 'open'],
    ['2026-12', '2027-01-11', undefined, 'overdue'],
    ['2028-02', '2028-02-28', undefined, 'notYet'], // leap year: February has a 29th
    ['2028-02', '2028-02-29', undefined, 'open'],
    ['2027-02', '2027-02-28', undefined, 'open'],
  ])('%s on %s (filed %s) → %s', (month, today, filed, standing) => {
    expect(reportStanding(month, 10, today, filed)).toBe(standing);
  });

  it.each<[string, string]>([
    ['2026-03-09', '2026-03-10'], ['2026-03-10', '2026-03-10'], ['2026-03-11', '2026-04-10'], ['2026-12-31', '2027-01-10'],
  ])('on %s the next report due date is %s', (today, due) => {
    expect(nextReportDueDate(today, 10)).toBe(due);
  });

  it.each([['2026-02-29', false], ['2028-02-29', true], ['2026-13-01', false], ['2026-1-01', false], ['2026-04-31', false]])('isChinaDate(%s) = %s', (s, ok) => {
    expect(isChinaDate(s as string)).toBe(ok);
  });
});

// 2026 is not a leap year: 1 Jan → 31 Dec is 364 days.
const plan: Plan = {
  budget: 1_000_000, startDate: '2026-01-01', endDate: '2026-12-31',
  milestones: [
    { title: '设计完成', dueDate: '2026-03-31', plannedPct: 20, plannedSpend: 100_000 },
    { title: '主体完工', dueDate: '2026-09-30', plannedPct: 80, plannedSpend: 700_000 },
  ],
};

describe('planned cumulative % at a date, interpolated from milestones', () => {
  it.each<[string, number, number]>([
    ['2025-12-31', 0, 0], // before the start
    ['2026-01-01', 0, 0],
    ['2026-03-31', 20, 100_000], // on a milestone
    ['2026-06-30', 20 + 60 * (91 / 183), 100_000 + 600_000 * (91 / 183)], // between two milestones, by days
    ['2026-09-30', 80, 700_000],
    ['2026-12-31', 100, 1_000_000], // no milestone reaches 100: the end date does, with the budget
    ['2027-03-01', 100, 1_000_000], // after the end
  ])('at %s → %d%%', (date, pct, spend) => {
    const got = plannedAt(plan, date);
    expect(got.pct).toBeCloseTo(pct, 9);
    expect(got.spend).toBeCloseTo(spend, 6);
  });

  it('February in a leap year has 29 days in the interpolation', () => {
    const p: Plan = { budget: 0, startDate: '2028-02-01', endDate: '2028-03-01', milestones: [] };
    expect(plannedAt(p, '2028-02-29').pct).toBeCloseTo((28 / 29) * 100, 9);
    const q: Plan = { budget: 0, startDate: '2027-02-01', endDate: '2027-03-01', milestones: [] };
    expect(plannedAt(q, '2027-02-28').pct).toBeCloseTo((27 / 28) * 100, 9);
  });

  it('a project starting mid-month plans 0% before its start', () => {
    const p: Plan = { budget: 0, startDate: '2026-03-15', endDate: '2026-04-14', milestones: [] };
    expect(plannedAt(p, '2026-03-14').pct).toBe(0);
    expect(plannedAt(p, '2026-03-31').pct).toBeCloseTo((16 / 30) * 100, 9);
  });

  it('a milestone dated on the start date is where the plan starts (a carried-over project)', () => {
    const p: Plan = { budget: 0, startDate: '2027-01-01', endDate: '2027-03-01', milestones: [{ title: '上年度结转', dueDate: '2027-01-01', plannedPct: 40, plannedSpend: 0 }] };
    expect(plannedAt(p, '2027-01-01').pct).toBe(40);
    expect(plannedAt(p, '2027-01-30').pct).toBeCloseTo(40 + 60 * (29 / 59), 9);
  });
});

describe('behind schedule: by % or by milestone dates, more than the tolerance', () => {
  // At 30 Sep the plan says 80%.
  it.each<[string, number, number, boolean]>([
    ['on plan', 80, 0, false],
    ['ahead', 90, 0, false],
    ['behind by exactly the tolerance (10): within it', 70, 10, false],
    ['behind by 11', 69, 11, true],
  ])('%s', (_n, pct, lag, behind) => {
    const l = scheduleLag(plan, '2026-09-30', pct, [{ title: '设计完成', dueDate: '2026-03-31', state: 'done' }, { title: '主体完工', dueDate: '2026-09-30', state: 'onTrack' }]);
    expect(l.lag).toBeCloseTo(lag, 9);
    expect(isBehindSchedule(l.lag, 10)).toBe(behind);
  });

  it.each<[string, string, number]>([
    ['a late milestone slipping 37 days (10.2% of 364)', '2026-11-06', (37 * 100) / 364],
    ['slipping 36 days (9.9%): within a 10-point tolerance', '2026-11-05', (36 * 100) / 364],
  ])('%s', (_n, expected, dateLag) => {
    const l = scheduleLag(plan, '2026-06-30', 50, [{ title: '设计完成', dueDate: '2026-03-31', state: 'done' }, { title: '主体完工', dueDate: '2026-09-30', state: 'late', expectedDate: expected }]);
    expect(l.dateLag).toBeCloseTo(dateLag, 9);
    expect(l.lag).toBeCloseTo(Math.max(l.pctLag, dateLag), 9);
  });

  it('a milestone past its due date and not done slips until it is', () => {
    const l = scheduleLag(plan, '2026-05-06', 30, [{ title: '设计完成', dueDate: '2026-03-31', state: 'onTrack' }]);
    expect(l.dateLag).toBeCloseTo((36 * 100) / 364, 9);
    const done = scheduleLag(plan, '2026-05-06', 30, [{ title: '设计完成', dueDate: '2026-03-31', state: 'done' }]);
    expect(done.dateLag).toBe(0);
  });
});

describe('status colour (督办亮灯)', () => {
  const base = { accepted: false, tolerancePct: 10, seriousLagPct: 25, overdueRectification: false };
  it.each<[string, Partial<typeof base> & { lag: number }, string]>([
    ['on plan', { lag: 0 }, 'green'],
    ['ahead', { lag: 0 }, 'green'],
    ['just behind', { lag: 0.1 }, 'yellow'],
    ['exactly the tolerance: yellow', { lag: 10 }, 'yellow'],
    ['beyond the tolerance', { lag: 10.1 }, 'orange'],
    ['exactly the serious line: orange', { lag: 25 }, 'orange'],
    ['beyond the serious line', { lag: 25.1 }, 'red'],
    ['on plan but a rectification is overdue', { lag: 0, overdueRectification: true }, 'red'],
    ['completed and accepted', { lag: 0, accepted: true }, 'blue'],
    ['accepted wins over an old overdue demand', { lag: 0, accepted: true, overdueRectification: true }, 'blue'],
    ['thresholds are configurable', { lag: 6, tolerancePct: 5, seriousLagPct: 8 }, 'orange'],
    ['serious line below the tolerance: red first', { lag: 6, tolerancePct: 10, seriousLagPct: 5 }, 'red'],
  ])('%s → %s', (_n, p, colour) => {
    expect(statusColour({ ...base, ...p })).toBe(colour);
  });
});

describe('assessProject: judged at the latest month reported or overdue', () => {
  const common = { plan, cycleYear: 2026, dueDay: 10, tolerancePct: 10, seriousLagPct: 25, accepted: false, overdueRectification: false };
  const r = (month: string, pct: number, filedOn: string) => ({ month, pct, filedOn, milestones: [] });

  it('before the first report falls due: not judged, green', () => {
    const a = assessProject({ ...common, reports: [], today: '2026-02-10' });
    expect(a.asOfMonth).toBeNull();
    expect(a.colour).toBe('green');
    expect(a.standings.slice(0, 2).map((s) => s.standing)).toEqual(['open', 'notYet']);
  });

  it('an overdue report counts as no progress', () => {
    const a = assessProject({ ...common, reports: [], today: '2026-02-11' });
    expect(a.asOfMonth).toBe('2026-01');
    expect(a.reportedPct).toBe(0);
    expect(a.plannedPct).toBe(7); // 20 × 30/89 = 6.74, rounded as reports are
    expect(a.colour).toBe('yellow');
  });

  it('a filed report, late or early, is what the project is judged on', () => {
    const a = assessProject({ ...common, reports: [r('2026-01', 7, '2026-02-12'), r('2026-02', 15, '2026-02-27')], today: '2026-03-01' });
    expect(a.asOfMonth).toBe('2026-02');
    expect(a.standings.slice(0, 2).map((s) => s.standing)).toEqual(['late', 'onTime']);
    expect(a.reportedPct).toBe(15);
    expect(a.colour).toBe('green'); // plan at 28 Feb: 20 × 58/89 ≈ 13%
  });

  it('months with no report keep the last figure against a moving plan', () => {
    const a = assessProject({ ...common, reports: [r('2026-03', 20, '2026-04-08')], today: '2026-08-20' });
    expect(a.asOfMonth).toBe('2026-07');
    expect(a.reportedPct).toBe(20);
    expect(a.lag).toBeGreaterThan(25);
    expect(a.colour).toBe('red');
    expect(a.standings.filter((s) => s.standing === 'overdue').map((s) => s.month)).toEqual(['2026-01', '2026-02', '2026-04', '2026-05', '2026-06', '2026-07']);
  });
});

describe('quarters', () => {
  it.each([['2026-01-01', '2026-Q1'], ['2026-03-31', '2026-Q1'], ['2026-04-01', '2026-Q2'], ['2026-12-31', '2026-Q4']])('%s is in %s', (d, q) => {
    expect(quarterOf(d)).toBe(q);
  });
  it('a project from mid-May to November needs visits in Q2, Q3, Q4', () => {
    expect(scheduleQuarters('2026-05-15', '2026-11-30', 2026)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(scheduleQuarters('2026-11-01', '2027-05-01', 2027)).toEqual(['2027-Q1', '2027-Q2']);
  });
});
