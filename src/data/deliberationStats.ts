import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { opinionItem, representative, suggestion } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { summarizeYear } from '../domain/deliberationStats';

/**
 * The figures for one subdistrict and year (item year). Meeting attendance rates belong here too, once the
 * deliberation meetings (sessions with body 'deliberation') and their attendance are recorded by the session
 * pages: they are not counted yet.
 */
export function yearStats(db: Db, subId: number, year: number, today: ChinaDate) {
  const reps = db.select({ id: representative.id, name: representative.name, community: representative.community, status: representative.status })
    .from(representative).where(and(eq(representative.jurisdictionId, subId), eq(representative.body, 'deliberation')))
    .orderBy(asc(representative.community), asc(representative.id)).all();
  const items = db.select({ id: opinionItem.id, raisedById: opinionItem.raisedById, state: opinionItem.state })
    .from(opinionItem).where(and(eq(opinionItem.jurisdictionId, subId), eq(opinionItem.year, year))).all();
  const suggestions = yearSuggestions(db, subId, year);
  return { summary: summarizeYear(reps, items, suggestions, today), suggestions };
}

/** The year's suggestions in item order, with what the annual report lists beside each. */
export function yearSuggestions(db: Db, subId: number, year: number) {
  return db.select({
    opinionItemId: suggestion.opinionItemId, seq: opinionItem.seq, title: suggestion.title, unitName: suggestion.unitName,
    representative: representative.name, assignedOn: suggestion.assignedOn, dueOn: suggestion.dueOn, extendedTo: suggestion.extendedTo,
    answeredOn: suggestion.answeredOn, satisfaction: suggestion.satisfaction,
  }).from(suggestion)
    .innerJoin(opinionItem, eq(opinionItem.id, suggestion.opinionItemId))
    .innerJoin(representative, eq(representative.id, suggestion.representativeId))
    .where(and(eq(suggestion.jurisdictionId, subId), eq(opinionItem.year, year)))
    .orderBy(asc(opinionItem.seq)).all();
}

/** Years that have items, newest first; with the current year always offered. */
export function statYears(db: Db, subId: number, current: number): number[] {
  const years = db.selectDistinct({ y: opinionItem.year }).from(opinionItem).where(eq(opinionItem.jurisdictionId, subId))
    .orderBy(desc(opinionItem.year)).all().map((r) => r.y);
  return [...new Set([current, ...years])].sort((a, b) => b - a);
}
