import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { ballot, candidate, cycle, namedBallot, participation, poll, pollOption } from '../../db/schema';
import { checkPollTransition } from '../domain/pollState';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import { boxOf, destroyBox, scrubAfterBox, scrubAfterBoxOffLoop } from './ballotBox';
import { pollInSession, type Poll } from './pollReads';
import type { Session } from './sessions';

/** The one question of a test poll held before any candidate list exists. */
export const TEST_POLL_FIXED_OPTION = '试投票测试项（请任选一项，不计票）';
export const TEST_POLL_TITLE = '试投票（测试，不计票）';

/**
 * 试投票: a rehearsal on the real phones and the projector before the real vote. It carries the real candidates and
 * N when the year has a list (so the phones show the ballot they will get), else one fixed question. It is a
 * selection-kind poll marked isTest, so the ballot, the phone's N check and the cast path stay the same code; every
 * reader of results, resolutions and publication skips it.
 */
export function createTestPoll(db: Db, actor: Actor, s: Session, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    if (s.state === 'closed') return refuse('会议已闭会');
    const pending = tx.select({ id: poll.id }).from(poll)
      .where(and(eq(poll.sessionId, s.id), eq(poll.isTest, true), inArray(poll.state, ['draft', 'open']))).get();
    if (pending) return refuse('已有一轮试投票尚未结束，请先结束它');
    const list = s.cycleId
      ? tx.select({ id: candidate.id, title: candidate.title }).from(candidate).where(eq(candidate.cycleId, s.cycleId))
        .orderBy(asc(candidate.position), asc(candidate.id)).all()
      : [];
    const seats = s.cycleId ? tx.select({ n: cycle.seatsToFill }).from(cycle).where(eq(cycle.id, s.cycleId)).get()?.n ?? null : null;
    const options = list.length > 0
      ? list.map((c, i) => ({ candidateId: c.id, label: c.title, position: i + 1 }))
      : [{ candidateId: null, label: TEST_POLL_FIXED_OPTION, position: 1 }];
    const seatsToFill = Math.max(1, Math.min(seats ?? 1, options.length));
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'selection', secrecy: 'secret', title: TEST_POLL_TITLE, seatsToFill, state: 'draft', isTest: true, createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(options.map((o) => ({ pollId: row.id, ...o }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'selection', test: true, seatsToFill, options: options.length },
    }, now);
    return ok(row);
  });
}

/**
 * Destroys every ballot and participation of a test poll and returns how many phones had submitted. Called inside
 * the closing (or voiding) transaction, so nothing of the rehearsal outlives it but that number.
 */
export function destroyTestBallots(tx: Db, pollId: number): number {
  const submitted = tx.select({ n: sql<number>`count(*)` }).from(participation).where(eq(participation.pollId, pollId)).get()!.n;
  // A test poll with a box (every one opened since boxes exist) only ever held sealed ballots, and a draft none: the
  // anonymous table is only searched for a rehearsal opened before boxes existed.
  const opened = tx.select({ at: poll.openedAt }).from(poll).where(eq(poll.id, pollId)).get()?.at != null;
  if (opened && !boxOf(tx, pollId)) tx.delete(ballot).where(eq(ballot.pollId, pollId)).run();
  tx.delete(namedBallot).where(eq(namedBallot.pollId, pollId)).run();
  tx.delete(participation).where(eq(participation.pollId, pollId)).run();
  destroyBox(tx, pollId); // its sealed ballots and key, unopened
  return submitted;
}

/** Ends a test poll: closed, its ballots destroyed, the number of phones kept and audited. No result exists. */
export function closeTestPoll(conn: DbConnection, actor: Actor, p: Poll, now: Date): Result<Poll> {
  const closed = destroyTestPoll(conn, actor, p, now);
  if (closed.ok) scrubAfterBox(conn, actor, { pollId: p.id, jurisdictionId: pollInSession(conn, p.id)!.session.jurisdictionId }, now);
  return closed;
}

/** closeTestPoll for a request: the log is scrubbed on a thread of its own (scrubAfterBoxOffLoop). */
export async function closeTestPollOffLoop(conn: DbConnection, actor: Actor, p: Poll, now: Date): Promise<Result<Poll>> {
  const closed = destroyTestPoll(conn, actor, p, now);
  if (closed.ok) await scrubAfterBoxOffLoop(conn, actor, { pollId: p.id, jurisdictionId: pollInSession(conn, p.id)!.session.jurisdictionId }, now);
  return closed;
}

function destroyTestPoll(conn: DbConnection, actor: Actor, p: Poll, now: Date): Result<Poll> {
  return durably(conn, () => conn.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    if (!fresh.isTest) return refuse('这不是试投票');
    const check = checkPollTransition(fresh.state, 'closed', { quorumMet: true, sessionOpen: true, countComplete: false, reason: '' });
    if (!check.ok) return check;
    const submitted = destroyTestBallots(tx, p.id);
    const row = tx.update(poll).set({ state: 'closed', closedAt: now, testSubmissions: submitted }).where(eq(poll.id, p.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'poll.test.close', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      after: { submitted, ballotsDestroyed: true },
    }, now);
    return ok(row);
  }));
}
