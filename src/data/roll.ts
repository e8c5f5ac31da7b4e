import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attendance, attendanceEvent, participation, poll, pollRoll, session, sessionRoster } from '../../db/schema';
import { ok, refuse, type Result } from '../domain/result';
import {
  checkRollChange, correctionOf, countRoll, foldRoll, placeBefore, type RollCounts, type RollEvent, type RollPlace, type RollState,
} from '../domain/roll';
import { canCheckIn } from '../domain/sessionState';
import { recordAudit, type Actor } from './audit';
import type { Session } from './sessions';

/** The roster member, or undefined when the representative is not in this session's snapshot. */
function member(db: Db, sessionId: number, representativeId: number) {
  return db.select().from(sessionRoster)
    .where(and(eq(sessionRoster.sessionId, sessionId), eq(sessionRoster.representativeId, representativeId))).get();
}

export function currentPlace(db: Db, sessionId: number, representativeId: number): RollPlace {
  return db.select({ state: attendance.state }).from(attendance)
    .where(and(eq(attendance.sessionId, sessionId), eq(attendance.representativeId, representativeId))).get()?.state ?? null;
}

/** The history, oldest first; a roll recorded before histories were kept reads as its current record alone. */
function eventsOf(db: Db, sessionId: number, representativeId: number): (RollEvent & { at: Date; by: number | null; reason: string })[] {
  const rows = db.select().from(attendanceEvent)
    .where(and(eq(attendanceEvent.sessionId, sessionId), eq(attendanceEvent.representativeId, representativeId)))
    .orderBy(asc(attendanceEvent.id)).all();
  if (rows.length > 0) return rows;
  const cur = db.select().from(attendance).where(and(eq(attendance.sessionId, sessionId), eq(attendance.representativeId, representativeId))).get();
  return cur ? [{ state: cur.state, correction: false, at: cur.at, by: cur.checkedInBy, reason: cur.reason }] : [];
}

/** Writes the current record to match the history's latest standing record (or removes it: back to 未签到). */
function settle(db: Db, sessionId: number, representativeId: number) {
  const events = eventsOf(db, sessionId, representativeId);
  const { place } = foldRoll(events);
  const where = and(eq(attendance.sessionId, sessionId), eq(attendance.representativeId, representativeId));
  if (place === null) {
    db.delete(attendance).where(where).run();
    return;
  }
  // The standing record is the latest non-correction event whose state is the place, once withdrawn ones are skipped.
  const standing: typeof events = [];
  for (const e of events) {
    if (e.correction) standing.pop();
    else if (e.state) standing.push(e);
  }
  const top = standing.at(-1)!;
  db.insert(attendance).values({ sessionId, representativeId, state: place, at: top.at, checkedInBy: top.by, reason: top.reason })
    .onConflictDoUpdate({ target: [attendance.sessionId, attendance.representativeId], set: { state: place, at: top.at, checkedInBy: top.by, reason: top.reason } })
    .run();
}

/**
 * Records a representative's place in the roll (出席 / 请假 / 缺席 / 离场 / 返场) with the time and who recorded it:
 * the clerk, or the representative themself (by = null) with the projector's code. One transaction with its history
 * line and audit entry; recording the state someone is already in changes nothing.
 */
export function recordRollState(
  db: Db, actor: Actor, s: Session, representativeId: number, to: RollState, reason: string, by: number | null, now: Date,
): Result<{ unchanged: boolean; state: RollState }> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
    if (!canCheckIn(fresh.state)) return refuse(fresh.state === 'planned' ? '会议尚未开始签到' : '会议已闭会，不能再签到或登记');
    const m = member(tx, s.id, representativeId);
    if (!m) return refuse('该代表不在本次会议的代表名册中');
    const from = currentPlace(tx, s.id, representativeId);
    const check = checkRollChange(from, to, reason);
    if (!check.ok) return check;
    if (check.value.unchanged) return ok({ unchanged: true, state: from ?? to });
    const why = to === 'leave' || to === 'departed' || to === 'absent' ? reason.trim() : '';
    tx.insert(attendanceEvent).values({ sessionId: s.id, representativeId, state: to, reason: why, at: now, by }).run();
    settle(tx, s.id, representativeId);
    recordAudit(tx, actor, {
      action: from === null && to === 'present' ? 'session.checkIn' : 'session.roll', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: from ? { representativeId, state: from } : undefined,
      after: { representativeId, name: m.name, state: to, ...(why ? { reason: why } : {}), self: by === null },
    }, now);
    return ok({ unchanged: false, state: to });
  });
}

export function hasVotedIn(db: Db, sessionId: number, representativeId: number): boolean {
  return db.select({ n: sql<number>`count(*)` }).from(participation).innerJoin(poll, eq(poll.id, participation.pollId))
    .where(and(eq(poll.sessionId, sessionId), eq(participation.representativeId, representativeId))).get()!.n > 0;
}

/**
 * Corrects a mistaken record, with the clerk's reason: the latest record is withdrawn and the place goes back to
 * what it was. Allowed while a poll is open for someone who has not voted; for someone who has voted in this
 * session the correction records a departure, so their participation is never undone.
 */
export function correctRoll(db: Db, actor: Actor, s: Session, representativeId: number, reason: string, now: Date): Result<{ kind: 'withdraw' | 'depart'; state: RollPlace }> {
  return db.transaction((tx) => {
    if (reason.trim() === '') return refuse('更正须写明原因', 'reason');
    const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
    if (!canCheckIn(fresh.state)) return refuse(fresh.state === 'planned' ? '会议尚未开始签到' : '会议已闭会，签到记录不能再更正');
    const m = member(tx, s.id, representativeId);
    if (!m) return refuse('该代表不在本次会议的代表名册中');
    const events = eventsOf(tx, s.id, representativeId);
    const from = foldRoll(events).place;
    const how = correctionOf(from, hasVotedIn(tx, s.id, representativeId));
    if (!how.ok) return how;
    const why = reason.trim();
    let to: RollPlace;
    if (how.value.kind === 'depart') {
      to = 'departed';
      tx.insert(attendanceEvent).values({ sessionId: s.id, representativeId, state: 'departed', reason: `更正：${why}`, at: now, by: actor.id ?? null }).run();
    } else {
      to = placeBefore(events);
      tx.insert(attendanceEvent).values({ sessionId: s.id, representativeId, state: to, correction: true, reason: why, at: now, by: actor.id ?? null }).run();
    }
    settle(tx, s.id, representativeId);
    recordAudit(tx, actor, {
      action: 'session.roll.correct', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { representativeId, name: m.name, state: from }, after: { representativeId, state: to, kind: how.value.kind, reason: why },
    }, now);
    return ok({ kind: how.value.kind, state: to });
  });
}

export interface RollHistoryLine { at: Date; state: RollPlace; correction: boolean; reason: string; self: boolean }

/** One representative's lines of the roll, oldest first: what the roll page shows beside the correction form. */
export function rollHistory(db: Db, sessionId: number, representativeId: number): RollHistoryLine[] {
  return eventsOf(db, sessionId, representativeId).map((e) => ({ at: e.at, state: e.state, correction: e.correction, reason: e.reason, self: e.by === null }));
}

/** Every roster member's place now, in roster order. */
function placesOf(db: Db, sessionId: number) {
  return db.select({ representativeId: sessionRoster.representativeId, state: attendance.state }).from(sessionRoster)
    .leftJoin(attendance, and(eq(attendance.sessionId, sessionRoster.sessionId), eq(attendance.representativeId, sessionRoster.representativeId)))
    .where(eq(sessionRoster.sessionId, sessionId)).orderBy(asc(sessionRoster.representativeId)).all();
}

/** 在册 / 出席 / 请假 / 离场 / 缺席 now: the roll's counts, the projector's headcount and the quorum check read this. */
export function rollCounts(db: Db, sessionId: number): RollCounts {
  return countRoll(placesOf(db, sessionId).map((r) => r.state));
}

/**
 * Takes the poll's roll (roster × state) as it opens or closes, with its audit entry: the result sheet and its
 * quorum statement read this snapshot, so a departure after the close never changes a closed poll's sheet.
 * No record yet is stored as absent. Called inside the opening's or the closing's transaction.
 */
export function snapshotRoll(db: Db, actor: Actor, pollId: number, s: Session, moment: 'open' | 'close', now: Date): RollCounts {
  const places = placesOf(db, s.id);
  db.delete(pollRoll).where(and(eq(pollRoll.pollId, pollId), eq(pollRoll.moment, moment))).run();
  if (places.length) {
    db.insert(pollRoll).values(places.map((p) => ({ pollId, moment, representativeId: p.representativeId, state: p.state ?? 'absent' }))).run();
  }
  const counts = countRoll(places.map((p) => p.state));
  recordAudit(db, actor, {
    action: 'poll.roll', targetType: 'poll', targetId: pollId, jurisdictionId: s.jurisdictionId,
    after: { moment, ...counts, notPresent: places.filter((p) => p.state !== 'present' && p.state !== 'returned').map((p) => ({ representativeId: p.representativeId, state: p.state ?? 'absent' })) },
  }, now);
  return counts;
}

export interface PollRollFigures {
  atOpen: RollCounts | null;
  atClose: RollCounts | null;
  /** 出席本轮表决: in the hall as the poll closed, or cast a ballot in it (then left). */
  present: number;
  /** Those who cast a ballot and had left the hall by the close. */
  votedThenLeft: number;
}

/** The poll's roll as stored at its opening and its close (null for a poll counted before snapshots were taken). */
export function pollRollFigures(db: Db, pollId: number): PollRollFigures | null {
  const rows = db.select({ moment: pollRoll.moment, representativeId: pollRoll.representativeId, state: pollRoll.state, voted: participation.representativeId })
    .from(pollRoll)
    .leftJoin(participation, and(eq(participation.pollId, pollRoll.pollId), eq(participation.representativeId, pollRoll.representativeId)))
    .where(eq(pollRoll.pollId, pollId)).all();
  const close = rows.filter((r) => r.moment === 'close');
  const open = rows.filter((r) => r.moment === 'open');
  if (close.length === 0) return null;
  const inHallAtClose = (r: (typeof rows)[number]) => r.state === 'present' || r.state === 'returned';
  const votedThenLeft = close.filter((r) => !inHallAtClose(r) && r.voted !== null).length;
  return {
    atOpen: open.length ? countRoll(open.map((r) => r.state)) : null,
    atClose: countRoll(close.map((r) => r.state)),
    present: close.filter(inHallAtClose).length + votedThenLeft,
    votedThenLeft,
  };
}

/** What a correction would record, for its confirmation step (null when there is nothing to correct). */
export function correctionPreview(db: Db, sessionId: number, representativeId: number): { after: RollPlace; voted: boolean } | null {
  const events = eventsOf(db, sessionId, representativeId);
  const voted = hasVotedIn(db, sessionId, representativeId);
  const how = correctionOf(foldRoll(events).place, voted);
  if (!how.ok) return null;
  return { after: how.value.kind === 'depart' ? 'departed' : placeBefore(events), voted: how.value.kind === 'depart' };
}
