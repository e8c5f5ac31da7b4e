import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { SELECTION_POLL_KINDS } from '../domain/vocabulary';
import type { Db } from '../../db/client';
import { poll, pollOption, session, sessionRoster } from '../../db/schema';
import type { Session } from './sessions';
import { prepared } from './statements';

/**
 * The one home of the poll queries. Writers (polls, paper, ballots, results, evaluation polls, publication) import
 * from here and this module imports no writer, so no module needs to re-type a query to escape an import loop.
 */
export type Poll = typeof poll.$inferSelect;
export type PollOption = typeof pollOption.$inferSelect;
/** A poll with its session: what a poll subject and every poll writer work on. */
export interface PollInSession { poll: Poll; session: Session }

/**
 * A poll and its session in one read. With a jurisdiction, only when the session belongs to it (another town's
 * id is a 404); without, the fresh state a transaction re-checks before it writes.
 */
export function pollInSession(db: Db, pollId: number, jurisdictionId?: number): PollInSession | undefined {
  const where = jurisdictionId === undefined ? eq(poll.id, pollId) : and(eq(poll.id, pollId), eq(session.jurisdictionId, jurisdictionId));
  const row = db.select({ p: poll, s: session }).from(poll).innerJoin(session, eq(session.id, poll.sessionId)).where(where).get();
  return row ? { poll: row.p, session: row.s } : undefined;
}

/**
 * The poll only when the representative is in its session's roster snapshot (the ballot's subject), with its
 * options in ballot order, in one read: a hall of phones asks for it with every ballot.
 */
export function pollForVoter(db: Db, jurisdictionId: number, pollId: number, representativeId: number): (PollInSession & { options: PollOption[] }) | undefined {
  const row = prepared(db, 'pollForVoter', (db) => db.select({
    p: poll, s: session,
    // Every column of poll_option is a number, a string or null: as JSON they read back as drizzle maps them.
    options: sql<string>`(select json_group_array(json_object('id', ${pollOption.id}, 'pollId', ${pollOption.pollId}, 'candidateId', ${pollOption.candidateId},
      'projectId', ${pollOption.projectId}, 'label', ${pollOption.label}, 'position', ${pollOption.position}) order by ${pollOption.position}, ${pollOption.id})
      from ${pollOption} where ${pollOption.pollId} = ${poll.id})`,
  }).from(poll).innerJoin(session, eq(session.id, poll.sessionId))
    .innerJoin(sessionRoster, and(eq(sessionRoster.sessionId, session.id), eq(sessionRoster.representativeId, sql.placeholder('representativeId'))))
    .where(and(eq(poll.id, sql.placeholder('pollId')), eq(session.jurisdictionId, sql.placeholder('jurisdictionId')))).prepare())
    .get({ pollId, jurisdictionId, representativeId });
  return row ? { poll: row.p, session: row.s, options: JSON.parse(row.options) as PollOption[] } : undefined;
}

export function pollById(db: Db, id: number): Poll | undefined {
  return db.select().from(poll).where(eq(poll.id, id)).get();
}

/** The options in ballot order. */
export function optionsOf(db: Db, pollId: number): PollOption[] {
  return prepared(db, 'optionsOf', (db) => db.select().from(pollOption).where(eq(pollOption.pollId, sql.placeholder('pollId')))
    .orderBy(asc(pollOption.position), asc(pollOption.id)).prepare()).all({ pollId });
}

export function pollsOf(db: Db, sessionId: number): Poll[] {
  return db.select().from(poll).where(eq(poll.sessionId, sessionId)).orderBy(asc(poll.id)).all();
}

export function openPollIn(db: Db, sessionId: number): Poll | undefined {
  return db.select().from(poll).where(and(eq(poll.sessionId, sessionId), eq(poll.state, 'open'))).get();
}

/** The runoff held after this poll (not counting voided attempts). */
export function runoffOf(db: Db, pollId: number): Poll | undefined {
  return db.select().from(poll).where(and(eq(poll.parentPollId, pollId), ne(poll.state, 'void'))).orderBy(asc(poll.id)).get();
}

/** Runoffs still standing on this poll (a voided parent takes them with it). */
export function livingRunoffsOf(db: Db, pollId: number): Poll[] {
  return db.select().from(poll).where(and(eq(poll.parentPollId, pollId), inArray(poll.state, ['draft', 'open', 'closed']))).all();
}

/**
 * The polls a session's resolution rests on: the selection and its runoffs. A year-end evaluation held at the same
 * session is published on its own (publishEvaluationPoll), so it neither holds up nor rides along with the resolution;
 * a test poll (试投票) is no part of it either.
 */
export function resolutionPollsOf(db: Db, sessionId: number): Poll[] {
  return db.select().from(poll).where(and(eq(poll.sessionId, sessionId), inArray(poll.kind, SELECTION_POLL_KINDS), eq(poll.isTest, false))).all();
}

/**
 * The poll the projector shows: the open one, else the latest that has left draft, else the latest draft. A real
 * poll set up after a rehearsal (试投票) takes the screen from the rehearsal's closing line.
 */
export function screenPoll(db: Db, sessionId: number): Poll | undefined {
  const all = pollsOf(db, sessionId);
  const open = all.find((p) => p.state === 'open');
  if (open) return open;
  const done = all.filter((p) => p.state !== 'draft').at(-1);
  const latest = all.at(-1);
  if (done?.isTest && latest && latest.state === 'draft' && !latest.isTest) return latest;
  return done ?? latest;
}
