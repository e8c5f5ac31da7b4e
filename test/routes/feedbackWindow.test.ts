import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, feedback, feedbackWindow } from '../../db/schema';
import { get, post } from '../helpers/app';
import { deliveryCase, ratingWindow, residentMessage, type DeliveryCase } from '../helpers/deliveryCases';
import { chinaMorning } from '../helpers/deliveryFixture';

/** A case of its own on 20 Oct 2026, arranged (a window, earlier messages), with the road's feedback form at F. */
async function windowCase(arrange: (c: DeliveryCase) => void = () => {}) {
  const c = await deliveryCase({ today: '2026-10-20' });
  arrange(c);
  return { ...c, F: `/p/QS/2026/projects/${c.fx.road}/feedback`, W: '/j/QS/cycles/2026/feedback/window' };
}

/** The clerk's window: 1 Nov to 15 Dec 2026, and the suggestion a resident left before it was set. */
function windowSetAfterASuggestion(c: DeliveryCase) {
  residentMessage(c, c.fx.road, { text: '路灯太少，请加装' });
  ratingWindow(c, '2026-11-01', '2026-12-15');
}

describe('residents’ rating window (码上评): set by the clerk, ratings only inside it, suggestions at any time', () => {
  it('no window yet: the form offers no rating, a posted rating is refused with the text kept, a suggestion is taken', async () => {
    const { app, db, F } = await windowCase();
    const form = await (await get(app, F)).text();
    expect(form).not.toContain('name="rating"');
    expect(form).toContain('群众满意度评价时间尚未公布');
    const refused = await post(app, F, { rating: 'satisfied', text: '路灯太少，请加装', website: '' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('现在不在群众满意度评价时间内，不能评价满意程度');
    expect(html).toContain('路灯太少，请加装');
    expect(db.select().from(feedback).all()).toHaveLength(0);
    const empty = await post(app, F, { text: '', website: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请填写意见和建议');
    const ok = await post(app, F, { text: '路灯太少，请加装', website: '' });
    expect(ok.status).toBe(303);
    expect(db.select().from(feedback).all()).toMatchObject([{ rating: null, text: '路灯太少，请加装', state: 'pending' }]);
  });

  it('only the clerk of the town sets the window; bad dates come back filled in; the change is audited', async () => {
    const c = await windowCase();
    const { app, db, fx, W } = c;
    const cookies: Record<string, string> = {};
    for (const u of ['qs.clerk', 'qs.sup', 'lx.clerk']) cookies[u] = await c.as(u);
    expect((await post(app, W, { opens: '2026-11-01', closes: '2026-12-15' }, cookies['lx.clerk'])).status).toBe(403);
    expect((await post(app, W, { opens: '', closes: '' }, cookies['lx.clerk'])).status).toBe(403);
    expect((await post(app, W, { opens: '2026-11-01', closes: '2026-12-15' }, cookies['qs.sup'])).status).toBe(403);
    expect(await (await get(app, '/j/QS/cycles/2026/feedback', cookies['qs.sup'])).text()).not.toContain('保存评价时间');
    const bad = await post(app, W, { opens: '2026-12-16', closes: '2026-12-15' }, cookies['qs.clerk']);
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('截止日期不能早于开始日期');
    expect(badHtml).toContain('value="2026-12-16"');
    expect(db.select().from(feedbackWindow).all()).toHaveLength(0);
    const ok = await post(app, W, { opens: '2026-11-01', closes: '2026-12-15' }, cookies['qs.clerk']);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/j/QS/cycles/2026/feedback');
    expect(db.select().from(feedbackWindow).all()).toMatchObject([{ cycleId: fx.cycle.id, opens: '2026-11-01', closes: '2026-12-15', updatedBy: fx.users.qsClerk.id }]);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'feedback.window')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: fx.users.qsClerk.id, targetType: 'cycle', targetId: String(fx.cycle.id), jurisdictionId: fx.qs.id });
    expect(JSON.parse(String(audit[0]!.after))).toEqual({ opens: '2026-11-01', closes: '2026-12-15' });
    expect(await (await get(app, '/j/QS/cycles/2026/feedback', cookies['qs.clerk'])).text()).toContain('群众满意度评价将于 2026-11-01 开始，2026-12-15 截止');
  });

  it('before the open day a rating is still refused; on the open day and the close day it is taken; the day after, refused', async () => {
    const c = await windowCase(windowSetAfterASuggestion);
    const { app, db, F } = c;
    c.at(new Date('2026-10-31T15:59:00Z')); // 23:59 on 31 Oct in China
    expect((await post(app, F, { rating: 'basic', text: '', website: '' })).status).toBe(422);
    c.at(new Date('2026-10-31T23:30:00Z')); // still 31 Oct in UTC, 1 Nov in China: open
    const form = await (await get(app, F)).text();
    expect(form).toContain('name="rating"');
    expect(form).toContain('群众满意度评价时间：2026-11-01 至 2026-12-15');
    expect((await post(app, F, { rating: 'satisfied', text: '', website: '' })).status).toBe(303);
    c.at('2026-12-15');
    expect((await post(app, F, { rating: 'dissatisfied', text: '路面有裂缝', website: '' })).status).toBe(303);
    c.at(new Date('2026-12-15T23:30:00Z')); // 16 Dec in China: closed
    const late = await post(app, F, { rating: 'basic', text: '晚了一天', website: '' });
    expect(late.status).toBe(422);
    const lateHtml = await late.text();
    expect(lateHtml).toContain('群众满意度评价已于 2026-12-15 截止');
    expect(lateHtml).toContain('晚了一天');
    expect(db.select({ r: feedback.rating }).from(feedback).all().map((x) => x.r)).toEqual([null, 'satisfied', 'dissatisfied']);
  });

  it('residents’ satisfaction counts published ratings inside the window, shown apart from the representatives’', async () => {
    const c = await windowCase((x) => {
      windowSetAfterASuggestion(x);
      residentMessage(x, x.fx.road, { rating: 'satisfied', at: new Date('2026-10-31T23:30:00Z') }); // 1 Nov in China
      residentMessage(x, x.fx.road, { rating: 'dissatisfied', text: '路面有裂缝', at: chinaMorning('2026-12-15') });
    });
    const { app, db, fx } = c;
    c.at(new Date('2026-12-15T23:30:00Z')); // 16 Dec in China: the window has closed
    // A published rating dated before the window (given before the clerk set it) does not count.
    db.insert(feedback).values({ projectId: fx.road, rating: 'dissatisfied', text: '', state: 'published', createdAt: chinaMorning('2026-10-10') }).run();
    db.update(feedback).set({ state: 'published' }).run();
    const page = await (await get(app, `/p/QS/2026/projects/${fx.road}`)).text();
    expect(page).toContain('群众满意度（扫码评价，经审核）');
    expect(page).toContain('满意 1 · 基本满意 0 · 不满意 1 · 满意率 <strong>50%</strong>');
    expect(page).toContain('群众满意度评价已于 2026-12-15 截止');
    expect(page).toContain('我要提建议'); // closed now: no rating offered
    const clerk = await c.as('qs.clerk'); // weeks later: a fresh sign-in
    const ev = await (await get(app, '/j/QS/cycles/2026/evaluation', clerk)).text();
    expect(ev).toContain('<td data-label="群众满意率" class="num">50%</td>');
    expect(ev).toContain('<td data-label="代表满意率" class="num">未评议</td>');
  });
});
