import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { LISTED_PLACES_MAX } from '../../src/data/roleJurisdictions';
import { adminFixture, type AdminFixture } from '../helpers/adminFixture';

let f: AdminFixture;
let adminCookie: string;

beforeEach(async () => {
  f = await adminFixture();
  adminCookie = await f.login('admin');
});

const rolesOf = (userId: number) =>
  f.db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId })
    .from(roleAssignment).where(eq(roleAssignment.userId, userId)).all();

const place = (kind: 'district' | 'township' | 'village', code: string, name: string, parentId: number | null) =>
  f.db.insert(jurisdiction).values({ kind, code, name, parentId }).returning().get();

/** Another district beside the administrator's, with a township of its own. */
function otherDistrict() {
  const district = place('district', 'OT', '邻区', null);
  return { district, town: place('township', 'OX', '外乡镇', district.id) };
}

/** Grows the administrator's district past what the grant form lists: it then searches. */
function largeDistrict() {
  f.db.insert(jurisdiction).values(Array.from({ length: LISTED_PLACES_MAX }, (_, i) => ({
    kind: 'township' as const, code: `Z${String(i + 1).padStart(3, '0')}`, name: `新增${i + 1}号镇`, parentId: f.district.id,
  }))).run();
}

const html = async (res: Response) => res.text();

describe('the user list: paged and searched by name, username or place', () => {
  it('pages fifty accounts at a time, the filters carried into the page links', async () => {
    f.db.insert(user).values(Array.from({ length: 60 }, (_, i) => ({ username: `u${String(i).padStart(2, '0')}`, displayName: `测试${i}`, passwordHash: 'x' }))).run();
    const first = await html(await f.get('/admin/users', adminCookie));
    expect(first).toContain('共 62 个用户');
    expect(first).toContain('u47</td>');
    expect(first).not.toContain('u48</td>');
    expect(first).toContain('href="/admin/users?page=2"');
    const second = await html(await f.get('/admin/users?page=2', adminCookie));
    expect(second).toContain('u48</td>');
    expect(second).toContain('u59</td>');
    expect(second).not.toContain('u47</td>');
    const searched = await html(await f.get('/admin/users?q=%E6%B5%8B%E8%AF%95', adminCookie)); // q=测试
    expect(searched).toContain('共 60 个用户');
    expect(searched).toContain('href="/admin/users?q=%E6%B5%8B%E8%AF%95&amp;page=2"');
  });

  it('finds a person by the name or the code of the place they hold a role in', async () => {
    const byName = await html(await f.get(`/admin/users?q=${encodeURIComponent('河塘')}`, adminCookie));
    expect(byName).toContain('王文书</td>');
    expect(byName).not.toContain('周管理</td>');
    const byCode = await html(await f.get('/admin/users?q=ht', adminCookie));
    expect(byCode).toContain('王文书</td>');
    expect(byCode).not.toContain('周管理</td>');
    const nobody = await html(await f.get(`/admin/users?q=${encodeURIComponent('石桥')}`, adminCookie));
    expect(nobody).toContain('没有符合条件的用户');
  });

  it('treats % and _ in the search as themselves', async () => {
    const res = await html(await f.get('/admin/users?q=%25', adminCookie));
    expect(res).toContain('没有符合条件的用户');
  });

  it('offers no place filter for a district too large to list; the search still finds by place', async () => {
    largeDistrict();
    const page = await html(await f.get('/admin/users', adminCookie));
    expect(page).not.toContain('name="jurisdictionId"');
    expect(await html(await f.get('/admin/users?q=HT', adminCookie))).toContain('王文书</td>');
  });
});

describe('the grant form of a district small enough to list', () => {
  it('lists only the active places of the district where a role may be held, not villages nor another district', async () => {
    const village = place('village', 'HT01', '河塘村', f.townA.id);
    const { town } = otherDistrict();
    const page = await html(await f.get(`/admin/users/${f.clerk.id}`, adminCookie));
    const select = page.slice(page.indexOf('<select id="f-jurisdictionId"'), page.indexOf('</select>', page.indexOf('<select id="f-jurisdictionId"')));
    for (const j of [f.district, f.townA, f.townB, f.street]) expect(select).toContain(`value="${j.id}"`);
    expect(select).not.toContain(`value="${village.id}"`);
    expect(select).not.toContain(`value="${town.id}"`);
  });

  it('refuses with 403 a place outside the district, and grants nothing', async () => {
    const { town } = otherDistrict();
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdictionId: String(town.id) }, adminCookie);
    expect(res.status).toBe(403);
    expect(rolesOf(f.clerk.id)).toEqual([{ role: 'clerk', jurisdictionId: f.townA.id }]);
    const created = await f.post('/admin/users/new', {
      username: 'wai.ren', displayName: '外人', password: 'new-pass-99', role: 'clerk', jurisdictionId: String(town.id),
    }, adminCookie);
    expect(created.status).toBe(403);
    expect(f.db.select().from(user).where(eq(user.username, 'wai.ren')).get()).toBeUndefined();
  });
});

describe('the grant form of a district too large to list: a code or a name', () => {
  beforeEach(() => largeDistrict());

  it('asks for the place by code or name instead of listing every one', async () => {
    for (const path of [`/admin/users/${f.clerk.id}`, '/admin/users/new']) {
      const whole = await html(await f.get(path, adminCookie));
      const page = whole.slice(whole.indexOf('<main')); // the header's switcher is the layout's, not the form's
      expect(page).toContain('name="jurisdiction"');
      expect(page).toContain('<label for="f-jurisdiction">所在辖区（代码或名称）');
      expect(page).not.toContain('<select id="f-jurisdictionId"');
      expect(page).not.toContain('新增1号镇');
    }
  });

  it('looks up what was typed on the page itself (GET), for the field to show its matches as one types', async () => {
    const res = await f.get(`/admin/users/${f.clerk.id}?jurisdiction=${encodeURIComponent('新增2')}`, adminCookie);
    expect(res.status).toBe(200);
    const whole = await res.text();
    const page = whole.slice(whole.indexOf('<main'));
    expect(page).toContain('<div id="place-matches">');
    expect(page).toContain('新增2号镇（Z002）');
    expect(page).toContain('新增29号镇（Z029）');
    expect(page).not.toContain('新增3号镇');
    expect(page).not.toContain('有多个辖区符合'); // a lookup is not a refusal
    const fresh = await (await f.get(`/admin/users/new?jurisdiction=SQ`, adminCookie)).text();
    expect(fresh).toContain('石桥镇（SQ）');
    expect((await f.get(`/admin/users/new?jurisdiction=${'镇'.repeat(41)}`, adminCookie)).status).toBe(400);
    const clerk = await f.login('clerk');
    expect((await f.get(`/admin/users/new?jurisdiction=SQ`, clerk)).status).toBe(403);
  });

  it('grants by code, whatever its case', async () => {
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'representative', jurisdiction: 'sq' }, adminCookie);
    expect(res.status).toBe(303);
    expect(rolesOf(f.clerk.id)).toContainEqual({ role: 'representative', jurisdictionId: f.townB.id });
  });

  it('grants by a name only one place has', async () => {
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'deliberationRep', jurisdiction: '城东' }, adminCookie);
    expect(res.status).toBe(303);
    expect(rolesOf(f.clerk.id)).toContainEqual({ role: 'deliberationRep', jurisdictionId: f.street.id });
  });

  it('lists the places a name fits and grants the one then chosen', async () => {
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'representative', jurisdiction: '新增1' }, adminCookie);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('有多个辖区符合“新增1”，请在下面选择一个');
    expect(page).toContain('value="新增1"');
    expect(page).toContain('<legend>符合“新增1”的辖区');
    expect(page).toContain('新增1号镇（Z001）');
    expect(page).toContain('新增19号镇（Z019）');
    expect(page).toContain('<option value="representative" selected="">');
    const z019 = f.db.select().from(jurisdiction).where(eq(jurisdiction.code, 'Z019')).get()!;
    expect(page).toContain(`name="jurisdictionId" value="${z019.id}"`);
    const chosen = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'representative', jurisdiction: '新增1', jurisdictionId: String(z019.id) }, adminCookie);
    expect(chosen.status).toBe(303);
    expect(rolesOf(f.clerk.id)).toContainEqual({ role: 'representative', jurisdictionId: z019.id });
  });

  it('says so beside the field when too many places fit to list them all', async () => {
    const page = await (await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'representative', jurisdiction: '新增' }, adminCookie)).text();
    expect(page).toContain('只列出前 20 个，请输入更完整的名称或代码');
    expect(page.match(/name="jurisdictionId"/g)).toHaveLength(20);
  });

  it('refuses a place nobody has named, keeping what was typed', async () => {
    const res = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdiction: '不存在的镇' }, adminCookie);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('本区没有代码或名称含“不存在的镇”的辖区');
    expect(page).toContain('value="不存在的镇"');
    expect(rolesOf(f.clerk.id)).toHaveLength(1);
  });

  it('keeps the other checks beside the field, with the place shown as its code', async () => {
    const wrongKind = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'deliberationRep', jurisdiction: '石桥' }, adminCookie);
    expect(wrongKind.status).toBe(422);
    const page = await wrongKind.text();
    expect(page).toContain('议事代表只能设在街道');
    expect(page).toContain('value="SQ"');
    const noPlace = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdiction: '' }, adminCookie);
    expect(noPlace.status).toBe(422);
    expect(await noPlace.text()).toContain('请选择所在辖区');
    const twice = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdiction: 'HT' }, adminCookie);
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain('该用户在此辖区已有这一角色');
  });

  it('refuses with 403 a place of another district, named by code or chosen by id; its name is never found', async () => {
    const { town } = otherDistrict();
    expect((await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdiction: 'OX' }, adminCookie)).status).toBe(403);
    expect((await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdictionId: String(town.id) }, adminCookie)).status).toBe(403);
    const byName = await f.post(`/admin/users/${f.clerk.id}/roles`, { role: 'clerk', jurisdiction: '外乡' }, adminCookie);
    expect(byName.status).toBe(422);
    expect(await byName.text()).toContain('本区没有代码或名称含“外乡”的辖区');
    expect(rolesOf(f.clerk.id)).toEqual([{ role: 'clerk', jurisdictionId: f.townA.id }]);
  });

  it('creates an account with its first role named by code; a bad form keeps every value but the password', async () => {
    const bad = await f.post('/admin/users/new', {
      username: 'li.si', displayName: '李四', password: 'new-pass-99', role: 'clerk', jurisdiction: '新增1',
    }, adminCookie);
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain('有多个辖区符合“新增1”');
    expect(page).toContain('value="li.si"');
    expect(page).toContain('value="李四"');
    expect(page).not.toContain('new-pass-99');
    expect(f.db.select().from(user).where(eq(user.username, 'li.si')).get()).toBeUndefined();
    const res = await f.post('/admin/users/new', {
      username: 'li.si', displayName: '李四', password: 'new-pass-99', role: 'clerk', jurisdiction: 'Z002',
    }, adminCookie);
    expect(res.status).toBe(303);
    const created = f.db.select().from(user).where(eq(user.username, 'li.si')).get()!;
    const z002 = f.db.select().from(jurisdiction).where(eq(jurisdiction.code, 'Z002')).get()!;
    expect(rolesOf(created.id)).toEqual([{ role: 'clerk', jurisdictionId: z002.id }]);
  });
});
