import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import type { AppEnv } from '../env';
import { encodingFor } from './encoding';
import { compress, PackedPages, validatorOf, type Encoding, type Packed } from './packedPages';
import { isPublicPage, PAGE_CACHE_SECONDS } from './pageCache';
import { knownBody, replaceResponse, withBody } from './responseBody';

/** Below this, compressing costs more than the bytes it saves. */
const COMPRESS_FROM_BYTES = 1024;

/** Headers a 304 keeps from the page it confirms (RFC 9110 §15.4.5), and a login's cookie. */
const KEPT_ON_304 = new Set(['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary', 'set-cookie']);

/**
 * Pages are asked for again each time (they change with every proposal and vote) but answered with 304 when
 * unchanged: the ETag is the hash of the page. A login's cookie still reaches the browser on a 304.
 * An anonymous public page may be kept a few seconds (as long as the server's own page cache keeps it), by the
 * browser or a shared cache; Vary: Cookie keeps a browser from showing it again once its user has logged in.
 * Returns the headers to add (none when the response is not HTML or says already how it may be kept).
 */
function cacheHeaders(c: Context<AppEnv>, res: Response): [name: string, value: string][] {
  if (!res.headers.get('content-type')?.startsWith('text/html') || res.headers.has('cache-control')) return [];
  // A page of a logged-in user is theirs: no shared cache may keep it.
  if (c.get('user')) return [['Cache-Control', 'private, no-cache']];
  if (res.status === 200 && isPublicPage(c.req.path) && !res.headers.has('set-cookie')) {
    return [['Cache-Control', `public, max-age=${PAGE_CACHE_SECONDS}`], ['Vary', 'Cookie']];
  }
  return [['Cache-Control', 'no-cache']];
}

/** Vary is a list: added to, never replaced. */
function addHeader(headers: Headers, name: string, value: string): void {
  if (name === 'Vary') headers.append(name, value);
  else headers.set(name, value);
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
  const res = c.res;
  const added = cacheHeaders(c, res);
  const method = c.req.method;
  if ((method !== 'GET' && method !== 'HEAD') || res.status !== 200 || res.headers.has('etag') || res.headers.has('content-encoding')) {
    for (const [name, value] of added) c.header(name, value, { append: name === 'Vary' });
    return;
  }
  // A rendered page's text is at hand (and its hash and compressed bytes kept, see PackedPages); anything else is read.
  const known = knownBody(res);
  // A response the app built itself is replaced below and never sent: its headers are taken over, not copied.
  const headers = known !== undefined ? res.headers : new Headers(res.headers);
  for (const [name, value] of added) addHeader(headers, name, value);
  const text = typeof known === 'string' ? known : undefined;
  let bytes: Uint8Array | undefined = known instanceof Uint8Array ? known : undefined;
  if (text === undefined && bytes === undefined) bytes = new Uint8Array(await res.arrayBuffer());
  if (text === '' || bytes?.byteLength === 0) {
    replaceResponse(c, new Response(null, { status: res.status, headers }));
    return;
  }
  const utf8 = (): Uint8Array => (bytes ??= Buffer.from(text!));
  const page: Packed = text !== undefined ? packedPages.of(text, utf8) : { validator: validatorOf(bytes!), byteLength: bytes!.byteLength };
  const type = headers.get('content-type') ?? '';
  const compressible = COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) && !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('cache-control') ?? '');
  const encoding: Encoding | null = compressible && page.byteLength >= COMPRESS_FROM_BYTES && method === 'GET'
    ? encodingFor(c.req.header('accept-encoding'), ['gzip', 'deflate']) : null;
  if (compressible && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(headers.get('vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
  // A compressed page is the same page in other bytes: a weak validator, as RFC 9110 §8.8.1 asks.
  headers.set('ETag', encoding ? `W/${page.validator}` : page.validator);
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch === '*' || ifNoneMatch?.match(/"[^"]*"/g)?.includes(unquoted(page.validator))) {
    const kept = new Headers();
    headers.forEach((value, name) => { if (KEPT_ON_304.has(name)) kept.append(name, value); });
    replaceResponse(c, new Response(null, { status: 304, headers: kept }));
    return;
  }
  if (!encoding) {
    replaceResponse(c, withBody(bytes as Uint8Array<ArrayBuffer> | undefined ?? text!, { status: res.status, headers }));
    return;
  }
  headers.set('Content-Encoding', encoding);
  headers.delete('Content-Length');
  const packed = text !== undefined ? (page[encoding] ??= compress(utf8(), encoding)) : compress(bytes!, encoding);
  replaceResponse(c, withBody(packed, { status: res.status, headers }));
};

/** The pages this process answered lately, by text: shared by every request, whoever asked (the text is the key). */
const packedPages = new PackedPages();
