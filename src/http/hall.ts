import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** An htmx request for a piece of a page (hx-get/hx-post), as opposed to a boosted navigation wanting a whole page. */
export function wantsFragment<E extends AppEnv>(c: Context<E>): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Boosted') !== 'true';
}

/**
 * Pages that load their own script (the ballot's N-limit check) must be loaded whole: a boosted navigation
 * swaps the body and htmx does not run scripts in it, so it is turned into an ordinary page load.
 */
export const fullPageLoad: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' && c.req.header('HX-Boosted') === 'true') {
    const u = new URL(c.req.url);
    c.header('HX-Redirect', u.pathname + u.search);
    return c.body(null, 200);
  }
  await next();
};

