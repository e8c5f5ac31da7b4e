import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, cycle, poll, pollOption, pollResult, resolution, session } from '../../db/schema';
import { checkPollTransition, type PollState } from '../domain/pollState';
import { hasQuorum } from '../domain/quorum';
import { parseFraction } from '../domain/settings';
import { recordAudit, type Actor } from './audit';
import { electronicVotes } from './ballots';
import { computeResult, readSelectionResult, storeResult } from './results';
import { headcount, type Session } from './sessions';
import type { Result } from '../domain/result';
import { getSettings } from './settings';
import { ok, refuse } from '../domain/result';

export type Poll = typeof poll.$inferSelect;
export type PollOption = typeof pollOption.$inferSelect;

export function pollsOf(db: Db, sessionId: number): Poll[] {
  return db.select().from(poll).where(eq(poll.sessionId, sessionId)).orderBy(asc(poll.id)).all();
}

/** A poll and its session, only when the session belongs to the jurisdiction. */
export function getPollIn(db: Db, jurisdictionId: number, pollId: number): { poll: Poll; session: Session } | undefined {
  const row = db.select({ p: poll, s: session }).from(poll).innerJoin(session, eq(session.id, poll.sessionId))
    .where(and(eq(poll.id, pollId), eq(session.jurisdictionId, jurisdictionId))).get();
  return row ? { poll: row.p, session: row.s } : undefined;
}

export function optionsOf(db: Db, pollId: number): PollOption[] {
  return db.select().from(pollOption).where(eq(pollOption.pollId, pollId)).orderBy(asc(pollOption.position)).all();
}

export type CandidateRow = typeof candidate.$inferSelect;

export function candidatesOf(db: Db, cycleId: number): CandidateRow[] {
  return db.select().from(candidate).where(eq(candidate.cycleId, cycleId)).orderBy(asc(candidate.position), asc(candidate.id)).all();
}

/** Why a selection poll cannot be set up from this cycle's list yet (null when it can). */
export function selectionBlocker(db: Db, cycleId: number): string | null {
  const cy = db.select().from(cycle).where(eq(cycle.id, cycleId)).get();
  if (!cy) return '会议未关联年度工作';
  if (!cy.candidatesLockedAt) return '候选项目清单尚未经审定锁定，不能发起表决';
  if (!cy.seatsToFill || cy.seatsToFill < 1) return '尚未确定应选项目数';
  const n = db.select({ n: sql<number>`count(*)` }).from(candidate).where(eq(candidate.cycleId, cycleId)).get()!.n;
  if (n === 0) return '候选项目清单为空';
  const existing = db.select({ id: poll.id, state: poll.state }).from(poll).innerJoin(session, eq(session.id, poll.sessionId))
    .where(and(eq(session.cycleId, cycleId), eq(poll.kind, 'selection'), ne(poll.state, 'void'))).get();
  if (existing) return existing.state === 'published' ? '本年度项目已经表决并公布结果' : '本年度已有一轮项目表决；如需重新表决，请先将其作废';
  return null;
}

function sessionPublished(db: Db, sessionId: number): boolean {
  return db.select({ p: resolution.publishedAt }).from(resolution).where(eq(resolution.sessionId, sessionId)).get()?.p != null;
}

/** A selection poll over the cycle's locked candidate list, N = the list's seatsToFill. */
export function createSelectionPoll(db: Db, actor: Actor, s: Session, input: { title: string; secrecy: 'secret' | 'named' }, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    if (s.state === 'closed') return refuse('会议已闭会');
    if (!s.cycleId) return refuse('会议未关联年度工作');
    if (sessionPublished(tx, s.id)) return refuse('本次会议的结果已公布');
    const blocker = selectionBlocker(tx, s.cycleId);
    if (blocker) return refuse(blocker);
    const cy = tx.select().from(cycle).where(eq(cycle.id, s.cycleId)).get()!;
    const list = candidatesOf(tx, cy.id);
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'selection', secrecy: input.secrecy, title: input.title, seatsToFill: cy.seatsToFill, state: 'draft', createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(list.map((c, i) => ({ pollId: row.id, candidateId: c.id, label: c.title, position: i + 1 }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'selection', secrecy: input.secrecy, seatsToFill: cy.seatsToFill, candidates: list.map((c) => c.id) },
    }, now);
    return ok(row);
  });
}

/** 另行投票: among the candidates tied at the N-th place, for the places left. */
export function createRunoff(db: Db, actor: Actor, parent: Poll, s: Session, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    if (s.state === 'closed') return refuse('会议已闭会，另行投票须在会议期间进行');
    if (sessionPublished(tx, s.id)) return refuse('本次会议的结果已公布');
    const result = readSelectionResult(tx, parent.id);
    if (!result || parent.state !== 'closed') return refuse('原表决尚未结束计票');
    if (result.tally.runoffSeats === 0) return refuse('原表决没有需要另行投票的项目');
    const existing = tx.select().from(poll).where(and(eq(poll.parentPollId, parent.id), ne(poll.state, 'void'))).get();
    if (existing) return refuse('已经为此发起了另行投票');
    const tied = result.tally.rows.filter((r) => r.outcome === 'runoff');
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'runoff', secrecy: parent.secrecy, title: `${parent.title}（另行投票）`,
      seatsToFill: result.tally.runoffSeats, state: 'draft', parentPollId: parent.id, createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(tied.map((r, i) => ({ pollId: row.id, candidateId: r.candidateId, label: r.label, position: i + 1 }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'runoff', parentPollId: parent.id, seatsToFill: row.seatsToFill, candidates: tied.map((r) => r.candidateId) },
    }, now);
    return ok(row);
  });
}

export function openPollIn(db: Db, sessionId: number): Poll | undefined {
  return db.select().from(poll).where(and(eq(poll.sessionId, sessionId), eq(poll.state, 'open'))).get();
}

function reread(db: Db, p: Poll) {
  const fresh = db.select().from(poll).where(eq(poll.id, p.id)).get()!;
  const s = db.select().from(session).where(eq(session.id, fresh.sessionId)).get()!;
  return { fresh, s };
}

/** Opens the poll: only during the meeting, with a quorum present, and one poll at a time. */
export function openPoll(db: Db, actor: Actor, p: Poll, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    const { fresh, s } = reread(tx, p);
    const settings = getSettings(tx, s.jurisdictionId);
    const quorum = parseFraction(settings.quorumFraction);
    const { seated, present } = headcount(tx, s.id);
    const check = checkPollTransition(fresh.state, 'open', {
      quorumMet: hasQuorum(present, seated, quorum), sessionOpen: s.state === 'open', countComplete: false, reason: '',
    });
    if (!check.ok) return refuse(check.error);
    if (openPollIn(tx, s.id)) return refuse('已有一轮表决正在进行，请先结束该轮表决');
    // The published resolution fixes what the session decided; a year-end evaluation is no part of it.
    if (fresh.kind !== 'evaluation' && sessionPublished(tx, s.id)) return refuse('本次会议的结果已公布');
    const row = tx.update(poll).set({ state: 'open', openedAt: now }).where(eq(poll.id, p.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'poll.open', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      after: { seated, present, quorumFraction: settings.quorumFraction },
    }, now);
    return ok(row);
  });
}

/**
 * Closes the poll. Without paper ballots the count is complete at once and the result is stored; with paper
 * ballots out, the tellers' entries complete it.
 */
export function closePoll(db: Db, actor: Actor, p: Poll, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    const { fresh, s } = reread(tx, p);
    const check = checkPollTransition(fresh.state, 'closed', { quorumMet: true, sessionOpen: true, countComplete: false, reason: '' });
    if (!check.ok) return refuse(check.error);
    const row = tx.update(poll).set({ state: 'closed', closedAt: now }).where(eq(poll.id, p.id)).returning().get();
    const { seated, present } = headcount(tx, s.id, now);
    recordAudit(tx, actor, {
      action: 'poll.close', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      after: { seated, present, electronicBallots: electronicVotes(tx, p.id), paperBallotsIssued: row.paperBallotsIssued },
    }, now);
    if (row.paperBallotsIssued === 0) storeResult(tx, computeResult(tx, row, now), now);
    return ok(row);
  });
}

export function voidPoll(db: Db, actor: Actor, p: Poll, reason: string, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    const { fresh, s } = reread(tx, p);
    const check = checkPollTransition(fresh.state, 'void', { quorumMet: true, sessionOpen: true, countComplete: false, reason });
    if (!check.ok) return refuse(check.error, fresh.state === 'published' || fresh.state === 'void' ? '_form' : 'reason');
    const row = tx.update(poll).set({ state: 'void', voidReason: reason.trim() }).where(eq(poll.id, p.id)).returning().get();
    // A voided count is no result: drop a stored tally so nothing downstream reads it as one.
    tx.delete(pollResult).where(eq(pollResult.pollId, p.id)).run();
    recordAudit(tx, actor, {
      action: 'poll.void', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      before: { state: fresh.state }, after: { state: 'void', reason: reason.trim() },
    }, now);
    // A runoff decides places left by its parent: with the parent void, it decides nothing.
    for (const child of tx.select().from(poll).where(and(eq(poll.parentPollId, p.id), inArray(poll.state, ['draft', 'open', 'closed']))).all()) {
      const voided = voidPoll(tx, actor, child, `原表决“${fresh.title}”已作废`, now);
      if (!voided.ok) return voided;
    }
    return ok(row);
  });
}

export function pollsInState(db: Db, sessionId: number, states: PollState[]): Poll[] {
  return db.select().from(poll).where(and(eq(poll.sessionId, sessionId), inArray(poll.state, states))).orderBy(asc(poll.id)).all();
}

/** The runoff held after this poll (not counting voided attempts). */
export function runoffOf(db: Db, pollId: number): Poll | undefined {
  return db.select().from(poll).where(and(eq(poll.parentPollId, pollId), ne(poll.state, 'void'))).orderBy(asc(poll.id)).get();
}

export function pollById(db: Db, id: number): Poll | undefined {
  return db.select().from(poll).where(eq(poll.id, id)).get();
}

/** The poll the projector shows: the open one, else the latest that has left draft, else the latest draft. */
export function screenPoll(db: Db, sessionId: number): Poll | undefined {
  const all = pollsOf(db, sessionId);
  return all.find((p) => p.state === 'open') ?? all.filter((p) => p.state !== 'draft').at(-1) ?? all.at(-1);
}
