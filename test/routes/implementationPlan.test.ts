import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, candidate, milestone, planAdjustment, session } from '../../db/schema';
import { assessCycle } from '../../src/data/delivery';
import { deliveryTodos } from '../../src/data/deliveryReminders';
import { getSettings } from '../../src/data/settings';
import { assignmentsOf } from '../../src/data/users';
import { get, post } from '../helpers/app';
import { deliveryCase, type DeliveryCase } from '../helpers/deliveryCases';
import { addReport } from '../helpers/deliveryFixture';

function clerkTodos(c: DeliveryCase, today: string) {
  const u = c.fx.users.qsClerk;
  return deliveryTodos(c.db, { id: u.id, assignments: assignmentsOf(c.db, u.id) }, today).map((t) => `${t.overdue ? '!' : ''}${t.label}`);
}

const PLAN = {
  responsibleUnit: '青石镇规划建设管理环保办', responsibleOfficial: '王副镇长', yearlyTargets: '硬化村道 3.2 公里',
  funds: '区级财政 800000\n镇级财政 400000', safeguards: '每月现场调度', targetUnit: '', targetQuantity: '',
};

describe('the implementation plan', () => {
  it('is drafted, overdue on the clerk’s home after the deadline, and shown on the portal only once published', async () => {
    const c = await deliveryCase({ today: '2026-03-02' });
    const { app, fx } = c;
    const clerk = await c.as('qs.clerk');
    const base = `/j/QS/cycles/2026/projects/${fx.road}`;
    expect((await post(app, `${base}/implementation/deadline`, { publishBy: '2026-03-10' }, clerk)).status).toBe(303);
    const unit = await c.as('qs.unit');
    expect((await post(app, `${base}/implementation/deadline`, { publishBy: '2026-03-10' }, unit)).status).toBe(403);
    expect((await post(app, `${base}/implementation`, PLAN, unit)).status).toBe(303);
    const bad = await post(app, `${base}/implementation`, { ...PLAN, funds: '区级财政 八十万' }, unit);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('每行写“来源 金额”');

    expect((await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text())).not.toContain('王副镇长');
    expect(clerkTodos(c, '2026-03-10')).toContain('公布“青石村道路硬化”实施方案');
    expect(clerkTodos(c, '2026-03-11')).toContain('!公布“青石村道路硬化”实施方案：已逾期');

    c.at('2026-03-11');
    const clerk2 = await c.as('qs.clerk');
    expect((await post(app, `${base}/implementation/publish`, {}, clerk2)).status).toBe(303);
    const page = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(page).toContain('王副镇长');
    expect(page).toContain('区级财政 800,000 元');
    expect(clerkTodos(c, '2026-03-12').join()).not.toContain('实施方案');
    const again = await post(app, `${base}/implementation`, PLAN, clerk2);
    expect(again.status).toBe(409);
  });
});

describe('a soft project', () => {
  it('reports achieved units and takes its colour from their share of the target', async () => {
    const c = await deliveryCase({ today: '2026-03-02' });
    const { app, fx } = c;
    const unit = await c.as('qs.unit');
    const base = `/j/QS/cycles/2026/projects/${fx.road}`;
    expect((await post(app, `${base}/implementation`, { ...PLAN, targetUnit: '户', targetQuantity: '200' }, unit)).status).toBe(303);
    c.at('2026-05-05');
    const u2 = await c.as('qs.unit');
    // April: 20 % planned = 40 户; 38 户 is 1 point behind (yellow), shown in 户.
    const r = await post(app, `${base}/reports/2026-04`, { achieved: '38', spent: '90000', m0_state: 'done', m1_state: 'onTrack', m2_state: 'onTrack' }, u2);
    expect(r.status).toBe(303);
    const clerk = await c.as('qs.clerk');
    expect((await post(app, `${base}/implementation/publish`, {}, clerk)).status).toBe(303);
    const page = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(page).toContain('已完成 38 户，计划 40 户（目标 200 户）');
    const a = assessCycle(c.db, c.fx.cycle, '2026-05-15', getSettings(c.db, c.fx.qs.id)).find((x) => x.project.id === fx.road)!;
    expect([a.assessment.reportedPct, a.assessment.plannedPct, a.assessment.colour]).toEqual([19, 20, 'yellow']);
    const missing = await post(app, `${base}/reports/2026-04`, { achieved: '', spent: '90000' }, u2);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('请填写累计完成数量（户）');
  });
});

describe('adjustment, suspension and termination', () => {
  it('a termination requested with evidence is decided at an extraordinary session, announced, and the project stops escalating', async () => {
    const c = await deliveryCase({ today: '2026-11-20' });
    const { db, app, fx } = c;
    addReport(db, fx.road, '2026-10', 80, 900_000, fx.users.qsUnit.id, '2026-11-05T02:00:00Z');
    const s = db.insert(session).values({ jurisdictionId: fx.qs.id, cycleId: fx.cycle.id, body: 'townshipCongress' as never, kind: 'extraordinary', title: '青石镇第十九届人大临时会议', date: '2026-11-20', checkInCode: 'x1', createdBy: fx.users.qsClerk.id }).returning().get();
    const startYear = db.insert(session).values({ jurisdictionId: fx.qs.id, cycleId: fx.cycle.id, body: 'townshipCongress' as never, kind: 'startOfYear', title: '年初会议', date: '2026-11-20', checkInCode: 'x2', createdBy: fx.users.qsClerk.id }).returning().get();
    const base = `/j/QS/cycles/2026/projects/${fx.road}`;
    const unit = await c.as('qs.unit');
    const noEvidence = await post(app, `${base}/amendments`, { kind: 'terminate', reasonCategory: 'policyChange', reason: '道路纳入市政改造', evidence: '' }, unit);
    expect(noEvidence.status).toBe(422);
    expect((await post(app, `${base}/amendments`, { kind: 'terminate', reasonCategory: 'policyChange', reason: '道路纳入市政改造', evidence: '区发改委〔2026〕12 号' }, unit)).status).toBe(303);
    const clerk = await c.as('qs.clerk');
    expect(clerkTodos(c, '2026-11-20')).toContain('“青石村道路硬化”有调整申请待提请决定');
    const id = db.select().from(planAdjustment).get()!.id;
    const decide = { body: 'congress', sessionId: String(startYear.id), agendaItem: '关于终止青石村道路硬化项目的决定', pollId: '', decidedOn: '2026-11-20', approved: 'yes', announcement: '经镇人大临时会议决定，终止青石村道路硬化项目。' };
    const wrong = await post(app, `${base}/amendments/${id}/decide`, decide, clerk);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('年中或临时召开');
    const presidium = await post(app, `${base}/amendments/${id}/decide`, { ...decide, body: 'presidium', sessionId: '' }, clerk);
    expect(await presidium.text()).toContain('本地规定未允许主席团');
    expect((await post(app, `${base}/amendments/${id}/decide`, { ...decide, sessionId: String(s.id) }, clerk)).status).toBe(303);

    const history = await (await get(app, `${base}/amendments`, clerk)).text();
    expect(history).toContain('第 2 版');
    expect(history).toContain('区发改委〔2026〕12 号');
    expect((await get(app, `${base}/implementation`, clerk)).status).toBe(200);

    // The voted record is untouched; the decision is version 2 with its reference.
    expect(db.select().from(candidate).where(eq(candidate.title, '青石村道路硬化')).get()!.endDate).toBe('2026-10-31');
    expect(db.select().from(milestone).all().length).toBe(6);
    expect(db.select().from(auditLog).all().some((a) => a.action === 'project.amendment.decide')).toBe(true);
    const pub = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(pub).toContain('终止公告 · 第 2 版计划');
    expect(pub).toContain('已终止（2026-11-20 起）：道路纳入市政改造');
    expect(pub).toContain('青石镇第十九届人大临时会议');

    // Months later: no overrun task, no overrun line, no report owed after the decision.
    c.at('2027-01-20');
    const later = clerkTodos(c, '2027-01-20').join('\n');
    expect(later).not.toContain('超过计划完成日期');
    const u = c.fx.users.qsUnit;
    const unitTodos = deliveryTodos(db, { id: u.id, assignments: assignmentsOf(db, u.id) }, '2027-01-20').map((t) => t.label).join('\n');
    expect(unitTodos).toContain('“青石村道路硬化”2026-09 月度进展'); // months before the decision stay owed
    expect(unitTodos).not.toContain('“青石村道路硬化”2026-11 月度进展');
    expect(unitTodos).not.toContain('“青石村道路硬化”2026-12 月度进展');
    expect(unitTodos).not.toContain('“青石村道路硬化”亮红灯');
  });
});
