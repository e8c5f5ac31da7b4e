import { eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, repLink, representative } from '../../db/schema';
import { assignLink } from '../../src/data/repLinks';
import { get, login, post, testApp } from '../helpers/app';
import { seedDeliberation } from '../helpers/deliberationFixture';

type Fx = Awaited<ReturnType<typeof seedDeliberation>>;

describe('links between deliberation and district representatives', () => {
  const t = testApp(undefined, { now: () => new Date('2026-03-10T02:00:00Z') });
  const cookies: Record<string, string> = {};
  let fx: Fx;
  const linksOf = (id: number) => t.db.select().from(repLink).where(eq(repLink.deliberationRepId, id)).orderBy(repLink.id).all();
  const openLinks = (id: number) => linksOf(id).filter((l) => l.toDate === null);

  beforeAll(async () => {
    fx = await seedDeliberation(t.db);
    for (const u of ['dc.clerk', 'qs.clerk', 'dc.drep1', 'yc.rep1']) cookies[u] = await login(t.app, u);
  });

  it('shows each district representative’s group and the unlinked as a gap', async () => {
    const res = await get(t.app, '/j/DC/deliberation/links', cookies['dc.clerk']);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('未联系的议事代表（1）');
    expect(html).toContain('张三');
    expect(html).toContain('区代表王五');
    expect(html).toContain('联系 1 名，不足每组 13 名');
    expect((await get(t.app, '/j/DC/deliberation/links', cookies['dc.drep1'])).status).toBe(200); // read-only for representatives
    expect(await (await get(t.app, '/j/DC/deliberation/links', cookies['dc.drep1'])).text()).not.toContain('安排联系');
  });

  it('assigns a link; only clerks of the subdistrict may', async () => {
    expect((await post(t.app, '/j/DC/deliberation/links', { deliberationRepId: String(fx.drep3.id), districtRepId: String(fx.rep1.id), fromDate: '2026-03-01' }, cookies['qs.clerk'])).status).toBe(403);
    expect((await post(t.app, '/j/DC/deliberation/links', { deliberationRepId: String(fx.drep3.id), districtRepId: String(fx.rep1.id), fromDate: '2026-03-01' }, cookies['yc.rep1'])).status).toBe(403);
    const res = await post(t.app, '/j/DC/deliberation/links', { deliberationRepId: String(fx.drep3.id), districtRepId: String(fx.rep1.id), fromDate: '2026-03-01' }, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    expect(openLinks(fx.drep3.id)).toEqual([expect.objectContaining({ districtRepId: fx.rep1.id, fromDate: '2026-03-01' })]);
  });

  it('reassigning closes the old link on the new start date and keeps it as history', async () => {
    const res = await post(t.app, '/j/DC/deliberation/links', { deliberationRepId: String(fx.drep3.id), districtRepId: String(fx.rep2.id), fromDate: '2026-03-05', back: 'rep' }, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/j/DC/deliberation/links/${fx.drep3.id}`);
    expect(linksOf(fx.drep3.id).map((l) => [l.districtRepId, l.fromDate, l.toDate])).toEqual([
      [fx.rep1.id, '2026-03-01', '2026-03-05'],
      [fx.rep2.id, '2026-03-05', null],
    ]);
    const page = await (await get(t.app, '/j/DC/deliberation/links', cookies['dc.clerk'])).text();
    expect(page).toContain('2026-03-01 至 2026-03-05'); // the history table
  });

  it.each([
    [{ districtRepId: 'rep2', fromDate: '2026-03-06' }, '已由 区代表赵六 联系'],
    [{ districtRepId: 'rep1', fromDate: '2026-03-04' }, '不能早于现有联系的开始日期 2026-03-05'],
    [{ districtRepId: 'rep1', fromDate: '2026-03-11' }, '开始日期不能晚于今天'],
    [{ districtRepId: 'rep1', fromDate: '三月' }, '请填写开始联系的日期'],
    [{ districtRepId: '', fromDate: '2026-03-06' }, '请选择区人大代表'],
  ])('refuses %j: %s', async (f, msg) => {
    const districtRepId = f.districtRepId === 'rep1' ? String(fx.rep1.id) : f.districtRepId === 'rep2' ? String(fx.rep2.id) : f.districtRepId;
    const res = await post(t.app, '/j/DC/deliberation/links', { deliberationRepId: String(fx.drep3.id), districtRepId, fromDate: f.fromDate }, cookies['dc.clerk']);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(msg);
    expect(openLinks(fx.drep3.id)).toHaveLength(1);
  });

  it('never leaves two open links, even when called twice in a row', () => {
    const actor = { id: null, name: 'test' };
    const now = new Date('2026-03-10T02:00:00Z');
    const a = assignLink(t.db, actor, fx.dc, fx.drep3.id, fx.rep1.id, '2026-03-08', '2026-03-10', now);
    const b = assignLink(t.db, actor, fx.dc, fx.drep3.id, fx.rep1.id, '2026-03-08', '2026-03-10', now);
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(false);
    expect(openLinks(fx.drep3.id)).toHaveLength(1);
  });

  it('moves a whole group when its district representative leaves; the leaver’s group shows as a gap first', async () => {
    t.db.update(representative).set({ status: 'retired' }).where(eq(representative.id, fx.rep1.id)).run();
    const gap = await (await get(t.app, '/j/DC/deliberation/links', cookies['dc.clerk'])).text();
    expect(gap).toContain('原联系的 区代表王五 已离任');
    const res = await post(t.app, '/j/DC/deliberation/links/move', { fromDistrictRepId: String(fx.rep1.id), toDistrictRepId: String(fx.rep2.id), fromDate: '2026-03-09' }, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    const open = t.db.select().from(repLink).where(isNull(repLink.toDate)).all();
    expect(open.every((l) => l.districtRepId === fx.rep2.id)).toBe(true);
    expect(t.db.select().from(auditLog).all().filter((a) => a.action === 'repLink.moveGroup')).toHaveLength(1);
    t.db.update(representative).set({ status: 'seated' }).where(eq(representative.id, fx.rep1.id)).run();
  });

  it('ends a link without a successor', async () => {
    const res = await post(t.app, `/j/DC/deliberation/links/${fx.drep1.id}/end`, { toDate: '2026-03-10' }, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    expect(openLinks(fx.drep1.id)).toHaveLength(0);
    const again = await post(t.app, `/j/DC/deliberation/links/${fx.drep1.id}/end`, { toDate: '2026-03-10' }, cookies['dc.clerk']);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('目前没有联系的区人大代表');
  });
});
