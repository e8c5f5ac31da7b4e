import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { candidate, cycle, poll, pollOption, pollResult, resolution, session } from '../../db/schema';
import { checkPollTransition } from '../domain/pollState';
import { checkSlate, meetsQuorum } from '../domain/pollRule';
import type { BallotForm } from '../domain/vocabulary';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import { electronicVotes } from './ballots';
import { boxOf, checkpointOffLoop, createBox, destroyBox, newBoxOffLoop, scrubAfterBox, secureDeletes, type BoxSlip, type LogScrub, type NewBox } from './ballotBox';
import type { Cycle } from './cycles';
import { livingRunoffsOf, openPollIn, pollInSession, runoffOf, type Poll } from './pollReads';
import { computeResult, readSelectionResult, storeResult } from './results';
import { ruleInForceFor } from './pollRules';
import { headcount, type Session } from './sessions';
import { closeTestPoll, closeTestPollOffLoop, destroyTestBallots } from './testPolls';
import { snapshotRoll } from './roll';
import { getSettings } from './settings';
import { procedureAllowsOpening } from './votingProcedure';

// Views of other areas still name the row types from here; the queries themselves live in pollReads.
export type { Poll, PollOption } from './pollReads';

export type CandidateRow = typeof candidate.$inferSelect;

export function candidatesOf(db: Db, cycleId: number): CandidateRow[] {
  return db.select().from(candidate).where(eq(candidate.cycleId, cycleId)).orderBy(asc(candidate.position), asc(candidate.id)).all();
}

/** The cycle whose locked list a selection poll may be set up from, or why not. */
function readyForSelection(db: Db, cycleId: number): Result<Cycle> {
  const cy = db.select().from(cycle).where(eq(cycle.id, cycleId)).get();
  if (!cy) return refuse('会议未关联年度工作');
  if (!cy.candidatesLockedAt) return refuse('候选项目清单尚未经审定锁定，不能发起表决');
  if (!cy.seatsToFill || cy.seatsToFill < 1) return refuse('尚未确定应选项目数');
  const n = db.select({ n: sql<number>`count(*)` }).from(candidate).where(eq(candidate.cycleId, cycleId)).get()!.n;
  if (n === 0) return refuse('候选项目清单为空');
  const slate = checkSlate(n, cy.seatsToFill, getSettings(db, cy.jurisdictionId).allowEqualSlate === 'yes');
  if (!slate.ok) return slate;
  const existing = db.select({ id: poll.id, state: poll.state }).from(poll).innerJoin(session, eq(session.id, poll.sessionId))
    .where(and(eq(session.cycleId, cycleId), eq(poll.kind, 'selection'), eq(poll.isTest, false), ne(poll.state, 'void'))).get();
  if (existing) return refuse(existing.state === 'published' ? '本年度项目已经表决并公布结果' : '本年度已有一轮项目表决；如需重新表决，请先将其作废');
  return ok(cy);
}

/** Why a selection poll cannot be set up from this cycle's list yet (null when it can). */
export function selectionBlocker(db: Db, cycleId: number): string | null {
  const r = readyForSelection(db, cycleId);
  return r.ok ? null : r.error;
}

function sessionPublished(db: Db, sessionId: number): boolean {
  return db.select({ p: resolution.publishedAt }).from(resolution).where(eq(resolution.sessionId, sessionId)).get()?.p != null;
}

/** A selection poll over the cycle's locked candidate list, N = the list's seatsToFill, in the ballot form chosen. */
export function createSelectionPoll(db: Db, actor: Actor, s: Session, input: { title: string; secrecy: 'secret' | 'named'; ballotForm?: BallotForm }, now: Date): Result<Poll> {
  const ballotForm = input.ballotForm ?? 'perItem';
  return db.transaction((tx) => {
    if (s.state === 'closed') return refuse('会议已闭会');
    if (!s.cycleId) return refuse('会议未关联年度工作');
    if (sessionPublished(tx, s.id)) return refuse('本次会议的结果已公布');
    const ready = readyForSelection(tx, s.cycleId);
    if (!ready.ok) return ready;
    const cy = ready.value;
    const list = candidatesOf(tx, cy.id);
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'selection', secrecy: input.secrecy, title: input.title, seatsToFill: cy.seatsToFill, ballotForm, state: 'draft', createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(list.map((c, i) => ({ pollId: row.id, candidateId: c.id, label: c.title, position: i + 1 }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'selection', secrecy: input.secrecy, ballotForm, seatsToFill: cy.seatsToFill, candidates: list.map((c) => c.id) },
    }, now);
    return ok(row);
  });
}

/** 另行投票: among the candidates tied at the N-th place, for the places left. */
export function createRunoff(db: Db, actor: Actor, parent: Poll, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, parent.id)!;
    if (s.state === 'closed') return refuse('会议已闭会，另行投票须在会议期间进行');
    if (sessionPublished(tx, s.id)) return refuse('本次会议的结果已公布');
    const result = readSelectionResult(tx, fresh.id);
    if (!result || fresh.state !== 'closed') return refuse('原表决尚未结束计票');
    if (result.tally.runoffSeats === 0) return refuse('原表决没有需要另行投票的项目');
    if (runoffOf(tx, fresh.id)) return refuse('已经为此发起了另行投票');
    const tied = result.tally.rows.filter((r) => r.outcome === 'runoff');
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'runoff', secrecy: fresh.secrecy, title: `${fresh.title}（另行投票）`,
      seatsToFill: result.tally.runoffSeats, ballotForm: fresh.ballotForm, state: 'draft', parentPollId: fresh.id, createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(tied.map((r, i) => ({ pollId: row.id, candidateId: r.candidateId, label: r.label, position: i + 1 }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'runoff', parentPollId: fresh.id, seatsToFill: row.seatsToFill, candidates: tied.map((r) => r.candidateId) },
    }, now);
    return ok(row);
  });
}

/** An opened poll with its box's three slips (a secret poll's; none for a named one), handed out only here. */
export interface OpenedPoll extends Poll { slips: BoxSlip[] }

/**
 * Opens the poll: only during the meeting, with a quorum present, under the session's adopted 票决办法, and one
 * poll at a time. The rule in force is stored on the poll here; the count and every sheet read only that. A secret
 * poll gets its sealed ballot box; the slips that open it are returned this once and never stored.
 */
export function openPoll(db: Db, actor: Actor, p: Poll, now: Date, box?: NewBox): Result<OpenedPoll> {
  return db.transaction((tx) => {
    // The poll's and the session's state, re-read under the write: either may have moved since the page was shown.
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    const rule = ruleInForceFor(tx, fresh, s);
    const { seated, present } = headcount(tx, s.id);
    const check = checkPollTransition(fresh.state, 'open', {
      // A test poll checks phones while people still arrive: it decides nothing, so it needs no quorum.
      quorumMet: fresh.isTest || meetsQuorum(rule, present, seated), sessionOpen: s.state === 'open', countComplete: false, reason: '',
    });
    if (!check.ok) return check;
    if (openPollIn(tx, s.id)) return refuse('已有一轮表决正在进行，请先结束该轮表决');
    // The published resolution fixes what the session decided; a year-end evaluation is no part of it.
    if (fresh.kind !== 'evaluation' && sessionPublished(tx, s.id)) return refuse('本次会议的结果已公布');
    // A test poll rehearses the phones, not the 票决办法: it decides nothing.
    if (!fresh.isTest) {
      const lawful = procedureAllowsOpening(tx, fresh, rule);
      if (!lawful.ok) return lawful;
    }
    const row = tx.update(poll).set({ state: 'open', openedAt: now, rule: JSON.stringify(rule) }).where(eq(poll.id, p.id)).returning().get();
    // A test poll's ballots are sealed like real ones but destroyed unopened at its close: its slips are never shown.
    const made = row.secrecy === 'secret' ? createBox(tx, row.id, s.id, box) : [];
    const slips = row.isTest ? [] : made;
    snapshotRoll(tx, actor, p.id, s, 'open', now);
    recordAudit(tx, actor, {
      action: 'poll.open', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      after: { seated, present, quorumFraction: `${rule.quorum.fraction.num}/${rule.quorum.fraction.den}`, rule, slipHolders: slips.map((x) => x.holder) },
    }, now);
    return ok({ ...row, slips });
  });
}

/**
 * openPoll for a request: a secret poll's box is made first with its code's key derived on the thread pool, so
 * the loop keeps answering the hall meanwhile; the opening itself is then the one short transaction.
 */
export async function openPollOffLoop(db: Db, actor: Actor, p: Poll, now: Date): Promise<Result<OpenedPoll>> {
  const box = p.secrecy === 'secret' ? await newBoxOffLoop(p.id) : undefined;
  return openPoll(db, actor, p, now, box);
}

/**
 * Closes the poll. A secret poll's box stays sealed until two scrutineers open it (unsealPoll), which counts; a
 * named poll without paper ballots is counted at once; with paper ballots out, the tellers' entries complete it.
 * Written with synchronous=FULL like the ballots it counts.
 */
export function closePoll(conn: DbConnection, actor: Actor, p: Poll, now: Date): Result<Poll> {
  if (p.isTest) return closeTestPoll(conn, actor, p, now);
  const closed = durably(conn, () => conn.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    const check = checkPollTransition(fresh.state, 'closed', { quorumMet: true, sessionOpen: true, countComplete: false, reason: '' });
    if (!check.ok) return check;
    const row = tx.update(poll).set({ state: 'closed', closedAt: now }).where(eq(poll.id, p.id)).returning().get();
    const { seated, present } = snapshotRoll(tx, actor, p.id, s, 'close', now);
    recordAudit(tx, actor, {
      action: 'poll.close', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      after: { seated, present, electronicBallots: electronicVotes(tx, p.id), paperBallotsIssued: row.paperBallotsIssued },
    }, now);
    if (row.paperBallotsIssued === 0 && !boxOf(tx, p.id)) storeResult(tx, computeResult(tx, { poll: row, session: s }, now), now);
    return ok(row);
  }));
  return closed;
}

/**
 * closePoll for a request: the log is first copied into the file on another thread, so the close's durable commit
 * starts a fresh log instead of being the one that runs SQLite's automatic checkpoint while the hall waits.
 */
export async function closePollOffLoop(conn: DbConnection, actor: Actor, p: Poll, now: Date): Promise<Result<Poll>> {
  await checkpointOffLoop(conn);
  // A rehearsal's sealed ballots are destroyed at its close: the log scrub after it runs off the loop too.
  if (p.isTest) return closeTestPollOffLoop(conn, actor, p, now);
  return closePoll(conn, actor, p, now);
}

/** A voided poll, and — when a sealed box was destroyed with it — how the log scrub went. */
export interface VoidedPoll extends Poll { scrub: LogScrub | null }

/**
 * Voids the poll with its reason; a runoff standing on it is voided with it. A sealed box goes with it: its key
 * and sealed ballots are destroyed (secure_delete) and the log is scrubbed, so nobody can ever open it.
 */
export function voidPoll(conn: DbConnection, actor: Actor, p: Poll, reason: string, now: Date): Result<VoidedPoll> {
  secureDeletes(conn);
  let destroyed = false;
  const voided = conn.transaction((tx) => voidInTx(tx, actor, p, reason, now, () => { destroyed = true; }));
  if (!voided.ok) return voided;
  const scrub = destroyed ? scrubAfterBox(conn, actor, { pollId: p.id, jurisdictionId: pollInSession(conn, p.id)!.session.jurisdictionId }, now) : null;
  return ok({ ...voided.value, scrub });
}

function voidInTx(db: Db, actor: Actor, p: Poll, reason: string, now: Date, boxDestroyed: () => void): Result<Poll> {
  return db.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    const check = checkPollTransition(fresh.state, 'void', { quorumMet: true, sessionOpen: true, countComplete: false, reason });
    if (!check.ok) return refuse(check.error, fresh.state === 'published' || fresh.state === 'void' ? '_form' : 'reason');
    const row = tx.update(poll).set({ state: 'void', voidReason: reason.trim() }).where(eq(poll.id, p.id)).returning().get();
    // A voided count is no result: drop a stored tally so nothing downstream reads it as one.
    tx.delete(pollResult).where(eq(pollResult.pollId, p.id)).run();
    if (fresh.isTest) destroyTestBallots(tx, p.id);
    if (destroyBox(tx, p.id)) boxDestroyed();
    recordAudit(tx, actor, {
      action: 'poll.void', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      before: { state: fresh.state }, after: { state: 'void', reason: reason.trim() },
    }, now);
    // A runoff decides places left by its parent: with the parent void, it decides nothing.
    for (const child of livingRunoffsOf(tx, p.id)) {
      const voided = voidInTx(tx, actor, child, `原表决“${fresh.title}”已作废`, now, boxDestroyed);
      if (!voided.ok) return voided;
    }
    return ok(row);
  });
}
