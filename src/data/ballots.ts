import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { ballot, namedBallot, participation, poll, pollOption, representative } from '../../db/schema';
import { checkElectronicBallot, type Marks } from '../domain/ballot';
import type { TallyBallot } from '../domain/tally';
import { inRoster, isPresent } from './sessions';

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

export type CastOutcome =
  | { ok: true; receipt: string }
  | { ok: false; reason: 'already'; receipt: string; channel: 'electronic' | 'paper' }
  | { ok: false; reason: 'closed' | 'notEligible' | 'invalid'; error: string };

/**
 * Casts one electronic ballot. Participation (who) and the ballot (what) are written in ONE transaction with
 * synchronous=FULL, so a confirmed vote survives a power cut and neither row exists without the other.
 * BEGIN IMMEDIATE takes the write lock first and the participation primary key (poll, representative) decides
 * a race: of any number of simultaneous submissions, exactly one inserts; the others find the row and are refused.
 */
export function castBallot(conn: DbConnection, pollId: number, representativeId: number, fields: Record<string, unknown>): CastOutcome {
  return durably(conn, () => conn.transaction((tx) => {
    const p = tx.select().from(poll).where(eq(poll.id, pollId)).get();
    if (!p || p.state !== 'open') return { ok: false, reason: 'closed', error: '本轮表决已经结束或尚未开始，选票未能提交' };
    if (!inRoster(tx, p.sessionId, representativeId)) return { ok: false, reason: 'notEligible', error: '您不在本次会议的代表名册中，不能参加本轮表决' };
    if (!isPresent(tx, p.sessionId, representativeId)) return { ok: false, reason: 'notEligible', error: '请先签到，签到后才能投票' };
    const options = tx.select({ id: pollOption.id }).from(pollOption).where(eq(pollOption.pollId, p.id)).all().map((o) => o.id);
    const read = checkElectronicBallot(p.kind, options, fields, p.seatsToFill);
    if (!read.ok) return { ok: false, reason: 'invalid', error: read.error };
    const receipt = newReceiptCode();
    const inserted = tx.insert(participation).values({ pollId: p.id, representativeId, channel: 'electronic', receiptCode: receipt })
      .onConflictDoNothing().returning().all();
    if (inserted.length === 0) {
      const prior = participationOf(tx, p.id, representativeId)!;
      return { ok: false, reason: 'already', receipt: prior.receiptCode, channel: prior.channel };
    }
    const marks = JSON.stringify(read.marks);
    if (p.secrecy === 'named') {
      tx.insert(namedBallot).values({ pollId: p.id, representativeId, marks, valid: true }).run();
    } else {
      tx.insert(ballot).values({ id: newBallotId(), pollId: p.id, marks, valid: true }).run();
    }
    return { ok: true, receipt };
  }, { behavior: 'immediate' }));
}

export function participationOf(db: Db, pollId: number, representativeId: number) {
  return db.select().from(participation)
    .where(and(eq(participation.pollId, pollId), eq(participation.representativeId, representativeId))).get();
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

/** Every counted ballot of the poll, from the anonymous table or, for a named poll, the named one. */
export function ballotsOf(db: Db, pollId: number, secrecy: 'secret' | 'named'): (TallyBallot & { invalidReason: string })[] {
  const rows = secrecy === 'named'
    ? db.select({ marks: namedBallot.marks, valid: namedBallot.valid, invalidReason: namedBallot.invalidReason }).from(namedBallot).where(eq(namedBallot.pollId, pollId)).all()
    : db.select({ marks: ballot.marks, valid: ballot.valid, invalidReason: ballot.invalidReason }).from(ballot).where(eq(ballot.pollId, pollId)).all();
  return rows.map((r) => ({ marks: JSON.parse(r.marks) as Marks, valid: r.valid, invalidReason: r.invalidReason }));
}

/** A named poll's ballots with the voters' names: open by design, and the ballot screen said so. */
export function namedBallotsOf(db: Db, pollId: number) {
  return db.select({ name: representative.name, marks: namedBallot.marks }).from(namedBallot)
    .innerJoin(representative, eq(representative.id, namedBallot.representativeId))
    .where(eq(namedBallot.pollId, pollId)).orderBy(asc(representative.id)).all()
    .map((r) => ({ name: r.name, marks: JSON.parse(r.marks) as Marks }));
}

/**
 * Forgets the order in which ballots were written. Within a SQLite page, cells are laid out in the order they
 * were inserted, and the write-ahead log holds each commit's pages in commit order; either could let someone
 * with the file order the ballots and lay them beside the participation rows. Rebuilding the file (VACUUM
 * writes rows in key order, i.e. the random ids' order) and truncating the log removes both.
 * Called when a poll closes and when paper ballots are counted; it must run outside any transaction.
 */
export function forgetWriteOrder(conn: DbConnection): void {
  conn.$client.exec('VACUUM');
  conn.$client.pragma('wal_checkpoint(TRUNCATE)');
}
