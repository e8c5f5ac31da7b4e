import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attendance, cycle, participation, poll, representative, session, sessionRoster } from '../../db/schema';
import { bodyOf } from '../domain/bodyTerms';
import { readRule } from '../domain/pollRule';
import { fractionWords, hasQuorum, parseFraction, quorumNeeded } from '../domain/quorum';
import { canCheckIn, checkSessionTransition, type SessionKind, type SessionState } from '../domain/sessionState';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import { seatedOnDate, type Representative } from './representatives';
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

export interface RollRow { representativeId: number; name: string; community: string; checkedInAt: Date | null; selfCheckIn: boolean }

/** The roster snapshot with each representative's check-in, optionally filtered by name. */
export function rollOf(db: Db, sessionId: number, q = ''): RollRow[] {
  const cond = q ? and(eq(sessionRoster.sessionId, sessionId), contains(sessionRoster.name, q)) : eq(sessionRoster.sessionId, sessionId);
  return db.select({
    representativeId: sessionRoster.representativeId, name: sessionRoster.name, community: sessionRoster.community,
    checkedInAt: attendance.at, checkedInBy: attendance.checkedInBy,
  }).from(sessionRoster)
    .leftJoin(attendance, and(eq(attendance.sessionId, sessionRoster.sessionId), eq(attendance.representativeId, sessionRoster.representativeId)))
    .where(cond).orderBy(asc(sessionRoster.representativeId)).all()
    .map((r) => ({ representativeId: r.representativeId, name: r.name, community: r.community, checkedInAt: r.checkedInAt, selfCheckIn: r.checkedInAt !== null && r.checkedInBy === null }));
}

export function rollRow(db: Db, sessionId: number, representativeId: number): RollRow | undefined {
  return rollOf(db, sessionId).find((r) => r.representativeId === representativeId);
}

/** Seated = the snapshot; present = checked in, optionally as of a moment (a poll's close). */
export function headcount(db: Db, sessionId: number, asOf?: Date): { seated: number; present: number } {
  const seated = db.select({ n: sql<number>`count(*)` }).from(sessionRoster).where(eq(sessionRoster.sessionId, sessionId)).get()!.n;
  const cond = asOf ? and(eq(attendance.sessionId, sessionId), lte(attendance.at, asOf)) : eq(attendance.sessionId, sessionId);
  const present = db.select({ n: sql<number>`count(*)` }).from(attendance).where(cond).get()!.n;
  return { seated, present };
}

export function inRoster(db: Db, sessionId: number, representativeId: number): boolean {
  return db.select({ n: sql<number>`1` }).from(sessionRoster)
    .where(and(eq(sessionRoster.sessionId, sessionId), eq(sessionRoster.representativeId, representativeId))).get() !== undefined;
}

export function isPresent(db: Db, sessionId: number, representativeId: number): boolean {
  return db.select({ n: sql<number>`1` }).from(attendance)
    .where(and(eq(attendance.sessionId, sessionId), eq(attendance.representativeId, representativeId))).get() !== undefined;
}

/**
 * Marks a representative of the snapshot present. `by` is the clerk who ticked, or null when the representative
 * checked in themself with the projector's code. Checking in twice is harmless: the first time stands.
 */
export function checkIn(db: Db, actor: Actor, s: Session, representativeId: number, by: number | null, now: Date): Result<{ already: boolean }> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(session).where(eq(session.id, s.id)).get()!;
    if (!canCheckIn(fresh.state)) return refuse(fresh.state === 'planned' ? '会议尚未开始签到' : '会议已闭会，不能再签到');
    const member = tx.select().from(sessionRoster)
      .where(and(eq(sessionRoster.sessionId, s.id), eq(sessionRoster.representativeId, representativeId))).get();
    if (!member) return refuse('该代表不在本次会议的代表名册中');
    const inserted = tx.insert(attendance).values({ sessionId: s.id, representativeId, at: now, checkedInBy: by })
      .onConflictDoNothing().returning().all();
    if (inserted.length === 0) return ok({ already: true });
    recordAudit(tx, actor, {
      action: 'session.checkIn', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { representativeId, name: member.name, self: by === null },
    }, now);
    return ok({ already: false });
  });
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

/** A mistaken tick is undone only while nothing depends on it: no poll open, and the person has not voted here. */
export function undoCheckIn(db: Db, actor: Actor, s: Session, representativeId: number, now: Date): Result<null> {
  return db.transaction((tx) => {
    const openPolls = tx.select({ n: sql<number>`count(*)` }).from(poll).where(and(eq(poll.sessionId, s.id), eq(poll.state, 'open'))).get()!.n;
    if (openPolls > 0) return refuse('表决进行中，不能取消签到');
    const voted = tx.select({ n: sql<number>`count(*)` }).from(participation).innerJoin(poll, eq(poll.id, participation.pollId))
      .where(and(eq(poll.sessionId, s.id), eq(participation.representativeId, representativeId))).get()!.n;
    if (voted > 0) return refuse('该代表已参加本次会议的表决，不能取消签到');
    const gone = tx.delete(attendance).where(and(eq(attendance.sessionId, s.id), eq(attendance.representativeId, representativeId))).returning().all();
    if (gone.length === 0) return ok();
    const member = tx.select().from(sessionRoster).where(and(eq(sessionRoster.sessionId, s.id), eq(sessionRoster.representativeId, representativeId))).get();
    recordAudit(tx, actor, {
      action: 'session.checkIn.undo', targetType: 'session', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { representativeId, name: member?.name, at: gone[0]!.at.toISOString() },
    }, now);
    return ok();
  });
}

/** The representative record behind a login, in this jurisdiction (a representative may hold seats in two bodies). */
export function representativeOfUser(db: Db, userId: number, jurisdictionId: number): Representative | undefined {
  return db.select().from(representative)
    .where(and(eq(representative.userId, userId), eq(representative.jurisdictionId, jurisdictionId)))
    .orderBy(asc(representative.id)).get();
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
  const { seated, present } = headcount(db, s.id);
  const open = readRule(db.select({ rule: poll.rule }).from(poll).where(and(eq(poll.sessionId, s.id), eq(poll.state, 'open'))).get()?.rule);
  const settings = getSettings(db, s.jurisdictionId);
  const fraction = open?.quorum.fraction ?? parseFraction(settings.quorumFraction);
  const comparator = open?.quorum.comparator ?? settings.quorumComparator;
  return {
    seated, present, needed: quorumNeeded(seated, fraction, comparator), met: hasQuorum(present, seated, fraction, comparator),
    fractionWords: fractionWords(fraction), ruleWords: comparator === 'atLeast' ? `${fractionWords(fraction)}以上` : `超过${fractionWords(fraction)}`,
  };
}

/** The year of the cycle the session votes for. */
export function sessionYear(db: Db, s: Session): number | undefined {
  return s.cycleId ? db.select({ year: cycle.year }).from(cycle).where(eq(cycle.id, s.cycleId)).get()?.year : undefined;
}
