import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { opinionItem, representative, suggestion } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { opinionNumber } from '../domain/opinionLabels';
import { effectiveDue } from '../domain/suggestionDeadline';
import { suggestionStatus } from '../domain/suggestionStatus';
import type { Jurisdiction } from './jurisdictions';
import { publicMeetings } from './meetings';

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

/** The whole public page: the roster by community (those without one last), suggestions with their status, meetings. */
export function publicDeliberation(db: Db, sub: Jurisdiction, today: ChinaDate) {
  const roster = publicRoster(db, sub.id);
  const communities: { community: string; names: string[] }[] = [];
  for (const r of roster) {
    const g = communities.find((x) => x.community === r.community);
    if (g) g.names.push(r.name);
    else communities.push({ community: r.community, names: [r.name] });
  }
  communities.sort((a, b) => Number(a.community === '') - Number(b.community === '')); // "其他" last
  const suggestions = publicSuggestions(db, sub.id).map((s) => ({
    ...s, number: opinionNumber(s.year, sub.code, s.seq), due: effectiveDue(s), extended: s.extendedTo !== null, status: suggestionStatus(s, today),
  }));
  return { communities, total: roster.length, suggestions, meetings: publicMeetings(db, sub.id) };
}
