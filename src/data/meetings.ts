import { and, asc, desc, eq, inArray, like, ne, or, sql } from 'drizzle-orm';
import { SELECTION_POLL_KINDS } from '../domain/vocabulary';
import type { Db } from '../../db/client';
import { attendance, cycle, meetingItem, meetingItemOpinion, meetingMinutes, midtermReport, opinionItem, poll, session, sessionRoster, user } from '../../db/schema';
import { meetingWarnings } from '../domain/meetingRules';
import { checkMinutes, minutesState, type MinutesAction, type MinutesState } from '../domain/minutes';
import type { MeetingItemKind } from '../domain/meetingItems';
import type { OpinionState } from '../domain/opinionTriage';
import { recordAudit, type Actor } from './audit';
import { attendedCount, type Session } from './sessions';
import { ok, refuse, type Result } from '../domain/result';

export type MeetingItem = typeof meetingItem.$inferSelect;

export function getMeetingItem(db: Db, sessionId: number, itemId: number): MeetingItem | undefined {
  return db.select().from(meetingItem).where(and(eq(meetingItem.id, itemId), eq(meetingItem.sessionId, sessionId))).get();
}

/** A subdistrict's deliberation meetings (sessions with body 'deliberation'), optionally of one year, newest first. */
export function meetingsOf(db: Db, subId: number, year?: number): Session[] {
  const cond = and(eq(session.jurisdictionId, subId), eq(session.body, 'deliberation'), year ? like(session.date, `${year}-%`) : undefined);
  return db.select().from(session).where(cond).orderBy(desc(session.date), desc(session.id)).all();
}

/** Years with meetings, newest first, with the current year always offered. */
export function meetingYears(db: Db, subId: number, current: number): number[] {
  const years = db.selectDistinct({ y: sql<string>`substr(${session.date}, 1, 4)` }).from(session)
    .where(and(eq(session.jurisdictionId, subId), eq(session.body, 'deliberation'))).all().map((r) => Number(r.y));
  return [...new Set([current, ...years])].sort((a, b) => b - a);
}

export interface MeetingRow { s: Session; seated: number; present: number; items: number; minutes: MinutesState }

/** Each meeting with its attendance from the roll, its agenda size and whether its minutes are signed off. */
export function meetingRows(db: Db, subId: number, year?: number): MeetingRow[] {
  return meetingsOf(db, subId, year).map((s) => {
    const { items, state } = agendaSummary(db, s.id);
    return { s, ...attendedCount(db, s.id), items, minutes: state };
  });
}

/** The minutes' header and sign-off, with the signer's name; undefined while nobody has touched them. */
export function minutesOf(db: Db, sessionId: number) {
  const r = db.select({ m: meetingMinutes, signedOffByName: user.displayName }).from(meetingMinutes)
    .leftJoin(user, eq(user.id, meetingMinutes.signedOffBy))
    .where(eq(meetingMinutes.sessionId, sessionId)).get();
  return r && { ...r.m, signedOffByName: r.signedOffByName };
}

export interface LinkedOpinion { id: number; year: number; seq: number; title: string; state: OpinionState }
export interface AgendaItem extends MeetingItem {
  poll: { id: number; title: string; state: string } | null;
  cycleYear: number | null;
  midtermPublished: boolean;
  opinions: LinkedOpinion[];
}

/** The agenda in order, each item with what it links to. */
export function agendaOf(db: Db, sessionId: number): AgendaItem[] {
  const rows = db.select({ item: meetingItem, pollTitle: poll.title, pollState: poll.state, cycleYear: cycle.year, midtermAt: midtermReport.publishedAt })
    .from(meetingItem)
    .leftJoin(poll, eq(poll.id, meetingItem.pollId))
    .leftJoin(cycle, eq(cycle.id, meetingItem.cycleId))
    .leftJoin(midtermReport, eq(midtermReport.cycleId, meetingItem.cycleId))
    .where(eq(meetingItem.sessionId, sessionId)).orderBy(asc(meetingItem.position), asc(meetingItem.id)).all();
  const ids = rows.map((r) => r.item.id);
  const links = ids.length === 0 ? [] : db.select({
    meetingItemId: meetingItemOpinion.meetingItemId, id: opinionItem.id, year: opinionItem.year, seq: opinionItem.seq, title: opinionItem.title, state: opinionItem.state,
  }).from(meetingItemOpinion).innerJoin(opinionItem, eq(opinionItem.id, meetingItemOpinion.opinionItemId))
    .where(inArray(meetingItemOpinion.meetingItemId, ids)).orderBy(asc(opinionItem.year), asc(opinionItem.seq)).all();
  return rows.map((r) => ({
    ...r.item,
    poll: r.item.pollId && r.pollTitle !== null ? { id: r.item.pollId, title: r.pollTitle, state: r.pollState! } : null,
    cycleYear: r.cycleYear,
    midtermPublished: r.midtermAt !== null,
    opinions: links.filter((l) => l.meetingItemId === r.item.id).map(({ meetingItemId: _, ...o }) => o),
  }));
}

/** The session's polls a project-selection item may name: selection polls and their runoffs, not void ones, never a test poll. */
export function selectionPollsOf(db: Db, sessionId: number) {
  return db.select({ id: poll.id, title: poll.title, state: poll.state, kind: poll.kind }).from(poll)
    .where(and(eq(poll.sessionId, sessionId), inArray(poll.kind, SELECTION_POLL_KINDS), eq(poll.isTest, false), ne(poll.state, 'void')))
    .orderBy(asc(poll.id)).all();
}

/**
 * Opinion items a meeting may take up: the subdistrict's items of the meeting's year and the year before,
 * plus any already on this meeting's agenda; open items first.
 */
export function opinionChoices(db: Db, subId: number, year: number, sessionId: number) {
  const onAgenda = db.select({ id: meetingItemOpinion.opinionItemId }).from(meetingItemOpinion)
    .innerJoin(meetingItem, eq(meetingItem.id, meetingItemOpinion.meetingItemId)).where(eq(meetingItem.sessionId, sessionId));
  return db.select({ id: opinionItem.id, year: opinionItem.year, seq: opinionItem.seq, title: opinionItem.title, state: opinionItem.state })
    .from(opinionItem)
    .where(and(eq(opinionItem.jurisdictionId, subId), or(inArray(opinionItem.year, [year, year - 1]), inArray(opinionItem.id, onAgenda))))
    .orderBy(sql`${opinionItem.state} != 'recorded'`, desc(opinionItem.year), desc(opinionItem.seq)).limit(300).all();
}

/**
 * Reads the minutes' state (inside the caller's transaction when it writes) and applies the pure rule: a signed-off
 * record never changes (409); sign-off waits for a closed meeting whose every item is decided (422).
 */
export function minutesCheck(tx: Db, s: Session, action: MinutesAction): Result {
  const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
  const m = tx.select().from(meetingMinutes).where(eq(meetingMinutes.sessionId, s.id)).get();
  const items = action === 'signOff'
    ? tx.select({ title: meetingItem.title, decision: meetingItem.decision }).from(meetingItem)
      .where(eq(meetingItem.sessionId, s.id)).orderBy(asc(meetingItem.position), asc(meetingItem.id)).all()
    : [];
  return checkMinutes(minutesState(m?.signedOffAt), action, { sessionState: fresh.state, items });
}

export interface NewItemInput { kind: MeetingItemKind; title: string }

export function addMeetingItem(db: Db, actor: Actor & { id: number }, s: Session, input: NewItemInput, now: Date): Result<MeetingItem> {
  return db.transaction((tx) => {
    const g = minutesCheck(tx, s, 'edit');
    if (!g.ok) return g;
    const position = (tx.select({ n: sql<number>`max(${meetingItem.position})` }).from(meetingItem).where(eq(meetingItem.sessionId, s.id)).get()?.n ?? 0) + 1;
    const row = tx.insert(meetingItem).values({ sessionId: s.id, position, kind: input.kind, title: input.title, updatedAt: now, updatedBy: actor.id })
      .returning().get();
    recordAudit(tx, actor, {
      action: 'meeting.item.add', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { itemId: row.id, position, kind: input.kind, title: input.title },
    }, now);
    return ok(row);
  });
}

export interface ItemInput {
  title: string;
  minutes: string;
  decision: string;
  pollId: number | null;
  cycleId: number | null;
  opinionItemIds: number[];
}

/** Saves one item's links, minutes and decision; links must belong to this meeting or this subdistrict. */
export function updateMeetingItem(db: Db, actor: Actor & { id: number }, s: Session, itemId: number, input: ItemInput, now: Date): Result<MeetingItem> {
  return db.transaction((tx) => {
    const g = minutesCheck(tx, s, 'edit');
    if (!g.ok) return g;
    const before = tx.select().from(meetingItem).where(and(eq(meetingItem.id, itemId), eq(meetingItem.sessionId, s.id))).get();
    if (!before) return refuse('该议程事项不存在');
    // Links only where the kind uses them: a report hearing carries no poll, and so on.
    const pollId = before.kind === 'projectSelection' ? input.pollId : null;
    const cycleId = before.kind === 'reportHearing' ? input.cycleId : null;
    const opinionIds = before.kind === 'opinionItems' ? [...new Set(input.opinionItemIds)] : [];
    if (pollId !== null && !tx.select({ id: poll.id }).from(poll)
      .where(and(eq(poll.id, pollId), eq(poll.sessionId, s.id), inArray(poll.kind, SELECTION_POLL_KINDS), eq(poll.isTest, false))).get()) {
      return refuse('请选择本次会议的项目票选表决', 'pollId');
    }
    if (cycleId !== null && !tx.select({ id: cycle.id }).from(cycle).where(and(eq(cycle.id, cycleId), eq(cycle.jurisdictionId, s.jurisdictionId))).get()) {
      return refuse('请选择本街道的年度工作', 'cycleId');
    }
    if (opinionIds.length > 0) {
      const mine = tx.select({ id: opinionItem.id }).from(opinionItem)
        .where(and(inArray(opinionItem.id, opinionIds), eq(opinionItem.jurisdictionId, s.jurisdictionId))).all();
      if (mine.length !== opinionIds.length) return refuse('只能选择本街道的民意事项', 'opinionItemIds');
    }
    const row = tx.update(meetingItem).set({
      title: input.title, minutes: input.minutes, decision: input.decision, pollId, cycleId, updatedAt: now, updatedBy: actor.id,
    }).where(eq(meetingItem.id, itemId)).returning().get();
    const oldOpinions = tx.select({ id: meetingItemOpinion.opinionItemId }).from(meetingItemOpinion)
      .where(eq(meetingItemOpinion.meetingItemId, itemId)).all().map((r) => r.id).sort((a, b) => a - b);
    tx.delete(meetingItemOpinion).where(eq(meetingItemOpinion.meetingItemId, itemId)).run();
    if (opinionIds.length > 0) tx.insert(meetingItemOpinion).values(opinionIds.map((id) => ({ meetingItemId: itemId, opinionItemId: id }))).run();
    recordAudit(tx, actor, {
      action: 'meeting.item.update', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { itemId, title: before.title, minutes: before.minutes, decision: before.decision, pollId: before.pollId, cycleId: before.cycleId, opinionItemIds: oldOpinions },
      after: { itemId, title: row.title, minutes: row.minutes, decision: row.decision, pollId, cycleId, opinionItemIds: [...opinionIds].sort((a, b) => a - b) },
    }, now);
    return ok(row);
  });
}

export function removeMeetingItem(db: Db, actor: Actor & { id: number }, s: Session, itemId: number, now: Date): Result<null> {
  return db.transaction((tx) => {
    const g = minutesCheck(tx, s, 'edit');
    if (!g.ok) return g;
    const before = tx.select().from(meetingItem).where(and(eq(meetingItem.id, itemId), eq(meetingItem.sessionId, s.id))).get();
    if (!before) return refuse('该议程事项不存在');
    tx.delete(meetingItemOpinion).where(eq(meetingItemOpinion.meetingItemId, itemId)).run();
    tx.delete(meetingItem).where(eq(meetingItem.id, itemId)).run();
    recordAudit(tx, actor, {
      action: 'meeting.item.remove', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { itemId, kind: before.kind, title: before.title, minutes: before.minutes, decision: before.decision },
    }, now);
    return ok();
  });
}

/** Swaps an item with the one above it. */
export function moveMeetingItemUp(db: Db, actor: Actor & { id: number }, s: Session, itemId: number, now: Date): Result<null> {
  return db.transaction((tx) => {
    const g = minutesCheck(tx, s, 'edit');
    if (!g.ok) return g;
    const items = tx.select().from(meetingItem).where(eq(meetingItem.sessionId, s.id)).orderBy(asc(meetingItem.position), asc(meetingItem.id)).all();
    const i = items.findIndex((x) => x.id === itemId);
    if (i < 0) return refuse('该议程事项不存在');
    if (i === 0) return ok();
    const order = items.map((x) => x.id);
    [order[i - 1], order[i]] = [order[i]!, order[i - 1]!];
    order.forEach((id, k) => tx.update(meetingItem).set({ position: k + 1 }).where(eq(meetingItem.id, id)).run());
    recordAudit(tx, actor, {
      action: 'meeting.item.move', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { order: items.map((x) => x.id) }, after: { order },
    }, now);
    return ok();
  });
}

export function saveMinutesHeader(db: Db, actor: Actor & { id: number }, s: Session, input: { chair: string; recorder: string }, now: Date): Result<null> {
  return db.transaction((tx) => {
    const g = minutesCheck(tx, s, 'edit');
    if (!g.ok) return g;
    const before = tx.select().from(meetingMinutes).where(eq(meetingMinutes.sessionId, s.id)).get();
    tx.insert(meetingMinutes).values({ sessionId: s.id, ...input, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({ target: meetingMinutes.sessionId, set: { ...input, updatedAt: now, updatedBy: actor.id } }).run();
    recordAudit(tx, actor, {
      action: 'meeting.minutes.header', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: before ? { chair: before.chair, recorder: before.recorder } : undefined, after: input,
    }, now);
    return ok();
  });
}

/** Signs the minutes off: from now on they are the meeting's record. The audit entry keeps every decision as signed. */
export function signOffMinutes(db: Db, actor: Actor & { id: number }, s: Session, now: Date): Result<null> {
  return db.transaction((tx) => {
    const g = minutesCheck(tx, s, 'signOff');
    if (!g.ok) return g;
    tx.insert(meetingMinutes).values({ sessionId: s.id, signedOffAt: now, signedOffBy: actor.id, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({ target: meetingMinutes.sessionId, set: { signedOffAt: now, signedOffBy: actor.id, updatedAt: now, updatedBy: actor.id } }).run();
    const { seated, present } = attendedCount(tx, s.id);
    const items = tx.select({ id: meetingItem.id, title: meetingItem.title, decision: meetingItem.decision }).from(meetingItem)
      .where(eq(meetingItem.sessionId, s.id)).orderBy(asc(meetingItem.position), asc(meetingItem.id)).all();
    recordAudit(tx, actor, {
      action: 'meeting.minutes.signOff', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { seated, present, items },
    }, now);
    return ok();
  });
}

/** Roster lines of the year's held meetings, for each representative's attendance. */
export function yearRollLines(db: Db, subId: number, year: number) {
  return db.select({ representativeId: sessionRoster.representativeId, present: sql<number>`${attendance.state} is not null and ${attendance.state} not in ('leave', 'absent')` })
    .from(sessionRoster)
    .innerJoin(session, eq(session.id, sessionRoster.sessionId))
    .leftJoin(attendance, and(eq(attendance.sessionId, sessionRoster.sessionId), eq(attendance.representativeId, sessionRoster.representativeId)))
    .where(and(eq(session.jurisdictionId, subId), eq(session.body, 'deliberation'), ne(session.state, 'planned'), like(session.date, `${year}-%`)))
    .all().map((r) => ({ representativeId: r.representativeId, present: Boolean(r.present) }));
}

/**
 * What the public page shows of meetings, column by column: dates, kind, title, aggregate attendance once held,
 * and — only once the minutes are signed off — each agenda item's title and decision. No discussion, no names.
 */
export function publicMeetings(db: Db, subId: number, limit = 20) {
  const rows = db.select({
    id: session.id, kind: session.kind, title: session.title, date: session.date, startTime: session.startTime, endTime: session.endTime,
    place: session.place, state: session.state, signedOffAt: meetingMinutes.signedOffAt,
  }).from(session).leftJoin(meetingMinutes, eq(meetingMinutes.sessionId, session.id))
    .where(and(eq(session.jurisdictionId, subId), eq(session.body, 'deliberation')))
    .orderBy(desc(session.date), desc(session.id)).limit(limit).all();
  return rows.map(({ id, signedOffAt, ...r }) => {
    const held = r.state !== 'planned';
    const decisions = signedOffAt
      ? db.select({ title: meetingItem.title, decision: meetingItem.decision }).from(meetingItem)
        .where(eq(meetingItem.sessionId, id)).orderBy(asc(meetingItem.position), asc(meetingItem.id)).all()
      : null;
    return { ...r, attendance: held ? attendedCount(db, id) : null, decisions };
  });
}

/** The practice's warnings for a year (two ordinary meetings, each at least half a day): advice, never a refusal. */
export function meetingWarningsFor(db: Db, subId: number, year: number) {
  return meetingWarnings(year, meetingsOf(db, subId, year).map((s) => ({ kind: s.kind, date: s.date, startTime: s.startTime, endTime: s.endTime })));
}

/** For the session page: how many agenda items, and whether the minutes are signed off. */
export function agendaSummary(db: Db, sessionId: number): { items: number; state: MinutesState } {
  const items = db.select({ n: sql<number>`count(*)` }).from(meetingItem).where(eq(meetingItem.sessionId, sessionId)).get()!.n;
  return { items, state: minutesState(minutesOf(db, sessionId)?.signedOffAt) };
}
