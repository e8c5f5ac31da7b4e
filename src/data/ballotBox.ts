import { randomBytes, randomInt } from 'node:crypto';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbConnection } from '../../db/client';
import { ballotBox, pollResult, sealedBallot, sessionOfficer } from '../../db/schema';
import type { Marks } from '../domain/ballot';
import { BOX_CODE_BYTES, fingerprintChars, slipText } from '../domain/boxSlip';
import { CHOICE_SETS, MARK_LABELS } from '../domain/choices';
import { boxFingerprint, newBoxKeys, sealBallot, wrapBoxKey, wrapBoxKeyOffLoop } from '../domain/sealedBox';
import { splitSecret, type Share } from '../domain/shamir';
import { recordAudit, type Actor } from './audit';
import { prepared } from './statements';

/**
 * The sealed ballot box of a secret poll, as stored: the public key and the wrapped private key, the sealed
 * ballots, and their destruction. What the file holds while the box is sealed is ciphertext only; the box code
 * that unwraps the key exists on the scrutineers' slips and, for a moment, in memory.
 */

export type BallotBox = typeof ballotBox.$inferSelect;

export function boxOf(db: Db, pollId: number): BallotBox | undefined {
  return db.select().from(ballotBox).where(eq(ballotBox.pollId, pollId)).get();
}

/** Sealed: ballots are still ciphertext and nobody can count them yet. */
export function isSealed(box: BallotBox | undefined): box is BallotBox {
  return box !== undefined && box.openedAt === null;
}

/** Whether the tellers' paper count is finished (before the box was opened, or with the result). */
export function paperCountDone(db: Db, pollId: number): boolean {
  if (db.select({ id: pollResult.pollId }).from(pollResult).where(eq(pollResult.pollId, pollId)).get()) return true;
  return boxOf(db, pollId)?.paperCountedAt != null;
}

export interface BoxSlip {
  /** 1, 2 or 3: the share number, also the slip's first character. */
  number: number;
  holder: string;
  role: string;
  text: string;
}

const FALLBACK_HOLDERS = ['监票人一', '监票人二', '监票人三'];

/** Who holds the three slips: the session's 总监票人 then 监票人 as recorded, else "监票人一/二/三". */
function slipHolders(db: Db, sessionId: number): { holder: string; role: string }[] {
  const officers = db.select({ name: sessionOfficer.name, role: sessionOfficer.role }).from(sessionOfficer)
    .where(and(eq(sessionOfficer.sessionId, sessionId), inArray(sessionOfficer.role, ['chiefScrutineer', 'scrutineer'])))
    .orderBy(asc(sessionOfficer.id)).all()
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'chiefScrutineer' ? -1 : 1));
  return FALLBACK_HOLDERS.map((fallback, i) => {
    const o = officers[i];
    return o ? { holder: o.name, role: o.role === 'chiefScrutineer' ? '总监票人' : '监票人' } : { holder: fallback, role: '监票人' };
  });
}

/** The characters bound into a slip's check character: the box's public fingerprint. */
export function slipContext(box: Pick<BallotBox, 'publicKey'>): string {
  return fingerprintChars(boxFingerprint(box.publicKey));
}

/**
 * A new box's sealed parts, made before the opening's transaction: the public key, the private key wrapped under
 * a random box code, and the code's three shares. The code and the private key are zeroed before this returns.
 */
export interface NewBox { pollId: number; publicKey: Buffer; wrappedKey: Buffer; shares: Share[] }

function makeBox<W extends Buffer | Promise<Buffer>>(pollId: number, wrap: (privateKey: Buffer, code: Buffer) => W): { publicKey: Buffer; shares: Share[]; wrapped: W; wipe: () => void } {
  const keys = newBoxKeys();
  const code = randomBytes(BOX_CODE_BYTES);
  const coefficients = randomBytes(BOX_CODE_BYTES);
  const wipe = () => { keys.privateKey.fill(0); code.fill(0); coefficients.fill(0); };
  try {
    return { publicKey: keys.publicKey, shares: splitSecret(code, 3, 2, coefficients), wrapped: wrap(keys.privateKey, code), wipe };
  } catch (e) {
    wipe();
    throw e;
  }
}

/** A new box with the box code's key derived on the thread pool (the derivation is deliberately slow). */
export async function newBoxOffLoop(pollId: number): Promise<NewBox> {
  const made = makeBox(pollId, (privateKey, code) => wrapBoxKeyOffLoop(privateKey, code, pollId));
  try {
    return { pollId, publicKey: made.publicKey, wrappedKey: await made.wrapped, shares: made.shares };
  } finally {
    made.wipe();
  }
}

function newBox(pollId: number): NewBox {
  const made = makeBox(pollId, (privateKey, code) => wrapBoxKey(privateKey, code, pollId));
  made.wipe();
  return { pollId, publicKey: made.publicKey, wrappedKey: made.wrapped, shares: made.shares };
}

/**
 * Seals a new box for the poll being opened (inside the opening's transaction): a fresh key pair, a random box
 * code split 2-of-3, the private key wrapped under it — made here, or beforehand off the loop (`made`, for this
 * poll). Returns the three slips — the only time they exist outside the scrutineers' hands; nothing of the code
 * or the private key is written.
 */
export function createBox(tx: Db, pollId: number, sessionId: number, made?: NewBox): BoxSlip[] {
  const box = made?.pollId === pollId ? made : newBox(pollId);
  tx.insert(ballotBox).values({ pollId, publicKey: box.publicKey, wrappedKey: box.wrappedKey }).run();
  const context = slipContext(box);
  const holders = slipHolders(tx, sessionId);
  return box.shares.map((s, i) => ({ number: s.x, ...holders[i]!, text: slipText(s, context) }));
}

const LONGEST_MARK = Math.max(...Object.values(CHOICE_SETS).flatMap((set) => set.marks.map((m) => m.length)), ...Object.keys(MARK_LABELS).map((m) => m.length));

/** Every ballot of a poll is padded to the length of the longest possible one: its options all with the longest mark. */
export function sealedLength(optionIds: readonly number[]): number {
  return Buffer.byteLength(JSON.stringify(Object.fromEntries(optionIds.map((id) => [id, 'x'.repeat(LONGEST_MARK)]))));
}

/** One checked electronic ballot sealed to the poll's (still sealed) box, padded to the poll's one length. */
export function sealFor(box: Pick<BallotBox, 'pollId' | 'publicKey'>, optionIds: readonly number[], marks: Marks): SealedBallot {
  return { pollId: box.pollId, sealed: sealBallot(box.publicKey, box.pollId, JSON.stringify(marks), sealedLength(optionIds)) };
}

export interface SealedBallot { pollId: number; sealed: Buffer }

/**
 * Stores sealed ballots inside the cast's transaction, in an order no one chose (a random permutation, after the
 * batch's participation rows): neither the order of the writes nor a page's layout pairs a ballot with a voter.
 * Each gets a random key: no order in the key either.
 */
export function storeSealed(conn: DbConnection, ballots: readonly SealedBallot[]): void {
  const insert = prepared(conn, 'insertSealedBallot', (db) => db.insert(sealedBallot)
    .values({ id: sql.placeholder('id'), pollId: sql.placeholder('pollId'), sealed: sql.placeholder('sealed') }).prepare());
  for (const b of shuffled(ballots)) insert.run({ id: randomBytes(16).toString('hex'), pollId: b.pollId, sealed: b.sealed });
}

/** A uniformly random permutation (Fisher–Yates with a cryptographic source): an order no one chose. */
export function shuffled<T>(items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function sealedBallotsOf(db: Db, pollId: number): Buffer[] {
  return db.select({ sealed: sealedBallot.sealed }).from(sealedBallot).where(eq(sealedBallot.pollId, pollId)).all().map((r) => r.sealed);
}

/**
 * Destroys the box's key and its sealed ballots (a void of an open or closed, unopened poll). The connection
 * deletes with secure_delete on, so the freed cells are zeroed; the caller then scrubs the log (scrubLog).
 * True when there was something to destroy.
 */
export function destroyBox(tx: Db, pollId: number): boolean {
  const ballots = tx.delete(sealedBallot).where(eq(sealedBallot.pollId, pollId)).returning({ id: sealedBallot.id }).all().length;
  const key = tx.delete(ballotBox).where(eq(ballotBox.pollId, pollId)).returning({ id: ballotBox.pollId }).all().length;
  return ballots + key > 0;
}

/** Deletions overwrite the freed bytes with zeros (set before any transaction that destroys ballots or keys). */
export function secureDeletes(conn: DbConnection): void {
  conn.$client.pragma('secure_delete = ON');
}

export interface LogScrub { completed: boolean; attempts: number; busy: number; log: number; checkpointed: number }

const SCRUB_ATTEMPTS = 4;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Copies the write-ahead log into the database and truncates it, so the log no longer holds the pages as they
 * were before a box was opened or destroyed. A reader can block it: the result row is checked (busy = 0 and every
 * frame checkpointed), retried a few times after a short wait, and returned either way for the caller to report.
 * Must run outside any transaction.
 */
export function scrubLog(conn: DbConnection): LogScrub {
  const scrub = logScrubber(conn);
  for (;;) {
    const step = scrub.attempt();
    if ('done' in step) return step.done;
    pause(step.wait);
  }
}

/**
 * scrubLog for a request: the checkpoint runs in a thread of its own, on its own connection to the file. Copying
 * the log into a province's file and syncing it takes the disk's time (hundreds of ms on a cold cache), and the
 * waits between attempts when a reader holds the log up are the thread's too: the loop keeps answering meanwhile.
 */
export async function scrubLogOffLoop(conn: DbConnection): Promise<LogScrub> {
  const sqlite = conn.$client;
  if (sqlite.inTransaction) throw new Error('scrubLog inside a transaction');
  if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return { completed: true, attempts: 0, busy: 0, log: 0, checkpointed: 0 };
  if (!isLarge(sqlite.name)) {
    // A township's file: the checkpoint takes milliseconds here; only the waits for a reader go to timers.
    const scrub = logScrubber(conn);
    for (;;) {
      const step = scrub.attempt();
      if ('done' in step) return step.done;
      await new Promise((resolve) => setTimeout(resolve, step.wait));
    }
  }
  return checkpointThread(sqlite.name, 'TRUNCATE', Number(sqlite.pragma('busy_timeout', { simple: true })), SCRUB_ATTEMPTS);
}

/**
 * A file large enough (a province's years of rows) that copying the log into it and syncing it takes the disk's
 * time. A thread costs the laptop some 15 MB while it runs; a township's file, tens of MB, is checkpointed in place
 * in milliseconds.
 */
export const checkpointThreads = { fromBytes: 256 * 2 ** 20 };

function isLarge(file: string): boolean {
  try {
    return statSync(file).size >= checkpointThreads.fromBytes;
  } catch {
    return false;
  }
}

/**
 * Copies what the log holds into the file on a thread of its own, waiting for no one (PASSIVE), before a write that
 * must be short: the next write then starts the log afresh instead of being the commit that crosses SQLite's
 * automatic checkpoint size and copies a thousand pages into the file while the loop waits. Best effort.
 */
export async function checkpointOffLoop(conn: DbConnection): Promise<void> {
  const sqlite = conn.$client;
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return;
  if (!isLarge(sqlite.name)) {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
    return;
  }
  await checkpointThread(sqlite.name, 'PASSIVE', 0, 1).catch(() => undefined);
}

function checkpointThread(file: string, mode: 'PASSIVE' | 'TRUNCATE', busyTimeout: number, attempts: number): Promise<LogScrub> {
  return new Promise<LogScrub>((resolve, reject) => {
    // A thread that only runs one pragma: the smallest heap V8 allows, so it adds little to the laptop's memory.
    const worker = new Worker(CHECKPOINT_THREAD, {
      eval: true, workerData: { driver: DRIVER, file, mode, busyTimeout, attempts },
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16, codeRangeSizeMb: 2 },
    });
    let answered = false;
    worker.once('message', (scrub: LogScrub) => { answered = true; resolve(scrub); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (!answered) reject(new Error(`checkpoint thread stopped (${code})`)); });
  });
}

/** The driver the checkpoint thread loads: the one this process uses (resolved here, where its path is known). */
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/** The checkpoint thread: the same attempts as logScrubber, the waits between them blocking only this thread. */
const CHECKPOINT_THREAD = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = ' + w.busyTimeout);
  for (let attempt = 1; ; attempt++) {
    const last = db.pragma('wal_checkpoint(' + w.mode + ')')[0];
    const done = last.busy === 0 && last.log === last.checkpointed;
    if (done || attempt >= w.attempts) {
      parentPort.postMessage({ completed: done, attempts: attempt, busy: last.busy, log: last.log, checkpointed: last.checkpointed });
      break;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * attempt);
  }
} finally {
  db.close();
}
`;

/** One checkpoint attempt at a time: finished (completed or out of attempts), or how long to wait before the next. */
function logScrubber(conn: DbConnection): { attempt: () => { done: LogScrub } | { wait: number } } {
  const sqlite = conn.$client;
  let attempt = 0;
  return {
    attempt: () => {
      if (sqlite.inTransaction) throw new Error('scrubLog inside a transaction');
      if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return { done: { completed: true, attempts: 0, busy: 0, log: 0, checkpointed: 0 } };
      attempt++;
      const last = (sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[])[0]!;
      if (last.busy === 0 && last.log === last.checkpointed) return { done: { completed: true, attempts: attempt, ...last } };
      if (attempt >= SCRUB_ATTEMPTS) return { done: { completed: false, attempts: SCRUB_ATTEMPTS, ...last } };
      return { wait: 50 * attempt };
    },
  };
}

export const SCRUB_FAILED = '注意：数据库日志未能清空（有其他程序正在读取数据库）。请关闭备份或查看数据库的程序后，在本页点击“清空日志”重试。';

/**
 * Scrubs the log after a box was opened or destroyed and, when the checkpoint could not complete, records that in
 * the audit log (the caller also shows SCRUB_FAILED): a blocked checkpoint is never silently ignored.
 */
export function scrubAfterBox(conn: DbConnection, actor: Actor, target: { pollId: number; jurisdictionId: number }, now: Date): LogScrub {
  return recordedScrub(conn, actor, target, scrubLog(conn), now);
}

/** scrubAfterBox for a request (scrubLogOffLoop). */
export async function scrubAfterBoxOffLoop(conn: DbConnection, actor: Actor, target: { pollId: number; jurisdictionId: number }, now: Date): Promise<LogScrub> {
  return recordedScrub(conn, actor, target, await scrubLogOffLoop(conn), now);
}

function recordedScrub(conn: DbConnection, actor: Actor, target: { pollId: number; jurisdictionId: number }, scrub: LogScrub, now: Date): LogScrub {
  if (!scrub.completed) {
    recordAudit(conn, actor, {
      action: 'poll.box.scrubFailed', targetType: 'poll', targetId: target.pollId, jurisdictionId: target.jurisdictionId, after: scrub,
    }, now);
  }
  return scrub;
}
