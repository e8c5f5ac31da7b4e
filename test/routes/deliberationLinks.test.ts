import { eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, repLink, representative } from '../../db/schema';
import { assignLink } from '../../src/data/repLinks';
import { deliberationCase, relink, type DeliberationCase } from '../helpers/deliberationCases';

describe('links between deliberation and district representatives', () => {
  /** 东城街道 on 10 March 2026: 刘一 with 区代表王五 and 陈二 with 区代表赵六 since 1 January, 张三 unlinked. */
  const start = () => deliberationCase('2026-03-10T02:00:00Z');
  const linksOf = (c: DeliberationCase, id: number) => c.db.select().from(repLink).where(eq(repLink.deliberationRepId, id)).orderBy(repLink.id).all();
  const openLinks = (c: DeliberationCase, id: number) => linksOf(c, id).filter((l) => l.toDate === null);
  /** 张三 linked to 区代表王五 on 1 March, then to 区代表赵六 on 5 March. */
  const relinkedTwice = async (c: DeliberationCase) => {
    await relink(c, c.fx.drep3.id, c.fx.rep1.id, '2026-03-01');
    await relink(c, c.fx.drep3.id, c.fx.rep2.id, '2026-03-05');
  };

  it('shows each district representative’s group and the unlinked as a gap', async () => {
    const c = await start();
    const res = await c.get('/j/DC/deliberation/links', 'dc.clerk');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('未联系的议事代表（1）');
    expect(html).toContain('张三');
    expect(html).toContain('区代表王五');
    expect(html).toContain('联系 1 名，不足每组 13 名');
    expect((await c.get('/j/DC/deliberation/links', 'dc.drep1')).status).toBe(200); // read-only for representatives
    expect(await (await c.get('/j/DC/deliberation/links', 'dc.drep1')).text()).not.toContain('安排联系');
  });

  it('assigns a link; only clerks of the subdistrict may', async () => {
    const c = await start();
    const form = { deliberationRepId: String(c.fx.drep3.id), districtRepId: String(c.fx.rep1.id), fromDate: '2026-03-01' };
    expect((await c.post('/j/DC/deliberation/links', form, 'qs.clerk')).status).toBe(403);
    expect((await c.post('/j/DC/deliberation/links', form, 'yc.rep1')).status).toBe(403);
    const res = await c.post('/j/DC/deliberation/links', form, 'dc.clerk');
    expect(res.status).toBe(303);
    expect(openLinks(c, c.fx.drep3.id)).toEqual([expect.objectContaining({ districtRepId: c.fx.rep1.id, fromDate: '2026-03-01' })]);
  });

  it('reassigning closes the old link on the new start date and keeps it as history', async () => {
    const c = await start();
    await relink(c, c.fx.drep3.id, c.fx.rep1.id, '2026-03-01');
    const res = await c.post('/j/DC/deliberation/links', { deliberationRepId: String(c.fx.drep3.id), districtRepId: String(c.fx.rep2.id), fromDate: '2026-03-05', back: 'rep' }, 'dc.clerk');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/j/DC/deliberation/links/${c.fx.drep3.id}`);
    expect(linksOf(c, c.fx.drep3.id).map((l) => [l.districtRepId, l.fromDate, l.toDate])).toEqual([
      [c.fx.rep1.id, '2026-03-01', '2026-03-05'],
      [c.fx.rep2.id, '2026-03-05', null],
    ]);
    const page = await (await c.get('/j/DC/deliberation/links', 'dc.clerk')).text();
    expect(page).toContain('2026-03-01 至 2026-03-05'); // the history table
  });

  it.each([
    [{ districtRepId: 'rep2', fromDate: '2026-03-06' }, '已由 区代表赵六 联系'],
    [{ districtRepId: 'rep1', fromDate: '2026-03-04' }, '不能早于现有联系的开始日期 2026-03-05'],
    [{ districtRepId: 'rep1', fromDate: '2026-03-11' }, '开始日期不能晚于今天'],
    [{ districtRepId: 'rep1', fromDate: '三月' }, '请填写开始联系的日期'],
    [{ districtRepId: 'rep1', fromDate: '2026-02-30' }, '请填写开始联系的日期'], // no such day
    [{ districtRepId: '', fromDate: '2026-03-06' }, '请选择区人大代表'],
  ])('refuses %j: %s', async (f, msg) => {
    const c = await start();
    await relinkedTwice(c);
    const districtRepId = f.districtRepId === 'rep1' ? String(c.fx.rep1.id) : f.districtRepId === 'rep2' ? String(c.fx.rep2.id) : f.districtRepId;
    const res = await c.post('/j/DC/deliberation/links', { deliberationRepId: String(c.fx.drep3.id), districtRepId, fromDate: f.fromDate }, 'dc.clerk');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(msg);
    expect(openLinks(c, c.fx.drep3.id)).toHaveLength(1);
  });

  it('never leaves two open links, even when called twice in a row', async () => {
    const c = await start();
    await relinkedTwice(c);
    const actor = { id: null, name: 'test' };
    const now = new Date('2026-03-10T02:00:00Z');
    const a = assignLink(c.db, actor, c.fx.dc, c.fx.drep3.id, c.fx.rep1.id, '2026-03-08', '2026-03-10', now);
    const b = assignLink(c.db, actor, c.fx.dc, c.fx.drep3.id, c.fx.rep1.id, '2026-03-08', '2026-03-10', now);
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(false);
    expect(openLinks(c, c.fx.drep3.id)).toHaveLength(1);
  });

  it('moves a whole group when its district representative leaves; the leaver’s group shows as a gap first', async () => {
    const c = await start();
    await relink(c, c.fx.drep3.id, c.fx.rep1.id, '2026-03-08'); // 王五's group: 刘一 and 张三
    c.db.update(representative).set({ status: 'retired' }).where(eq(representative.id, c.fx.rep1.id)).run();
    const gap = await (await c.get('/j/DC/deliberation/links', 'dc.clerk')).text();
    expect(gap).toContain('原联系的 区代表王五 已离任');
    const res = await c.post('/j/DC/deliberation/links/move', { fromDistrictRepId: String(c.fx.rep1.id), toDistrictRepId: String(c.fx.rep2.id), fromDate: '2026-03-09' }, 'dc.clerk');
    expect(res.status).toBe(303);
    const open = c.db.select().from(repLink).where(isNull(repLink.toDate)).all();
    expect(open.every((l) => l.districtRepId === c.fx.rep2.id)).toBe(true);
    expect(c.db.select().from(auditLog).all().filter((a) => a.action === 'repLink.moveGroup')).toHaveLength(1);
  });

  it('ends a link without a successor', async () => {
    const c = await start();
    const res = await c.post(`/j/DC/deliberation/links/${c.fx.drep1.id}/end`, { toDate: '2026-03-10' }, 'dc.clerk');
    expect(res.status).toBe(303);
    expect(openLinks(c, c.fx.drep1.id)).toHaveLength(0);
    const again = await c.post(`/j/DC/deliberation/links/${c.fx.drep1.id}/end`, { toDate: '2026-03-10' }, 'dc.clerk');
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('目前没有联系的区人大代表');
  });

  it('a district representative has no links page of its own, and a township has none at all', async () => {
    const c = await start();
    expect((await c.get(`/j/DC/deliberation/links/${c.fx.rep1.id}`, 'dc.clerk')).status).toBe(404); // a district representative, not DC's roster
    expect((await c.get('/j/QS/deliberation/links', 'qs.clerk')).status).toBe(404); // a township has no street deliberation
  });
});
