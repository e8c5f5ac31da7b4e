import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import type { AppEnv } from '../env';

/**
 * Pages are asked for again each time (they change with every proposal and vote) but answered with 304 when
 * unchanged: the ETag is the hash of the page. A login's cookie still reaches the browser on a 304.
 */
const pageEtag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'set-cookie'] });

const revalidatePages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html') || c.res.headers.has('cache-control')) return;
  // A page of a logged-in user is theirs: no shared cache may keep it.
  c.header('Cache-Control', c.get('user') ? 'private, no-cache' : 'no-cache');
};

/**
 * Text is compressed (HTML, CSS, JS, JSON, SVG; never JPEG/PNG/WebP, already compressed): on rural mobile data a
 * page costs a fifth of its size. Static files arrive compressed already and pass through untouched.
 */
export const lightPages: MiddlewareHandler<AppEnv>[] = [compress(), pageEtag, revalidatePages];
