import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, planAdjustment, project, rectification, rectificationEvent, supervisionAssignment, supervisionGroup, supervisionGroupMember, supervisionVisit } from '../../db/schema';
import { get, post } from '../helpers/app';
import { deliveryCase, outsideSupervisor, roadGroup, roadVisit, type DeliveryCase } from '../helpers/deliveryCases';

/** A case of its own on `today`, arranged, then everyone signed in at that clock. */
async function supervisionCase(today: string, arrange: (c: DeliveryCase) => unknown = () => undefined) {
  const c = await deliveryCase({ today });
  await outsideSupervisor(c); // qs.sup2: a supervision member of the town, in no group
  await arrange(c);
  const cookies: Record<string, string> = {};
  for (const u of ['qs.unit', 'qs.clerk', 'lx.clerk', 'qs.sup', 'qs.sup2', 'qs.rep', 'admin']) cookies[u] = await c.as(u);
  return { ...c, cookies, P: `/j/QS/cycles/2026/projects/${c.fx.road}` };
}

describe('quarterly supervision, rectifications, plan adjustments', () => {
  it('the clerk forms a group, adds staff, a professional rep with a login, a beneficiary observer, and assigns the project', async () => {
    const { app, db, fx, cookies } = await supervisionCase('2026-06-10');
    expect((await post(app, '/j/QS/cycles/2026/supervision/groups', { name: '' }, cookies['qs.clerk'])).status).toBe(422);
    expect((await post(app, '/j/QS/cycles/2026/supervision/groups', { name: '第一专项监督小组' }, cookies['qs.sup'])).status).toBe(403);
    expect((await post(app, '/j/QS/cycles/2026/supervision/groups', { name: '第一专项监督小组' }, cookies['qs.clerk'])).status).toBe(303);
    const groupId = db.select().from(supervisionGroup).get()!.id;
    const g = `/j/QS/cycles/2026/supervision/groups/${groupId}`;
    expect((await post(app, `${g}/members`, { name: '周伟（人大干部）', role: 'staff', userId: String(fx.users.qsSup.id) }, cookies['qs.clerk'])).status).toBe(303);
    expect((await post(app, `${g}/members`, { name: '王建（代表·建筑工程）', role: 'professionalRep', userId: '' }, cookies['qs.clerk'])).status).toBe(303);
    expect((await post(app, `${g}/members`, { name: '村民 陈素芳', role: 'beneficiary', userId: '' }, cookies['qs.clerk'])).status).toBe(303);
    const badLink = await post(app, `${g}/members`, { name: '外镇人员', role: 'staff', userId: String(fx.users.lxClerk.id) }, cookies['qs.clerk']);
    expect(badLink.status).toBe(422);
    expect(await badLink.text()).toContain('只能关联本辖区');
    const members = db.select().from(supervisionGroupMember).all();
    expect(members.map((m) => [m.role, m.observer])).toEqual([['staff', false], ['professionalRep', false], ['beneficiary', true]]);
    expect((await post(app, `${g}/projects`, { projectId: String(fx.road) }, cookies['qs.clerk'])).status).toBe(303);
    expect(db.select().from(supervisionAssignment).all()).toEqual([{ projectId: fx.road, groupId }]);
    // a clerk of another township cannot touch the group
    expect((await post(app, `${g}/projects`, { projectId: String(fx.water) }, cookies['lx.clerk'])).status).toBe(403);
  });

  it('a member records a visit with a demand; a supervision member outside the group gets 403', async () => {
    const { app, db, fx, cookies, P } = await supervisionCase('2026-06-10', roadGroup);
    const form = await get(app, `${P}/visits/new`, cookies['qs.sup']);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('2026年第二季度');
    expect((await get(app, `${P}/visits/new`, cookies['qs.sup2'])).status).toBe(403);
    expect((await get(app, `/j/QS/cycles/2026/projects/${fx.water}/visits/new`, cookies['qs.clerk'])).status).toBe(403); // no group yet
    const bad = await post(app, `${P}/visits`, { quarter: '2026-Q2', date: '2026-06-09', findings: '', rating: 'fair', d0_demand: '补齐安全标识', d0_deadline: '' }, cookies['qs.sup']);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('请填写督查发现');
    expect(html).toContain('每项整改要求都要有期限');
    expect(html).toContain('请勾选到场成员');
    expect(html).toContain('补齐安全标识');
    const body = new URLSearchParams([
      ['quarter', '2026-Q2'], ['date', '2026-06-09'], ['members', '周伟（人大干部）'], ['members', '村民 陈素芳'], ['members', '冒名者'],
      ['findings', '路基施工中，安全标识不全'], ['problems', '夜间无警示灯'], ['rating', 'fair'],
      ['d0_demand', '补齐安全标识和夜间警示灯'], ['d0_deadline', '2026-06-20'], ['d1_demand', ''], ['d1_deadline', ''],
    ]);
    const ok = await app.request(`${P}/visits`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: cookies['qs.sup']! } });
    expect(ok.status).toBe(303);
    const v = db.select().from(supervisionVisit).get()!;
    expect(JSON.parse(v.membersPresent)).toEqual(['周伟（人大干部）', '村民 陈素芳']); // names not in the group are dropped
    expect(v).toMatchObject({ quarter: '2026-Q2', rating: 'fair', publishedAt: null });
    expect(db.select().from(rectification).all().map((r) => [r.demand, r.deadline, r.state])).toEqual([['补齐安全标识和夜间警示灯', '2026-06-20', 'open']]);
  });

  it('findings reach the portal only once published', async () => {
    let visitId = 0;
    const { app, fx, cookies, P } = await supervisionCase('2026-06-10', (c) => { visitId = roadVisit(c, roadGroup(c)).visit.id; });
    expect(await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text()).not.toContain('安全标识不全');
    expect((await post(app, `${P}/visits/${visitId}/publish`, {}, cookies['qs.sup2'])).status).toBe(403);
    expect((await post(app, `${P}/visits/${visitId}/publish`, {}, cookies['qs.sup'])).status).toBe(303);
    const pub = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(pub).toContain('路基施工中，安全标识不全');
    expect(pub).toContain('补齐安全标识和夜间警示灯');
  });

  it('an open demand past its deadline turns the project red and shows on the unit’s home page', async () => {
    const { app, cookies } = await supervisionCase('2026-06-21', (c) => { roadVisit(c, roadGroup(c)); }); // due 20 June
    const list = await (await get(app, '/j/QS/cycles/2026/projects', cookies['qs.clerk'])).text();
    expect(list).toMatch(/light-red[^>]*>红灯<\/span>\s*<a href="\/j\/QS\/cycles\/2026\/projects\/\d+" class="project-title">青石村道路硬化/);
    const home = await (await get(app, '/', cookies['qs.unit'])).text();
    expect(home).toContain('答复“青石村道路硬化”整改要求：补齐安全标识和夜间警示灯');
    expect(home).toContain('已逾期（期限 2026-06-20）');
    expect(home).toContain('“青石村道路硬化”亮红灯');
  });

  it('the unit answers; the group reopens with a reason and a new deadline; the unit answers again; the group accepts', async () => {
    let demandId = 0;
    const { app, db, cookies, P } = await supervisionCase('2026-06-21', (c) => { demandId = roadVisit(c, roadGroup(c)).demand!.id; });
    const R = `${P}/rectifications/${demandId}`;
    expect((await post(app, `${R}/answer`, { text: '已整改' }, cookies['qs.sup'])).status).toBe(403);
    expect((await post(app, `${R}/accept`, { text: '' }, cookies['qs.unit'])).status).toBe(403);
    const empty = await post(app, `${R}/answer`, { text: '' }, cookies['qs.unit']);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请填写整改情况');
    expect((await post(app, `${R}/answer`, { text: '已补齐标识' }, cookies['qs.unit'])).status).toBe(303);
    expect((await post(app, `${R}/accept`, { text: '' }, cookies['qs.sup2'])).status).toBe(403); // not in the group
    const noReason = await post(app, `${R}/reopen`, { text: '', deadline: '' }, cookies['qs.sup']);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('退回必须写明原因');
    expect((await post(app, `${R}/reopen`, { text: '警示灯仍未安装', deadline: '2026-06-30' }, cookies['qs.sup'])).status).toBe(303);
    expect(db.select().from(rectification).get()).toMatchObject({ state: 'reopened', deadline: '2026-06-30' });
    // twice in a row is a state error, not a crash
    const again = await post(app, `${R}/reopen`, { text: '再退', deadline: '' }, cookies['qs.sup']);
    expect(again.status).toBe(422);
    expect((await post(app, `${R}/answer`, { text: '警示灯已安装并通电' }, cookies['qs.unit'])).status).toBe(303);
    expect((await post(app, `${R}/accept`, { text: '现场核实' }, cookies['qs.clerk'])).status).toBe(303);
    expect(db.select().from(rectification).get()).toMatchObject({ state: 'accepted', response: '警示灯已安装并通电' });
    expect(db.select().from(rectificationEvent).all().map((e) => e.kind)).toEqual(['demand', 'answer', 'reopen', 'answer', 'accept']);
    const page = await (await get(app, R, cookies['qs.rep'])).text();
    expect(page).toContain('警示灯仍未安装');
    expect(page).toContain('已通过');
    const actions = db.select().from(auditLog).all().map((a) => a.action).filter((a) => a.startsWith('rectification.'));
    expect(actions).toEqual(['rectification.answer', 'rectification.reopen', 'rectification.answer', 'rectification.accept']);
  });

  it('a demand of another project, or an id that is no demand, is 404 under this project', async () => {
    let demandId = 0;
    const { app, fx, cookies, P } = await supervisionCase('2026-06-21', (c) => { demandId = roadVisit(c, roadGroup(c)).demand!.id; });
    expect((await get(app, `/j/QS/cycles/2026/projects/${fx.water}/rectifications/${demandId}`, cookies['qs.clerk'])).status).toBe(404);
    expect((await post(app, `${P}/rectifications/99999/answer`, { text: '已整改' }, cookies['qs.unit'])).status).toBe(404);
    expect((await post(app, `/j/QS/cycles/2026/supervision/groups/99999/members`, { name: '某人', role: 'staff', userId: '' }, cookies['qs.clerk'])).status).toBe(404);
  });

  it('the clerk adjusts the plan only with a reason; the original stays shown', async () => {
    const { app, db, fx, cookies, P } = await supervisionCase('2026-06-21');
    const plan = `${P}/plan`;
    expect((await get(app, plan, cookies['qs.unit'])).status).toBe(403);
    const fields = {
      budget: '1300000', startDate: '2026-03-01', endDate: '2026-11-30',
      m0_title: '完成设计和招标', m0_dueDate: '2026-04-30', m0_pct: '20', m0_spend: '100000',
      m1_title: '路基完工', m1_dueDate: '2026-08-31', m1_pct: '60', m1_spend: '600000',
      m2_title: '路面完工并验收', m2_dueDate: '2026-11-30', m2_pct: '100', m2_spend: '1300000',
    };
    const noReason = await post(app, plan, { ...fields, reason: '' }, cookies['qs.clerk']);
    expect(noReason.status).toBe(422);
    const html = await noReason.text();
    expect(html).toContain('调整计划必须写明原因');
    expect(html).toContain('value="2026-08-31"');
    const badRow = await post(app, plan, { ...fields, m1_pct: '120', reason: '汛期顺延' }, cookies['qs.clerk']);
    expect(badRow.status).toBe(422);
    expect(await badRow.text()).toContain('累计完成比例须为 0–100 的整数');
    expect((await post(app, plan, { ...fields, reason: '汛期影响，经镇政府同意顺延一个月' }, cookies['qs.clerk'])).status).toBe(303);
    expect(db.select().from(planAdjustment).all()).toHaveLength(1);
    const page = await (await get(app, P, cookies['qs.clerk'])).text();
    expect(page).toContain('汛期影响，经镇政府同意顺延一个月');
    expect(page).toContain('原计划（票决通过时）');
    expect(page).toContain('2026-07-31'); // the original milestone date is still there
    expect(page).toContain('2026-03-01 至 2026-11-30');
    const pub = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(pub).toContain('汛期影响，经镇政府同意顺延一个月');
  });

  it('acceptance needs a completed project; then the project is blue', async () => {
    const { app, db, fx, cookies, P } = await supervisionCase('2026-06-21');
    const early = await post(app, `${P}/accept`, {}, cookies['qs.clerk']);
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('项目尚未完工');
    const done = { pct: '100', spent: '1300000', m0_state: 'done', m1_state: 'done', m2_state: 'done' };
    expect((await post(app, `${P}/reports/2026-06`, done, cookies['qs.unit'])).status).toBe(303);
    expect(db.select().from(project).where(eq(project.id, fx.road)).get()!.status).toBe('completed');
    expect((await post(app, `${P}/accept`, {}, cookies['qs.unit'])).status).toBe(403);
    expect((await post(app, `${P}/accept`, {}, cookies['qs.clerk'])).status).toBe(303);
    const list = await (await get(app, '/j/QS/cycles/2026/projects', cookies['qs.clerk'])).text();
    expect(list).toContain('light-blue');
  });

  it('another township’s clerk is kept out of every delivery page; the district admin reads', async () => {
    const { app, db, fx, cookies, P } = await supervisionCase('2026-06-21', (c) => { roadVisit(c, roadGroup(c)); });
    for (const path of ['/j/QS/cycles/2026/projects', P, '/j/QS/cycles/2026/supervision', '/j/QS/cycles/2026/midterm', '/j/QS/cycles/2026/dashboard',
      '/j/QS/cycles/2026/feedback', '/j/QS/cycles/2026/evaluation', `${P}/reports/2026-05`]) {
      expect((await get(app, path, cookies['lx.clerk'])).status, path).toBe(403);
    }
    expect((await get(app, P, cookies['admin'])).status).toBe(200);
    expect((await get(app, '/j/QS/cycles/2026/dashboard', cookies['admin'])).status).toBe(200);
    expect((await get(app, '/j/QS/cycles/2026/dashboard', cookies['qs.rep'])).status).toBe(403);
    expect((await get(app, '/j/QS/cycles/2026/projects')).status).toBe(303); // anonymous: to the login page
    expect((await get(app, '/j/QS/cycles/2031/projects', cookies['qs.clerk'])).status).toBe(404);
    expect((await get(app, '/j/QS/cycles/2026/projects/99999', cookies['qs.clerk'])).status).toBe(404);
    expect(db.select().from(rectification).where(eq(rectification.projectId, fx.water)).all()).toHaveLength(0);
  });
});
