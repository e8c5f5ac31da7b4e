import { eq } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { get, login, seedBasics, testApp } from '../helpers/app';
import { phaseCase } from '../helpers/collectionCases';
import { addProposal } from '../helpers/proposalFixture';

/** Logged-in pages kept until the next write: a write shows at once, and no viewer sees another's buttons or menu. */
describe('logged-in pages kept until the next write', () => {
  it('the intake list shows a new proposal at once, and the district administrator never the clerk’s entry buttons', async () => {
    const w = await phaseCase('collection');
    addProposal(w.db, w.cycleId, { title: '青石村老年食堂' });
    const clerk = await w.as('qs.clerk');
    const admin = await w.as('admin');
    const list = async (cookie: string, query = '') => (await get(w.app, `/j/QS/cycles/2027/proposals${query}`, cookie)).text();
    const first = await list(clerk);
    expect(first).toContain('青石村老年食堂');
    expect(first).toContain('批量导入（CSV）');
    expect(await list(clerk)).toBe(first);
    const adminView = await list(admin);
    expect(adminView).toContain('青石村老年食堂');
    expect(adminView).not.toContain('批量导入（CSV）');
    expect(adminView).not.toContain('青石镇 陈敏'); // the clerk's name in the menu
    addProposal(w.db, w.cycleId, { title: '青石村主干道安装路灯' });
    expect(await list(clerk)).toContain('青石村主干道安装路灯');
    expect(await list(clerk, '?q=路灯')).toContain('共 <strong>1</strong> 条');
  });

  it('the account list shows a renamed account at once', async () => {
    const t = testApp();
    await seedBasics(t.db);
    const admin = await login(t.app, 'admin');
    const page = async () => (await get(t.app, '/admin/users', admin)).text();
    expect(await page()).toContain('青石镇 陈敏');
    t.db.update(user).set({ displayName: '青石镇 陈敏华' }).where(eq(user.username, 'qs.clerk')).run();
    expect(await page()).toContain('青石镇 陈敏华');
  });

  it('the cycle page follows a rename at once, and shows each viewer only the work areas they may open', async () => {
    const w = await phaseCase('collection');
    const clerk = await w.as('qs.clerk');
    const rep = await w.as('qs.rep');
    const page = async (cookie: string) => (await get(w.app, '/j/QS/cycles/2027', cookie)).text();
    expect(await page(clerk)).toContain('/j/QS/cycles/2027/screening');
    const repView = await page(rep);
    expect(repView).toContain('青石镇 2027 年度');
    expect(repView).not.toContain('/j/QS/cycles/2027/screening');
    w.db.update(jurisdiction).set({ name: '青石新镇' }).where(eq(jurisdiction.code, 'QS')).run();
    expect(await page(clerk)).toContain('青石新镇 2027 年度');
  });

  it('a role removed takes effect on the next request, kept reads notwithstanding', async () => {
    const t = testApp();
    const s = await seedBasics(t.db);
    const clerk = await login(t.app, 'qs.clerk');
    expect((await get(t.app, '/j/QS', clerk)).status).toBe(200);
    expect(await (await get(t.app, '/', clerk)).text()).toContain('青石镇 · ');
    t.db.delete(roleAssignment).where(eq(roleAssignment.userId, s.users.qsClerk.id)).run();
    expect((await get(t.app, '/j/QS', clerk)).status).toBe(403);
    expect(await (await get(t.app, '/', clerk)).text()).toContain('您的账号还没有分配职责');
  });

  it('a deactivated user is logged out on the next request', async () => {
    const t = testApp();
    await seedBasics(t.db);
    const clerk = await login(t.app, 'qs.clerk');
    expect((await get(t.app, '/j/QS', clerk)).status).toBe(200);
    t.db.update(user).set({ active: false }).where(eq(user.username, 'qs.clerk')).run();
    const res = await get(t.app, '/j/QS', clerk);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });

  it('a compressed page that already varies by something else also says it varies by Accept-Encoding', async () => {
    const w = await phaseCase('collection');
    const clerk = await w.as('qs.clerk');
    const res = await w.app.request('/j/QS/cycles/2027/proposals', { headers: { Cookie: clerk, 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('HX-Request, HX-Target, Accept-Encoding');
    expect(gunzipSync(new Uint8Array(await res.arrayBuffer())).toString()).toContain('群众提议（2027 年度）');
    const portal = await w.app.request('/login', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(portal.headers.get('vary')).toBe('Cookie, Accept-Encoding');
  });
});
