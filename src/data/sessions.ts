import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attendance, cycle, poll, representative, session, sessionRoster } from '../../db/schema';
import { bodyOf } from '../domain/bodyTerms';
import { readRule } from '../domain/pollRule';
import { fractionWords, hasQuorum, parseFraction, quorumNeeded } from '../domain/quorum';
import { arrivalState, inHall, type RollPlace } from '../domain/roll';
import { checkSessionTransition, type SessionKind, type SessionState } from '../domain/sessionState';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import { seatedOnDate, type Representative } from './representatives';
import { prepared } from './statements';
import { currentPlace, recordRollState, rollCounts } from './roll';
import { getSettings } from './settings';
import { contains } from './sql';
import { ok, refuse, type Result } from '../domain/result';

export type Session = typeof session.$inferSelect;

export interface SessionInput {
  cycleId: number;
  kind: SessionKind;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  agenda: string;
}

/** Six digits, easy to read off a projector and type on a phone; rate-limited at the route. */
export function newCheckInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function sessionsOf(db: Db, jurisdictionId: number) {
  return db.select().from(session).where(eq(session.jurisdictionId, jurisdictionId))
    .orderBy(desc(session.date), desc(session.id)).all();
}

/** The session, only if it belongs to the jurisdiction (another town's id is a 404, not a leak). */
export function getSession(db: Db, jurisdictionId: number, id: number): Session | undefined {
  return db.select().from(session).where(and(eq(session.id, id), eq(session.jurisdictionId, jurisdictionId))).get();
}

/** Creates the session and snapshots the roster seated on its date into it: every vote counts against this snapshot. */
export function createSession(db: Db, actor: Actor & { id: number }, j: Jurisdiction, input: SessionInput, now: Date): Result<Session> {
  const body = bodyOf(j.kind);
  if (!body) return refuse('只有镇（乡）和街道召开人代会或议事代表会议');
  return db.transaction((tx) => {
    const cy = tx.select().from(cycle).where(and(eq(cycle.id, input.cycleId), eq(cycle.jurisdictionId, j.id))).get();
    if (!cy) return refuse('请选择本辖区的年度工作', 'cycleId');
    // Seated on the session's date: a retirement on or before it is out, a by-election seat from its own date is in.
    const seated = seatedOnDate(tx, { jurisdictionId: j.id, body }, input.date);
    if (seated.length === 0) {
      return refuse(`本辖区还没有在册${body === 'congress' ? '代表' : '议事代表'}，无法创建会议：请先录入代表名册`);
    }
    const row = tx.insert(session).values({
      jurisdictionId: j.id, cycleId: cy.id, body, kind: input.kind, title: input.title, date: input.date,
      startTime: input.startTime, endTime: input.endTime, place: input.place, agenda: input.agenda,
      checkInCode: newCheckInCode(), state: 'planned', createdBy: actor.id, createdAt: now,
    }).returning().get();
    tx.insert(sessionRoster).values(seated.map((r) => ({ sessionId: row.id, representativeId: r.id, name: r.name, community: r.community }))).run();
    recordAudit(tx, actor, {
      action: 'session.create', targetType: 'session', targetId: row.id, jurisdictionId: j.id,
      after: { title: row.title, kind: row.kind, date: row.date, year: cy.year, seated: seated.length },
    }, now);
    return ok(row);
  });
}

export function transitionSession(db: Db, actor: Actor, s: Session, to: SessionState, now: Date): Result<Session> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
    const open = tx.select({ n: sql<number>`count(*)` }).from(poll).where(and(eq(poll.sessionId, s.id), eq(poll.state, 'open'))).get()!.n;
    const check = checkSessionTransition(fresh.state, to, open);
    if (!check.ok) return refuse(check.error);
    const row = tx.update(session).set({ state: to }).where(eq(session.id, s.id)).returning().get();
    recordAudit(tx, actor, {
      action: to === 'open' ? 'session.open' : 'session.close', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { state: fresh.state }, after: { state: to },
    }, now);
    return ok(row);
  });
}

export interface RollRow {
  representativeId: number; name: string; community: string;
  /** The current place; null: not yet checked in (未签到). */
  state: RollPlace;
  /** When the current place was recorded, and whether the representative recorded it themself (arrival with the code). */
  at: Date | null; self: boolean; reason: string;
}

/** The roll's filters: 未签到 (no record yet), or those now 出席 (incl. 返场) / 请假 / 离场 / 缺席. */
export const ROLL_FILTERS = ['notYet', 'present', 'leave', 'departed', 'absent'] as const;
export type RollFilter = (typeof ROLL_FILTERS)[number];

function matches(filter: RollFilter | '', state: RollPlace): boolean {
  switch (filter) {
    case '': return true;
    case 'notYet': return state === null;
    case 'present': return inHall(state);
    default: return state === filter;
  }
}

/** The roster snapshot with each representative's place, searched by name or community and filtered by state. */
export function rollOf(db: Db, sessionId: number, q = '', filter: RollFilter | '' = ''): RollRow[] {
  const cond = q
    ? and(eq(sessionRoster.sessionId, sessionId), or(contains(sessionRoster.name, q), contains(sessionRoster.community, q)))
    : eq(sessionRoster.sessionId, sessionId);
  return db.select({
    representativeId: sessionRoster.representativeId, name: sessionRoster.name, community: sessionRoster.community,
    state: attendance.state, at: attendance.at, by: attendance.checkedInBy, reason: attendance.reason,
  }).from(sessionRoster)
    .leftJoin(attendance, and(eq(attendance.sessionId, sessionRoster.sessionId), eq(attendance.representativeId, sessionRoster.representativeId)))
    .where(cond).orderBy(asc(sessionRoster.representativeId)).all()
    .filter((r) => matches(filter, r.state))
    .map((r) => ({
      representativeId: r.representativeId, name: r.name, community: r.community, state: r.state, at: r.at,
      self: r.state !== null && r.by === null, reason: r.reason ?? '',
    }));
}

export function rollRow(db: Db, sessionId: number, representativeId: number): RollRow | undefined {
  return rollOf(db, sessionId).find((r) => r.representativeId === representativeId);
}

/** Seated = the snapshot; present = in the hall now (出席 and 返场; not on leave, not departed). */
export function headcount(db: Db, sessionId: number): { seated: number; present: number } {
  const { seated, present } = rollCounts(db, sessionId);
  return { seated, present };
}

/**
 * Who came to the meeting at all: present now, or arrived and left since (a departure is no absence from the
 * meeting). What a meeting's attendance record and the year's attendance rates count.
 */
export function attendedCount(db: Db, sessionId: number): { seated: number; present: number } {
  const c = rollCounts(db, sessionId);
  return { seated: c.seated, present: c.present + c.departed };
}

export function inRoster(db: Db, sessionId: number, representativeId: number): boolean {
  return db.select({ n: sql<number>`1` }).from(sessionRoster)
    .where(and(eq(sessionRoster.sessionId, sessionId), eq(sessionRoster.representativeId, representativeId))).get() !== undefined;
}

/** In the hall now: only they may cast (a departed or on-leave representative checks in again first). */
export function isPresent(db: Db, sessionId: number, representativeId: number): boolean {
  return inHall(currentPlace(db, sessionId, representativeId));
}

/**
 * Records an arrival: 出席, or 返场 after a departure. `by` is the clerk who ticked, or null when the representative
 * checked in themself with the projector's code. Arriving twice is harmless: the first record stands.
 */
export function checkIn(db: Db, actor: Actor, s: Session, representativeId: number, by: number | null, now: Date): Result<{ already: boolean }> {
  const to = arrivalState(currentPlace(db, s.id, representativeId));
  const r = recordRollState(db, actor, s, representativeId, to, '', by, now);
  return r.ok ? ok({ already: r.value.unchanged }) : r;
}

/**
 * A new check-in code for the session, e.g. when the old one was photographed and passed out of the hall. The old
 * code stops working at once (self check-in compares with the stored one); the audit says that it changed, not to what.
 */
export function rotateCheckInCode(db: Db, actor: Actor, s: Session, now: Date): Result<Session> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
    if (fresh.state === 'closed') return refuse('会议已闭会，签到码不再使用');
    let code = newCheckInCode();
    while (code === fresh.checkInCode) code = newCheckInCode();
    const row = tx.update(session).set({ checkInCode: code }).where(eq(session.id, s.id)).returning().get();
    recordAudit(tx, actor, { action: 'session.checkInCode.rotate', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId }, now);
    return ok(row);
  });
}

/** Self check-in on the phone: the code on the projector proves the representative is in the hall. */
export function selfCheckIn(db: Db, actor: Actor, s: Session, representativeId: number, code: string, now: Date): Result<{ already: boolean }> {
  if (!/^\d{6}$/.test(code.trim())) return refuse('请输入大屏上显示的 6 位数字签到码', 'format');
  if (code.trim() !== s.checkInCode) return refuse('签到码不正确，请核对大屏上的签到码', 'code');
  return checkIn(db, actor, s, representativeId, null, now);
}

/** The representative record behind a login, in this jurisdiction (a representative may hold seats in two bodies). */
export function representativeOfUser(db: Db, userId: number, jurisdictionId: number): Representative | undefined {
  return prepared(db, 'representativeOfUser', (db) => db.select().from(representative)
    .where(and(eq(representative.userId, sql.placeholder('userId')), eq(representative.jurisdictionId, sql.placeholder('jurisdictionId'))))
    .orderBy(asc(representative.id)).prepare()).get({ userId, jurisdictionId });
}

/** Sessions (not yet closed) whose roster snapshot includes the representative: what their voting page shows. */
export function currentSessionsOf(db: Db, representativeId: number): Session[] {
  return db.select({ s: session }).from(session)
    .innerJoin(sessionRoster, and(eq(sessionRoster.sessionId, session.id), eq(sessionRoster.representativeId, representativeId)))
    .where(sql`${session.state} != 'closed'`).orderBy(desc(session.date), desc(session.id)).all().map((r) => r.s);
}

/**
 * Headcount with the quorum rule applied: what the roll, the poll page and the projector show. While a poll is
 * open that is the rule it opened under (its snapshot); otherwise the jurisdiction's rule in force.
 */
export function quorumState(db: Db, s: Session) {
  const counts = rollCounts(db, s.id);
  const { seated, present } = counts;
  const open = readRule(db.select({ rule: poll.rule }).from(poll).where(and(eq(poll.sessionId, s.id), eq(poll.state, 'open'))).get()?.rule);
  const settings = getSettings(db, s.jurisdictionId);
  const fraction = open?.quorum.fraction ?? parseFraction(settings.quorumFraction);
  const comparator = open?.quorum.comparator ?? settings.quorumComparator;
  return {
    seated, present, counts, needed: quorumNeeded(seated, fraction, comparator), met: hasQuorum(present, seated, fraction, comparator),
    fractionWords: fractionWords(fraction), ruleWords: comparator === 'atLeast' ? `${fractionWords(fraction)}以上` : `超过${fractionWords(fraction)}`,
  };
}

/** The year of the cycle the session votes for. */
export function sessionYear(db: Db, s: Session): number | undefined {
  return s.cycleId ? db.select({ year: cycle.year }).from(cycle).where(eq(cycle.id, s.cycleId)).get()?.year : undefined;
}
