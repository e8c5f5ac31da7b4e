import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';

/**
 * Downloads of personal data are audited, so only the person's own navigation may fetch them: an <img> or a
 * script on another site (even another host of the same site) must neither get the file nor write an
 * "exported" entry in someone's name. Browsers say where a request came from in Sec-Fetch-Site; one that does not
 * (an old browser, a script of the office's own) is let through.
 */
export const ownNavigationOnly = createMiddleware<AppEnv>(async (c, next) => {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HTTPException(403, { message: 'forbidden' });
  await next();
});
