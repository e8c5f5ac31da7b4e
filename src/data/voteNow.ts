import type { Representative } from './representatives';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, participation, poll, representative, session, sessionRoster } from '../../db/schema';
import type { PollKind } from '../domain/choices';
import type { Actor } from './audit';
import { participationOf } from './ballots';
import { openPollIn, optionsOf, pollsOf, type Poll, type PollOption } from './pollReads';
import { resolutionOf, sessionOutcome } from './results';
import { currentSessionsOf, isPresent, sessionYear, type Session } from './sessions';

export interface BallotModel {
  pollId: number;
  title: string;
  kind: PollKind;
  secrecy: 'secret' | 'named';
  /** 勾选 or per item: decides whether the phone shows a checkbox or 赞成/反对/弃权 per candidate. */
  ballotForm: Poll['ballotForm'];
  seatsToFill: number | null;
  options: PollOption[];
  /** 试投票: every screen says the ballot is a rehearsal and counts for nothing. */
  isTest: boolean;
}

export type VoteNowState =
  | { kind: 'noSession' }
  | { kind: 'planned'; sessionTitle: string }
  | { kind: 'checkIn'; sessionId: number; sessionTitle: string; error?: string; code?: string }
  | { kind: 'waiting'; sessionTitle: string }
  | { kind: 'ballot'; sessionTitle: string; b: BallotModel }
  | { kind: 'voted'; sessionTitle: string; pollTitle: string; receipt: string; channel: 'electronic' | 'paper'; pollId: number; isTest: boolean }
  | { kind: 'ended'; sessionTitle: string; ended: EndedPoll; sessionClosed?: boolean };

/**
 * The last poll of the session once it has closed: what the phone shows instead of "waiting" — the representative's
 * own receipt if they voted, and the adopted projects with the public page once the session's result is published.
 */
export interface EndedPoll {
  pollTitle: string;
  isTest: boolean;
  testSubmissions: number | null;
  receipt?: string;
  published?: { year: number; adopted: string[] };
}

/** The ballot as the phone shows it, from the rows the ballot subject already read. */
export function ballotModel(p: Poll, options: PollOption[]): BallotModel {
  return { pollId: p.id, title: p.title, kind: p.kind, secrecy: p.secrecy, ballotForm: p.ballotForm, seatsToFill: p.seatsToFill, options, isTest: p.isTest };
}

/** What the representative should do now: check in, wait, fill the open ballot, or rest (voted). */
export function voteNowFor(db: Db, rep: Representative): VoteNowState {
  const sessions = currentSessionsOf(db, rep.id).map((s) => ({ s, open: openPollIn(db, s.id) }));
  const pick = sessions.find((x) => x.open) ?? sessions.find((x) => x.s.state === 'open') ?? sessions[0];
  if (!pick) return lastPublished(db, rep.id) ?? { kind: 'noSession' };
  const { s, open: p } = pick;
  if (s.state === 'planned') return { kind: 'planned', sessionTitle: s.title };
  if (!isPresent(db, s.id, rep.id)) return { kind: 'checkIn', sessionId: s.id, sessionTitle: s.title };
  if (!p) {
    const ended = endedPollOf(db, s, rep.id);
    return ended ? { kind: 'ended', sessionTitle: s.title, ended } : { kind: 'waiting', sessionTitle: s.title };
  }
  const part = participationOf(db, p.id, rep.id);
  if (part) return { kind: 'voted', sessionTitle: s.title, pollTitle: p.title, receipt: part.receiptCode, channel: part.channel, pollId: p.id, isTest: p.isTest };
  return { kind: 'ballot', sessionTitle: s.title, b: ballotModel(p, optionsOf(db, p.id)) };
}

/** After the session has closed, its published result stays on the phone (a result is often published after closing). */
function lastPublished(db: Db, representativeId: number): VoteNowState | undefined {
  const last = db.select({ s: session }).from(session)
    .innerJoin(sessionRoster, and(eq(sessionRoster.sessionId, session.id), eq(sessionRoster.representativeId, representativeId)))
    .where(eq(session.state, 'closed')).orderBy(desc(session.date), desc(session.id)).get()?.s;
  if (!last) return undefined;
  const ended = endedPollOf(db, last, representativeId);
  return ended?.published ? { kind: 'ended', sessionTitle: last.title, ended, sessionClosed: true } : undefined;
}

/** The session's latest poll that has ended (closed or published), with what the representative may see of it. */
export function endedPollOf(db: Db, s: Session, representativeId: number): EndedPoll | undefined {
  const last = pollsOf(db, s.id).filter((x) => x.state !== 'draft').at(-1);
  if (!last || (last.state !== 'closed' && last.state !== 'published')) return undefined;
  const part = last.isTest ? undefined : participationOf(db, last.id, representativeId);
  const year = sessionYear(db, s);
  const res = resolutionOf(db, s.id);
  const outcome = res?.publishedAt && year && !last.isTest ? sessionOutcome(db, s.id) : null;
  return {
    pollTitle: last.title, isTest: last.isTest, testSubmissions: last.testSubmissions,
    receipt: part?.channel === 'electronic' ? part.receiptCode : undefined,
    published: outcome && year ? { year, adopted: outcome.adopted.map((a) => a.title) } : undefined,
  };
}

/** A session of the jurisdiction whose roster snapshot holds the representative (where they may check in). */
export function sessionOfVoter(db: Db, jurisdictionId: number, sessionId: number, representativeId: number): Session | undefined {
  return db.select({ s: session }).from(session)
    .innerJoin(sessionRoster, and(eq(sessionRoster.sessionId, session.id), eq(sessionRoster.representativeId, representativeId)))
    .where(and(eq(session.id, sessionId), eq(session.jurisdictionId, jurisdictionId))).get()?.s;
}

/** The audit log names a self check-in after the representative, not only the login. */
export function selfCheckInActor(actor: Actor, rep: Representative): Actor {
  return { ...actor, name: `${rep.name}（本人签到）` };
}

/** An open evaluation poll the representative has not yet cast (nor taken a paper ballot for). */
export interface EvaluationToCast { pollId: number; title: string; sessionTitle: string; code: string }

/**
 * 年底评议 ballots waiting for this login: every open evaluation poll of a session whose roster holds one of the
 * user's representative records, without a participation row. Participation says only who has voted, never how.
 */
export function evaluationsToCast(db: Db, userId: number): EvaluationToCast[] {
  return db.select({ pollId: poll.id, title: poll.title, sessionTitle: session.title, code: jurisdiction.code })
    .from(representative)
    .innerJoin(sessionRoster, eq(sessionRoster.representativeId, representative.id))
    .innerJoin(session, eq(session.id, sessionRoster.sessionId))
    .innerJoin(jurisdiction, eq(jurisdiction.id, session.jurisdictionId))
    .innerJoin(poll, and(eq(poll.sessionId, session.id), eq(poll.kind, 'evaluation'), eq(poll.state, 'open')))
    .leftJoin(participation, and(eq(participation.pollId, poll.id), eq(participation.representativeId, representative.id)))
    .where(and(eq(representative.userId, userId), isNull(participation.pollId)))
    .orderBy(asc(poll.id)).all();
}

/** A seat of this login in a session under way, and what the representative should do there now. */
export interface SeatInSession { code: string; st: Exclude<VoteNowState, { kind: 'noSession' | 'planned' }> }

/**
 * The home page's call to the hall: every seat of this login whose session has opened. A representative who logs
 * in during the session is sent to 我的表决 from the first page, not left to find it in the menu.
 */
export function seatsInSession(db: Db, userId: number): SeatInSession[] {
  return prepared(db, 'seatsOfLogin', (db) => db.select({ rep: representative, code: jurisdiction.code }).from(representative)
    .innerJoin(jurisdiction, eq(jurisdiction.id, representative.jurisdictionId))
    .where(eq(representative.userId, sql.placeholder('userId'))).orderBy(asc(representative.id)).prepare()).all({ userId })
    .map((r) => ({ code: r.code, st: voteNowFor(db, r.rep) }))
    .filter((x): x is SeatInSession => x.st.kind !== 'noSession' && x.st.kind !== 'planned' && !(x.st.kind === 'ended' && x.st.sessionClosed));
}
