import type { Context } from 'hono';
import { actorOf, jurisdictionParam, notFound } from '../auth/authorize';
import type { Jurisdiction } from '../data/jurisdictions';
import { chinaDateOf, type ChinaDate } from '../domain/chinaDate';
import type { AppEnv, CurrentUser } from '../env';

/** Street deliberation exists only in subdistricts: a township's or a village's code is a 404 here. */
export function subdistrictParam(c: Context<AppEnv>): Jurisdiction {
  const j = jurisdictionParam(c);
  if (j.kind !== 'subdistrict') notFound();
  return j;
}

export function todayIn(c: Context<AppEnv>): ChinaDate {
  return chinaDateOf(c.get('now')());
}

/** The audit actor with the user id data functions record as recorder/answerer. */
export function actorWithId(c: Context<AppEnv>, me: CurrentUser) {
  return { ...actorOf(c), id: me.id };
}

/** A positive integer route parameter, or 404. */
export function idParam(c: Context<AppEnv>, name: string): number {
  const v = c.req.param(name) ?? '';
  if (!/^[1-9]\d{0,9}$/.test(v)) notFound();
  return Number(v);
}
