import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { carryOver, cycle, station } from '../../db/schema';
import { deliveryTodos } from '../../src/data/deliveryReminders';
import { recordEvaluationResults } from '../../src/data/evaluation';
import { assignmentsOf } from '../../src/data/users';
import { get, post } from '../helpers/app';
import { deliveryCase, type DeliveryCase } from '../helpers/deliveryCases';
import { addCycle, addReport } from '../helpers/deliveryFixture';

/** What the unit and the clerk are asked on a date (the home page's list), as "!label @due" lines. */
function todos(c: DeliveryCase, who: 'qsUnit' | 'qsClerk', today: string) {
  const u = c.fx.users[who];
  return deliveryTodos(c.db, { id: u.id, assignments: assignmentsOf(c.db, u.id) }, today).map((t) => `${t.overdue ? '!' : ''}${t.label}${t.due ? ` @${t.due}` : ''}`);
}

const ROAD_DONE = JSON.stringify([
  { title: '完成设计和招标', dueDate: '2026-04-30', state: 'done' },
  { title: '路基完工', dueDate: '2026-07-31', state: 'done' },
  { title: '路面完工并验收', dueDate: '2026-10-31', state: 'onTrack' },
]);

describe('a carried-over project starts from where it stood', () => {
  it('the portal, the notice board and the clerk’s page show the carried % and spend; a missing January report keeps them', async () => {
    const c = await deliveryCase({ today: '2027-01-06' });
    const { db, app, fx } = c;
    addReport(db, fx.water, '2026-12', 68, 1_450_000, fx.users.qsUnit.id, '2027-01-05T02:00:00Z');
    addCycle(db, fx.qs.id, 2027, fx.users.qsClerk.id);
    db.insert(station).values({ jurisdictionId: fx.village.id, kind: 'liaison', name: '青石村人大代表联络站', address: '青石村村委会', shortCode: 'qs01-lx' }).run();
    const clerk = await c.as('qs.clerk');
    expect((await post(app, `/j/QS/cycles/2026/projects/${fx.water}/carry-over`, {}, clerk)).status).toBe(303);
    const next = db.select().from(carryOver).get()!.toProjectId;

    for (const day of ['2027-01-20', '2027-02-15']) { // before January's report is due, and after it was missed
      c.at(day);
      const page = await (await get(app, `/p/QS/2027/projects/${next}`)).text();
      expect(page, day).toContain('实际完成 68%');
      expect(page, day).toContain('1,450,000 元');
      expect(page, day).not.toContain('实际完成 0%');
      expect(page).toContain('结转时已完成 68%');
      const board = await (await get(app, '/p/QS/2027/projects/board/qs01-lx')).text();
      expect(board, day).toContain('实际完成 68%');
      const list = await (await get(app, '/p/QS/2027/projects')).text();
      expect(list, day).toContain('实际完成 68%');
    }
    const inside = await (await get(app, `/j/QS/cycles/2027/projects/${next}`, await c.as('qs.clerk'))).text();
    expect(inside).toContain('1,450,000 元');
    expect(inside).toContain('结转时已完成 68%');

    // The first report of the new year is measured against the carried figure.
    const unit = await c.as('qs.unit');
    const lower = await post(app, `/j/QS/cycles/2027/projects/${next}/reports/2027-01`, { pct: '60', spent: '1450000', m0_state: 'onTrack', m1_state: 'onTrack' }, unit);
    expect(lower.status).toBe(422);
    expect(await lower.text()).toContain('低于之前报送的 68%');
  });
});

describe('a project past its end date, unfinished', () => {
  async function overrunCase() {
    const c = await deliveryCase({ today: '2026-11-05' });
    const unit = c.fx.users.qsUnit.id;
    for (const [m, pct] of [['03', 10], ['04', 20], ['05', 35], ['06', 50], ['07', 60], ['08', 70], ['09', 85], ['10', 95]] as const) {
      addReport(c.db, c.fx.road, `2026-${m}`, pct, pct * 10_000, unit, `2026-${String(Number(m) + 1).padStart(2, '0')}-05T02:00:00Z`, { milestones: ROAD_DONE });
    }
    return c;
  }

  it('escalates month by month: orange with a task for the unit, then red; the clerk’s home lists it', async () => {
    const c = await overrunCase();
    const orange = todos(c, 'qsUnit', '2026-11-05');
    expect(orange).toContain('“青石村道路硬化”亮橙灯：已超过计划完成日期（2026-10-31）1 个月仍未完工，请尽快完工并报送进展，或按程序申请调整计划 @2026-11-10');
    expect(todos(c, 'qsClerk', '2026-11-05')).toContain('!“青石村道路硬化”超过计划完成日期（2026-10-31）1 个月仍未完工（橙灯），请督促承办单位或提请调整计划 @2026-10-31');

    const red = todos(c, 'qsUnit', '2026-12-02');
    expect(red).toContain('“青石村道路硬化”亮红灯：已超过计划完成日期（2026-10-31）2 个月仍未完工，请尽快完工并报送进展，或按程序申请调整计划 @2026-12-10');
    expect(red.filter((t) => t.includes('青石村道路硬化')).join('\n')).not.toContain('赶工措施'); // red for the overrun, not for a lag
    expect(red).toContain('报送“青石村道路硬化”2026-11 月度进展 @2026-12-10'); // November is still asked for

    c.at('2026-12-02');
    const page = await (await get(c.app, `/p/QS/2026/projects/${c.fx.road}`)).text();
    expect(page).toContain('红灯');
    const home = await (await get(c.app, '/', await c.as('qs.clerk'))).text();
    expect(home).toContain('超过计划完成日期（2026-10-31）2 个月仍未完工（红灯）');
  });

  it('the unit files November at 100%: the escalation ends', async () => {
    const c = await overrunCase();
    c.at('2026-12-02');
    const res = await post(c.app, `/j/QS/cycles/2026/projects/${c.fx.road}/reports/2026-11`, { pct: '100', spent: '1150000', m0_state: 'done', m1_state: 'done', m2_state: 'done' }, await c.as('qs.unit'));
    expect(res.status).toBe(303);
    expect(todos(c, 'qsUnit', '2026-12-02').join('\n')).not.toContain('超过计划完成日期');
    expect(todos(c, 'qsClerk', '2026-12-02').join('\n')).not.toContain('超过计划完成日期');
  });
});

describe('the evaluation follow-up is a task with a deadline', () => {
  it('the unit and the clerk see it; it turns overdue after the deadline, also once the year is closed', async () => {
    const c = await deliveryCase({ today: '2026-12-20' });
    const { db, fx } = c;
    recordEvaluationResults(db, { id: fx.users.qsClerk.id, name: '测试' }, fx.cycle, null,
      [{ projectId: fx.road, counts: { satisfied: 10, basic: 5, dissatisfied: 15 } }], 60, c.now());
    // default period: 90 days after 20 December
    expect(todos(c, 'qsUnit', '2027-03-20')).toContain('落实“青石村道路硬化”满意度测评整改（2026 年度） @2027-03-20');
    expect(todos(c, 'qsClerk', '2027-03-20')).toContain('跟踪“青石村道路硬化”满意度测评整改（2026 年度） @2027-03-20');
    db.update(cycle).set({ phase: 'closed' }).where(eq(cycle.id, fx.cycle.id)).run();
    expect(todos(c, 'qsUnit', '2027-03-21')).toContain('!落实“青石村道路硬化”满意度测评整改（2026 年度） @2027-03-20');
    expect(todos(c, 'qsClerk', '2027-03-21')).toContain('!跟踪“青石村道路硬化”满意度测评整改（2026 年度）：已逾期 @2027-03-20');

    // The clerk sets an earlier deadline, then marks it done: the task goes.
    c.at('2027-03-21');
    const clerk = await c.as('qs.clerk');
    const page = await (await get(c.app, `/j/QS/cycles/2026/projects/${fx.road}`, clerk)).text();
    expect(page).toContain('2027-03-20（默认期限）');
    expect(page).toContain('已逾期');
    expect((await post(c.app, `/j/QS/cycles/2026/projects/${fx.road}/follow-up`, { measures: '增设照明', deadline: '2027-04-30', state: 'open', outcome: '' }, clerk)).status).toBe(303);
    expect(todos(c, 'qsUnit', '2027-03-21')).toContain('落实“青石村道路硬化”满意度测评整改（2026 年度） @2027-04-30');
    expect((await post(c.app, `/j/QS/cycles/2026/projects/${fx.road}/follow-up`, { measures: '增设照明', deadline: '2027-04-30', state: 'done', outcome: '已完成' }, clerk)).status).toBe(303);
    expect(todos(c, 'qsUnit', '2027-05-01').join('\n')).not.toContain('满意度测评整改');
    expect(todos(c, 'qsClerk', '2027-05-01').join('\n')).not.toContain('满意度测评整改');
  });
});
