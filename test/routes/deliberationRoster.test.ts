import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, repLink, representative, roleAssignment, user } from '../../db/schema';
import { get, login, ORIGIN, post, testApp } from '../helpers/app';
import { seedDeliberation } from '../helpers/deliberationFixture';

type Fx = Awaited<ReturnType<typeof seedDeliberation>>;

function upload(app: ReturnType<typeof testApp>['app'], path: string, file: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string }, cookie?: string) {
  const form = new FormData();
  form.append('file', new Blob([file.bytes], { type: file.type ?? 'text/csv' }), file.name);
  return app.request(path, { method: 'POST', body: form, headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) } });
}

describe('deliberation roster', () => {
  // Every case starts from the same fresh subdistrict: none depends on another having run.
  let t: ReturnType<typeof testApp>;
  let cookies: Record<string, string>;
  let fx: Fx;
  const seated = () => t.db.select().from(representative)
    .where(and(eq(representative.jurisdictionId, fx.dc.id), eq(representative.body, 'deliberation'), eq(representative.status, 'seated'))).all();

  beforeEach(async () => {
    t = testApp(undefined, { now: () => new Date('2026-03-10T02:00:00Z') });
    fx = await seedDeliberation(t.db);
    cookies = {};
    for (const u of ['dc.clerk', 'qs.clerk', 'dc.drep1']) cookies[u] = await login(t.app, u);
  });

  it('lists the roster with phones for the clerk only, and warns below the configured range', async () => {
    const clerkPage = await (await get(t.app, '/j/DC/deliberation/reps', cookies['dc.clerk'])).text();
    expect(clerkPage).toContain('13900000001');
    expect(clerkPage).toContain('在册议事代表 3 名，少于下限 30 名');
    expect(clerkPage).toContain('未联系'); // 张三 has no district representative
    const repPage = await get(t.app, '/j/DC/deliberation/reps', cookies['dc.drep1']);
    expect(repPage.status).toBe(200);
    const html = await repPage.text();
    expect(html).toContain('刘一');
    expect(html).not.toContain('13900000001');
    expect(html).not.toContain('新增议事代表');
  });

  it('is a subdistrict page: a township is 404, another town’s clerk 403, anonymous to login', async () => {
    expect((await get(t.app, '/j/QS/deliberation/reps', cookies['qs.clerk'])).status).toBe(404);
    expect((await get(t.app, '/j/DC/deliberation/reps', cookies['qs.clerk'])).status).toBe(403);
    expect((await post(t.app, '/j/DC/deliberation/reps', { name: '某人' }, cookies['qs.clerk'])).status).toBe(403);
    expect((await post(t.app, '/j/DC/deliberation/reps', { name: '某人' }, cookies['dc.drep1'])).status).toBe(403);
    expect((await get(t.app, '/j/DC/deliberation/reps')).status).toBe(303);
  });

  it('adds a representative; bad input comes back beside the field, filled in', async () => {
    const bad = await post(t.app, '/j/DC/deliberation/reps', {
      name: '孙七', community: '解放社区', sector: '教育', phone: '12345', termFrom: '2026-01-01', termTo: '2025-12-31',
    }, cookies['dc.clerk']);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('电话格式不对');
    expect(html).toContain('任期结束不能早于任期开始');
    expect(html).toContain('value="孙七"');
    const ok = await post(t.app, '/j/DC/deliberation/reps', {
      name: '孙七', community: '解放社区', sector: '教育', phone: '023-61234567', termFrom: '2026-01-01', termTo: '2030-12-31',
    }, cookies['dc.clerk']);
    expect(ok.status).toBe(303);
    expect(seated().map((r) => r.name)).toContain('孙七');
    expect(t.db.select().from(auditLog).all().some((a) => a.action === 'roster.add')).toBe(true);
  });

  it('creates a login with the representative, or neither when the username is taken', async () => {
    const taken = await post(t.app, '/j/DC/deliberation/reps', {
      name: '周八', community: '', sector: '', phone: '', termFrom: '', termTo: '', createLogin: '1', username: 'dc.clerk', password: 'long-enough-1',
    }, cookies['dc.clerk']);
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('用户名 dc.clerk 已被使用');
    expect(seated().some((r) => r.name === '周八')).toBe(false);
    const ok = await post(t.app, '/j/DC/deliberation/reps', {
      name: '周八', community: '', sector: '', phone: '', termFrom: '', termTo: '', createLogin: '1', username: 'dc.drep8', password: 'long-enough-1',
    }, cookies['dc.clerk']);
    expect(ok.status).toBe(303);
    const u = t.db.select().from(user).where(eq(user.username, 'dc.drep8')).get()!;
    expect(seated().find((r) => r.name === '周八')!.userId).toBe(u.id);
    expect(t.db.select().from(roleAssignment).where(eq(roleAssignment.userId, u.id)).all())
      .toEqual([expect.objectContaining({ role: 'deliberationRep', jurisdictionId: fx.dc.id })]);
    expect(await login(t.app, 'dc.drep8', 'long-enough-1')).toContain('=');
  });

  it('retires a representative and closes their link on the same day; reinstating keeps it closed', async () => {
    const res = await post(t.app, `/j/DC/deliberation/reps/${fx.drep2.id}/retire`, { onDate: '2026-03-01', reason: 'movedAway', note: '迁出本街道' }, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    const link = t.db.select().from(repLink).where(eq(repLink.deliberationRepId, fx.drep2.id)).get()!;
    expect(link.toDate).toBe('2026-03-01');
    expect(t.db.select().from(representative).where(eq(representative.id, fx.drep2.id)).get()!.status).toBe('retired');
    const twice = await post(t.app, `/j/DC/deliberation/reps/${fx.drep2.id}/retire`, { onDate: '2026-03-02', reason: 'other', note: '重复提交' }, cookies['dc.clerk']);
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain('该代表已经离任');
    expect((await post(t.app, `/j/DC/deliberation/reps/${fx.drep2.id}/reinstate`, {}, cookies['dc.clerk'])).status).toBe(303);
    expect(t.db.select().from(repLink).where(eq(repLink.deliberationRepId, fx.drep2.id)).get()!.toDate).toBe('2026-03-01');
    expect(t.db.select().from(representative).where(eq(representative.id, fx.drep2.id)).get()!.termTo).toBeNull(); // as before retiring
  });

  it('imports a CSV all or nothing, naming every bad row and column', async () => {
    const before = seated().length;
    const csv = [
      '姓名,所在社区,界别,联系电话,任期开始,任期结束,状态',
      '吴九,解放社区,企业,13911112222,2026-01-01,2030-12-31,在册',
      ',滨江社区,教育,13911113333,,,', // line 3: no name
      '郑十,滨江社区,教育,139,,,', // line 4: bad phone
      '钱十一,滨江社区,律师,,2026-02-30,,', // line 5: no such date
      '冯十二,滨江社区,律师,,,,请假', // line 6: unknown status
      '吴九,解放社区,企业,13911114444,,,', // line 7: repeats line 2
    ].join('\n');
    const res = await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'roster.csv', bytes: csv }, cookies['dc.clerk']);
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const s of ['第 3 行', '请填写姓名', '第 4 行', '联系电话', '第 5 行', '任期开始', '第 6 行', '状态只能填', '第 7 行', '与第 2 行重复', '没有导入任何代表']) {
      expect(html).toContain(s);
    }
    expect(seated()).toHaveLength(before); // not even the good first row
  });

  it('imports a good file, also in GBK, and refuses to import the same people twice', async () => {
    const before = seated().length;
    const csv = '\uFEFF姓名,所在社区,界别\r\n吴九,解放社区,企业\r\n郑十,滨江社区,"教育,卫生"\r\n';
    const ok = await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'roster.csv', bytes: csv }, cookies['dc.clerk']);
    expect(ok.status).toBe(303);
    expect(seated().length).toBe(before + 2);
    expect(seated().find((r) => r.name === '郑十')!.sector).toBe('教育,卫生');
    expect(t.db.select().from(auditLog).all().filter((a) => a.action === 'roster.import')).toHaveLength(1);

    const again = await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'roster.csv', bytes: csv }, cookies['dc.clerk']);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('名册中已有同名、同社区的在册代表');

    // 姓名,所在社区 / 何十三,朝阳社区 in GBK, as Excel saves it on a Chinese Windows.
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xcb, 0xf9, 0xd4, 0xda, 0xc9, 0xe7, 0xc7, 0xf8, 0x0a,
      0xba, 0xce, 0xca, 0xae, 0xc8, 0xfd, 0x2c, 0xb3, 0xaf, 0xd1, 0xf4, 0xc9, 0xe7, 0xc7, 0xf8, 0x0a]);
    const g = await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'gbk.csv', bytes: gbk }, cookies['dc.clerk']);
    expect(g.status).toBe(303);
    expect(seated().find((r) => r.name === '何十三')?.community).toBe('朝阳社区');
  });

  it('refuses a file without the 姓名 header, and empty uploads', async () => {
    const res = await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'x.csv', bytes: 'name,phone\nA,1\n' }, cookies['dc.clerk']);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('至少包含“姓名”列');
    const empty = await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'x.csv', bytes: '' }, cookies['dc.clerk']);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请选择要导入的 CSV 文件');
    expect((await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'x.csv', bytes: '姓名\n甲\n' }, cookies['qs.clerk'])).status).toBe(403);
  });

  it('exports the roster as UTF-8 CSV with a BOM, to the clerk only', async () => {
    const withComma = '\uFEFF姓名,所在社区,界别\r\n郑十,滨江社区,"教育,卫生"\r\n';
    expect((await upload(t.app, '/j/DC/deliberation/reps/import', { name: 'roster.csv', bytes: withComma }, cookies['dc.clerk'])).status).toBe(303);
    const res = await get(t.app, '/j/DC/deliberation/reps.csv', cookies['dc.clerk']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // the decoder drops the BOM
    // The first seven columns as before, then the seat's dates and the login; phones written so Excel keeps them as text.
    expect(text.split('\r\n')[0]).toBe('姓名,所在社区,界别,联系电话,任期开始,任期结束,状态,增补,推选日期,离任日期,离任原因,离任说明,登录账号');
    expect(text).toContain('刘一,解放社区,,"=""13900000001""",,,在册');
    expect(text).toContain('"教育,卫生"');
    expect((await get(t.app, '/j/DC/deliberation/reps.csv', cookies['dc.drep1'])).status).toBe(403);
  });
  it('creates logins for deliberation representatives without one: the deliberationRep role, the subdistrict\'s usernames', async () => {
    const res = await post(t.app, '/j/DC/deliberation/reps/logins', { which: 'withoutLogin' }, cookies['dc.clerk']);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已为 1 名议事代表创建登录账号');
    expect(html).toContain('dc.drep003'); // after dc.drep1 and dc.drep2
    const u = t.db.select().from(user).where(eq(user.username, 'dc.drep003')).get()!;
    expect(u).toMatchObject({ displayName: '张三', mustChangePassword: true });
    expect(t.db.select().from(roleAssignment).where(eq(roleAssignment.userId, u.id)).all())
      .toEqual([expect.objectContaining({ role: 'deliberationRep', jurisdictionId: fx.dc.id })]);
    expect((await post(t.app, '/j/DC/deliberation/reps/logins', { which: 'withoutLogin' }, cookies['dc.drep1'])).status).toBe(403);
  });
});
