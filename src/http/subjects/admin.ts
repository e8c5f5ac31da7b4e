import { createMiddleware } from 'hono/factory';
import { districtRoot, stationOf } from '../../data/jurisdictionAdmin';
import { getJurisdiction } from '../../data/jurisdictions';
import type { Station } from '../../data/stations';
import { getUser, type User } from '../../data/users';
import type { AppEnv } from '../../env';
import { idParam, notFound, type JurisdictionEnv } from './jurisdiction';

/** A request under /admin/users/:userId: the account being administered (c.var.user stays the one logged in). */
export type ManagedUserEnv = AppEnv & { Variables: { managedUser: User } };
/** A request under /admin/jurisdictions/:jurisdictionId/stations/:stationId: the station, within that jurisdiction. */
export type StationEnv = JurisdictionEnv & { Variables: { station: Station } };

export const userSubject = createMiddleware<ManagedUserEnv>(async (c, next) => {
  const u = getUser(c.var.db, idParam(c.req.param('userId')));
  if (!u) notFound();
  c.set('managedUser', u);
  await next();
});

/**
 * /admin/jurisdictions/:jurisdictionId — the jurisdiction being administered becomes c.var.jurisdiction, so
 * `allow('admin.jurisdictions')` asks whether the administrator's district covers it.
 */
export const managedJurisdictionSubject = createMiddleware<JurisdictionEnv>(async (c, next) => {
  const j = getJurisdiction(c.var.db, idParam(c.req.param('jurisdictionId')));
  if (!j) notFound();
  c.set('jurisdiction', j);
  await next();
});

/** Another jurisdiction's station id is a 404, never that station. */
export const stationSubject = createMiddleware<StationEnv>(async (c, next) => {
  const s = stationOf(c.var.db, c.var.jurisdiction.id, idParam(c.req.param('stationId')));
  if (!s) notFound();
  c.set('station', s);
  await next();
});

/** /admin/jurisdictions/new?parent=… — the parent a new jurisdiction goes under (after the query was validated). */
export const parentSubject = createMiddleware<JurisdictionEnv>(async (c, next) => {
  const parent = getJurisdiction(c.var.db, idParam(c.req.query('parent')));
  if (!parent) notFound();
  c.set('jurisdiction', parent);
  await next();
});

/** /admin/settings — district-wide settings belong to the district at the top of the tree (404 before setup). */
export const districtSubject = createMiddleware<JurisdictionEnv>(async (c, next) => {
  const root = districtRoot(c.var.db);
  if (!root) notFound();
  c.set('jurisdiction', root);
  await next();
});
