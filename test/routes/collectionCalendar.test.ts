import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cycle, setting } from '../../db/schema';
import { get, post } from '../helpers/app';
import { basicsCase, collectionCase } from '../helpers/collectionCases';
import { addProposal, setPhase } from '../helpers/proposals';

const path = '/j/QS/cycles/2027/collection';
const qsCycle = (t: { db: Awaited<ReturnType<typeof collectionCase>>['db'] }) => t.db.select().from(cycle).where(eq(cycle.year, 2027)).get()!;

describe('the minimum collection period', () => {
  it('29 days without a reason is refused beside the reason field, keeping the dates', async () => {
    const t = await collectionCase();
    const res = await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-29' }, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('征集时间为 29 天，少于规定的 30 天');
    expect(html).toContain('value="2027-03-29"');
    expect(qsCycle(t).collectionCloses).toBe('2027-03-31');
  });

  it('29 days with a reason is kept, the reason stored and audited; 30 days needs none', async () => {
    const t = await collectionCase();
    const clerk = await t.as('qs.clerk');
    const res = await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-29', shortReason: '区里要求4月上旬报送' }, clerk);
    expect(res.status).toBe(303);
    expect(qsCycle(t)).toMatchObject({ collectionCloses: '2027-03-29', collectionShortReason: '区里要求4月上旬报送' });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'cycle.collectionWindow')).all().at(-1)!;
    expect(JSON.parse(audit.after!)).toMatchObject({ days: 29, collectionShortReason: '区里要求4月上旬报送' });
    // Back to a full window: the old reason no longer applies.
    expect((await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-30', shortReason: '区里要求4月上旬报送' }, clerk)).status).toBe(303);
    expect(qsCycle(t)).toMatchObject({ collectionCloses: '2027-03-30', collectionShortReason: '' });
  });

  it('the minimum is a setting of the jurisdiction', async () => {
    const t = await collectionCase();
    t.db.insert(setting).values({ jurisdictionId: qsCycle(t).jurisdictionId, key: 'minCollectionDays', value: '20' }).run();
    const clerk = await t.as('qs.clerk');
    expect((await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-20' }, clerk)).status).toBe(303);
    const res = await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-19' }, clerk);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('少于规定的 20 天');
  });
});

describe('closing a published window early', () => {
  it('needs a notice and a confirmation; then the form stops taking proposals and the portal shows the notice and the summary', async () => {
    const t = await collectionCase();
    const clerk = await t.as('qs.clerk');
    addProposal(t.db, t.f, { title: '村口路灯', category: 'safety' });
    addProposal(t.db, t.f, { title: '老年助餐点', category: 'elderly' });
    expect(await (await get(t.app, path, clerk)).text()).toContain('提前截止征集');
    const noConfirm = await post(t.app, `${path}/close`, { notice: '因区里提前汇总，征集于3月10日截止' }, clerk);
    expect(noConfirm.status).toBe(422);
    const html = await noConfirm.text();
    expect(html).toContain('请勾选确认');
    expect(html).toContain('因区里提前汇总，征集于3月10日截止');
    expect((await post(t.app, `${path}/close`, { confirm: 'yes' }, clerk)).status).toBe(422);
    expect(qsCycle(t).collectionClosedEarlyAt).toBeNull();

    const res = await post(t.app, `${path}/close`, { notice: '因区里提前汇总，征集于3月10日截止', confirm: 'yes' }, clerk);
    expect(res.status).toBe(303);
    expect(qsCycle(t)).toMatchObject({ collectionCloseNotice: '因区里提前汇总，征集于3月10日截止', collectionCloses: '2027-03-31' });
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'cycle.collectionClosedEarly')).all()).toHaveLength(1);
    const portal = await (await get(t.app, '/p/QS/2027')).text();
    expect(portal).toContain('提前截止公告：因区里提前汇总，征集于3月10日截止');
    expect(portal).toContain('征集情况汇总');
    expect(portal).toContain('共收到建议 <strong>2</strong> 条');
    expect(portal).toMatch(/<td>养老服务<\/td><td class="num">1<\/td>|<td>[^<]*养老[^<]*<\/td><td class="num">1<\/td>/);
    expect(await (await get(t.app, '/p/QS/propose')).text()).not.toContain('name="title"');
    // Already closed: nothing more to close.
    expect((await post(t.app, `${path}/close`, { notice: '再次', confirm: 'yes' }, clerk)).status).toBe(422);
  });

  it('a representative cannot close it', async () => {
    const t = await collectionCase();
    expect((await post(t.app, `${path}/close`, { notice: '公告', confirm: 'yes' }, await t.as('qs.rep'))).status).toBe(403);
  });

  it('no summary while the window is open', async () => {
    const t = await collectionCase();
    expect(await (await get(t.app, '/p/QS/2027')).text()).not.toContain('征集情况汇总');
  });
});

describe('moving on to screening while the announced window runs', () => {
  const transition = '/j/QS/cycles/2027/transition';

  it('warns, and moves only with a confirmation and a public notice', async () => {
    const t = await collectionCase();
    const clerk = await t.as('qs.clerk');
    expect(await (await get(t.app, '/j/QS/cycles/2027', clerk)).text()).toContain('进入资格审查将提前截止已公布的征集');
    const bare = await post(t.app, transition, { to: 'screening', note: '' }, clerk);
    expect(bare.status).toBe(422);
    expect(await bare.text()).toContain('请填写在公开页面发布的提前截止公告');
    expect(qsCycle(t).phase).toBe('collection');
    const res = await post(t.app, transition, { to: 'screening', note: '', notice: '征集提前结束，进入资格审查', confirm: 'yes' }, clerk);
    expect(res.status).toBe(303);
    expect(qsCycle(t)).toMatchObject({ phase: 'screening', collectionCloseNotice: '征集提前结束，进入资格审查' });
    expect(await (await get(t.app, '/p/QS/2027')).text()).toContain('征集提前结束，进入资格审查');
  });

  it('after the window closed no warning and no confirmation', async () => {
    const t = await collectionCase(() => new Date('2027-04-02T02:00:00Z'));
    const clerk = await t.as('qs.clerk');
    expect(await (await get(t.app, '/j/QS/cycles/2027', clerk)).text()).not.toContain('进入资格审查将提前截止');
    expect((await post(t.app, transition, { to: 'screening', note: '' }, clerk)).status).toBe(303);
    expect(qsCycle(t)).toMatchObject({ phase: 'screening', collectionClosedEarlyAt: null });
    setPhase(t.db, qsCycle(t).id, 'screening');
    expect(await (await get(t.app, '/p/QS/2027')).text()).toContain('征集情况汇总');
  });
});

describe('next year opens in the second half of the year', () => {
  it.each<[string, number]>([['2026-06-30T02:00:00Z', 422], ['2026-07-01T02:00:00Z', 303]])('creating 2027 on %s → %i', async (iso, status) => {
    const t = await basicsCase({ now: () => new Date(iso) });
    const res = await post(t.app, '/j/QS/cycles', { year: '2027' }, await t.as('qs.clerk'));
    expect(res.status).toBe(status);
    if (status === 422) expect(await res.text()).toContain('2027年度的票决工作应在 2026 年下半年（7月1日起）启动');
  });
});
