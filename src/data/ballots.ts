import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { attendance, ballot, ballotBox, namedBallot, participation, poll, representative } from '../../db/schema';
import { checkBallotOf, type Marks } from '../domain/ballot';
import { packBallots, packOf, type BallotPack } from '../domain/ballotPack';
import { refuse, type Refusal } from '../domain/result';
import { inHall, placeLabel } from '../domain/roll';
import type { TallyBallot } from '../domain/tally';
import { sealFor, storeSealed, type SealedBallot } from './ballotBox';
import { prepared } from './statements';
import { optionsOf, type Poll, type PollOption } from './pollReads';

/** 128 random bits: a ballot's key carries no order, no time and no voter. */
export function newBallotId(): string {
  return randomBytes(16).toString('hex');
}

const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and copied by hand

/** Confirms to the voter that their participation was recorded — says nothing about the choice. */
export function newReceiptCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export type ParticipationChannel = 'electronic' | 'paper';

/**
 * Why a ballot was not stored. A plain refusal when the poll is not open (409), the voter has not checked in, or
 * the ballot is unreadable or has more "for" than places (422); 'already' also carries the voter's receipt and
 * channel, which the page shows again; 'failed' (503) when writing it failed and the same ballot may be sent again.
 */
export type CastRefusal = Refusal & (
  | { reason: 'closed' | 'notPresent' | 'invalid' | 'failed' }
  | { reason: 'already'; receipt: string; channel: ParticipationChannel }
);
export type CastOutcome = { ok: true; value: { receipt: string } } | CastRefusal;

/** What the route's ballot subject already read: the poll, its options, and who votes (in the poll's roster). */
export interface CastSubject { poll: Poll; options: readonly Pick<PollOption, 'id'>[]; voter: { id: number } }
/** One submitted ballot: its subject and the marks as read from the form. */
export interface Cast extends CastSubject { marks: Readonly<Record<string, unknown>> }

export const notStored = (): CastRefusal => ({ ok: false, field: '_form', error: '选票未能保存，请再提交一次', status: 503, reason: 'failed' });

/** Casts one electronic ballot: a batch of one (see castBallots). */
export function castBallot(conn: DbConnection, b: CastSubject, marks: Readonly<Record<string, unknown>>): CastOutcome {
  return castBallots(conn, [{ ...b, marks }])[0]!;
}

/**
 * Casts a batch of electronic ballots in ONE transaction with synchronous=FULL (group commit): when it returns,
 * every accepted ballot survives a power cut, and neither a participation (who) nor a ballot (what) exists without
 * the other. BEGIN IMMEDIATE takes the write lock first, so the one read per ballot — the poll's state and its
 * sealed box, the voter's check-in and any participation already recorded — cannot be overtaken: of any number of
 * simultaneous submissions by one voter, in this batch or another process, exactly one inserts and the others find
 * its row (the participation primary key stays the last word).
 * Each ballot runs in its own savepoint: one that is refused or fails to write is undone alone, with its own
 * outcome, and the others are stored. A secret poll's ballots are sealed to the poll's box (ciphertext only, see
 * ballotBox.ts) and stored after the batch's participation rows, in a random order. Anything failing outside a
 * ballot's savepoint (the sealed rows, the commit) throws and rolls the whole batch back: never half a batch.
 * The poll, its options and the voter's roster place come from the subject: a roster never changes, and the
 * options are fixed when the poll is created.
 */
export function castBallots(conn: DbConnection, casts: readonly Cast[]): CastOutcome[] {
  const batch = prepared(conn, 'castBatch', () => conn.$client.transaction((all: readonly Cast[]) => {
    const sealed: SealedBallot[] = [];
    const outcomes = all.map((b) => {
      try {
        return castOne(conn, b, sealed);
      } catch (err) {
        console.error('ballot not stored:', err);
        return notStored();
      }
    });
    storeSealed(conn, sealed);
    return outcomes;
  }));
  return durably(conn, () => batch.immediate(casts));
}

/** One ballot of a batch, in its own savepoint; a sealed ballot is added to `sealed` only once its participation is written. */
function castOne(conn: DbConnection, b: Cast, sealed: SealedBallot[]): CastOutcome {
  const inSavepoint = prepared(conn, 'castOne', () => conn.$client.transaction((b: Cast, sealed: SealedBallot[]) => castChecked(conn, b, sealed)));
  return inSavepoint(b, sealed);
}

function castChecked(conn: DbConnection, b: Cast, sealed: SealedBallot[]): CastOutcome {
  const { poll: p, voter } = b;
  const current = castState(conn).get({ pollId: p.id, voterId: voter.id });
  if (current?.state !== 'open') return { ...refuse('本轮表决已经结束或尚未开始，选票未能提交', '_form', 409), reason: 'closed' };
  // Only someone in the hall now casts: not before arriving, not while on leave or after leaving (返场 first).
  if (!inHall(current.roll)) {
    return { ...refuse(current.roll === null ? '请先签到，签到后才能投票' : `您已登记为${placeLabel(current.roll)}，返场签到后才能投票`), reason: 'notPresent' };
  }
  const optionIds = b.options.map((o) => o.id);
  const checked = checkBallotOf(p.kind, p.ballotForm, optionIds, b.marks, p.seatsToFill);
  if (!checked.ok) return { ...checked, reason: 'invalid' };
  if (current.receipt !== null && current.channel !== null) {
    return { ...refuse('您已经投过票了', '_form', 409), reason: 'already', receipt: current.receipt, channel: current.channel };
  }
  // A secret ballot is only ever stored sealed: without a sealed box there is nowhere to put it.
  const boxKey = current.boxKey !== null && current.boxOpenedAt === null ? current.boxKey : null;
  if (p.secrecy === 'secret' && !boxKey) return { ...refuse('本轮表决的票箱不可用，选票未能提交', '_form', 409), reason: 'closed' };
  const receipt = newReceiptCode();
  const ballotOfSecretPoll = p.secrecy === 'secret' ? sealFor({ pollId: p.id, publicKey: boxKey! }, optionIds, checked.value) : null;
  insertParticipation(conn).run({ pollId: p.id, representativeId: voter.id, receipt });
  if (ballotOfSecretPoll) sealed.push(ballotOfSecretPoll);
  else insertNamedBallot(conn).run({ pollId: p.id, representativeId: voter.id, marks: JSON.stringify(checked.value) });
  return { ok: true, value: { receipt } };
}

/** The cast's one read: the poll's state and box, the voter's place in the hall and any participation already recorded. */
const castState = (conn: DbConnection) => prepared(conn, 'castState', (db) => db.select({
  state: poll.state, roll: attendance.state, receipt: participation.receiptCode, channel: participation.channel,
  boxKey: ballotBox.publicKey, boxOpenedAt: ballotBox.openedAt,
})
  .from(poll)
  .leftJoin(attendance, and(eq(attendance.sessionId, poll.sessionId), eq(attendance.representativeId, sql.placeholder('voterId'))))
  .leftJoin(participation, and(eq(participation.pollId, poll.id), eq(participation.representativeId, sql.placeholder('voterId'))))
  .leftJoin(ballotBox, eq(ballotBox.pollId, poll.id))
  .where(eq(poll.id, sql.placeholder('pollId'))).prepare());

const insertParticipation = (conn: DbConnection) => prepared(conn, 'insertParticipation', (db) => db.insert(participation).values({
  pollId: sql.placeholder('pollId'), representativeId: sql.placeholder('representativeId'), channel: 'electronic', receiptCode: sql.placeholder('receipt'),
}).prepare());

const insertNamedBallot = (conn: DbConnection) => prepared(conn, 'insertNamedBallot', (db) => db.insert(namedBallot).values({
  pollId: sql.placeholder('pollId'), representativeId: sql.placeholder('representativeId'), marks: sql.placeholder('marks'), valid: true,
}).prepare());

export function participationOf(db: Db, pollId: number, representativeId: number) {
  return prepared(db, 'participationOf', (db) => db.select().from(participation)
    .where(and(eq(participation.pollId, sql.placeholder('pollId')), eq(participation.representativeId, sql.placeholder('representativeId')))).prepare())
    .get({ pollId, representativeId });
}

export function electronicVotes(db: Db, pollId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(participation)
    .where(and(eq(participation.pollId, pollId), eq(participation.channel, 'electronic'))).get()!.n;
}

/** Turnout for the screens: who has voted or holds a paper ballot — never what anyone chose. */
export function turnout(db: Db, pollId: number): { electronic: number; paper: number } {
  const rows = db.select({ channel: participation.channel, n: sql<number>`count(*)` }).from(participation)
    .where(eq(participation.pollId, pollId)).groupBy(participation.channel).all();
  return { electronic: rows.find((r) => r.channel === 'electronic')?.n ?? 0, paper: rows.find((r) => r.channel === 'paper')?.n ?? 0 };
}

export type CountedBallot = TallyBallot & { invalidReason: string };

/**
 * Every counted ballot of the poll, packed for the count (see BallotPack), for its options in position order: from
 * the anonymous table — the poll's rows by the table's (poll, id) key, the valid ballots' compact marks joined end
 * to end by SQLite and the invalid ones as numbers by reason — or, for a named poll, from the named table.
 */
export function ballotsOf(db: Db, pollId: number, secrecy: 'secret' | 'named', optionIds: readonly number[] = optionsOf(db, pollId).map((o) => o.id)): BallotPack {
  if (secrecy === 'named') {
    const rows = db.select({ marks: namedBallot.marks, valid: namedBallot.valid, invalidReason: namedBallot.invalidReason }).from(namedBallot).where(eq(namedBallot.pollId, pollId)).all();
    return packBallots(optionIds, rows.map((r) => ({ marks: JSON.parse(r.marks) as Marks, valid: r.valid, invalidReason: r.invalidReason })));
  }
  const read = ballotsPacked(db).get({ pollId })!;
  const reasons = read.reasons === null ? [] : read.reasons.split(REASON_SEPARATOR);
  // A reason holding the separator (typed on a paper ballot) would split wrong: those polls count reasons in SQL.
  const invalid = reasons.length === read.invalid ? byReason(reasons) : invalidBallotsByReason(db).all({ pollId });
  return packOf(optionIds.length, read.valid, read.codes ?? '', invalid);
}

/** Joins a poll's invalid ballots' reasons in the same pass as the valid ones' marks (invalid ballots are few). */
const REASON_SEPARATOR = '\x1f';

/** One pass over the poll's rows, by the table's key: the valid ballots' marks end to end, the invalid ones' reasons. */
const ballotsPacked = (db: Db) => prepared(db, 'ballotsPacked', (db) => db.select({
  codes: sql<string | null>`group_concat(${ballot.marks}, '') filter (where ${ballot.valid} = 1)`,
  valid: sql<number>`count(*) filter (where ${ballot.valid} = 1)`,
  reasons: sql<string | null>`group_concat(${ballot.invalidReason}, ${REASON_SEPARATOR}) filter (where ${ballot.valid} = 0)`,
  invalid: sql<number>`count(*) filter (where ${ballot.valid} = 0)`,
}).from(ballot).where(eq(ballot.pollId, sql.placeholder('pollId'))).prepare());

const invalidBallotsByReason = (db: Db) => prepared(db, 'invalidBallotsByReason', (db) => db.select({ reason: ballot.invalidReason, count: sql<number>`count(*)` })
  .from(ballot).where(and(eq(ballot.pollId, sql.placeholder('pollId')), eq(ballot.valid, false)))
  .groupBy(ballot.invalidReason).orderBy(asc(ballot.invalidReason)).prepare());

function byReason(reasons: readonly string[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // By reason, as the count in SQL gives them: the rows' order is their random keys'.
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([reason, count]) => ({ reason, count }));
}

/** A named poll's ballots with the voters' names: open by design, and the ballot screen said so. */
export function namedBallotsOf(db: Db, pollId: number) {
  return db.select({ name: representative.name, marks: namedBallot.marks }).from(namedBallot)
    .innerJoin(representative, eq(representative.id, namedBallot.representativeId))
    .where(eq(namedBallot.pollId, pollId)).orderBy(asc(representative.id)).all()
    .map((r) => ({ name: r.name, marks: JSON.parse(r.marks) as Marks }));
}
