import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { createHash } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import type { AppEnv } from '../env';
import { encodingFor } from './encoding';
import { isPublicPage, PAGE_CACHE_SECONDS } from './pageCache';

/** Below this, compressing costs more than the bytes it saves. */
const COMPRESS_FROM_BYTES = 1024;
/**
 * The fastest level: on our pages (4–40 KB of HTML) under a tenth larger than the default level's output at a
 * fraction of its time, which every logged-in page pays on each request (anonymous ones are kept compressed).
 */
const LEVEL = { level: 1 };

/** Headers a 304 keeps from the page it confirms (RFC 9110 §15.4.5), and a login's cookie. */
const KEPT_ON_304 = new Set(['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary', 'set-cookie']);

/**
 * Pages are asked for again each time (they change with every proposal and vote) but answered with 304 when
 * unchanged: the ETag is the hash of the page. A login's cookie still reaches the browser on a 304.
 * An anonymous public page may be kept a few seconds (as long as the server's own page cache keeps it), by the
 * browser or a shared cache; Vary: Cookie keeps a browser from showing it again once its user has logged in.
 */
function setCacheControl(c: Context<AppEnv>): void {
  if (!c.res.headers.get('content-type')?.startsWith('text/html') || c.res.headers.has('cache-control')) return;
  // A page of a logged-in user is theirs: no shared cache may keep it.
  if (c.get('user')) return c.header('Cache-Control', 'private, no-cache');
  if (c.res.status === 200 && isPublicPage(c.req.path) && !c.res.headers.has('set-cookie')) {
    c.header('Cache-Control', `public, max-age=${PAGE_CACHE_SECONDS}`);
    c.header('Vary', 'Cookie', { append: true });
    return;
  }
  c.header('Cache-Control', 'no-cache');
}

const unquoted = (tag: string) => tag.replace(/^W\//, '');

/**
 * ETag, 304 and compression for what the app answers (HTML, CSV, SVG, photos), in one synchronous step over the
 * whole body: a page is rendered to one string, and hashing and compressing it at once costs a fraction of piping
 * it through web streams (hono/etag and hono/compress), about a millisecond on every page. Text is compressed
 * (never JPEG/PNG/WebP, already compressed): on rural mobile data a page costs a fifth of its size. Static files
 * carry their own ETag and arrive compressed already; they pass through untouched.
 */
export const lightPages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  setCacheControl(c);
  const res = c.res;
  const method = c.req.method;
  if ((method !== 'GET' && method !== 'HEAD') || res.status !== 200 || res.headers.has('etag') || res.headers.has('content-encoding')) return;
  const body = new Uint8Array(await res.arrayBuffer());
  if (body.byteLength === 0) {
    c.res = new Response(null, { status: res.status, headers: res.headers });
    return;
  }
  const hash = `"${createHash('sha1').update(body).digest('hex')}"`;
  const headers = new Headers(res.headers);
  const type = headers.get('content-type') ?? '';
  const compressible = COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) && !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('cache-control') ?? '');
  const encoding = compressible && body.byteLength >= COMPRESS_FROM_BYTES && method === 'GET' ? encodingFor(c.req.header('accept-encoding'), ['gzip', 'deflate']) : null;
  if (compressible && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(headers.get('vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
  // A compressed page is the same page in other bytes: a weak validator, as RFC 9110 §8.8.1 asks.
  headers.set('ETag', encoding ? `W/${hash}` : hash);
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch === '*' || ifNoneMatch?.match(/"[^"]*"/g)?.includes(unquoted(hash))) {
    const kept = new Headers();
    headers.forEach((value, name) => { if (KEPT_ON_304.has(name)) kept.append(name, value); });
    c.res = new Response(null, { status: 304, headers: kept });
    return;
  }
  if (!encoding) {
    c.res = new Response(body, { status: res.status, headers });
    return;
  }
  headers.set('Content-Encoding', encoding);
  headers.delete('Content-Length');
  const packed = encoding === 'gzip' ? gzipSync(body, LEVEL) : deflateSync(body, LEVEL);
  c.res = new Response(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), { status: res.status, headers });
};
