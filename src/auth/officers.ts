import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { officerRolesOf } from '../data/sessionOfficers';
import type { Action } from '../domain/authz';
import type { SessionOfficerRole } from '../domain/vocabulary';
import type { SessionEnv } from '../http/subjects/session';
import { can, forbidden, requireLogin } from './authorize';

/**
 * Whether the logged-in user is, at the URL's session (a session or poll subject), an officer in one of `roles`.
 * An officer's rights end at their own session: at any other the same login holds none of them.
 */
export function isOfficerHere<E extends SessionEnv>(c: Context<E>, roles: readonly SessionOfficerRole[]): boolean {
  const user = c.get('user');
  if (!user) return false;
  return officerRolesOf(c.get('db'), c.get('session').id, user.id).some((r) => roles.includes(r));
}

/**
 * The guard of a counting duty: passes for an officer of the URL's session in one of `roles`, or for anyone who
 * may take one of `actions` in the jurisdiction (the clerk). With no action, officers only (signing). Like
 * allow(), the first middleware of the route, after the session or poll subject has been read.
 *   allowOfficer(['teller'], 'poll.tally')                       paper-ballot entry
 *   allowOfficer(['chiefScrutineer', 'scrutineer'])              signing the 计票结果报告单
 */
export function allowOfficer(roles: readonly SessionOfficerRole[], ...actions: Action[]) {
  return createMiddleware<SessionEnv>(async (c, next) => {
    requireLogin(c);
    if (!actions.some((a) => can(c, a, c.get('jurisdiction').id)) && !isOfficerHere(c, roles)) forbidden();
    await next();
  });
}
