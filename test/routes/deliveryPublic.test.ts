import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { carryOver, feedback, midtermReport, milestone, project, candidate, station } from '../../db/schema';
import { get, post, TEST_PUBLIC_URL } from '../helpers/app';
import { deliveryCase, ratingWindow, residentMessage } from '../helpers/deliveryCases';
import { addCycle, addReport } from '../helpers/deliveryFixture';

/**
 * Each case on its own database on 5 July 2026: the road's May report (30%, with an internal note) is in, and the
 * residents' rating window is open (ratings outside it: test/routes/feedbackWindow.test.ts).
 */
async function publicCase(opts: { publicUrl?: string; trustProxy?: boolean } = {}) {
  const c = await deliveryCase({ today: '2026-07-05', ...opts });
  addReport(c.db, c.fx.road, '2026-05', 30, 250_000, c.fx.users.qsUnit.id, '2026-06-05T02:00:00Z', { helpNeeded: '内部协调事项', problems: '雨季' });
  ratingWindow(c, '2026-07-01', '2026-12-31');
  const cookies: Record<string, string> = {};
  for (const u of ['qs.clerk', 'qs.sup', 'qs.unit', 'lx.clerk']) cookies[u] = await c.as(u);
  return { ...c, cookies, F: `/p/QS/2026/projects/${c.fx.road}/feedback` };
}

const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

describe('public progress, beneficiary feedback, mid-term report, carry-over', () => {
  it('the portal lists the projects and each page shows the plan and a progress bar, without login', async () => {
    const { app, fx } = await publicCase();
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
    const { app, fx } = await publicCase({ publicUrl: TEST_PUBLIC_URL });
    const sign = await (await get(app, `/p/QS/2026/projects/${fx.road}/sign`)).text();
    expect(sign).toContain(`src="/p/QS/2026/projects/${fx.road}/qr.svg"`);
    expect(sign).toContain(`http://localhost/p/QS/2026/projects/${fx.road}/feedback`);
    const qr = await get(app, `/p/QS/2026/projects/${fx.road}/qr.svg`);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await qr.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(sign).not.toMatch(/(src|href)=["']https?:\/\//);
  });

  it('the sign, its QR code and the notice board print the public address; without one the paper says so', async () => {
    const set = await publicCase({ publicUrl: 'https://minsheng.example.gov.cn' });
    set.db.insert(station).values({ jurisdictionId: set.fx.village.id, kind: 'liaison', name: '青石村人大代表联络站', address: '青石村村委会', shortCode: 'qs01-lx' }).run();
    const feedbackUrl = `https://minsheng.example.gov.cn/p/QS/2026/projects/${set.fx.road}/feedback`;
    const sign = await (await get(set.app, `/p/QS/2026/projects/${set.fx.road}/sign`)).text();
    expect(sign).toContain(feedbackUrl);
    expect(sign).not.toContain('尚未设置公开网址');
    expect(await (await get(set.app, `/p/QS/2026/projects/${set.fx.road}/qr.svg`)).text())
      .toBe(await QRCode.toString(feedbackUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }));
    const board = await (await get(set.app, '/p/QS/2026/projects/board/qs01-lx')).text();
    expect(board).toContain('https://minsheng.example.gov.cn/p/QS/2026/projects');
    expect(board).not.toContain('尚未设置公开网址');

    const unset = await publicCase();
    unset.db.insert(station).values({ jurisdictionId: unset.fx.village.id, kind: 'liaison', name: '青石村人大代表联络站', address: '', shortCode: 'qs01-lx' }).run();
    for (const path of [`/p/QS/2026/projects/${unset.fx.road}/sign`, '/p/QS/2026/projects/board/qs01-lx']) {
      const html = await (await get(unset.app, path)).text();
      expect(html, path).toContain('尚未设置公开网址');
      expect(html, path).toMatch(/class="warning public-url-warning"/);
    }
  });

  it('a beneficiary rates without login; it waits for the clerk before anyone sees it', async () => {
    const { app, db, fx, F } = await publicCase();
    const empty = await post(app, F, { rating: '', text: '', website: '' }, undefined, fromIp('10.0.0.1'));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请选择满意程度，或填写意见和建议');
    const res = await post(app, F, { rating: 'dissatisfied', text: '施工扬尘大，请洒水', website: '' }, undefined, fromIp('10.0.0.1'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${F}/thanks`);
    expect(db.select().from(feedback).all()).toMatchObject([{ rating: 'dissatisfied', text: '施工扬尘大，请洒水', state: 'pending' }]);
    expect(await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text()).not.toContain('施工扬尘大');
  });

  it('a filled honeypot is thanked and dropped', async () => {
    const c = await publicCase();
    residentMessage(c, c.fx.road, { rating: 'dissatisfied', text: '施工扬尘大，请洒水' });
    const res = await post(c.app, c.F, { rating: 'satisfied', text: '广告', website: 'http://spam.example' }, undefined, fromIp('10.0.0.2'));
    expect(res.status).toBe(303);
    expect(c.db.select().from(feedback).all()).toHaveLength(1);
  });

  it('five submissions per address in ten minutes; the sixth is refused with the text kept', async () => {
    const c = await publicCase();
    const { app, db, F } = c;
    const app2 = c.sibling({ trustProxy: true });
    for (let i = 0; i < 5; i++) expect((await post(app2, F, { rating: 'satisfied', text: `第${i}条`, website: '' }, undefined, fromIp('10.9.9.9'))).status).toBe(303);
    const sixth = await post(app2, F, { rating: 'basic', text: '第六条建议', website: '' }, undefined, fromIp('10.9.9.9'));
    expect(sixth.status).toBe(429);
    const html = await sixth.text();
    expect(html).toContain('提交过于频繁');
    expect(html).toContain('第六条建议');
    expect((await post(app2, F, { rating: 'basic', text: '另一位', website: '' }, undefined, fromIp('10.9.9.8'))).status).toBe(303);
    c.at(new Date(c.now().getTime() + 10 * 60 * 1000));
    expect((await post(app2, F, { rating: 'basic', text: '十分钟后', website: '' }, undefined, fromIp('10.9.9.9'))).status).toBe(303);
    c.at('2026-07-05');
    db.delete(feedback).where(eq(feedback.state, 'pending')).run();
    expect((await post(app, F, { rating: 'dissatisfied', text: '施工扬尘大，请洒水', website: '' })).status).toBe(303); // another app: its own limiter
  });

  it('the supervision group reads all feedback; only the clerk publishes; published ratings count', async () => {
    const c = await publicCase();
    const { app, db, fx, cookies } = c;
    const f = residentMessage(c, fx.road, { rating: 'dissatisfied', text: '施工扬尘大，请洒水' });
    const sup = await get(app, '/j/QS/cycles/2026/feedback', cookies['qs.sup']);
    expect(sup.status).toBe(200);
    const html = await sup.text();
    expect(html).toContain('施工扬尘大，请洒水');
    expect(html).not.toContain('审核通过并公开');
    expect((await get(app, '/j/QS/cycles/2026/feedback', cookies['qs.unit'])).status).toBe(403);
    expect((await post(app, `/j/QS/cycles/2026/feedback/${f.id}/publish`, {}, cookies['qs.sup'])).status).toBe(403);
    expect((await post(app, `/j/QS/cycles/2026/feedback/${f.id}/publish`, {}, cookies['lx.clerk'])).status).toBe(403);
    const ok = await post(app, `/j/QS/cycles/2026/feedback/${f.id}/publish`, { back: 'https://evil.example/' }, cookies['qs.clerk']);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/j/QS/cycles/2026/feedback');
    expect(db.select().from(feedback).get()!.state).toBe('published');
    const page = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(page).toContain('施工扬尘大，请洒水');
    expect(page).toContain('群众满意度（扫码评价，经审核）');
    expect(page).toContain('不满意 1');
  });

  it('moderation goes back to a page of the same year; a message of another year is 404', async () => {
    const c = await publicCase();
    const f = residentMessage(c, c.fx.road, { text: '希望加快进度' });
    const back = `/j/QS/cycles/2026/projects/${c.fx.road}`;
    const hidden = await post(c.app, `/j/QS/cycles/2026/feedback/${f.id}/hide`, { back }, c.cookies['qs.clerk']);
    expect(hidden.status).toBe(303);
    expect(hidden.headers.get('location')).toBe(back);
    expect(c.db.select().from(feedback).get()!.state).toBe('hidden');
    addCycle(c.db, c.fx.qs.id, 2027, c.fx.users.qsClerk.id, 'collection');
    expect((await post(c.app, `/j/QS/cycles/2027/feedback/${f.id}/publish`, {}, c.cookies['qs.clerk'])).status).toBe(404);
  });

  it('the mid-term report: the clerk writes the summary, publishes, and the public sees the frozen figures', async () => {
    const { app, db, fx, cookies } = await publicCase();
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
    const { app, db, fx, cookies } = await publicCase();
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
