import { and, eq, inArray, sql } from 'drizzle-orm';
import { idList, idsIn, prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, representative, roleAssignment } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { opinionNumber } from '../domain/opinionLabels';
import type { TodoEntry, TodoTask } from './deliberationTodo';
import { messagesAwaiting, overdueReferrals } from './stationOpinions';

/**
 * The home page's 待办 for townships' stations: a clerk's overdue referrals (分级督查) and their entry to the
 * list; a representative's messages from their QR code waiting for an answer.
 */
export function stationOpinionTodo(db: Db, userId: number, today: ChinaDate): { tasks: TodoTask[]; entries: TodoEntry[] } {
  const towns = prepared(db, 'clerkTownsOfLogin', (db) => db.select({ id: jurisdiction.id, code: jurisdiction.code, name: jurisdiction.name }).from(roleAssignment)
    .innerJoin(jurisdiction, eq(jurisdiction.id, roleAssignment.jurisdictionId))
    .where(and(eq(roleAssignment.userId, sql.placeholder('userId')), eq(roleAssignment.role, 'clerk'), eq(jurisdiction.kind, 'township'))).prepare()).all({ userId });
  const codeOf = new Map(towns.map((t) => [t.id, t.code]));
  const tasks: TodoTask[] = overdueReferrals(db, towns.map((t) => t.id), today).map((o) => {
    const code = codeOf.get(o.jurisdictionId)!;
    return { text: `已逾期：群众意见 ${opinionNumber(o.year, code, o.seq)}“${o.title}”交 ${o.department} 应于 ${o.dueOn} 前答复`, href: `/j/${code}/opinions/${o.id}`, overdue: true };
  });
  const reps = prepared(db, 'townRepsOfLogin', (db) => db.select({ id: representative.id, code: jurisdiction.code }).from(representative)
    .innerJoin(jurisdiction, eq(jurisdiction.id, representative.jurisdictionId))
    .where(and(eq(representative.userId, sql.placeholder('userId')), eq(representative.body, 'congress'), eq(representative.status, 'seated'), eq(jurisdiction.kind, 'township')))
    .prepare()).all({ userId });
  const repTown = new Map(reps.map((r) => [r.id, r.code]));
  const waiting = messagesAwaiting(db, reps.map((r) => r.id));
  const townCode = new Map(waiting.length === 0 ? [] : prepared(db, 'jurisdictionCodes', (db) => db.select({ id: jurisdiction.id, code: jurisdiction.code }).from(jurisdiction)
    .where(inArray(jurisdiction.id, idsIn('ids'))).prepare()).all({ ids: idList(new Set(waiting.map((w) => w.jurisdictionId))) }).map((t) => [t.id, t.code]));
  for (const w of waiting) tasks.push({ text: `群众留言“${w.title}”等待您答复`, href: `/j/${townCode.get(w.jurisdictionId)}/opinions/${w.id}`, overdue: false });
  const entries: TodoEntry[] = towns.map((t) => ({ label: `${t.name} · 站点民意`, href: `/j/${t.code}/opinions` }));
  for (const code of new Set(repTown.values())) entries.push({ label: '我收到的群众意见', href: `/j/${code}/opinions` });
  return { tasks, entries };
}

/** One 待办 list on the home page: the subdistricts' items and the stations' opinions, overdue first. */
export function withStationOpinions(a: { tasks: TodoTask[]; entries: TodoEntry[] }, b: { tasks: TodoTask[]; entries: TodoEntry[] }) {
  const tasks = [...a.tasks, ...b.tasks].sort((x, y) => Number(y.overdue) - Number(x.overdue));
  return { tasks, entries: [...a.entries, ...b.entries] };
}
