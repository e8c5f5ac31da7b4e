import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, user } from '../../db/schema';
import { installedApp } from '../helpers/firstRunCases';

const INITIAL = 'initial-pass-1';
const CHOSEN = 'my-own-pass-22';

/** An installed district with a township and a clerk the administrator just created (initial password set by them). */
async function withNewClerk() {
  const t = await installedApp();
  const town = await t.post(`/admin/jurisdictions/new?parent=${t.district.id}`, { kind: 'township', name: '青石镇', code: 'QS' }, t.adminCookie);
  const townId = town.headers.get('location')!.split('/').pop()!;
  const created = await t.post('/admin/users/new', {
    username: 'qs.clerk', displayName: '陈敏', password: INITIAL, role: 'clerk', jurisdictionId: townId,
  }, t.adminCookie);
  expect(created.status).toBe(303);
  const clerk = t.db.select().from(user).where(eq(user.username, 'qs.clerk')).get()!;
  return { ...t, clerk };
}

const flagOf = (t: Awaited<ReturnType<typeof withNewClerk>>) => t.db.select().from(user).where(eq(user.id, t.clerk.id)).get()!.mustChangePassword;

describe('a password someone else chose is replaced at first login', () => {
  it('marks accounts the administrator creates or resets', async () => {
    const t = await withNewClerk();
    expect(flagOf(t)).toBe(true);
    t.db.update(user).set({ mustChangePassword: false }).where(eq(user.id, t.clerk.id)).run();
    expect((await t.post(`/admin/users/${t.clerk.id}/password`, { password: 'reset-pass-33' }, t.adminCookie)).status).toBe(303);
    expect(flagOf(t)).toBe(true);
  });

  it('sends the user from the login to 设置新密码, keeping where they were going', async () => {
    const t = await withNewClerk();
    const { cookie, location } = await t.login('qs.clerk', INITIAL);
    expect(location).toBe('/account/password');
    const page = await t.get('/account/password', cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>设置新密码</h1>');
    expect(html).not.toContain('当前密码'); // they have just typed it
    const viaNext = await t.post('/login', { username: 'qs.clerk', password: INITIAL, next: '/j/QS' });
    expect(viaNext.headers.get('location')).toBe('/account/password?next=%2Fj%2FQS');
  });

  it.each(['/', '/j/QS', '/j/QS/sessions', '/audit', '/admin/users', '/login', '/no-such-page'])(
    'leads %s to the new-password page', async (path) => {
      const t = await withNewClerk();
      const { cookie } = await t.login('qs.clerk', INITIAL);
      const res = await t.get(path, cookie);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(path === '/' ? '/account/password' : `/account/password?next=${encodeURIComponent(path)}`);
    });

  it('leads a form POST there too, doing nothing', async () => {
    const t = await withNewClerk();
    const { cookie } = await t.login('qs.clerk', INITIAL);
    const res = await t.post('/j/QS/cycles', { year: '2027' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account/password');
  });

  it('still lets the user log out, load styles and scripts, and a monitor ask for health', async () => {
    const t = await withNewClerk();
    const { cookie } = await t.login('qs.clerk', INITIAL);
    expect((await t.get('/static/app.css', cookie)).status).toBe(200);
    expect((await t.get('/healthz', cookie)).status).toBe(200);
    const out = await t.post('/logout', {}, cookie);
    expect(out.headers.get('location')).toBe('/login');
  });

  it.each([
    [{ password: INITIAL, confirm: INITIAL }, 'password', '新密码不能与原密码相同'],
    [{ password: 'short7', confirm: 'short7' }, 'password', '新密码至少 8 位'],
    [{ password: CHOSEN, confirm: 'typo-pass-22' }, 'confirm', '两次输入的新密码不一致'],
  ])('refuses %o beside the %s field, never echoing it', async (body, field, message) => {
    const t = await withNewClerk();
    const { cookie } = await t.login('qs.clerk', INITIAL);
    const res = await t.post('/account/password', body, cookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<label for="f-${field}">.*?role="alert">${message}`, 's'));
    expect(html).not.toContain(`value="${body.password}"`);
    expect(flagOf(t)).toBe(true);
  });

  it('after the new password, the flag is cleared and audited, and every page works again', async () => {
    const t = await withNewClerk();
    const { cookie } = await t.login('qs.clerk', INITIAL);
    const res = await t.post('/account/password', { password: CHOSEN, confirm: CHOSEN, next: '/j/QS' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/j/QS');
    const fresh = res.headers.getSetCookie().find((h) => h.startsWith('minsheng_session='))!.split(';')[0]!;
    expect(flagOf(t)).toBe(false);
    const entry = t.db.select().from(auditLog).where(eq(auditLog.action, 'user.password.change')).get()!;
    expect(JSON.parse(entry.after!)).toEqual({ mustChangePassword: false });
    expect((await t.get('/j/QS', fresh)).status).toBe(200);
    expect((await t.get('/', fresh)).status).toBe(200);
    expect((await t.get('/j/QS', cookie)).status).toBe(303); // the old session ended with the change
    const again = await t.login('qs.clerk', CHOSEN);
    expect(again.location).toBe('/');
  });
});

describe('修改密码 for everyone else', () => {
  it('asks for the current password and refuses the same one again', async () => {
    const t = await installedApp();
    const page = await (await t.get('/account/password', t.adminCookie)).text();
    expect(page).toContain('<h1>修改密码</h1>');
    expect(page).toContain('当前密码');
    const missing = await t.post('/account/password', { password: CHOSEN, confirm: CHOSEN }, t.adminCookie);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('请输入当前密码');
    const same = await t.post('/account/password', { current: 'yuchuan-admin-2027', password: 'yuchuan-admin-2027', confirm: 'yuchuan-admin-2027' }, t.adminCookie);
    expect(await same.text()).toContain('新密码不能与原密码相同');
  });

  it('a forced-change page is never shown to someone who chose their own password', async () => {
    const t = await installedApp();
    expect((await t.get('/admin/users', t.adminCookie)).status).toBe(200);
  });

  it('a new user’s password form is refused for someone who is not an administrator, before it is read', async () => {
    const t = await withNewClerk();
    const { cookie } = await t.login('qs.clerk', INITIAL);
    const fresh = await t.post('/account/password', { password: CHOSEN, confirm: CHOSEN }, cookie);
    const clerk = fresh.headers.getSetCookie().find((h) => h.startsWith('minsheng_session='))!.split(';')[0]!;
    expect((await t.post('/admin/users/new', { username: '' }, clerk)).status).toBe(403);
  });
});
