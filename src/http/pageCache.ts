import type { MiddlewareHandler } from 'hono';
import { writeGeneration } from '../data/writeGeneration';
import type { AppEnv } from '../env';
import { FLASH_COOKIE } from './renderer';
import { LOGIN_SESSION_COOKIE } from '../auth/middleware';
import { bodyBytes, replaceResponse, withBody } from './responseBody';

/** How long a rendered anonymous page is served again, by the app's clock (pages that show today's state). */
export const PAGE_CACHE_SECONDS = 10;

/** The public pages anyone reads (home, login, portals, results, progress); lookups of a receipt are not kept. */
const PUBLIC_PAGE = /^\/(login)?$|^\/p\//;

export function isPublicPage(path: string): boolean {
  return PUBLIC_PAGE.test(path);
}

/** Headers a 304 carries over from the page it confirms (as hono/etag does). */
const HEADERS_ON_304 = ['cache-control', 'content-location', 'etag', 'expires', 'vary'];

interface Page {
  generation: string;
  storedAt: number;
  status: number;
  headers: [string, string][];
  /** Bytes, not an ArrayBuffer: the Node adapter writes a Uint8Array body straight to the socket, without a stream. */
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Rendered pages, least recently used first (a Map keeps insertion order), bounded in bytes and in number.
 * Every page belongs to one write generation: the first lookup after a write empties the store.
 */
export class PageStore {
  private pages = new Map<string, Page>();
  private bytes = 0;
  private generation = '';

  constructor(readonly maxBytes = 8 * 2 ** 20, readonly maxPages = 1000) {}

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }

  /** The page stored under key in this generation and still fresh at `now` (ms), marked as recently used. */
  find(key: string, generation: string, now: number, ttlMs: number): Page | undefined {
    this.forgetOlderThan(generation);
    const page = this.pages.get(key);
    if (!page) return undefined;
    this.pages.delete(key);
    if (now < page.storedAt || now >= page.storedAt + ttlMs) {
      this.bytes -= page.body.byteLength;
      return undefined;
    }
    this.pages.set(key, page);
    return page;
  }

  keep(key: string, page: Page): void {
    this.forgetOlderThan(page.generation);
    if (page.body.byteLength > this.maxBytes / 8) return;
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.bytes -= old.body.byteLength;
    }
    this.pages.set(key, page);
    this.bytes += page.body.byteLength;
    for (const [k, p] of this.pages) {
      if (this.bytes <= this.maxBytes && this.pages.size <= this.maxPages) break;
      this.pages.delete(k);
      this.bytes -= p.body.byteLength;
    }
  }

  private forgetOlderThan(generation: string): void {
    if (generation === this.generation) return;
    this.pages.clear();
    this.bytes = 0;
    this.generation = generation;
  }
}

/** A request whose page could differ for this person: logged in (or was), or a one-time message waiting. */
function carriesPersonalCookie(cookieHeader: string | undefined): boolean {
  return !!cookieHeader && (cookieHeader.includes(`${LOGIN_SESSION_COOKIE}=`) || cookieHeader.includes(`${FLASH_COOKIE}=`));
}

/**
 * Anonymous public pages are rendered once and served again until the next write to the database (a proposal
 * submitted, a result published, a setting saved — by this server or any other process) or for
 * PAGE_CACHE_SECONDS, whichever comes first: a portal opened by a whole township after a poster goes up costs
 * one rendering. Kept as sent (compressed, with its ETag), so a hit is neither rendered nor compressed again.
 * Never kept: anything for a logged-in user, a response setting a cookie (a login, a flash shown), an error,
 * anything but HTML.
 */
export function pageCache(store = new PageStore()): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' || !isPublicPage(c.req.path) || carriesPersonalCookie(c.req.header('cookie'))) {
      return next();
    }
    // Everything a page's rendering reads from the request besides the URL (host and scheme included).
    const key = [
      c.req.url, c.req.header('accept-encoding'), c.req.header('x-forwarded-proto'),
      c.req.header('hx-request'), c.req.header('hx-boosted'), c.req.header('hx-target'), c.req.header('hx-history-restore-request'),
    ].join('\n');
    const db = c.get('db');
    const now = c.get('now')().getTime();
    const ttlMs = PAGE_CACHE_SECONDS * 1000;
    const generation = writeGeneration(db);
    const page = store.find(key, generation, now, ttlMs);
    if (page) {
      const etag = page.headers.find(([k]) => k === 'etag')?.[1];
      if (etag && c.req.header('if-none-match')?.split(/,\s*/).includes(etag)) {
        return new Response(null, { status: 304, headers: page.headers.filter(([k]) => HEADERS_ON_304.includes(k)) });
      }
      return new Response(page.body, { status: page.status, headers: page.headers });
    }
    await next();
    const res = c.res;
    if (
      res.status !== 200 || c.get('user') || res.headers.has('set-cookie')
      || !res.headers.get('content-type')?.startsWith('text/html')
      || /no-store|private/.test(res.headers.get('cache-control') ?? '')
      // Something was written while this page was rendered: it may show either side of that write.
      || writeGeneration(db) !== generation
    ) return;
    const body = await bodyBytes(res);
    const headers: [string, string][] = [];
    res.headers.forEach((value, name) => headers.push([name, value]));
    store.keep(key, { generation, storedAt: now, status: res.status, headers, body });
    replaceResponse(c, withBody(body, { status: res.status, headers }));
  };
}
