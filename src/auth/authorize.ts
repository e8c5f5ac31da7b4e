import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { hasAnyRoleFor, isAllowed, type Action } from '../domain/authz';
import { ancestry } from '../data/jurisdictions';
import type { AppEnv, CurrentUser } from '../env';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';

/** The jurisdiction's ancestry, read once per request however many checks and navigation links ask. */
// c.get, not c.var: every c.var access copies all of the request's variables into a new object, and these run on
// every guarded request, some several times.
function ancestryOf<E extends AppEnv>(c: Context<E>, jurisdictionId: number): number[] {
  const memo = c.get('ancestries');
  let hit = memo.get(jurisdictionId);
  if (!hit) {
    // The URL's own jurisdiction row is already read: only its parents are left to read.
    const own = (c as unknown as Context<JurisdictionEnv>).get('jurisdiction') as { id: number; parentId: number | null } | undefined;
    const db = c.get('db');
    hit = own?.id === jurisdictionId ? [own.id, ...(own.parentId === null ? [] : ancestry(db, own.parentId))] : ancestry(db, jurisdictionId);
    memo.set(jurisdictionId, hit);
  }
  return hit;
}

/** Whether the current user may take `action` in a jurisdiction (for showing a button, not for guarding a route). */
export function can<E extends AppEnv>(c: Context<E>, action: Action, jurisdictionId: number): boolean {
  const user = c.get('user');
  if (!user) return false;
  return isAllowed(user.assignments, action, ancestryOf(c, jurisdictionId));
}

/**
 * The one guard of a route: logged in (else to the login page and back), and holding a role for one of
 * `actions` in the jurisdiction the URL names (else 403). It runs before the body is read or validated.
 */
export function allow(...actions: Action[]) {
  return createMiddleware<JurisdictionEnv>(async (c, next) => {
    requireLogin(c);
    const jurisdictionId = c.get('jurisdiction').id;
    if (!actions.some((a) => can(c, a, jurisdictionId))) forbidden();
    await next();
  });
}

/** The guard of a route that names no jurisdiction (/admin, /audit): a role for `action` anywhere. */
export function allowAnywhere(action: Action) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!hasAnyRoleFor(requireLogin(c).assignments, action)) forbidden();
    await next();
  });
}

/** The guard of a route any logged-in user may open (the home page, changing one's own password). */
export const loggedIn = createMiddleware<AppEnv>(async (c, next) => {
  requireLogin(c);
  await next();
});

export function forbidden(): never {
  throw new HTTPException(403, { message: 'forbidden' });
}

export function requireLogin<E extends AppEnv>(c: Context<E>): CurrentUser {
  const user = c.get('user');
  if (!user) {
    const next = encodeURIComponent(new URL(c.req.url).pathname);
    throw new HTTPException(401, { res: c.redirect(`/login?next=${next}`, 303) });
  }
  return user;
}

/** The logged-in user acting, as data functions record them (after a guard, so never anonymous). */
export function userActor<E extends AppEnv>(c: Context<E>) {
  return { ...actorOf(c), id: requireLogin(c).id };
}

/** For audit entries: who did it, from where. */
export function actorOf<E extends AppEnv>(c: Context<E>) {
  const u = c.get('user');
  return { id: u?.id ?? null, name: u ? `${u.displayName}（${u.username}）` : '公众', ip: c.get('clientIp') };
}
