import { networkInterfaces } from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import type { Action } from '../domain/authz';
import { BODY_TERMS, type BodyTerms } from '../domain/bodyTerms';
import { authorize, jurisdictionParam, notFound } from '../auth/authorize';
import { getPollIn, type Poll } from '../data/polls';
import { getSession, type Session } from '../data/sessions';
import type { Jurisdiction } from '../data/jurisdictions';
import type { AppEnv, CurrentUser } from '../env';

const id = (v: string | undefined) => (v && /^[0-9]{1,9}$/.test(v) ? Number(v) : NaN);

/** The session named by :code and :id, after the role check; another jurisdiction's session is a 404. */
export function sessionParam(c: Context<AppEnv>, action: Action): { j: Jurisdiction; s: Session; me: CurrentUser; terms: BodyTerms } {
  const j = jurisdictionParam(c);
  const me = authorize(c, action, j.id);
  const s = getSession(c.get('db'), j.id, id(c.req.param('id')));
  if (!s) notFound();
  return { j, s, me, terms: BODY_TERMS[s.body] };
}

export function pollParam(c: Context<AppEnv>, action: Action): { j: Jurisdiction; s: Session; p: Poll; me: CurrentUser; terms: BodyTerms } {
  const j = jurisdictionParam(c);
  const me = authorize(c, action, j.id);
  const found = getPollIn(c.get('db'), j.id, id(c.req.param('pollId')));
  if (!found) notFound();
  return { j, s: found.session, p: found.poll, me, terms: BODY_TERMS[found.session.body] };
}

/** An htmx request for a piece of a page (hx-get/hx-post), as opposed to a boosted navigation wanting a whole page. */
export function wantsFragment(c: Context<AppEnv>): boolean {
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

/**
 * The address phones in the hall should open. A clerk often runs the projector on the server laptop itself
 * (http://localhost:3000), which a phone cannot reach: then the laptop's first LAN address is used instead.
 */
export function hallBaseUrl(c: Context<AppEnv>): string {
  const u = new URL(c.req.url);
  if (/^(localhost|127\.|\[::1\])/.test(u.hostname)) {
    const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (lan) u.hostname = lan.address;
  }
  return u.origin;
}
