import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, participation, poll, representative, session, sessionRoster } from '../../db/schema';
import type { PollKind } from '../domain/choices';
import { participationOf } from './ballots';
import { openPollIn, optionsOf, type PollOption } from './polls';
import { currentSessionsOf, isPresent, type Representative } from './sessions';

export interface BallotModel {
  pollId: number;
  title: string;
  kind: PollKind;
  secrecy: 'secret' | 'named';
  seatsToFill: number | null;
  options: PollOption[];
}

export type VoteNowState =
  | { kind: 'noSession' }
  | { kind: 'planned'; sessionTitle: string }
  | { kind: 'checkIn'; sessionId: number; sessionTitle: string; error?: string; code?: string }
  | { kind: 'waiting'; sessionTitle: string }
  | { kind: 'ballot'; sessionTitle: string; b: BallotModel }
  | { kind: 'voted'; sessionTitle: string; pollTitle: string; receipt: string; channel: 'electronic' | 'paper'; pollId: number };

export function ballotModel(db: Db, p: { id: number; title: string; kind: PollKind; secrecy: 'secret' | 'named'; seatsToFill: number | null }): BallotModel {
  return { pollId: p.id, title: p.title, kind: p.kind, secrecy: p.secrecy, seatsToFill: p.seatsToFill, options: optionsOf(db, p.id) };
}

/** What the representative should do now: check in, wait, fill the open ballot, or rest (voted). */
export function voteNowFor(db: Db, rep: Representative): VoteNowState {
  const sessions = currentSessionsOf(db, rep.id);
  const s = sessions.find((x) => openPollIn(db, x.id)) ?? sessions.find((x) => x.state === 'open') ?? sessions[0];
  if (!s) return { kind: 'noSession' };
  if (s.state === 'planned') return { kind: 'planned', sessionTitle: s.title };
  if (!isPresent(db, s.id, rep.id)) return { kind: 'checkIn', sessionId: s.id, sessionTitle: s.title };
  const p = openPollIn(db, s.id);
  if (!p) return { kind: 'waiting', sessionTitle: s.title };
  const part = participationOf(db, p.id, rep.id);
  if (part) return { kind: 'voted', sessionTitle: s.title, pollTitle: p.title, receipt: part.receiptCode, channel: part.channel, pollId: p.id };
  return { kind: 'ballot', sessionTitle: s.title, b: ballotModel(db, p) };
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
