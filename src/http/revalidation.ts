import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import type { AppEnv } from '../env';
import { isPublicPage, PAGE_CACHE_SECONDS } from './pageCache';

/**
 * Pages are asked for again each time (they change with every proposal and vote) but answered with 304 when
 * unchanged: the ETag is the hash of the page. A login's cookie still reaches the browser on a 304.
 * An anonymous public page may be kept a few seconds (as long as the server's own page cache keeps it), by the
 * browser or a shared cache; Vary: Cookie keeps a browser from showing it again once its user has logged in.
 */
const pageEtag = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'set-cookie'] });

const revalidatePages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html') || c.res.headers.has('cache-control')) return;
  // A page of a logged-in user is theirs: no shared cache may keep it.
  if (c.get('user')) return c.header('Cache-Control', 'private, no-cache');
  if (c.res.status === 200 && isPublicPage(c.req.path) && !c.res.headers.has('set-cookie')) {
    c.header('Cache-Control', `public, max-age=${PAGE_CACHE_SECONDS}`);
    c.header('Vary', 'Cookie', { append: true });
    return;
  }
  c.header('Cache-Control', 'no-cache');
};

/**
 * Text is compressed (HTML, CSS, JS, JSON, SVG; never JPEG/PNG/WebP, already compressed): on rural mobile data a
 * page costs a fifth of its size. Static files arrive compressed already and pass through untouched.
 */
export const lightPages: MiddlewareHandler<AppEnv>[] = [compress(), pageEtag, revalidatePages];
