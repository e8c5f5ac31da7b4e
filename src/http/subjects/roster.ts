import { createMiddleware } from 'hono/factory';
import { getRep, type Representative, type RosterScope } from '../../data/representatives';
import { ROSTER_TERMS, type RosterTerms } from '../../domain/roster';
import type { RepBody } from '../../domain/vocabulary';
import { subject, idParam, notFound, type JurisdictionEnv } from './jurisdiction';

/** Which roster a URL names: a township's congress (/j/:code/roster) or a subdistrict's deliberation representatives. */
export interface Roster {
  body: RepBody;
  scope: RosterScope;
  /** The roster's own URL: every page and form of the roster hangs below it. */
  base: string;
  terms: RosterTerms;
}

/** A request under a roster's URL. */
export type RosterEnv = JurisdictionEnv & { Variables: { roster: Roster } };
/** A request under a roster's /:repId: the entry as well (another roster's entry is a 404). */
export type RepEnv = RosterEnv & { Variables: { rep: Representative } };

/** Where a jurisdiction's roster lives: for links from the cycle page, the navigation and the session list. */
export function rosterHref(j: { code: string }, body: RepBody): string {
  return body === 'congress' ? `/j/${j.code}/roster` : `/j/${j.code}/deliberation/reps`;
}

function rosterOf(j: { id: number; code: string }, body: RepBody): Roster {
  return { body, scope: { jurisdictionId: j.id, body }, base: rosterHref(j, body), terms: ROSTER_TERMS[body] };
}

/** /j/:code/roster: a township's people's congress roster. A subdistrict's lives with street deliberation. */
export const congressRosterSubject = createMiddleware<RosterEnv>(async (c, next) => {
  const j = c.get('jurisdiction');
  if (j.kind === 'subdistrict' && c.req.method === 'GET') {
    return c.redirect(c.req.path.replace(/^\/j\/[^/]+\/roster/, rosterOf(j, 'deliberation').base), 302);
  }
  if (j.kind !== 'township') notFound();
  c.set('roster', rosterOf(j, 'congress'));
  await next();
});

/** /j/:code/deliberation/reps: a subdistrict's deliberation representatives (a township's code is a 404). */
export const deliberationRosterSubject = createMiddleware<RosterEnv>(async (c, next) => {
  const j = c.get('jurisdiction');
  if (j.kind !== 'subdistrict') notFound();
  c.set('roster', rosterOf(j, 'deliberation'));
  await next();
});

export const repSubject = subject<RepEnv, 'rep'>('rep', (c) => getRep(c.get('db'), c.get('roster').scope, idParam(c.req.param('repId'))));
