import { districtRoot, stationOf } from '../../data/jurisdictionAdmin';
import { getJurisdiction } from '../../data/jurisdictions';
import type { Station } from '../../data/stations';
import { getUser, type User } from '../../data/users';
import type { AppEnv } from '../../env';
import { subject, idParam, type JurisdictionEnv } from './jurisdiction';

/** A request under /admin/users/:userId: the account being administered (c.get('user') stays the one logged in). */
export type ManagedUserEnv = AppEnv & { Variables: { managedUser: User } };
/** A request under /admin/jurisdictions/:jurisdictionId/stations/:stationId: the station, within that jurisdiction. */
export type StationEnv = JurisdictionEnv & { Variables: { station: Station } };

export const userSubject = subject<ManagedUserEnv, 'managedUser'>('managedUser', (c) => getUser(c.get('db'), idParam(c.req.param('userId'))));

/**
 * /admin/jurisdictions/:jurisdictionId — the jurisdiction being administered becomes c.get('jurisdiction'), so
 * `allow('admin.jurisdictions')` asks whether the administrator's district covers it.
 */
export const managedJurisdictionSubject = subject<JurisdictionEnv, 'jurisdiction'>('jurisdiction', (c) => getJurisdiction(c.get('db'), idParam(c.req.param('jurisdictionId'))));

/** Another jurisdiction's station id is a 404, never that station. */
export const stationSubject = subject<StationEnv, 'station'>('station', (c) => stationOf(c.get('db'), c.get('jurisdiction').id, idParam(c.req.param('stationId'))));

/** /admin/jurisdictions/new?parent=… — the parent a new jurisdiction goes under (after the query was validated). */
export const parentSubject = subject<JurisdictionEnv, 'jurisdiction'>('jurisdiction', (c) => getJurisdiction(c.get('db'), idParam(c.req.query('parent'))));

/** /admin/settings — district-wide settings belong to the district at the top of the tree (404 before setup). */
export const districtSubject = subject<JurisdictionEnv, 'jurisdiction'>('jurisdiction', (c) => districtRoot(c.get('db')));
