import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { cycle } from '../../db/schema';
import { publishSession, saveResolution } from '../../src/data/publication';
import type { AppEnv } from '../../src/env';
import { pageCache, PageStore } from '../../src/http/pageCache';
import { get, login, post, seedBasics, testApp } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { clerkActor, decidedRunoff, EDITED_RESOLUTION, valueOf } from '../helpers/pollCases';
import { proposalForm } from '../helpers/proposals';
import { statementsOf } from '../helpers/statements';
import { signCertificates } from '../helpers/votingFixture';

const GZIP = { 'Accept-Encoding': 'gzip' };
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
/** The statements a request prepared: none when its page came from the cache, the page's queries when rendered. */
const statementsFor = async (db: Parameters<typeof statementsOf>[0], request: () => Response | Promise<Response>) =>
  (await statementsOf(db, async () => (await request()).arrayBuffer())).statements.filter((s) => !/total_changes/.test(s));

describe('the cache of anonymous public pages', () => {
  it('serves the same compressed bytes and ETag again without rendering, and a 304 to a matching If-None-Match', async () => {
    const t = await collectionCase();
    const first = await t.app.request('/p/QS', { headers: GZIP });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    expect(first.headers.get('vary')).toMatch(/Cookie/);
    const firstBytes = await bytesOf(first);
    let again: Response | undefined;
    expect(await statementsFor(t.db, async () => (again = await t.app.request('/p/QS', { headers: GZIP })))).toEqual([]);
    // statementsFor read the body already; ask once more for the bytes.
    const second = await t.app.request('/p/QS', { headers: GZIP });
    expect(await bytesOf(second)).toEqual(firstBytes);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again!.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    const unchanged = await t.app.request('/p/QS', { headers: { ...GZIP, 'If-None-Match': first.headers.get('etag')! } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    // Another encoding is another entry: the uncompressed page is not the gzip bytes.
    const plain = await t.app.request('/p/QS');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('青石镇');
  });

  it('a proposal submitted through the form makes the next page rendered anew', async () => {
    const t = await collectionCase();
    await get(t.app, '/p/QS');
    expect(await statementsFor(t.db, () => get(t.app, '/p/QS'))).toEqual([]);
    expect((await post(t.app, '/p/QS/propose', proposalForm())).status).toBe(303);
    expect((await statementsFor(t.db, () => get(t.app, '/p/QS'))).length).toBeGreaterThan(0);
  });

  it('a result published changes the portal and the results page on the next request', async () => {
    const t = await decidedRunoff();
    const { f, session } = t;
    const before = await (await get(f.app, '/p/QS/2027/results')).text();
    const portalBefore = await (await get(f.app, '/p/QS')).text();
    expect(before).not.toContain('会议决定……（已修改）');
    valueOf(saveResolution(f.db, clerkActor(f), session, EDITED_RESOLUTION, new Date()));
    signCertificates(f, session);
    valueOf(publishSession(f.db, clerkActor(f), f.qs, session, new Date()));
    const after = await (await get(f.app, '/p/QS/2027/results')).text();
    expect(after).toContain('会议决定……（已修改）');
    expect(await (await get(f.app, '/p/QS')).text()).not.toBe(portalBefore);
  });

  it('a write by another connection (a script, another process) makes the next page rendered anew', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'page-cache-'));
    try {
      const t = testApp(openDb(join(dir, 'm.db')));
      const b = await seedBasics(t.db);
      t.db.insert(cycle).values({ jurisdictionId: b.qs.id, year: 2027, phase: 'collection', createdBy: b.users.qsClerk.id }).run();
      expect(await (await get(t.app, '/p/QS')).text()).not.toContain('href="/p/QS/propose"');
      const script = openDb(join(dir, 'm.db'));
      script.update(cycle).set({ collectionOpens: '2020-01-01', collectionCloses: '2099-12-31' }).run();
      script.$client.close();
      expect(await (await get(t.app, '/p/QS')).text()).toContain('href="/p/QS/propose"');
      t.db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a logged-in user never gets the anonymous page, and an anonymous visitor never gets theirs', async () => {
    const t = testApp();
    await seedBasics(t.db);
    const anonymous = await (await get(t.app, '/')).text();
    await get(t.app, '/');
    const cookie = await login(t.app, 'qs.clerk');
    await get(t.app, '/'); // the login was a write: the anonymous page is kept anew
    const res = await get(t.app, '/', cookie);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const mine = await res.text();
    expect(mine).toContain('青石镇 陈敏');
    expect(mine).not.toBe(anonymous);
    // Their pages are never stored: the anonymous page is still the one kept before, served without a read.
    await get(t.app, '/', cookie);
    expect(await statementsFor(t.db, () => get(t.app, '/'))).toEqual([]);
    const after = await (await get(t.app, '/')).text();
    expect(after).not.toContain('青石镇 陈敏');
  });

  it('a one-time message waiting in a cookie is shown, not a cached page without it', async () => {
    const t = await collectionCase();
    await get(t.app, '/p/QS');
    const res = await t.app.request('/p/QS', { headers: { Cookie: 'minsheng_flash=%E5%B7%B2%E4%BF%9D%E5%AD%98' } });
    expect(await res.text()).toContain('已保存');
    expect(res.headers.get('set-cookie')).toContain('minsheng_flash=;');
    expect(await (await get(t.app, '/p/QS')).text()).not.toContain('已保存');
  });

  it('keeps no response that sets a cookie, no error and nothing but HTML', async () => {
    const t = testApp();
    let renders = 0;
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('db', t.db);
        c.set('now', () => new Date());
        c.set('user', null);
        await next();
      })
      .use(pageCache())
      .get('/p/cookie', (c) => { renders++; c.header('Set-Cookie', 'x=1'); return c.html('<p>a</p>'); })
      .get('/p/missing', (c) => { renders++; return c.html('<p>none</p>', 404); })
      .get('/p/data', (c) => { renders++; return c.json({ n: renders }); })
      .get('/p/page', (c) => { renders++; return c.html(`<p>${renders}</p>`); });
    for (const path of ['/p/cookie', '/p/missing', '/p/data']) {
      renders = 0;
      await app.request(path);
      await app.request(path);
      expect(renders, path).toBe(2);
    }
    renders = 0;
    expect(await (await app.request('/p/page')).text()).toBe('<p>1</p>');
    expect(await (await app.request('/p/page')).text()).toBe('<p>1</p>');
    expect(renders).toBe(1);
  });

  it('a page is served again only for a while by the app clock, then rendered anew', async () => {
    let now = new Date('2027-03-10T02:00:00Z');
    const t = await collectionCase(() => now);
    await get(t.app, '/p/QS');
    expect(await statementsFor(t.db, () => get(t.app, '/p/QS'))).toEqual([]);
    now = new Date(now.getTime() + 10_000);
    expect((await statementsFor(t.db, () => get(t.app, '/p/QS'))).length).toBeGreaterThan(0);
  });
});

describe('PageStore', () => {
  const page = (generation: string, size: number) =>
    ({ generation, storedAt: 0, status: 200, headers: [] as [string, string][], body: new Uint8Array(size) });

  it('stays within its byte bound, dropping the least recently used page first', () => {
    const store = new PageStore(1000, 100);
    for (let i = 0; i < 9; i++) store.keep(`/p/${i}`, page('g', 100));
    expect(store.find('/p/0', 'g', 1, 10)).toBeDefined(); // /p/0 is now the most recently used
    store.keep('/p/9', page('g', 100));
    store.keep('/p/10', page('g', 100));
    expect(store.size.bytes).toBeLessThanOrEqual(1000);
    expect(store.size.pages).toBe(10);
    expect(store.find('/p/1', 'g', 1, 10)).toBeUndefined();
    expect(store.find('/p/0', 'g', 1, 10)).toBeDefined();
    expect(store.find('/p/10', 'g', 1, 10)).toBeDefined();
  });

  it('stays within its count bound, and keeps no page larger than an eighth of its bytes', () => {
    const store = new PageStore(8000, 3);
    for (let i = 0; i < 5; i++) store.keep(`/p/${i}`, page('g', 10));
    expect(store.size.pages).toBe(3);
    store.keep('/p/big', page('g', 1001));
    expect(store.find('/p/big', 'g', 1, 10)).toBeUndefined();
  });

  it('forgets every page once the write generation moves, and a page past its time', () => {
    const store = new PageStore();
    store.keep('/p/a', page('g1', 10));
    expect(store.find('/p/a', 'g1', 5, 10)).toBeDefined();
    expect(store.find('/p/a', 'g1', 10, 10)).toBeUndefined();
    store.keep('/p/a', page('g1', 10));
    expect(store.find('/p/a', 'g2', 1, 10)).toBeUndefined();
    expect(store.size).toEqual({ pages: 0, bytes: 0 });
  });
});
