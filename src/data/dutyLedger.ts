import { and, asc, eq, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  attendance, attendanceEvent, opinionItem, poll, pollRoll, representative, session, sessionRoster, suggestion,
} from '../../db/schema';
import { chinaDateOf } from '../domain/chinaDate';
import {
  attendedSession, countLedger, emptyCounts, inLedgerYear, ledgerOf, type LedgerCounts, type LedgerEntry, type RepLedger,
} from '../domain/dutyLedger';
import { receptionsOf } from './receptions';
import { dutyActivitiesOf } from './dutyActivities';
import type { Representative } from './representatives';

/**
 * 履职台账: one small reader per source turns its rows of one representative's year into ledger entries; the counts
 * are the pure fold in src/domain/dutyLedger.ts. An instant is placed by its China day (a poll opened at 00:30 on
 * 1 January in China is next year's, whatever the server's zone). Readers never read how anyone voted: only whether
 * the roll had them present.
 */
export type LedgerReader = (db: Db, representativeId: number, year: number) => LedgerEntry[];

/** Instants that can fall on a China day of the year: one day of margin either side, then each is placed by its China day. */
function around(year: number) {
  return { from: new Date(Date.UTC(year - 1, 11, 31)), to: new Date(Date.UTC(year + 1, 0, 2)) };
}

/** (a) 出席会议: sessions of the year whose roster froze this representative and whose roll had them in the hall. */
export const sessionsAttended: LedgerReader = (db, representativeId, year) => {
  const held = db.select({ id: session.id, date: session.date, title: session.title }).from(session)
    .innerJoin(sessionRoster, and(eq(sessionRoster.sessionId, session.id), eq(sessionRoster.representativeId, representativeId)))
    .where(and(ne(session.state, 'planned'), gte(session.date, `${year}-01-01`), lte(session.date, `${year}-12-31`)))
    .orderBy(asc(session.date), asc(session.id)).all();
  if (held.length === 0) return [];
  const ids = held.map((s) => s.id);
  const lines = db.select({ sessionId: attendanceEvent.sessionId, state: attendanceEvent.state, correction: attendanceEvent.correction })
    .from(attendanceEvent)
    .where(and(eq(attendanceEvent.representativeId, representativeId), inArray(attendanceEvent.sessionId, ids)))
    .orderBy(asc(attendanceEvent.id)).all();
  // A roll recorded before histories were kept has only its current record.
  const current = db.select({ sessionId: attendance.sessionId, state: attendance.state }).from(attendance)
    .where(and(eq(attendance.representativeId, representativeId), inArray(attendance.sessionId, ids))).all();
  return held.filter((s) => {
    const history = lines.filter((l) => l.sessionId === s.id);
    const roll = history.length ? history : current.filter((c) => c.sessionId === s.id).map((c) => ({ state: c.state, correction: false }));
    return attendedSession(roll);
  }).map((s) => ({ kind: 'session' as const, date: s.date, representativeId, detail: s.title, sourceId: s.id }));
};

/**
 * (a) 参加表决: counted polls (not rehearsals, not voided) the representative was in the hall for, as the poll's
 * own roll recorded at its opening or its close. Only the roll is read, never a ballot or who cast one.
 */
export const pollsAttended: LedgerReader = (db, representativeId, year) => {
  const { from, to } = around(year);
  const rows = db.selectDistinct({ id: poll.id, title: poll.title, openedAt: poll.openedAt, sessionTitle: session.title })
    .from(pollRoll)
    .innerJoin(poll, eq(poll.id, pollRoll.pollId))
    .innerJoin(session, eq(session.id, poll.sessionId))
    .where(and(eq(pollRoll.representativeId, representativeId), or(eq(pollRoll.state, 'present'), eq(pollRoll.state, 'returned')),
      eq(poll.isTest, false), inArray(poll.state, ['closed', 'published']), gte(poll.openedAt, from), lt(poll.openedAt, to)))
    .orderBy(asc(poll.openedAt), asc(poll.id)).all();
  return rows.map((p) => ({ kind: 'poll' as const, date: chinaDateOf(p.openedAt!), representativeId, detail: `${p.sessionTitle}：${p.title}`, sourceId: p.id }))
    .filter((e) => inLedgerYear(e.date, year));
};

/** (b) 提出建议: suggestions the representative made, on the day they were assigned to a unit. */
export const suggestionsMade: LedgerReader = (db, representativeId, year) =>
  db.select({ id: suggestion.id, title: suggestion.title, unitName: suggestion.unitName, assignedOn: suggestion.assignedOn }).from(suggestion)
    .where(and(eq(suggestion.representativeId, representativeId), gte(suggestion.assignedOn, `${year}-01-01`), lte(suggestion.assignedOn, `${year}-12-31`)))
    .orderBy(asc(suggestion.assignedOn), asc(suggestion.id)).all()
    .map((s) => ({ kind: 'suggestion' as const, date: s.assignedOn, representativeId, detail: `${s.title}（交${s.unitName}办理）`, sourceId: s.id }));

/** (c) 收集意见: opinion items the representative raised, on the China day they were recorded. */
export const opinionsTaken: LedgerReader = (db, representativeId, year) => {
  const { from, to } = around(year);
  return db.select({ id: opinionItem.id, title: opinionItem.title, recordedAt: opinionItem.recordedAt }).from(opinionItem)
    .where(and(or(eq(opinionItem.raisedById, representativeId), eq(opinionItem.addressedToRepId, representativeId)), gte(opinionItem.recordedAt, from), lt(opinionItem.recordedAt, to)))
    .orderBy(asc(opinionItem.recordedAt), asc(opinionItem.id)).all()
    .map((o) => ({ kind: 'opinion' as const, date: chinaDateOf(o.recordedAt), representativeId, detail: o.title, sourceId: o.id }))
    .filter((e) => inLedgerYear(e.date, year));
};

/** (d) 接待群众: the reception days of the station schedule the representative held (planned or not held ones do not count). */
export const receptionsHeld: LedgerReader = (db, representativeId, year) =>
  receptionsOf(db, representativeId, year).filter((r) => r.state === 'held').map((r) => ({
    kind: 'reception' as const, date: r.date, representativeId, sourceId: r.id,
    detail: `${r.stationName} ${r.startTime}–${r.endTime}${r.residents != null ? `，接待群众 ${r.residents} 人次` : ''}`,
  }));

/** (e) Station activities the liaison officer or clerk recorded by hand (走访、调研、视察、培训、其他), withdrawn ones left out. */
export const activitiesRecorded: LedgerReader = (db, representativeId, year) =>
  dutyActivitiesOf(db, representativeId, year).map((a) => ({
    kind: 'activity' as const, date: a.date, representativeId, activity: a.kind, detail: a.place ? `${a.detail}（${a.place}）` : a.detail, sourceId: a.id,
  }));

/** Every source of the ledger, in the order the report reads them. */
export const LEDGER_READERS: readonly LedgerReader[] = [
  receptionsHeld, opinionsTaken, suggestionsMade, sessionsAttended, pollsAttended, activitiesRecorded,
];

export function ledgerEntries(db: Db, representativeId: number, year: number): LedgerEntry[] {
  return LEDGER_READERS.flatMap((read) => read(db, representativeId, year));
}

/** One representative's year. */
export function repLedger(db: Db, rep: Representative, year: number): RepLedger {
  return ledgerOf(ledgerEntries(db, rep.id, year), rep.id, year);
}

export interface LedgerRow {
  rep: Pick<Representative, 'id' | 'name' | 'community' | 'body' | 'status'>;
  counts: LedgerCounts;
}

/**
 * The representatives a jurisdiction's ledger lists for a year: its own (either body) who held their seat on some
 * day of it. A seat without a start date counts from the first day; a retirement without its date is not placed in any year.
 */
export function ledgerRepsOf(db: Db, jurisdictionId: number, year: number): Representative[] {
  return db.select().from(representative)
    .where(and(eq(representative.jurisdictionId, jurisdictionId),
      or(sql`${representative.seatedOn} is null`, lte(representative.seatedOn, `${year}-12-31`)),
      or(eq(representative.status, 'seated'), gte(representative.retiredOn, `${year}-01-01`))))
    .orderBy(asc(representative.community), asc(representative.id)).all();
}

/** Every listed representative's counts for the year, in community order (a community with no entry reads 0). */
export function ledgerRows(db: Db, jurisdictionId: number, year: number, community?: string): LedgerRow[] {
  const reps = ledgerRepsOf(db, jurisdictionId, year).filter((r) => !community || r.community === community);
  return reps.map((r) => ({
    rep: { id: r.id, name: r.name, community: r.community, body: r.body, status: r.status },
    counts: countLedger(ledgerEntries(db, r.id, year), year).get(r.id) ?? emptyCounts(),
  }));
}
