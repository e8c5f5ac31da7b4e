import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jurisdiction } from '../../db/schema';
import { recordAudit } from '../../src/data/audit';
import { get, login, seedBasics, testApp } from '../helpers/app';
import { deliveryCase } from '../helpers/deliveryCases';

/** Pages rendered once and kept until the next write: a write, a new day or another viewer never sees a stale copy. */
describe('pages kept until the next write', () => {
  it('the district dashboard shows a write at once, and a new day from its first minute', async () => {
    const c = await deliveryCase({ today: '2026-08-15' });
    let admin = await c.as('admin');
    const page = async () => (await get(c.app, '/j/YC/delivery/2026', admin)).text();
    const first = await page();
    expect(first).toContain('截至 2026-08-15');
    expect(first).toContain('青石镇');
    expect(await page()).toBe(first);
    c.db.update(jurisdiction).set({ name: '青石新镇' }).where(eq(jurisdiction.code, 'QS')).run();
    const renamed = await page();
    expect(renamed).toContain('青石新镇');
    // Three minutes apart across midnight, nothing written in between (the login is not touched that soon).
    c.at(new Date('2026-08-15T23:58:00+08:00'));
    admin = await c.as('admin'); // the morning's login has lapsed
    expect(await page()).toContain('截至 2026-08-15');
    c.at(new Date('2026-08-16T00:01:00+08:00'));
    expect(await page()).toContain('截至 2026-08-16');
  });

  it('the audit log shows a new entry at once, and a clerk never the page the administrator was shown', async () => {
    const t = testApp();
    const { qs, lx } = await seedBasics(t.db);
    const admin = await login(t.app, 'admin');
    const clerk = await login(t.app, 'qs.clerk');
    recordAudit(t.db, { id: null, name: '柳溪' }, { action: 'settings.update', jurisdictionId: lx.id, after: { town: 'lx' } }, new Date());
    const adminPage = await (await get(t.app, '/audit', admin)).text();
    expect(adminPage).toContain('{&quot;town&quot;:&quot;lx&quot;}');
    const clerkPage = await (await get(t.app, '/audit', clerk)).text();
    expect(clerkPage).not.toContain('{&quot;town&quot;:&quot;lx&quot;}');
    recordAudit(t.db, { id: null, name: '青石' }, { action: 'settings.update', jurisdictionId: qs.id, after: { town: 'qs' } }, new Date());
    expect(await (await get(t.app, '/audit', clerk)).text()).toContain('{&quot;town&quot;:&quot;qs&quot;}');
    const again = await (await get(t.app, '/audit', admin)).text();
    expect(again).toContain('{&quot;town&quot;:&quot;qs&quot;}');
    expect(again).toContain('完整性校验通过');
  });
});
