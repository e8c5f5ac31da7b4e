import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { carryOver, feedback, feedbackWindow, midtermReport, milestone, project, candidate } from '../../db/schema';
import { createApp } from '../../src/app';
import { freshDb, get, login, post } from '../helpers/app';
import { addCycle, addReport, chinaMorning, deliveryFixture } from '../helpers/deliveryFixture';

describe('public progress, beneficiary feedback, mid-term report, carry-over', () => {
  const db = freshDb();
  let now = chinaMorning('2026-07-05');
  const app = createApp({ db, log: () => {}, now: () => now });
  let fx: Awaited<ReturnType<typeof deliveryFixture>>;
  const cookies: Record<string, string> = {};
  const F = () => `/p/QS/2026/projects/${fx.road}/feedback`;
  const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

  beforeAll(async () => {
    fx = await deliveryFixture(db);
    addReport(db, fx.road, '2026-05', 30, 250_000, fx.users.qsUnit.id, '2026-06-05T02:00:00Z', { helpNeeded: '内部协调事项', problems: '雨季' });
    for (const u of ['qs.clerk', 'qs.sup', 'qs.unit', 'lx.clerk']) cookies[u] = await login(app, u);
    // Ratings are taken only inside the clerk's window (test/routes/feedbackWindow.test.ts); here it is open.
    db.insert(feedbackWindow).values({ cycleId: fx.cycle.id, opens: '2026-07-01', closes: '2026-12-31', updatedAt: now, updatedBy: fx.users.qsClerk.id }).run();
  });

  it('the portal lists the projects and each page shows the plan and a progress bar, without login', async () => {
    const list = await get(app, '/p/QS/2026/projects');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('青石村道路硬化');
    expect(html).toContain('aria-label="实际完成 30%，计划');
    const page = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(page).toContain('完成设计和招标');
    expect(page).toContain('雨季');
    expect(page).not.toContain('内部协调事项');
    expect((await get(app, '/p/QS/2031/projects')).status).toBe(404);
    expect((await get(app, '/p/NOPE/2026/projects')).status).toBe(404);
    expect((await get(app, `/p/LX/2026/projects/${fx.road}`)).status).toBe(404);
  });

  it('the site sign carries a QR code (our own SVG) that opens the feedback form', async () => {
    const sign = await (await get(app, `/p/QS/2026/projects/${fx.road}/sign`)).text();
    expect(sign).toContain(`src="/p/QS/2026/projects/${fx.road}/qr.svg"`);
    expect(sign).toContain(`http://localhost/p/QS/2026/projects/${fx.road}/feedback`);
    const qr = await get(app, `/p/QS/2026/projects/${fx.road}/qr.svg`);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await qr.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(sign).not.toMatch(/(src|href)=["']https?:\/\//);
  });

  it('a beneficiary rates without login; it waits for the clerk before anyone sees it', async () => {
    const empty = await post(app, F(), { rating: '', text: '', website: '' }, undefined, fromIp('10.0.0.1'));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请选择满意程度，或填写意见和建议');
    const res = await post(app, F(), { rating: 'dissatisfied', text: '施工扬尘大，请洒水', website: '' }, undefined, fromIp('10.0.0.1'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${F()}/thanks`);
    expect(db.select().from(feedback).all()).toMatchObject([{ rating: 'dissatisfied', text: '施工扬尘大，请洒水', state: 'pending' }]);
    expect(await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text()).not.toContain('施工扬尘大');
  });

  it('a filled honeypot is thanked and dropped', async () => {
    const res = await post(app, F(), { rating: 'satisfied', text: '广告', website: 'http://spam.example' }, undefined, fromIp('10.0.0.2'));
    expect(res.status).toBe(303);
    expect(db.select().from(feedback).all()).toHaveLength(1);
  });

  it('five submissions per address in ten minutes; the sixth is refused with the text kept', async () => {
    const app2 = createApp({ db, log: () => {}, now: () => now, trustProxy: true });
    for (let i = 0; i < 5; i++) expect((await post(app2, F(), { rating: 'satisfied', text: `第${i}条`, website: '' }, undefined, fromIp('10.9.9.9'))).status).toBe(303);
    const sixth = await post(app2, F(), { rating: 'basic', text: '第六条建议', website: '' }, undefined, fromIp('10.9.9.9'));
    expect(sixth.status).toBe(429);
    const html = await sixth.text();
    expect(html).toContain('提交过于频繁');
    expect(html).toContain('第六条建议');
    expect((await post(app2, F(), { rating: 'basic', text: '另一位', website: '' }, undefined, fromIp('10.9.9.8'))).status).toBe(303);
    now = new Date(now.getTime() + 10 * 60 * 1000);
    expect((await post(app2, F(), { rating: 'basic', text: '十分钟后', website: '' }, undefined, fromIp('10.9.9.9'))).status).toBe(303);
    now = chinaMorning('2026-07-05');
    db.delete(feedback).where(eq(feedback.state, 'pending')).run();
    expect((await post(app, F(), { rating: 'dissatisfied', text: '施工扬尘大，请洒水', website: '' })).status).toBe(303);
  });

  it('the supervision group reads all feedback; only the clerk publishes; published ratings count', async () => {
    const sup = await get(app, '/j/QS/cycles/2026/feedback', cookies['qs.sup']);
    expect(sup.status).toBe(200);
    const html = await sup.text();
    expect(html).toContain('施工扬尘大，请洒水');
    expect(html).not.toContain('审核通过并公开');
    expect((await get(app, '/j/QS/cycles/2026/feedback', cookies['qs.unit'])).status).toBe(403);
    const f = db.select().from(feedback).get()!;
    expect((await post(app, `/j/QS/cycles/2026/feedback/${f.id}/publish`, {}, cookies['qs.sup'])).status).toBe(403);
    expect((await post(app, `/j/QS/cycles/2026/feedback/${f.id}/publish`, {}, cookies['lx.clerk'])).status).toBe(403);
    const ok = await post(app, `/j/QS/cycles/2026/feedback/${f.id}/publish`, { back: 'https://evil.example/' }, cookies['qs.clerk']);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/j/QS/cycles/2026/feedback');
    const page = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(page).toContain('施工扬尘大，请洒水');
    expect(page).toContain('群众满意度（扫码评价，经审核）');
    expect(page).toContain('不满意 1');
  });

  it('the mid-term report: the clerk writes the summary, publishes, and the public sees the frozen figures', async () => {
    expect((await get(app, '/p/QS/2026/projects/midterm')).status).toBe(404);
    const empty = await post(app, '/j/QS/cycles/2026/midterm/publish', {}, cookies['qs.clerk']);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请先填写并保存报告概述');
    expect((await post(app, '/j/QS/cycles/2026/midterm', { summary: '上半年进展总体顺利' }, cookies['qs.unit'])).status).toBe(403);
    expect((await post(app, '/j/QS/cycles/2026/midterm', { summary: '' }, cookies['qs.clerk'])).status).toBe(422);
    expect((await post(app, '/j/QS/cycles/2026/midterm', { summary: '上半年进展总体顺利' }, cookies['qs.clerk'])).status).toBe(303);
    const draft = await (await get(app, '/j/QS/cycles/2026/midterm', cookies['qs.unit'])).text();
    expect(draft).toContain('上半年进展总体顺利');
    expect(draft).toContain('实际完成 30%');
    expect((await post(app, '/j/QS/cycles/2026/midterm/publish', {}, cookies['qs.clerk'])).status).toBe(303);
    addReport(db, fx.road, '2026-06', 45, 400_000, fx.users.qsUnit.id, '2026-07-04T02:00:00Z');
    const pub = await get(app, '/p/QS/2026/projects/midterm');
    expect(pub.status).toBe(200);
    const html = await pub.text();
    expect(html).toContain('上半年进展总体顺利');
    expect(html).toContain('实际完成 30%'); // frozen at publication, not today's 45%
    expect(JSON.parse(db.select().from(midtermReport).get()!.snapshot!).rows).toHaveLength(2);
    const edit = await post(app, '/j/QS/cycles/2026/midterm', { summary: '改写' }, cookies['qs.clerk']);
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain('期中报告已发布，不能再修改');
  });

  it('a cross-year project carries its remaining plan into next year’s cycle', async () => {
    const P = `/j/QS/cycles/2026/projects/${fx.water}`;
    const before = await post(app, `${P}/carry-over`, {}, cookies['qs.clerk']);
    expect(before.status).toBe(422);
    expect(await before.text()).toContain('请先创建 2027 年度工作');
    addCycle(db, fx.qs.id, 2027, fx.users.qsClerk.id, 'collection');
    expect((await post(app, `${P}/carry-over`, {}, cookies['qs.unit'])).status).toBe(403);
    const res = await post(app, `${P}/carry-over`, {}, cookies['qs.clerk']);
    expect(res.status).toBe(303);
    const link = db.select().from(carryOver).get()!;
    expect(link.fromProjectId).toBe(fx.water);
    expect(res.headers.get('location')).toBe(`/j/QS/cycles/2027/projects/${link.toProjectId}`);
    const next = db.select().from(project).where(eq(project.id, link.toProjectId)).get()!;
    const cand = db.select().from(candidate).where(eq(candidate.id, next.candidateId)).get()!;
    expect(cand).toMatchObject({ title: '杨柳村饮水管网改造', startDate: '2027-01-01', endDate: '2027-06-30', budget: 2_400_000, crossYear: true });
    const ms = db.select().from(milestone).where(eq(milestone.candidateId, cand.id)).all();
    expect(ms.map((m) => [m.title, m.dueDate])).toEqual([['上年度结转', '2027-01-01'], ['泵站建成', '2027-03-31'], ['通水验收', '2027-06-30']]);
    const again = await post(app, `${P}/carry-over`, {}, cookies['qs.clerk']);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('已结转到下一年度');
    const road = await post(app, `/j/QS/cycles/2026/projects/${fx.road}/carry-over`, {}, cookies['qs.clerk']);
    expect(road.status).toBe(422);
    expect(await road.text()).toContain('不是跨年度项目');
    const page = await (await get(app, `/j/QS/cycles/2027/projects/${link.toProjectId}`, cookies['qs.clerk'])).text();
    expect(page).toContain('本项目由上年度结转');
  });
});
