import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cycle, proposal } from '../../db/schema';
import { createApp } from '../../src/app';
import { freshDb, get, login, post, testApp } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { addProposal, NOW, proposalForm, seedCollection, setPhase } from '../helpers/proposals';

describe('the collection window', () => {
  const path = '/j/QS/cycles/2027/collection';

  it('the clerk sees the window, the form URL and the station posters, and changes the dates (audited)', async () => {
    const t = await collectionCase();
    const cookies = { 'qs.clerk': await t.as('qs.clerk') };
    const page = await (await get(t.app, path, cookies['qs.clerk'])).text();
    expect(page).toContain('value="2027-03-01"');
    expect(page).toContain('http://localhost/p/QS/propose');
    expect(page).toContain('href="/j/QS/stations"');
    const res = await post(t.app, path, { collectionOpens: '2027-03-15', collectionCloses: '2027-04-15' }, cookies['qs.clerk']);
    expect(res.status).toBe(303);
    expect(t.db.select().from(cycle).where(eq(cycle.year, 2027)).get()).toMatchObject({ collectionOpens: '2027-03-15', collectionCloses: '2027-04-15' });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'cycle.collectionWindow')).all().at(-1)!;
    expect(JSON.parse(audit.before!)).toEqual({ collectionOpens: '2027-03-01', collectionCloses: '2027-03-31', collectionShortReason: '' });
    expect(JSON.parse(audit.after!)).toEqual({ collectionOpens: '2027-03-15', collectionCloses: '2027-04-15', days: 32, collectionShortReason: '' });
    expect(await (await get(t.app, '/p/QS/propose')).text()).toContain('将于2027年3月15日开始');
  });

  it.each([
    [{ collectionOpens: '', collectionCloses: '2027-04-15' }, '请填写开始日期'],
    [{ collectionOpens: '2027-04-15', collectionCloses: '2027-03-01' }, '截止日期不能早于开始日期'],
    [{ collectionOpens: '2027-02-30', collectionCloses: '2027-03-01' }, '请填写有效的开始日期'],
    [{ collectionOpens: '2025-10-01', collectionCloses: '2027-03-01' }, '开始日期须在 2026 年下半年或 2027 年内'],
    [{ collectionOpens: '2026-05-01', collectionCloses: '2027-03-01' }, '2027年度的项目征集应在 2026 年下半年（7月1日起）启动'],
  ])('%j → 422: %s', async (form, message) => {
    const t = await collectionCase();
    const res = await post(t.app, path, form, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(`value="${form.collectionCloses}"`);
  });

  it('others may look but not change; another township gets 403', async () => {
    const t = await collectionCase();
    const cookies = { 'qs.rep': await t.as('qs.rep'), admin: await t.as('admin'), 'lx.clerk': await t.as('lx.clerk') };
    expect((await get(t.app, path, cookies['qs.rep'])).status).toBe(200);
    expect(await (await get(t.app, path, cookies['qs.rep'])).text()).not.toContain('保存征集时间');
    expect((await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-02' }, cookies['qs.rep'])).status).toBe(403);
    expect((await post(t.app, path, { collectionOpens: '2027-03-01', collectionCloses: '2027-03-02' }, cookies['admin'])).status).toBe(403);
    expect((await get(t.app, path, cookies['lx.clerk'])).status).toBe(403);
    expect((await post(t.app, path, { collectionOpens: '', collectionCloses: '' }, cookies['lx.clerk'])).status).toBe(403);
  });
});

describe('entering proposals for others', () => {
  const path = '/j/QS/cycles/2027/proposals/new';
  const last = (t: { db: ReturnType<typeof freshDb> }) => t.db.select().from(proposal).all().at(-1)!;

  it('a representative submits for an elderly resident without a phone: attributed to the representative', async () => {
    const t = await collectionCase();
    const { f } = t;
    const cookies = { 'qs.rep': await t.as('qs.rep') };
    const page = await (await get(t.app, path, cookies['qs.rep'])).text();
    expect(page).toContain('<option value="representative" selected="">人大代表</option>');
    expect(page).not.toContain('照纸质表格录入');
    const res = await post(t.app, path, { ...proposalForm({ proposerName: '周大爷', proposerPhone: '', source: 'public' }), entryChannel: 'online' }, cookies['qs.rep']);
    expect(res.status).toBe(303);
    expect(last(t)).toMatchObject({ proposerName: '周大爷', proposerPhone: '', source: 'public', entryChannel: 'online', submittedBy: f.users.qsRep.id });
    const receipt = await (await get(t.app, res.headers.get('location')!, cookies['qs.rep'])).text();
    expect(res.headers.get('location')).toBe(`/receipt/${last(t).receipt}`);
    expect(last(t).receipt).toMatch(/^2027-QS-0001-/);
    expect(receipt).toContain('周**');
    expect(receipt).toContain('href="/j/QS/cycles/2027/proposals/new"'); // 再提一条 goes back to the staff form
  });

  it('a representative\'s own proposal', async () => {
    const t = await collectionCase();
    const { f } = t;
    expect((await post(t.app, path, { ...proposalForm({ source: 'representative', proposerName: '李强' }), entryChannel: 'online' }, await t.as('qs.rep'))).status).toBe(303);
    expect(last(t)).toMatchObject({ source: 'representative', submittedBy: f.users.qsRep.id });
    expect(await (await get(t.app, `/track/${last(t).receipt}`)).text()).toContain('由人大代表提交');
  });

  it('a clerk types in a paper form, even after the window closed while the cycle is still collecting', async () => {
    const late = testApp(undefined, { now: () => new Date('2027-04-05T02:00:00Z') });
    const lf = await seedCollection(late.db);
    const clerk = await login(late.app, 'qs.clerk');
    const res = await post(late.app, path, { ...proposalForm({ proposerPhone: '' }), entryChannel: 'paper' }, clerk);
    expect(res.status).toBe(303);
    expect(late.db.select().from(proposal).all()[0]).toMatchObject({ entryChannel: 'paper', submittedBy: lf.users.qsClerk.id });
    const rep = await login(late.app, 'qs.rep');
    const refused = await post(late.app, path, { ...proposalForm(), entryChannel: 'online' }, rep);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('现在不在征集时间内，不能提交提议');
    setPhase(late.db, lf.cycle().id, 'candidates');
    expect(await (await get(late.app, path, clerk)).text()).toContain('本年度已过资格审查阶段');
  });

  it('bad input comes back filled in with messages', async () => {
    const t = await collectionCase();
    const res = await post(t.app, path, { ...proposalForm({ estimatedCost: 'abc', title: '' }), entryChannel: 'paper' }, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请填写数字金额');
    expect(html).toContain('请填写项目名称');
    expect(html).toContain('value="abc"');
  });

  it('a representative cannot claim a paper entry; other townships and units are refused', async () => {
    const t = await collectionCase();
    const cookies = { 'qs.rep': await t.as('qs.rep'), 'lx.clerk': await t.as('lx.clerk'), admin: await t.as('admin') };
    expect((await post(t.app, path, { ...proposalForm(), entryChannel: 'paper' }, cookies['qs.rep'])).status).toBe(403);
    expect((await get(t.app, path, cookies['lx.clerk'])).status).toBe(403);
    expect((await post(t.app, path, { ...proposalForm(), entryChannel: 'paper' }, cookies['lx.clerk'])).status).toBe(403);
    expect((await get(t.app, path, cookies['admin'])).status).toBe(403); // the district admin does not enter proposals
  });

  it('concurrent entries never share a receipt: numbers are consecutive and unique', async () => {
    const t = await collectionCase();
    addProposal(t.db, t.f, { title: '已有的提议' });
    const clerk = await t.as('qs.clerk');
    const before = t.db.select().from(proposal).all().length;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post(t.app, path, { ...proposalForm({ title: `并发提议${i}` }), entryChannel: 'paper' }, clerk)));
    expect(results.every((r) => r.status === 303)).toBe(true);
    const receipts = t.db.select().from(proposal).all().map((p) => p.receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
    expect(receipts).toHaveLength(before + 20);
    receipts.forEach((r, i) => expect(r).toMatch(new RegExp(`^2027-QS-${String(i + 1).padStart(4, '0')}-[2-9A-HJKMNP-TV-Z]{4}$`)));
  });
});

describe('stations: list and posters', () => {
  it('lists the township\'s stations (and its villages\') with short links and posters', async () => {
    const t = await collectionCase();
    const { f } = t;
    const html = await (await get(t.app, '/j/QS/stations', await t.as('qs.clerk'))).text();
    expect(html).toContain('http://localhost/s/qs-home');
    expect(html).toContain('http://localhost/s/qs01-lx');
    expect(html).not.toContain('lx-home');
    expect(html).toContain(`/j/QS/stations/${f.stations.qs01.id}/poster`);
  });

  it('a poster carries the QR code, station name, address, instructions and the window', async () => {
    const t = await collectionCase();
    const { f } = t;
    const res = await get(t.app, `/j/QS/stations/${f.stations.qs01.id}/poster`, await t.as('qs.clerk'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).toContain('青石村人大代表联络站');
    expect(html).toContain('青石村村委会');
    expect(html).toContain('http://localhost/s/qs01-lx');
    expect(html).toContain('征集时间：2027年3月1日至2027年3月31日');
    expect(html).toContain('不会用手机？');
    expect(html).not.toContain('style=');
  });

  it('staff only, own jurisdiction only', async () => {
    const t = await collectionCase();
    const { f } = t;
    const cookies = { 'qs.clerk': await t.as('qs.clerk'), 'qs.rep': await t.as('qs.rep'), 'lx.clerk': await t.as('lx.clerk') };
    expect((await get(t.app, `/j/QS/stations/${f.stations.qs01.id}/poster`)).status).toBe(303);
    expect((await get(t.app, `/j/QS/stations/${f.stations.qs01.id}/poster`, cookies['qs.rep'])).status).toBe(403);
    expect((await get(t.app, `/j/QS/stations/${f.stations.qs01.id}/poster`, cookies['lx.clerk'])).status).toBe(403);
    expect((await get(t.app, `/j/QS/stations/${f.stations.lxHome.id}/poster`, cookies['qs.clerk'])).status).toBe(404);
    expect((await get(t.app, '/j/QS/stations', cookies['lx.clerk'])).status).toBe(403);
  });
});

describe('printed addresses', () => {
  it('every printed page warns on the paper while no public address is set, and prints the set one once it is', async () => {
    const db = freshDb();
    const f = await seedCollection(db);
    const receipt = addProposal(db, f).receipt;
    const unset = createApp({ db, log: () => {}, now: () => NOW });
    const set = createApp({ db, log: () => {}, now: () => NOW, publicUrl: 'https://minsheng.example.gov.cn' });
    const clerk = await login(unset, 'qs.clerk');
    const pages = ['/j/QS/stations', `/j/QS/stations/${f.stations.qs01.id}/poster`, '/j/QS/cycles/2027/collection', `/receipt/${receipt}`];
    for (const page of pages) {
      expect(await (await get(unset, page, clerk)).text()).toContain('尚未设置公开网址');
      const html = await (await get(set, page, clerk)).text();
      expect(html).not.toContain('尚未设置公开网址');
      expect(html).toContain('https://minsheng.example.gov.cn/');
    }
  });
});

describe('the public form for someone logged in', () => {
  it('points representatives and clerks to the attributed staff form', async () => {
    const t = testApp(undefined, { now: () => NOW });
    await seedCollection(t.db);
    const rep = await login(t.app, 'qs.rep');
    expect(await (await get(t.app, '/p/QS/propose', rep)).text()).toContain('href="/j/QS/cycles/2027/proposals/new"');
    expect(await (await get(t.app, '/p/QS/propose')).text()).not.toContain('/proposals/new');
  });
});
