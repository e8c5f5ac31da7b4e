import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, jurisdiction, roleAssignment, setting, user } from '../../db/schema';
import { markDemo } from '../../src/data/demoMarker';
import { savedPublicUrl } from '../../src/data/publicAddress';
import { freshDb, login, seedBasics, testApp } from '../helpers/app';
import { ADMIN_PASSWORD, emptyApp, installedApp, setupForm } from '../helpers/firstRunCases';

const TOKEN = 'setup-token-for-tests-0123456789';

describe('/setup: the one-time page that installs a district', () => {
  it('is a 404 when the server holds no setup token', async () => {
    const t = emptyApp();
    expect((await t.get(`/setup?token=${TOKEN}`)).status).toBe(404);
    expect((await t.post(`/setup?token=${TOKEN}`, setupForm())).status).toBe(404);
  });

  it.each([
    ['without a token', '/setup'],
    ['with a wrong token', '/setup?token=wrong'],
    ['with a token one letter short', `/setup?token=${TOKEN.slice(0, -1)}`],
  ])('is a 404 %s, and a POST creates nothing', async (_label, path) => {
    const t = emptyApp({ setupToken: TOKEN });
    expect((await t.get(path)).status).toBe(404);
    expect((await t.post(path, setupForm())).status).toBe(404);
    expect(t.db.select().from(user).all()).toHaveLength(0);
  });

  it('shows the form with the right token, every field labelled', async () => {
    const t = emptyApp({ setupToken: TOKEN });
    const res = await t.get(`/setup?token=${TOKEN}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>初始设置</h1>');
    for (const label of ['区（县）名称', '区（县）代码', '用户名', '姓名', '密码', '再次输入密码']) expect(html).toContain(`>${label}<`);
    expect(html).toContain(`action="/setup?token=${TOKEN}"`);
  });

  it('creates the district and administrator, logs the administrator in and sends them to the jurisdictions', async () => {
    const t = emptyApp({ setupToken: TOKEN });
    const res = await t.post(`/setup?token=${TOKEN}`, setupForm());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/jurisdictions');
    const cookie = res.headers.getSetCookie().map((h) => h.split(';')[0]!).join('; '); // the session and the flash
    expect(t.db.select().from(jurisdiction).all()).toMatchObject([{ kind: 'district', code: 'YC', name: '渝川区' }]);
    const admin = t.db.select().from(user).get()!;
    expect(admin).toMatchObject({ username: 'admin', displayName: '张三', mustChangePassword: false });
    expect(t.db.select().from(roleAssignment).all()).toMatchObject([{ userId: admin.id, role: 'districtAdmin' }]);
    const actions = t.db.select({ action: auditLog.action, ip: auditLog.ip }).from(auditLog).all().map((a) => a.action);
    expect(actions).toEqual(['user.create', 'role.grant', 'setup.firstAdministrator', 'login.success']);
    const page = await t.get('/admin/jurisdictions', cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('初始设置完成');
  });

  it('is a 404 once the administrator exists, even with the right token', async () => {
    const t = emptyApp({ setupToken: TOKEN });
    expect((await t.post(`/setup?token=${TOKEN}`, setupForm())).status).toBe(303);
    expect((await t.get(`/setup?token=${TOKEN}`)).status).toBe(404);
    expect((await t.post(`/setup?token=${TOKEN}`, setupForm({ districtCode: 'XY', username: 'other' }))).status).toBe(404);
    expect(t.db.select().from(user).all()).toHaveLength(1);
  });

  it('is a 404 on a database that already has an administrator (the demo)', async () => {
    const t = testApp(freshDb());
    await seedBasics(t.db);
    const app = emptyApp({ setupToken: TOKEN }, t.db);
    expect((await app.get(`/setup?token=${TOKEN}`)).status).toBe(404);
  });

  it.each([
    [{ districtName: '' }, '请填写区（县）名称'],
    [{ districtCode: 'Y' }, '代码须为 2–12 位字母或数字'],
    [{ username: 'Zhang San' }, '用户名只能使用小写字母'],
    [{ displayName: ' ' }, '请填写管理员姓名'],
    [{ password: 'short-pw1', confirm: 'short-pw1' }, '密码至少 10 位'],
    [{ confirm: 'something-else' }, '两次输入的密码不一致'],
  ])('refuses %o beside the field, keeps what was typed, never echoes a password', async (change, message) => {
    const t = emptyApp({ setupToken: TOKEN });
    const res = await t.post(`/setup?token=${TOKEN}`, setupForm(change));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`role="alert">[^<]*${message}`));
    const kept = 'displayName' in change ? 'value="admin"' : 'value="张三"';
    expect(html).toContain(kept);
    expect(html).not.toContain(ADMIN_PASSWORD);
    expect(t.db.select().from(user).all()).toHaveLength(0);
  });

  it('tells the visitor of an empty system how to set it up, on the home and login pages', async () => {
    const t = emptyApp();
    expect(await (await t.get('/')).text()).toContain('系统尚未初始设置');
    expect(await (await t.get('/login')).text()).toContain('npm run setup');
    const installed = await installedApp();
    expect(await (await installed.get('/login')).text()).not.toContain('npm run setup');
  });
});

describe('the demo banner', () => {
  const BANNER = '演示数据：请勿用于正式工作';

  it('shows on every page, public, logged in and error pages alike, while the demo marker is present', async () => {
    const t = testApp();
    const { district } = await seedBasics(t.db);
    markDemo(t.db, district.id);
    const clerk = await login(t.app, 'qs.clerk');
    for (const [path, cookie] of [['/', undefined], ['/login', undefined], ['/j/QS', clerk], ['/no-such-page', undefined]] as const) {
      const html = await (await t.app.request(path, { headers: cookie ? { cookie } : {} })).text();
      expect(html, path).toContain(BANNER);
    }
  });

  it('is absent from a real installation', async () => {
    const t = await installedApp();
    for (const path of ['/', '/admin/jurisdictions']) expect(await (await t.get(path, t.adminCookie)).text()).not.toContain(BANNER);
    expect(await (await t.get('/login')).text()).not.toContain(BANNER);
  });
});

describe('the public address (系统设置)', () => {
  it('shows the effective address and says when nothing is set', async () => {
    const t = await installedApp();
    const res = await t.get('/admin/settings', t.adminCookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('公开网址');
    expect(html).toContain('尚未设置');
    expect(html).toContain('href="/admin/settings"'); // in the navigation
  });

  it('saves an address, audited, and uses it from then on', async () => {
    const t = await installedApp();
    const res = await t.post('/admin/settings/public-url', { publicUrl: 'https://minsheng.yc.example.cn/' }, t.adminCookie);
    expect(res.status).toBe(303);
    expect(savedPublicUrl(t.db)).toBe('https://minsheng.yc.example.cn');
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'settings.publicUrl')).all()).toHaveLength(1);
    const html = await (await t.get('/admin/settings', t.adminCookie)).text();
    expect(html).toContain('<code>https://minsheng.yc.example.cn</code>');
    expect(html).toContain('来自下面保存的网址');
  });

  it.each([
    ['http://localhost:3000', '不能使用本机地址'],
    ['http://127.0.0.1:3000', '不能使用本机地址'],
    ['minsheng', '请填写完整网址'],
    ['https://minsheng.example.cn/vote', '不要带路径或参数'],
  ])('refuses %s with the reason beside the field, keeping what was typed', async (value, message) => {
    const t = await installedApp();
    const res = await t.post('/admin/settings/public-url', { publicUrl: value }, t.adminCookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<div class="field invalid"><label for="f-publicUrl">公开网址</label>.*?role="alert">[^<]*${message}`, 's'));
    expect(html).toContain(`value="${value}"`);
    expect(t.db.select().from(setting).where(eq(setting.key, 'publicUrl')).all()).toHaveLength(0);
  });

  it('says when PUBLIC_URL overrides the saved address', async () => {
    const t = await installedApp({ publicUrl: 'https://fixed.example.cn' });
    await t.post('/admin/settings/public-url', { publicUrl: 'https://saved.example.cn' }, t.adminCookie);
    const html = await (await t.get('/admin/settings', t.adminCookie)).text();
    expect(html).toContain('<code>https://fixed.example.cn</code>');
    expect(html).toContain('PUBLIC_URL');
    expect(html).toContain('value="https://saved.example.cn"');
  });

  it('is for the district administrator only', async () => {
    const t = testApp();
    await seedBasics(t.db);
    expect((await t.app.request('/admin/settings')).headers.get('location')).toBe('/login?next=%2Fadmin%2Fsettings');
    const clerk = await login(t.app, 'qs.clerk');
    expect((await t.app.request('/admin/settings', { headers: { cookie: clerk } })).status).toBe(403);
  });

  it('is a 404 before the district exists', async () => {
    expect((await emptyApp().get('/admin/settings')).status).toBe(404);
  });
});
