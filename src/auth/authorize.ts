import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isAllowed, type Action } from '../domain/authz';
import { ancestry, getJurisdictionByCode, type Jurisdiction } from '../data/jurisdictions';
import type { AppEnv, CurrentUser } from '../env';

/** The one place that decides whether the current user may take `action` in a jurisdiction. */
export function can(c: Context<AppEnv>, action: Action, jurisdictionId: number): boolean {
  const user = c.get('user');
  if (!user) return false;
  return isAllowed(user.assignments, action, ancestry(c.get('db'), jurisdictionId));
}

/** Not logged in → to the login page (then back); logged in without the right → 403. */
export function authorize(c: Context<AppEnv>, action: Action, jurisdictionId: number): CurrentUser {
  const user = requireLogin(c);
  if (!can(c, action, jurisdictionId)) throw new HTTPException(403, { message: 'forbidden' });
  return user;
}

export function requireLogin(c: Context<AppEnv>): CurrentUser {
  const user = c.get('user');
  if (!user) {
    const next = encodeURIComponent(new URL(c.req.url).pathname);
    throw new HTTPException(401, { res: c.redirect(`/login?next=${next}`, 303) });
  }
  return user;
}

/** The jurisdiction named by the `:code` route parameter, or 404. */
export function jurisdictionParam(c: Context<AppEnv>): Jurisdiction {
  const j = getJurisdictionByCode(c.get('db'), c.req.param('code') ?? '');
  if (!j) throw new HTTPException(404, { message: 'not found' });
  return j;
}

export function notFound(): never {
  throw new HTTPException(404, { message: 'not found' });
}

/** For audit entries: who did it, from where. */
export function actorOf(c: Context<AppEnv>) {
  const u = c.get('user');
  return { id: u?.id ?? null, name: u ? `${u.displayName}（${u.username}）` : '公众', ip: c.get('clientIp') };
}
