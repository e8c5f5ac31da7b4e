import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { opinionItem, representative, suggestion } from '../../db/schema';

/**
 * What the public page may show, selected column by column so nothing personal can slip through:
 * representatives' names and communities (never phones), suggestions' titles and handling (never who raised them).
 */
export function publicRoster(db: Db, subId: number): { name: string; community: string }[] {
  return db.select({ name: representative.name, community: representative.community }).from(representative)
    .where(and(eq(representative.jurisdictionId, subId), eq(representative.body, 'deliberation'), eq(representative.status, 'seated')))
    .orderBy(asc(representative.community), asc(representative.id)).all();
}

export function publicSuggestions(db: Db, subId: number, limit = 300) {
  return db.select({
    year: opinionItem.year, seq: opinionItem.seq, category: opinionItem.category,
    title: suggestion.title, unitName: suggestion.unitName, assignedOn: suggestion.assignedOn, dueOn: suggestion.dueOn,
    extendedTo: suggestion.extendedTo, answeredOn: suggestion.answeredOn, satisfaction: suggestion.satisfaction,
  }).from(suggestion).innerJoin(opinionItem, eq(opinionItem.id, suggestion.opinionItemId))
    .where(eq(suggestion.jurisdictionId, subId))
    .orderBy(desc(suggestion.assignedOn), desc(suggestion.id)).limit(limit).all();
}
