import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, loginSession as session } from '../../db/schema';
import { LOGIN_SESSION_POLICY } from '../../src/domain/loginSessionPolicy';
import { get, login, ORIGIN, PASSWORD, post, seedBasics, testApp, userId } from '../helpers/app';

describe('login and sessions', () => {
  let clock = new Date('2026-03-01T01:00:00Z');
  let t: ReturnType<typeof testApp>;
  beforeEach(async () => {
    clock = new Date('2026-03-01T01:00:00Z');
    t = testApp(undefined, { now: () => clock });
    await seedBasics(t.db);
  });

  it('logs in, sets a hardened cookie, stores only the hash of the secret', async () => {
    const res = await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD });
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/); // plain http on the hall's Wi-Fi
    const token = /minsheng_session=([^;]+)/.exec(setCookie)![1]!;
    const [id, secret] = token.split('.');
    const row = t.db.select().from(session).all()[0]!;
    expect(row.id).toBe(id);
    expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(secret!);
    expect(row.secretHash.length).toBe(32);
    const home = await get(t.app, '/', `minsheng_session=${token}`);
    expect(await home.text()).toContain('青石镇 陈敏');
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const res = await t.app.request('https://minsheng.example/login', {
      method: 'POST', body: new URLSearchParams({ username: 'qs.clerk', password: PASSWORD }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://minsheng.example' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('a tampered secret is rejected', async () => {
    const cookie = await login(t.app, 'qs.clerk');
    const bad = cookie.replace(/\.(.)/, (_m, ch) => `.${ch === 'a' ? 'b' : 'a'}`);
    const res = await get(t.app, '/account/password', bad);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login');
  });

  it('wrong password: Chinese message, username kept, 401, audited', async () => {
    const res = await post(t.app, '/login', { username: 'qs.clerk', password: 'nope-nope' });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('用户名或密码错误');
    expect(html).toContain('value="qs.clerk"');
    expect(html).not.toContain('nope-nope');
    const rows = t.db.select().from(auditLog).all();
    expect(rows.some((r) => r.action === 'login.failure' && r.actorName === 'qs.clerk')).toBe(true);
  });

  it('empty fields come back with messages next to them (422)', async () => {
    const res = await post(t.app, '/login', { username: '', password: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请输入用户名');
    expect(html).toContain('请输入密码');
  });

  it('after 5 failures for one account, a new device waits 30 s, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await post(t.app, '/login', { username: 'qs.clerk', password: 'wrong' })).status).toBe(401);
    const res = await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('登录失败次数过多');
    // That attempt counted too: the wait doubled to 60 s (hammering only lengthens it).
    expect(res.headers.get('retry-after')).toBe('60');
    // Another account from the same IP is not held back by that account's failures.
    expect((await post(t.app, '/login', { username: 'lx.clerk', password: PASSWORD })).status).toBe(303);
    // When the wait has passed, the right password works again.
    clock = new Date(clock.getTime() + 60_000);
    expect((await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD })).status).toBe(303);
  });

  it('the owner on a device that logged in before is never held back by someone else\'s failures', async () => {
    const first = await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD });
    const device = /minsheng_device=([^;]+)/.exec(first.headers.get('set-cookie')!)![0];
    for (let i = 0; i < 12; i++) await post(t.app, '/login', { username: 'qs.clerk', password: 'guess' });
    expect((await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD })).status).toBe(429);
    expect((await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD }, device)).status).toBe(303);
    // The device cookie is no skeleton key: a wrong password from it is still a failure.
    expect((await post(t.app, '/login', { username: 'qs.clerk', password: 'guess' }, device)).status).toBe(401);
  });

  it('an administrator lifts the wait at once, audited', async () => {
    for (let i = 0; i < 8; i++) await post(t.app, '/login', { username: 'qs.rep', password: 'wrong' });
    expect((await post(t.app, '/login', { username: 'qs.rep', password: PASSWORD })).status).toBe(429);
    const admin = await login(t.app, 'admin');
    const page = await (await get(t.app, `/admin/users/${userId(t.db, 'qs.rep')}`, admin)).text();
    expect(page).toContain('解除登录限制');
    expect((await post(t.app, `/admin/users/${userId(t.db, 'qs.rep')}/unlock`, {}, admin)).status).toBe(303);
    expect((await post(t.app, '/login', { username: 'qs.rep', password: PASSWORD })).status).toBe(303);
    expect(t.db.select().from(auditLog).all().some((r) => r.action === 'login.unlock')).toBe(true);
  });

  it('the wait survives a restart: a new app on the same database still refuses', async () => {
    for (let i = 0; i < 6; i++) await post(t.app, '/login', { username: 'qs.clerk', password: 'wrong' });
    const restarted = testApp(t.db, { now: () => clock });
    expect((await post(restarted.app, '/login', { username: 'qs.clerk', password: PASSWORD })).status).toBe(429);
  });

  it('after 20 failures from one IP, a new device waits for any account from that IP', async () => {
    for (let i = 0; i < 20; i++) await post(t.app, '/login', { username: `ghost${i % 4}`, password: 'wrong' });
    const res = await post(t.app, '/login', { username: 'lx.clerk', password: PASSWORD });
    expect(res.status).toBe(429);
  });

  it.each([
    '/\t/127.0.0.1:4211/phish', '/\r\n/evil.example', '/\u0000x', '//evil.example', '/\\evil.example', '/%09/evil.example',
  ])('a right password with next=%j logs in and goes home, never elsewhere and never a 500', async (next) => {
    const res = await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD, next });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('a POST with a foreign Origin is refused (CSRF)', async () => {
    const res = await t.app.request('/login', {
      method: 'POST', body: new URLSearchParams({ username: 'qs.clerk', password: PASSWORD }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('无权访问');
  });

  it('the session ends after inactivity and at the absolute expiry', async () => {
    const cookie = await login(t.app, 'qs.clerk');
    clock = new Date(clock.getTime() + LOGIN_SESSION_POLICY.inactivityMs - 1000);
    expect((await get(t.app, '/account/password', cookie)).status).toBe(200); // renewed here
    clock = new Date(clock.getTime() + LOGIN_SESSION_POLICY.inactivityMs - 1000);
    expect((await get(t.app, '/account/password', cookie)).status).toBe(200); // still alive: it was renewed
    clock = new Date(clock.getTime() + LOGIN_SESSION_POLICY.inactivityMs);
    expect((await get(t.app, '/account/password', cookie)).status).toBe(303); // idle too long
    expect(t.db.select().from(session).all()).toHaveLength(0);

    const again = await login(t.app, 'qs.clerk');
    const start = clock.getTime();
    for (let h = 1; h <= 12; h++) {
      clock = new Date(start + h * 60 * 60_000);
      const res = await get(t.app, '/account/password', again);
      expect(res.status).toBe(h < 12 ? 200 : 303);
    }
  });

  it('logout ends the session', async () => {
    const cookie = await login(t.app, 'qs.clerk');
    expect((await post(t.app, '/logout', {}, cookie)).status).toBe(303);
    expect((await get(t.app, '/account/password', cookie)).status).toBe(303);
  });

  it('changing the password checks the current one and ends other sessions', async () => {
    const phone = await login(t.app, 'qs.clerk');
    const laptop = await login(t.app, 'qs.clerk');
    const wrong = await post(t.app, '/account/password', { current: 'x', password: 'new-password-1', confirm: 'new-password-1' }, laptop);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('当前密码不正确');
    const mismatch = await post(t.app, '/account/password', { current: PASSWORD, password: 'new-password-1', confirm: 'other' }, laptop);
    expect(await mismatch.text()).toContain('两次输入的新密码不一致');
    const ok = await post(t.app, '/account/password', { current: PASSWORD, password: 'new-password-1', confirm: 'new-password-1' }, laptop);
    expect(ok.status).toBe(303);
    expect((await get(t.app, '/account/password', phone)).status).toBe(303);
    await login(t.app, 'qs.clerk', 'new-password-1');
  });

  it('redirects back to the page that asked for login, never off-site', async () => {
    const res = await post(t.app, '/login', { username: 'qs.clerk', password: PASSWORD, next: '/j/QS' });
    expect(res.headers.get('location')).toBe('/j/QS');
    const evil = await post(t.app, '/login', { username: 'lx.clerk', password: PASSWORD, next: '//evil.example/x' });
    expect(evil.headers.get('location')).toBe('/');
    expect(ORIGIN).toBe('http://localhost');
  });
});
