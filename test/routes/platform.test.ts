import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, setting } from '../../db/schema';
import { recordAudit, verifyAuditChain } from '../../src/data/audit';
import { get, login, post, seedBasics, settingsForm, testApp } from '../helpers/app';

describe('security headers, assets and health', () => {
  const t = testApp();
  beforeAll(() => seedBasics(t.db));

  it('serves the login page with a strict CSP and our own htmx', async () => {
    const res = await get(t.app, '/login');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await res.text();
    expect(html).toMatch(/<script src="\/static\/htmx\.min\.[0-9a-f]{12}\.js"/);
    expect(html).toContain('&quot;responseHandling&quot;');
    expect(html).not.toMatch(/(src|href)=["'](https?:)?\/\//);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script
    expect(html).not.toContain('style=');
  });

  it('serves htmx 2 and our CSS from our own origin, under fingerprinted names kept for a year', async () => {
    const html = await (await get(t.app, '/login')).text();
    const url = (name: string, ext: string) => new RegExp(`(?:src|href)="(/static/${name}\\.[0-9a-f]{12}\\.${ext})"`).exec(html)?.[1];
    const htmx = url('htmx\\.min', 'js')!;
    const css = url('app', 'css')!;
    expect(url('app', 'js')).toBeDefined();
    expect(url('forms', 'js')).toBeDefined();
    const js = await get(t.app, htmx);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toContain('2.0.');
    const style = await get(t.app, css);
    expect(style.headers.get('cache-control')).toContain('immutable');
    expect(await style.text()).toContain('Noto Sans CJK SC');
    // A page cached before a release still finds its files, revalidated each time.
    const plain = await get(t.app, '/static/app.css');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    expect((await get(t.app, '/static/../package.json')).status).toBe(404);
    expect((await get(t.app, '/static/nope.js')).status).toBe(404);
    expect((await get(t.app, css.replace(/\.[0-9a-f]{12}\./, '.000000000000.'))).status).toBe(404);
  });

  it('compresses text with brotli or gzip as the browser accepts, and a cached copy is answered 304', async () => {
    const html = await (await get(t.app, '/login')).text();
    const css = /href="(\/static\/app\.[0-9a-f]{12}\.css)"/.exec(html)![1]!;
    const plain = await (await get(t.app, css)).arrayBuffer();
    const br = await t.app.request(css, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBytes = new Uint8Array(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(plain.byteLength / 3);
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    expect(brotliDecompressSync(brBytes).byteLength).toBe(plain.byteLength);
    const gz = await t.app.request(css, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(new Uint8Array(await gz.arrayBuffer())).byteLength).toBe(plain.byteLength);
    const again = await t.app.request(css, { headers: { 'If-None-Match': br.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('HTML pages carry an ETag, are compressed, and an unchanged page is answered 304 without a body', async () => {
    const first = await t.app.request('/login', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^W\/"[0-9a-f]+"$/);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(new Uint8Array(await first.arrayBuffer())).toString()).toContain('<form');
    const second = await t.app.request('/login', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': tag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    // A logged-in user's page is revalidated too, and never kept by a shared cache.
    const cookie = await login(t.app, 'qs.clerk');
    const mine = await get(t.app, '/', cookie);
    expect(mine.headers.get('cache-control')).toBe('private, no-cache');
    expect((await t.app.request('/', { headers: { Cookie: cookie, 'If-None-Match': mine.headers.get('etag')! } })).status).toBe(304);
  });

  it.each([
    ['gzip, deflate, br', 'gzip'],
    ['deflate', 'deflate'],
    ['gzip;q=0, deflate', 'deflate'],
    ['identity', null],
    [undefined, null],
  ])('a logged-in page asked with Accept-Encoding %s comes as %s, and says it varies by it', async (accept, encoding) => {
    const cookie = await login(t.app, 'qs.clerk');
    const res = await t.app.request('/', { headers: { Cookie: cookie, ...(accept ? { 'Accept-Encoding': accept } : {}) } });
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { gunzipSync, inflateSync } = await import('node:zlib');
    const html = (encoding === 'gzip' ? gunzipSync(bytes) : encoding === 'deflate' ? inflateSync(bytes) : Buffer.from(bytes)).toString();
    expect(html).toContain('工作台');
    // The same page in other bytes: a weak tag when compressed, a strong one otherwise, the same hash either way.
    expect(res.headers.get('etag')).toMatch(encoding ? /^W\/"[0-9a-f]{40}"$/ : /^"[0-9a-f]{40}"$/);
  });

  it('a 304 keeps the validators and caching headers of the page it confirms, and nothing else', async () => {
    const cookie = await login(t.app, 'qs.clerk');
    const page = await t.app.request('/', { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip' } });
    const tag = page.headers.get('etag')!;
    const again = await t.app.request('/', { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip', 'If-None-Match': `"other", ${tag}` } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe('private, no-cache');
    expect(again.headers.get('vary')).toContain('Accept-Encoding');
    expect(again.headers.get('content-type')).toBeNull();
    expect(again.headers.get('content-encoding')).toBeNull();
    // A changed page (another tag) is sent whole.
    expect((await t.app.request('/', { headers: { Cookie: cookie, 'If-None-Match': '"0000"' } })).status).toBe(200);
  });

  it('a form post is neither hashed nor compressed', async () => {
    const res = await t.app.request('/login', {
      method: 'POST', headers: { 'Accept-Encoding': 'gzip', 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: new URLSearchParams({ username: 'nobody', password: 'wrong-password' }),
    });
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('healthz reports the database', async () => {
    const res = await get(t.app, '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('healthz says 503 when the database is unusable', async () => {
    const broken = testApp();
    broken.db.$client.close();
    const res = await get(broken.app, '/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'error' });
  });

  it('an unexpected error is a Chinese 500 page without a stack trace', async () => {
    const broken = testApp();
    broken.db.$client.close();
    const res = await get(broken.app, '/');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('系统出错');
    expect(html).not.toMatch(/at .*\.ts:\d+/);
    expect(html).not.toContain('TypeError');
  });

  it('logs one line per request, without the query, password or token', async () => {
    const lines: string[] = [];
    const { createApp } = await import('../../src/app');
    const app = createApp({ db: t.db, log: (l) => lines.push(l) });
    await app.request('/login', { method: 'POST', body: new URLSearchParams({ username: 'qs.clerk', password: 'secret-pw-1' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' } });
    await app.request('/healthz?token=abc');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/POST \/login 401 [\d.]+ms user=-/);
    expect(lines[1]).toMatch(/GET \/healthz 200/);
    expect(lines.join('\n')).not.toMatch(/secret-pw-1|token=abc/);
  });
});

describe('audit log', () => {
  /** A district with its users, and the logins the case asks for: each case its own database. */
  async function auditCase() {
    const t = testApp();
    await seedBasics(t.db);
    return { ...t, clerk: await login(t.app, 'qs.clerk'), admin: await login(t.app, 'admin') };
  }

  it('SQLite itself rejects UPDATE and DELETE', () => {
    const t = testApp();
    recordAudit(t.db, { id: null, name: 'test' }, { action: 'test.entry' }, new Date());
    expect(() => t.db.$client.prepare("update audit_log set action = 'x'").run()).toThrow(/append-only/);
    expect(() => t.db.$client.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect(t.db.select().from(auditLog).all().some((r) => r.action === 'test.entry')).toBe(true);
  });

  it('the hash chain detects a row changed behind the triggers', () => {
    const other = testApp();
    for (let i = 0; i < 3; i++) recordAudit(other.db, { id: null, name: 'x' }, { action: `a${i}`, after: { i } }, new Date());
    expect(verifyAuditChain(other.db)).toBeNull();
    other.db.$client.exec('drop trigger audit_log_no_update');
    other.db.$client.prepare("update audit_log set after = '{\"i\":9}' where action = 'a1'").run();
    expect(verifyAuditChain(other.db)).toBe(2);
  });

  it('settings changes are audited with before and after; bad values come back with messages', async () => {
    const t = await auditCase();
    const bad = await post(t.app, '/j/QS/settings', settingsForm({ majorityBase: 'everyone', majorInvestmentThreshold: '-5' }), t.clerk);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('请从列表中选择');
    expect(html).toContain('须为 0 到 100000000000 之间的整数');
    expect(html).toContain('value="-5"');
    const ok = await post(t.app, '/j/QS/settings', settingsForm({ majorInvestmentThreshold: '3000000', minFiscalShare: '60' }), t.clerk);
    expect(ok.status).toBe(303);
    expect(t.db.select().from(setting).all().find((s) => s.key === 'minFiscalShare')?.value).toBe('60');
    const entry = t.db.select().from(auditLog).all().find((r) => r.action === 'settings.update')!;
    expect(JSON.parse(entry.before!)).toEqual({ majorInvestmentThreshold: 5000000, minFiscalShare: 50 });
    expect(JSON.parse(entry.after!)).toEqual({ majorInvestmentThreshold: 3000000, minFiscalShare: 60 });
  });

  it('a clerk cannot edit another township’s settings', async () => {
    const t = await auditCase();
    const res = await post(t.app, '/j/LX/settings', { quorumFraction: '1/2' }, t.clerk);
    expect(res.status).toBe(403);
    expect((await get(t.app, '/j/LX/settings', t.clerk)).status).toBe(403);
  });

  it('clerks browse their own jurisdiction’s entries; the admin browses all, with filters', async () => {
    const t = await auditCase();
    expect((await post(t.app, '/j/QS/settings', settingsForm({ minFiscalShare: '60' }), t.clerk)).status).toBe(303);
    const mine = await (await get(t.app, '/audit', t.clerk)).text();
    const cell = (label: string) => `<td data-label="操作">${label}</td>`;
    expect(mine).toContain(cell('修改参数'));
    expect(mine).not.toContain(cell('登录成功'));
    const all = await (await get(t.app, '/audit?action=login', t.admin)).text();
    expect(all).toContain(cell('登录成功'));
    expect(all).not.toContain(cell('修改参数'));
    expect(all).toContain('完整性校验通过');
  });

  it.each([
    ['a clerk asking for another township', 'qs.clerk', '/audit?j=LX', 403],
    ['a representative', 'qs.rep', '/audit', 403],
    ['the administrator with a bad page number', 'admin', '/audit?page=abc', 400],
  ])('%s (%s, %s) → %i', async (_who, username, path, status) => {
    const t = testApp();
    await seedBasics(t.db);
    expect((await get(t.app, path, await login(t.app, username))).status).toBe(status);
  });

  it('sends the anonymous visitor to the login page, before reading the query', async () => {
    const t = testApp();
    const res = await get(t.app, '/audit?page=abc');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Faudit');
  });
});
