import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { idList, idsIn, prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, opinionItem, repLink, representative, roleAssignment, suggestion } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { opinionNumber } from '../domain/opinionLabels';
import { effectiveDue, isOverdue } from '../domain/suggestionDeadline';

export interface TodoTask { text: string; href: string; overdue: boolean }
export interface TodoEntry { label: string; href: string }

const itemHref = (code: string, id: number) => `/j/${code}/deliberation/items/${id}`;

/**
 * The home page's 待办 for street deliberation: what waits on this person, overdue suggestions first.
 * Clerks see their subdistrict; a district representative the items handed to them and their suggestions;
 * a unit the suggestions assigned to its login.
 */
export function deliberationTodo(db: Db, userId: number, today: ChinaDate): { tasks: TodoTask[]; entries: TodoEntry[] } {
  const roles = prepared(db, 'deliberationRoles', (db) => db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId, code: jurisdiction.code, name: jurisdiction.name, kind: jurisdiction.kind })
    .from(roleAssignment).innerJoin(jurisdiction, eq(jurisdiction.id, roleAssignment.jurisdictionId))
    .where(eq(roleAssignment.userId, sql.placeholder('userId'))).prepare()).all({ userId });
  const clerkOf = roles.filter((r) => r.role === 'clerk' && r.kind === 'subdistrict').map((r) => r.jurisdictionId);
  const myReps = prepared(db, 'seatedCongressRepsOfLogin', (db) => db.select({ id: representative.id }).from(representative)
    .where(and(eq(representative.userId, sql.placeholder('userId')), eq(representative.body, 'congress'), eq(representative.status, 'seated'))).prepare())
    .all({ userId }).map((r) => r.id);

  const tasks: TodoTask[] = [];
  const subs = new Map<number, { code: string; name: string; href?: string }>();
  for (const r of roles) if (r.kind === 'subdistrict') subs.set(r.jurisdictionId, { code: r.code, name: r.name });

  if (clerkOf.length) {
    const waiting = db.select({ id: opinionItem.id, code: jurisdiction.code, name: jurisdiction.name })
      .from(opinionItem).innerJoin(jurisdiction, eq(jurisdiction.id, opinionItem.jurisdictionId))
      .where(and(inArray(opinionItem.jurisdictionId, clerkOf), eq(opinionItem.state, 'recorded'))).all();
    for (const [code, n] of countBy(waiting.map((w) => w.code))) {
      tasks.push({ text: `${waiting.find((w) => w.code === code)!.name}：${n} 件民意事项待分办`, href: `/j/${code}/deliberation/items?state=recorded`, overdue: false });
    }
  }

  // Open suggestions this person answers for or watches.
  // One cached statement: an empty list of towns or representatives matches nothing.
  const open = prepared(db, 'openSuggestionsWatched', (db) => db.select({ s: suggestion, seq: opinionItem.seq, year: opinionItem.year, code: jurisdiction.code })
    .from(suggestion).innerJoin(opinionItem, eq(opinionItem.id, suggestion.opinionItemId))
    .innerJoin(jurisdiction, eq(jurisdiction.id, suggestion.jurisdictionId))
    .where(and(isNull(suggestion.answeredOn), or(
      inArray(suggestion.jurisdictionId, idsIn('towns')), inArray(suggestion.representativeId, idsIn('reps')), eq(suggestion.unitUserId, sql.placeholder('userId')),
    ))).orderBy(asc(suggestion.dueOn)).prepare()).all({ towns: idList(clerkOf), reps: idList(myReps), userId });
  for (const o of open) {
    const no = opinionNumber(o.year, o.code, o.seq);
    const overdue = isOverdue(o.s, today);
    if (!overdue && o.s.unitUserId !== userId) continue; // units see all their open work; others only what is late
    tasks.push({
      text: `${overdue ? '已逾期：' : ''}代表建议 ${no}“${o.s.title}”应于 ${effectiveDue(o.s)} 前答复（${o.s.unitName}）`,
      href: itemHref(o.code, o.s.opinionItemId), overdue,
    });
  }

  if (myReps.length) {
    const handed = db.select({ id: opinionItem.id, title: opinionItem.title, seq: opinionItem.seq, year: opinionItem.year, code: jurisdiction.code })
      .from(opinionItem).innerJoin(jurisdiction, eq(jurisdiction.id, opinionItem.jurisdictionId))
      .where(and(inArray(opinionItem.handedToRepId, myReps), eq(opinionItem.state, 'handedToRep'))).orderBy(asc(opinionItem.id)).all();
    for (const h of handed) {
      tasks.push({ text: `民意事项 ${opinionNumber(h.year, h.code, h.seq)}“${h.title}”已转交您，待转为代表建议`, href: itemHref(h.code, h.id), overdue: false });
    }
    const toRate = db.select({ s: suggestion, seq: opinionItem.seq, year: opinionItem.year, code: jurisdiction.code })
      .from(suggestion).innerJoin(opinionItem, eq(opinionItem.id, suggestion.opinionItemId))
      .innerJoin(jurisdiction, eq(jurisdiction.id, suggestion.jurisdictionId))
      .where(and(inArray(suggestion.representativeId, myReps), isNull(suggestion.satisfaction))).all()
      .filter((r) => r.s.answeredOn !== null);
    for (const r of toRate) {
      tasks.push({ text: `代表建议 ${opinionNumber(r.year, r.code, r.seq)}“${r.s.title}”已答复，请评价办理结果`, href: itemHref(r.code, r.s.opinionItemId), overdue: false });
    }
    // The subdistricts this representative's groups are in (linked today or items handed over), for the entry links:
    // their items list, as the subdistrict's other pages are not theirs to read.
    const handedIn = db.selectDistinct({ id: opinionItem.jurisdictionId }).from(opinionItem).where(inArray(opinionItem.handedToRepId, myReps)).all();
    const linkedIn = db.selectDistinct({ id: representative.jurisdictionId }).from(repLink)
      .innerJoin(representative, eq(representative.id, repLink.deliberationRepId))
      .where(and(inArray(repLink.districtRepId, myReps), isNull(repLink.toDate))).all();
    const ids = [...new Set([...handedIn, ...linkedIn].map((r) => r.id))];
    const groupSubs = ids.length ? db.select({ id: jurisdiction.id, code: jurisdiction.code, name: jurisdiction.name }).from(jurisdiction)
      .where(inArray(jurisdiction.id, ids)).orderBy(asc(jurisdiction.id)).all() : [];
    for (const g of groupSubs) if (!subs.has(g.id)) subs.set(g.id, { code: g.code, name: g.name, href: `/j/${g.code}/deliberation/items` });
  }

  tasks.sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const entries = [...subs.values()].map((s) => ({ label: `${s.name} · 街道议事`, href: s.href ?? `/j/${s.code}/deliberation` }));
  return { tasks, entries };
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
