import { describe, expect, it } from 'vitest';
import { checkAmendmentKind, checkDecision, decidingBodies, haltOf } from '../../src/domain/amendment';
import { assessProject, type Plan } from '../../src/domain/schedule';
import { achievedPct, checkSoftTarget, formatUnits, plannedUnits, reportedWholePct } from '../../src/domain/softTarget';

const T = { unit: '万人次', quantity: 2.65 };
const H = { unit: '户', quantity: 200 };

describe('soft targets: units as a share of the target', () => {
  it.each([
    [0, H, 0], [100, H, 50], [200, H, 100], [199, H, 99.5], [250, H, 125],
    [1.325, T, 50], [0.1325, T, 5], [2.65, T, 100], [2.64, T, 99.62],
  ])('%s of %o is %s %%', (achieved, target, pct) => {
    expect(achievedPct(achieved, target)).toBe(pct);
  });
  it.each([[199, 99], [200, 100], [250, 100], [0, 0], [1, 0]])('stores %s 户 as a whole %s %% (never rounded up to complete)', (a, pct) => {
    expect(reportedWholePct(a, H)).toBe(pct);
  });
  it('plans units by milestone %', () => {
    expect(plannedUnits(50, T)).toBe(1.325);
    expect(plannedUnits(30, H)).toBe(60);
    expect(formatUnits(plannedUnits(50, T), T.unit)).toBe('1.325 万人次');
  });
  it.each([['户', 200, null], ['', 200, 'unit'], ['户', 0, 'qty'], ['户', -1, 'qty'], ['十一个字的计量单位呀呀', 5, 'unit']])('target %s %s', (u, q, bad) => {
    const r = checkSoftTarget(u, q);
    if (bad === null) expect(r).toBeNull();
    else expect(r).toContain(bad === 'unit' ? '计量单位' : '目标数量');
  });
});

// 200 户 from January to October; 50 % (100 户) planned by the end of May; tolerance 10 % of the target = 20 户.
const plan: Plan = { budget: 300_000, startDate: '2026-01-01', endDate: '2026-10-31', milestones: [{ title: '完成一半入户', dueDate: '2026-05-31', plannedPct: 50, plannedSpend: 150_000 }] };
function colourWith(achieved: number, extra: Partial<Parameters<typeof assessProject>[0]> = {}) {
  return assessProject({
    plan, cycleYear: 2026, today: '2026-06-15', dueDay: 10, tolerancePct: 10, seriousLagPct: 25, accepted: false, overdueRectification: false,
    reports: [{ month: '2026-05', pct: achievedPct(achieved, H), filedOn: '2026-06-05', milestones: [{ title: '完成一半入户', dueDate: '2026-05-31', state: 'done' }] }],
    ...extra,
  });
}

describe('soft projects take the same colours, the tolerance a share of the target', () => {
  it.each([
    [100, 'green'], [101, 'green'], [99, 'yellow'], [80, 'yellow'], // lag exactly 20 户 = the tolerance: still yellow
    [79, 'orange'], [50, 'orange'], [49, 'red'],
  ])('%s 户 of 100 planned by May → %s', (achieved, colour) => {
    expect(colourWith(achieved).colour).toBe(colour);
  });
});

describe('a halted project', () => {
  const late = (halted?: { state: 'suspended' | 'terminated'; since: string; reason: string }, today = '2027-02-15') => assessProject({
    plan, cycleYear: 2026, today, dueDay: 10, tolerancePct: 10, seriousLagPct: 25, accepted: false, overdueRectification: false, halted,
    reports: [{ month: '2026-10', pct: 80, filedOn: '2026-11-05', milestones: [] }],
  });
  it('unfinished past its end date escalates while running', () => {
    expect(late().colour).toBe('red');
    expect(late().overrunMonths).toBeGreaterThan(1);
  });
  it('terminated: stops escalating, judged as of the decision, owes no later report', () => {
    const a = late({ state: 'terminated', since: '2026-11-20', reason: '政策调整' });
    expect(a.overrunMonths).toBe(0);
    expect(a.reasons).not.toContain('overrun');
    expect(a.halted?.state).toBe('terminated');
    expect(a.standings.map((s) => s.month).at(-1)).toBe('2026-10');
  });
  it('halted on the day itself is judged as of today', () => {
    expect(late({ state: 'suspended', since: '2027-02-15', reason: 'x' }).halted?.state).toBe('suspended');
  });
});

describe('who decides an amendment', () => {
  const mid = { kind: 'midYear' as const, date: '2026-07-01' };
  it.each([
    ['township', false, ['congress']], ['township', true, ['congress', 'presidium']], ['subdistrict', true, ['subdistrictMeeting']],
  ] as const)('%s, presidium allowed %s → %o', (kind, p, bodies) => {
    expect(decidingBodies(kind, p)).toEqual(bodies);
  });
  it.each([
    ['congress at a mid-year session', 'township', false, { body: 'congress', session: mid, agendaItem: '关于调整的决定', decidedOn: '2026-07-01' }, null],
    ['congress at an extraordinary session', 'township', false, { body: 'congress', session: { kind: 'extraordinary', date: '2026-09-09' }, agendaItem: 'x', decidedOn: '2026-09-09' }, null],
    ['congress at the start-of-year session', 'township', false, { body: 'congress', session: { kind: 'startOfYear', date: '2026-01-10' }, agendaItem: 'x', decidedOn: '2026-01-10' }, 'sessionId'],
    ['congress without a session', 'township', false, { body: 'congress', session: null, agendaItem: 'x', decidedOn: '2026-07-01' }, 'sessionId'],
    ['congress on another day', 'township', false, { body: 'congress', session: mid, agendaItem: 'x', decidedOn: '2026-07-02' }, 'decidedOn'],
    ['presidium not allowed', 'township', false, { body: 'presidium', session: null, agendaItem: 'x', decidedOn: '2026-07-02' }, 'body'],
    ['presidium allowed', 'township', true, { body: 'presidium', session: null, agendaItem: 'x', decidedOn: '2026-07-02' }, null],
    ['no agenda item', 'township', true, { body: 'presidium', session: null, agendaItem: ' ', decidedOn: '2026-07-02' }, 'agendaItem'],
    ['subdistrict meeting', 'subdistrict', false, { body: 'subdistrictMeeting', session: null, agendaItem: 'x', decidedOn: '2026-07-02' }, null],
    ['subdistrict by congress', 'subdistrict', false, { body: 'congress', session: mid, agendaItem: 'x', decidedOn: '2026-07-01' }, 'body'],
  ] as const)('%s', (_n, kind, p, d, field) => {
    const r = checkDecision(kind, p, d);
    if (field === null) expect(r.ok).toBe(true);
    else expect(!r.ok && r.field).toBe(field);
  });
  it('halts follow decided amendments in order; nothing follows a termination', () => {
    expect(haltOf([{ kind: 'suspend', decidedOn: '2026-05-01', reason: 'a' }])?.state).toBe('suspended');
    expect(haltOf([{ kind: 'suspend', decidedOn: '2026-05-01', reason: 'a' }, { kind: 'resume', decidedOn: '2026-06-01', reason: 'b' }])).toBeUndefined();
    expect(haltOf([{ kind: 'adjust', decidedOn: '2026-05-01', reason: 'a' }, { kind: 'terminate', decidedOn: '2026-06-01', reason: '政策调整' }])).toEqual({ state: 'terminated', since: '2026-06-01', reason: '政策调整' });
    expect(checkAmendmentKind({ state: 'terminated', since: 'x', reason: '' }, 'adjust').ok).toBe(false);
    expect(checkAmendmentKind(undefined, 'resume').ok).toBe(false);
    expect(checkAmendmentKind({ state: 'suspended', since: 'x', reason: '' }, 'resume').ok).toBe(true);
    expect(checkAmendmentKind({ state: 'suspended', since: 'x', reason: '' }, 'suspend').ok).toBe(false);
    expect(checkAmendmentKind(undefined, 'terminate').ok).toBe(true);
  });
});
