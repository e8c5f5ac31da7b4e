import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, jurisdiction, loginSession as session, roleAssignment, station, user } from '../../db/schema';
import { adminFixture, PASSWORD, type AdminFixture } from '../helpers/adminFixture';

let f: AdminFixture;
let adminCookie: string;

beforeEach(async () => {
  f = await adminFixture();
  adminCookie = await f.login('admin');
});

const sessionsOf = (userId: number) => f.db.select().from(session).where(eq(session.userId, userId)).all().length;

const rolesOf = (userId: number) =>
  f.db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId })
    .from(roleAssignment).where(eq(roleAssignment.userId, userId)).all();

describe('who may administer', () => {
  it.each(['/admin/users', '/admin/users/new', '/admin/jurisdictions'])('sends the anonymous visitor of %s to the login page', async (path) => {
    const res = await f.get(path);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it('refuses a township clerk with a Chinese 403 page, on every admin page and form', async () => {
    const clerk = await f.login('clerk');
    for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${f.admin.id}`, '/admin/jurisdictions',
      `/admin/jurisdictions/${f.townA.id}`, `/admin/jurisdictions/new?parent=${f.townA.id}`]) {
      const res = await f.get(path, clerk);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('无权访问');
    }
    const posts: [string, Record<string, string>][] = [
      ['/admin/users/new', { username: 'sneaky', displayName: '某人', password: 'long-enough-1' }],
      [`/admin/users/${f.clerk.id}/roles`, { role: 'districtAdmin', jurisdictionId: String(f.district.id) }],
      [`/admin/users/${f.admin.id}/active`, { active: '0' }],
      [`/admin/jurisdictions/${f.townA.id}/stations`, { stationKind: 'home', stationName: '之家', stationAddress: '', stationCode: 'x-home' }],
    ];
    for (const [path, body] of posts) expect((await f.post(path, body, clerk)).status, path).toBe(403);
    expect(rolesOf(f.clerk.id)).toEqual([{ role: 'clerk', jurisdictionId: f.townA.id }]);
  });
});

describe('the guard comes before the form is read', () => {
  it.each([
    ['/admin/users/new', { username: '' }],
    ['/admin/users/{clerk}/roles', { role: 'mayor' }],
    ['/admin/users/{clerk}/password', { password: 'x' }],
    ['/admin/jurisdictions/new?parent={townA}', { code: '!' }],
    ['/admin/jurisdictions/{townA}/stations', { stationCode: '' }],
    ['/admin/settings/public-url', { publicUrl: 'http://localhost' }],
  ])('a clerk posting a bad form to %s gets 403, not the form back', async (path, body) => {
    const clerk = await f.login('clerk');
    const url = path.replace('{clerk}', String(f.clerk.id)).replace('{townA}', String(f.townA.id));
    expect((await f.post(url, body, clerk)).status).toBe(403);
  });

  it('an anonymous bad form goes to the login page', async () => {
    const res = await f.post('/admin/users/new', { username: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers%2Fnew');
  });
});

describe('user list', () => {
  it('shows each user with roles, status and an edit link', async () => {
    const res = await f.get('/admin/users', adminCookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('王文书');
    expect(html).toContain('河塘镇 · 人大工作人员');
    expect(html).toContain('青溪区 · 区级管理员');
    expect(html).toContain(`href="/admin/users/${f.clerk.id}"`);
    expect(html).toContain('class="badge ok"');
  });

  it('filters by name, role and jurisdiction; an empty filter form means no filter', async () => {
    const byName = await (await f.get('/admin/users?q=%E7%8E%8B', adminCookie)).text(); // q=王
    expect(byName).toContain('王文书');
    expect(byName).not.toContain('周管理</td>');
    const byRole = await (await f.get('/admin/users?role=districtAdmin', adminCookie)).text();
    expect(byRole).toContain('周管理</td>');
    expect(byRole).not.toContain('王文书');
    const byPlace = await (await f.get(`/admin/users?jurisdictionId=${f.townB.id}`, adminCookie)).text();
    expect(byPlace).toContain('没有符合条件的用户');
    expect((await f.get('/admin/users?q=&role=&jurisdictionId=&page=', adminCookie)).status).toBe(200);
  });

  it('offers as filters only the jurisdictions where someone holds a role', async () => {
    const html = await (await f.get('/admin/users', adminCookie)).text();
    const filter = html.slice(html.indexOf('name="jurisdictionId"'), html.indexOf('</select>', html.indexOf('name="jurisdictionId"')));
    expect(filter).toContain(`value="${f.townA.id}"`);
    expect(filter).not.toContain(`value="${f.townB.id}"`);
  });

  it.each(['page=abc', 'page=0', 'role=mayor', 'jurisdictionId=-3'])('answers a bad query (%s) with 400', async (query) => {
    expect((await f.get(`/admin/users?${query}`, adminCookie)).status).toBe(400);
  });
});

describe('creating a user', () => {
  it('creates the account with its first role, audited, and the new user can log in', async () => {
    const res = await f.post('/admin/users/new', {
      username: 'li.si', displayName: '李四', password: 'new-pass-99', role: 'representative', jurisdictionId: String(f.townB.id),
    }, adminCookie);
    expect(res.status).toBe(303);
    const created = f.db.select().from(user).where(eq(user.username, 'li.si')).get()!;
    expect(res.headers.get('location')).toBe(`/admin/users/${created.id}`);
    expect(created.displayName).toBe('李四');
    expect(created.passwordHash).not.toContain('new-pass-99');
    expect(rolesOf(created.id)).toEqual([{ role: 'representative', jurisdictionId: f.townB.id }]);
    expect(created.mustChangePassword).toBe(true); // the administrator chose the password
    const actions = f.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, String(created.id))).all();
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'role.grant']);
    await expect(f.login('li.si', 'new-pass-99')).resolves.toMatch(/^minsheng_session=/);
  });

  it('creates a user without a role when none is chosen', async () => {
    const res = await f.post('/admin/users/new', { username: 'zhao', displayName: '赵六', password: 'new-pass-99', role: '', jurisdictionId: '' }, adminCookie);
    expect(res.status).toBe(303);
    const created = f.db.select().from(user).where(eq(user.username, 'zhao')).get()!;
    expect(rolesOf(created.id)).toEqual([]);
  });

  it('refuses a taken username beside the field, refilled, never echoing the password', async () => {
    const res = await f.post('/admin/users/new', {
      username: 'clerk', displayName: '另一个王', password: 'secret-pass-77', role: 'clerk', jurisdictionId: String(f.townB.id),
    }, adminCookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('用户名 clerk 已被使用，请换一个');
    expect(html).toContain('value="另一个王"');
    expect(html).toMatch(new RegExp(`<option value="${f.townB.id}" selected`));
    expect(html).not.toContain('secret-pass-77');
    expect(f.db.select().from(user).all()).toHaveLength(2);
  });

  it.each([
    [{ username: 'ab' }, '用户名至少 3 个字符'],
    [{ username: 'Li Si' }, '用户名只能使用小写字母'],
    [{ username: 'a'.repeat(33) }, '用户名不能超过 32 个字符'],
    [{ displayName: '  ' }, '请填写姓名'],
    [{ displayName: '名'.repeat(41) }, '不能超过40个字'],
    [{ password: 'short' }, '至少 8 位'],
    [{ role: 'clerk', jurisdictionId: '' }, '请选择角色所在辖区'],
  ])('refuses %o with “%s”', async (change, message) => {
    const res = await f.post('/admin/users/new', { username: 'wang.wu', displayName: '王五', password: 'new-pass-99', ...change }, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(f.db.select().from(user).all()).toHaveLength(2);
  });

  it('refuses a first role outside its scope and creates nothing', async () => {
    const res = await f.post('/admin/users/new', {
      username: 'wang.wu', displayName: '王五', password: 'new-pass-99', role: 'deliberationRep', jurisdictionId: String(f.townA.id),
    }, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('议事代表只能设在街道');
    expect(f.db.select().from(user).where(eq(user.username, 'wang.wu')).get()).toBeUndefined();
  });
});

describe('editing a user', () => {
  it('404s for a user that does not exist', async () => {
    expect((await f.get('/admin/users/9999', adminCookie)).status).toBe(404);
    expect((await f.post('/admin/users/9999/active', { active: '0' }, adminCookie)).status).toBe(404);
  });

  it('changes the display name', async () => {
    const res = await f.post(`/admin/users/${f.clerk.id}`, { displayName: '王文书（河塘）' }, adminCookie);
    expect(res.status).toBe(303);
    expect(f.db.select().from(user).where(eq(user.id, f.clerk.id)).get()!.displayName).toBe('王文书（河塘）');
  });

  it.each([
    ['districtAdmin', 'townA', '区级管理员只能设在区/县'],
    ['clerk', 'district', '人大工作人员只能设在镇/乡或街道'],
    ['deliberationRep', 'townB', '议事代表只能设在街道'],
  ] as const)('refuses %s on %s: “%s”', async (role, where, message) => {
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role, jurisdictionId: String(f[where].id) }, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(rolesOf(f.clerk.id)).toHaveLength(1);
  });

  it('refuses a jurisdiction that does not exist, and a role the user already holds', async () => {
    const missing = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdictionId: '9999' }, adminCookie);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('所选辖区不存在');
    const twice = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdictionId: String(f.townA.id) }, adminCookie);
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain('该用户在此辖区已有这一角色');
  });

  it('refuses a role in a deactivated jurisdiction', async () => {
    f.db.update(jurisdiction).set({ active: false }).where(eq(jurisdiction.id, f.townB.id)).run();
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdictionId: String(f.townB.id) }, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('所选辖区已停用');
  });

  it('adds a deliberation representative on a subdistrict and removes a role', async () => {
    const add = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'deliberationRep', jurisdictionId: String(f.street.id) }, adminCookie);
    expect(add.status).toBe(303);
    expect(rolesOf(f.clerk.id)).toContainEqual({ role: 'deliberationRep', jurisdictionId: f.street.id });
    const clerkRole = f.db.select().from(roleAssignment)
      .where(and(eq(roleAssignment.userId, f.clerk.id), eq(roleAssignment.role, 'clerk'))).get()!;
    const remove = await f.post(`/admin/users/${f.clerk.id}/roles/${clerkRole.id}/delete`, {}, adminCookie);
    expect(remove.status).toBe(303);
    expect(rolesOf(f.clerk.id)).toEqual([{ role: 'deliberationRep', jurisdictionId: f.street.id }]);
  });

  it('will not let the administrator remove their own admin role', async () => {
    const own = f.db.select().from(roleAssignment).where(eq(roleAssignment.userId, f.admin.id)).get()!;
    const res = await f.post(`/admin/users/${f.admin.id}/roles/${own.id}/delete`, {}, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('不能移除自己的区级管理员角色');
    expect(rolesOf(f.admin.id)).toHaveLength(1);
  });

  it('deactivation ends the user’s session at once; reactivation lets them log in again', async () => {
    const clerk = await f.login('clerk');
    expect((await f.get(`/j/${f.townA.code}`, clerk)).status).toBe(200);

    const res = await f.post(`/admin/users/${f.clerk.id}/active`, { active: '0' }, adminCookie);
    expect(res.status).toBe(303);
    expect(sessionsOf(f.clerk.id)).toBe(0);

    const after = await f.get(`/j/${f.townA.code}`, clerk);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login\?next=/);
    await expect(f.login('clerk')).rejects.toThrow('401');

    expect((await f.post(`/admin/users/${f.clerk.id}/active`, { active: '1' }, adminCookie)).status).toBe(303);
    await expect(f.login('clerk')).resolves.toMatch(/^minsheng_session=/);
  });

  it('will not let the administrator deactivate themself', async () => {
    const res = await f.post(`/admin/users/${f.admin.id}/active`, { active: '0' }, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('不能停用自己的账号');
    expect(f.db.select().from(user).where(eq(user.id, f.admin.id)).get()!.active).toBe(true);
  });

  it('resets a password: old sessions end, the new password works, the old one does not', async () => {
    const clerk = await f.login('clerk');
    const res = await f.post(`/admin/users/${f.clerk.id}/password`, { password: 'fresh-pass-123' }, adminCookie);
    expect(res.status).toBe(303);
    expect(sessionsOf(f.clerk.id)).toBe(0);
    expect((await f.get(`/j/${f.townA.code}`, clerk)).status).toBe(303);
    await expect(f.login('clerk', PASSWORD)).rejects.toThrow('401');
    await expect(f.login('clerk', 'fresh-pass-123')).resolves.toMatch(/^minsheng_session=/);
  });

  it('refuses a short reset password without echoing it', async () => {
    const res = await f.post(`/admin/users/${f.clerk.id}/password`, { password: 'abc1234' }, adminCookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('至少 8 位');
    expect(html).not.toContain('abc1234');
  });
});

describe('jurisdictions', () => {
  it('shows the tree with kinds and codes and marks an inactive jurisdiction', async () => {
    f.db.update(jurisdiction).set({ active: false }).where(eq(jurisdiction.id, f.townB.id)).run();
    const res = await f.get('/admin/jurisdictions', adminCookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('class="tree"');
    expect(html).toContain(`<a href="/admin/jurisdictions/${f.townA.id}">河塘镇</a>`);
    expect(html).toContain('<code>HT</code>');
    expect(html).toMatch(/石桥镇.*?已停用/s);
  });

  it('creates a child, upper-casing its code', async () => {
    const res = await f.post(`/admin/jurisdictions/new?parent=${f.townA.id}`, { kind: 'village', name: '上湾村', code: 'sw01' }, adminCookie);
    expect(res.status).toBe(303);
    const created = f.db.select().from(jurisdiction).where(eq(jurisdiction.code, 'SW01')).get()!;
    expect(created).toMatchObject({ parentId: f.townA.id, kind: 'village', name: '上湾村', active: true });
    expect(res.headers.get('location')).toBe(`/admin/jurisdictions/${created.id}`);
  });

  it('shows a jurisdiction with exactly one child (a one-element list is not unwrapped)', async () => {
    await f.post(`/admin/jurisdictions/new?parent=${f.townA.id}`, { kind: 'village', name: '上湾村', code: 'SW01' }, adminCookie);
    const res = await f.get(`/admin/jurisdictions/${f.townA.id}`, adminCookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('下级辖区（1）');
  });

  it('refuses a taken code with a Chinese message, form refilled', async () => {
    const res = await f.post(`/admin/jurisdictions/new?parent=${f.townA.id}`, { kind: 'village', name: '上湾村', code: 'SQ' }, adminCookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('代码 SQ 已被“石桥镇”使用');
    expect(html).toContain('value="上湾村"');
  });

  it.each([
    [{ kind: 'township' }, '镇/乡下只能设村或社区'],
    [{ code: 'X' }, '代码须为 2–12 位字母或数字'],
    [{ code: 'AB-1' }, '代码须为 2–12 位字母或数字'],
    [{ name: '' }, '请填写辖区名称'],
  ])('refuses a child %o: “%s”', async (change, message) => {
    const res = await f.post(`/admin/jurisdictions/new?parent=${f.townA.id}`, { kind: 'village', name: '上湾村', code: 'SW01', ...change }, adminCookie);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
  });

  it('404s for a missing parent and 400s for a bad one', async () => {
    expect((await f.get('/admin/jurisdictions/new?parent=9999', adminCookie)).status).toBe(404);
    expect((await f.get('/admin/jurisdictions/new?parent=x', adminCookie)).status).toBe(400);
    expect((await f.get('/admin/jurisdictions/9999', adminCookie)).status).toBe(404);
  });

  it('renames a jurisdiction, refusing another’s code', async () => {
    const taken = await f.post(`/admin/jurisdictions/${f.townA.id}`, { name: '河塘镇', code: 'CD' }, adminCookie);
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('代码 CD 已被“城东街道”使用');
    const ok = await f.post(`/admin/jurisdictions/${f.townA.id}`, { name: '新河塘镇', code: 'HT' }, adminCookie);
    expect(ok.status).toBe(303);
    expect(f.db.select().from(jurisdiction).where(eq(jurisdiction.id, f.townA.id)).get()!.name).toBe('新河塘镇');
  });

  it('deactivates bottom-up only, and reactivates', async () => {
    const refused = await f.post(`/admin/jurisdictions/${f.district.id}/active`, { active: '0' }, adminCookie);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请先停用下级辖区');
    expect((await f.post(`/admin/jurisdictions/${f.townB.id}/active`, { active: '0' }, adminCookie)).status).toBe(303);
    expect(f.db.select().from(jurisdiction).where(eq(jurisdiction.id, f.townB.id)).get()!.active).toBe(false);
    expect((await f.post(`/admin/jurisdictions/${f.townB.id}/active`, { active: '1' }, adminCookie)).status).toBe(303);
    expect(f.db.select().from(jurisdiction).where(eq(jurisdiction.id, f.townB.id)).get()!.active).toBe(true);
  });
});

describe('stations', () => {
  const home = { stationKind: 'home', stationName: '河塘镇人大代表之家', stationAddress: '河塘镇人民路 8 号', stationCode: 'ht-home' };

  it('creates a station on the jurisdiction page, audited, and lists it', async () => {
    const res = await f.post(`/admin/jurisdictions/${f.townA.id}/stations`, home, adminCookie);
    expect(res.status).toBe(303);
    const s = f.db.select().from(station).where(eq(station.shortCode, 'ht-home')).get()!;
    expect(s).toMatchObject({ jurisdictionId: f.townA.id, kind: 'home', name: '河塘镇人大代表之家', address: '河塘镇人民路 8 号', active: true });
    expect(f.db.select().from(auditLog).where(eq(auditLog.action, 'station.create')).all()).toHaveLength(1);
    const html = await (await f.get(`/admin/jurisdictions/${f.townA.id}`, adminCookie)).text();
    expect(html).toContain('河塘镇人大代表之家');
    expect(html).toContain('代表之家');
  });

  it('refuses a taken or malformed short code, form refilled', async () => {
    await f.post(`/admin/jurisdictions/${f.townA.id}/stations`, home, adminCookie);
    const taken = await f.post(`/admin/jurisdictions/${f.townB.id}/stations`, { ...home, stationName: '石桥镇代表之家' }, adminCookie);
    expect(taken.status).toBe(422);
    const html = await taken.text();
    expect(html).toContain('简码 ht-home 已被“河塘镇人大代表之家”使用');
    expect(html).toContain('value="石桥镇代表之家"');
    const bad = await f.post(`/admin/jurisdictions/${f.townB.id}/stations`, { ...home, stationCode: 'x' }, adminCookie);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('简码须为 2–16 位小写字母、数字或连字符');
    expect(f.db.select().from(station).all()).toHaveLength(1);
  });

  it('edits a station, and 404s for a station of another jurisdiction', async () => {
    await f.post(`/admin/jurisdictions/${f.townA.id}/stations`, home, adminCookie);
    const s = f.db.select().from(station).get()!;
    expect((await f.get(`/admin/jurisdictions/${f.townA.id}/stations/${s.id}`, adminCookie)).status).toBe(200);
    expect((await f.get(`/admin/jurisdictions/${f.townB.id}/stations/${s.id}`, adminCookie)).status).toBe(404);
    const res = await f.post(`/admin/jurisdictions/${f.townA.id}/stations/${s.id}`,
      { ...home, stationKind: 'liaison', stationName: '河塘镇代表联络站', stationActive: '0' }, adminCookie);
    expect(res.status).toBe(303);
    expect(f.db.select().from(station).get()).toMatchObject({ kind: 'liaison', name: '河塘镇代表联络站', shortCode: 'ht-home', active: false });
  });
});
