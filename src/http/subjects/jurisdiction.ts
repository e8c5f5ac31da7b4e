import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { getJurisdictionByCode, jurisdictionWithAncestry, type Jurisdiction } from '../../data/jurisdictions';
import { getCycle, type Cycle } from '../../data/cycles';
import { keptUntilWrite } from '../../data/keptUntilWrite';
import type { AppEnv } from '../../env';

/** A request under /j/:code: the jurisdiction it names (404 when there is none). */
export type JurisdictionEnv = AppEnv & { Variables: { jurisdiction: Jurisdiction } };
/** A request under /j/:code/cycles/:year: the year's cycle as well. */
export type CycleEnv = JurisdictionEnv & { Variables: { cycle: Cycle } };

export function notFound(): never {
  throw new HTTPException(404, { message: 'not found' });
}

/** A positive integer route parameter, or 404 (ids never reach SQL as NaN or as 1e9 digits). */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) notFound();
  return Number(value);
}

/**
 * The one shape of a subject: the row a URL names, read through its parent (another town's or another year's id
 * is a 404, never a 403), set as c.var[key] for the guard and the handler.
 */
export function subject<E extends AppEnv, K extends keyof E['Variables'] & string>(
  key: K, load: (c: Context<E>) => E['Variables'][K] | undefined | null,
): MiddlewareHandler<E> {
  return createMiddleware<E>(async (c, next) => {
    const row = load(c);
    if (row === undefined || row === null) notFound();
    c.set(key as never, row as never);
    await next();
  });
}

/** A part of the site that exists only for some subjects (a subdistrict's deliberation, a district's dashboard). */
export function notFoundWhen<E extends AppEnv>(absent: (c: Context<E>) => boolean): MiddlewareHandler<E> {
  return createMiddleware<E>(async (c, next) => {
    if (absent(c)) notFound();
    await next();
  });
}

/**
 * Mounted once on /j/:code/*: every area below reads c.get('jurisdiction'). Its ancestry comes in the same read,
 * kept where the route's guard looks for it (auth/authorize.ts).
 */
export const jurisdictionSubject = createMiddleware<JurisdictionEnv>(async (c, next) => {
  const found = jurisdictionWithAncestry(c.get('db'), c.req.param('code') ?? '');
  if (!found) notFound();
  c.set('jurisdiction', found.jurisdiction);
  c.get('ancestries').set(found.jurisdiction.id, found.ancestry);
  await next();
});

/** Street deliberation exists only in subdistricts: a township's or a village's code is a 404 there. */
export const subdistrictOnly = notFoundWhen<JurisdictionEnv>((c) => c.get('jurisdiction').kind !== 'subdistrict');

/** The cycle named by :year in the jurisdiction, or 404. */
export const cycleSubject = createMiddleware<CycleEnv>(async (c, next) => {
  const year = c.req.param('year') ?? '';
  const db = c.get('db');
  const jurisdictionId = c.get('jurisdiction').id;
  // Kept until the next write (a phase moved, a window set); a year without a cycle is not kept.
  const cy = /^\d{4}$/.test(year)
    ? keptUntilWrite(db, `cycle|${jurisdictionId}|${year}`, () => getCycle(db, jurisdictionId, Number(year)), (found) => found !== undefined)
    : undefined;
  if (!cy) notFound();
  c.set('cycle', cy);
  await next();
});

/**
 * The public side of a jurisdiction (/p/:code): no login, so it is c.get('jurisdiction') as under /j/:code, but an
 * unknown or retired (inactive) jurisdiction is a 404 — residents never see a closed town's pages.
 */
export const publicJurisdictionSubject = createMiddleware<JurisdictionEnv>(async (c, next) => {
  const j = getJurisdictionByCode(c.get('db'), c.req.param('code') ?? '');
  if (!j || !j.active) notFound();
  c.set('jurisdiction', j);
  await next();
});

/** Only townships and subdistricts run a yearly cycle and take proposals from residents: a village's code is a 404. */
export const townOnly = notFoundWhen<JurisdictionEnv>((c) => c.get('jurisdiction').kind !== 'township' && c.get('jurisdiction').kind !== 'subdistrict');
