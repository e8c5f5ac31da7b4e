import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { ballot, ballotBox, participation, sealedBallot } from '../../db/schema';
import { completeMarks, judgeBallotOf } from '../domain/ballot';
import { joinPacks, packBallots, packCoded, type CodedBallot } from '../domain/ballotPack';
import { encodeMarks } from '../domain/compactMarks';
import { readSlip } from '../domain/boxSlip';
import { ok, refuse, refuseAll, type Refusal, type Result } from '../domain/result';
import { ballotOpener, unwrapBoxKey, unwrapBoxKeyOffLoop } from '../domain/sealedBox';
import { combineShares, type Share } from '../domain/shamir';
import { recordAudit, type Actor } from './audit';
import { electronicVotes } from './ballots';
import { boxOf, checkpointOffLoop, isSealed, scrubAfterBox, scrubAfterBoxOffLoop, sealedBallotsOf, secureDeletes, shuffled, slipContext, type LogScrub } from './ballotBox';
import { paperBallotsOf } from './paper';
import { optionsOf, pollInSession, type Poll, type PollInSession } from './pollReads';
import { computeResult, storeResult, type StoredResult } from './results';

export type SlipField = 'slipA' | 'slipB';
export const SLIP_FIELDS: readonly SlipField[] = ['slipA', 'slipB'];

export interface Unsealed { ballots: number; counted: boolean; scrub: LogScrub }

/** Two slips read, checked and combined into the box code — or the refusal beside the field that is wrong. */
function boxCodeOf(slips: readonly string[], context: string): Result<{ code: Uint8Array; numbers: number[] }, SlipField | '_form'> {
  const errors: Partial<Record<SlipField, string>> = {};
  const shares: Share[] = [];
  SLIP_FIELDS.forEach((field, i) => {
    const r = readSlip(slips[i] ?? '', context);
    if (!r.ok) errors[field] = r.error;
    else shares.push(r.value);
  });
  if (Object.keys(errors).length) return refuseAll(errors) as Refusal<SlipField>;
  if (shares[0]!.x === shares[1]!.x) return refuse(`两次输入的都是纸条 ${shares[0]!.x}：请输入另一位监票人的纸条`, 'slipB');
  return ok({ code: combineShares(shares), numbers: shares.map((s) => s.x) });
}

/**
 * 开箱: after the poll is closed, two scrutineers' slips open the box. The ballots are decrypted in memory and
 * checked (each must be a complete ballot of this poll, as checked at the cast, and there must be exactly one per
 * electronic participation); then, in ONE durable transaction, they are written as anonymous ballot rows in random
 * order, the participation rows are rewritten in random order too, the sealed ballots and the wrapped key are
 * deleted (secure_delete), and — if the paper count is finished or there was none — the result is stored. The log
 * is then checkpointed and truncated; a checkpoint that cannot complete is recorded and returned.
 */
export function unsealPoll(conn: DbConnection, actor: Actor, p: Poll, slips: readonly string[], now: Date): Result<Unsealed, SlipField | '_form'> {
  const box = boxToOpen(conn, p, slips);
  if (!box.ok) return box;
  return unsealWith(conn, actor, p, box.value, unwrapBoxKey(box.value.wrappedKey, box.value.code, p.id), now);
}

/**
 * unsealPoll for a request: the slow derivation of the box code's key runs on the thread pool and the ballots are
 * decrypted a few at a time between turns of the event loop, so the loop is held for one turn's batch and the one
 * write (a township's ballots: milliseconds), never for the whole opening.
 */
export async function unsealPollOffLoop(conn: DbConnection, actor: Actor, p: Poll, slips: readonly string[], now: Date): Promise<Result<Unsealed, SlipField | '_form'>> {
  const box = boxToOpen(conn, p, slips);
  if (!box.ok) return box;
  // First the log is copied into the file on another thread: the opening's write then starts a fresh log rather than
  // being the commit that triggers SQLite's automatic checkpoint on the loop. Then the key is derived: one after
  // the other, so the laptop never holds the checkpoint thread and the derivation's 19 MiB at once.
  await checkpointOffLoop(conn);
  const privateKey = await unwrapBoxKeyOffLoop(box.value.wrappedKey, box.value.code, p.id);
  return unsealInTurns(conn, actor, p, box.value, privateKey, now);
}

interface BoxToOpen { wrappedKey: Uint8Array; code: Uint8Array; numbers: number[] }

/** The poll is closed with its box still sealed, and the slips combine into a code: what opening needs. */
function boxToOpen(conn: DbConnection, p: Poll, slips: readonly string[]): Result<BoxToOpen, SlipField | '_form'> {
  const found = pollInSession(conn, p.id);
  if (!found) return refuse('表决不存在');
  const box = boxOf(conn, p.id);
  if (found.poll.state !== 'closed') return refuse('表决结束后才能开箱', '_form', 409);
  if (!box) return refuse('本轮表决没有密封票箱', '_form', 409);
  if (!isSealed(box) || !box.wrappedKey) return refuse('票箱已经打开', '_form', 409);
  const read = boxCodeOf(slips, slipContext(box));
  if (!read.ok) return read;
  return ok({ wrappedKey: box.wrappedKey, ...read.value });
}

/** Decrypts, checks and writes the ballots with the unwrapped key (null: the slips' code is not this box's). */
function unsealWith(conn: DbConnection, actor: Actor, p: Poll, opening: BoxToOpen, privateKey: Buffer | null, now: Date): Result<Unsealed, SlipField | '_form'> {
  const box = startOpening(conn, p, opening, privateKey);
  if (!box.ok) return box;
  openSome(box.value, box.value.sealed.length);
  const write = prepareWrite(conn, p, box.value, now);
  if (!write.ok) return write;
  const done = writeOpening(conn, actor, p, opening, box.value, write.value, now);
  if (!done.ok) return done;
  return ok({ ...done.value, scrub: scrubAfterBox(conn, actor, { pollId: p.id, jurisdictionId: box.value.jurisdictionId }, now) });
}

/**
 * How long one turn of the event loop decrypts ballots when a request opens the box, then lets others in: a time,
 * not a count, so a busy machine (each ballot slower) holds the loop no longer.
 */
const MS_PER_TURN = 5;

/** Decrypts ballots one at a time until the turn's time is used (at least one). */
function openForATurn(o: Opening): void {
  const until = performance.now() + MS_PER_TURN;
  do openSome(o, 1); while (o.next < o.sealed.length && performance.now() < until);
}

async function unsealInTurns(conn: DbConnection, actor: Actor, p: Poll, opening: BoxToOpen, privateKey: Buffer | null, now: Date): Promise<Result<Unsealed, SlipField | '_form'>> {
  const box = startOpening(conn, p, opening, privateKey);
  if (!box.ok) return box;
  while (box.value.next < box.value.sealed.length) {
    openForATurn(box.value);
    await nextTurn();
  }
  // The count and the write each hold the loop once, never both together.
  const write = prepareWrite(conn, p, box.value, now);
  if (!write.ok) return write;
  await nextTurn();
  const done = writeOpening(conn, actor, p, opening, box.value, write.value, now);
  if (!done.ok) return done;
  // The log is scrubbed before the answer goes out, on a thread of its own (the loop keeps answering), and the page
  // still reports how the scrub went.
  await nextTurn();
  return ok({ ...done.value, scrub: await scrubAfterBoxOffLoop(conn, actor, { pollId: p.id, jurisdictionId: box.value.jurisdictionId }, now) });
}

const nextTurn = () => new Promise((r) => setImmediate(r));

/**
 * An opening under way: the ballots decrypted, checked and judged so far, and a random key for each (the rows'
 * keys are random whenever they are made; the page each will go to is read meanwhile, so the one write finds it
 * in memory instead of reading it from a large file while the loop waits).
 */
interface Opening {
  fresh: Poll; jurisdictionId: number; optionIds: number[]; sealed: Uint8Array[]; open: (sealed: Uint8Array) => string;
  next: number; opened: CodedBallot[]; ids: string[]; unreadable: number; warm: (id: string) => void;
}

function startOpening(conn: DbConnection, p: Poll, opening: BoxToOpen, privateKey: Buffer | null): Result<Opening, '_form'> {
  opening.code.fill(0);
  if (!privateKey) return refuse('两张纸条合不成本轮表决的开箱码：请核对纸条上的每个字符，或换一张纸条', '_form');
  try {
    const found = pollInSession(conn, p.id);
    const box = boxOf(conn, p.id);
    // Read again: another request may have opened the box while the key was being derived.
    if (!found || found.poll.state !== 'closed' || !isSealed(box)) return refuse('票箱已经打开', '_form', 409);
    return ok({
      fresh: found.poll, jurisdictionId: found.session.jurisdictionId, optionIds: optionsOf(conn, p.id).map((o) => o.id), sealed: sealedBallotsOf(conn, p.id),
      open: ballotOpener(privateKey, box.publicKey, p.id), next: 0, opened: [], ids: [], unreadable: 0,
      warm: warmer(conn, p.id),
    });
  } finally {
    privateKey.fill(0); // the opener holds its own imported copy, gone with it
  }
}

function openSome(o: Opening, count: number): void {
  const end = Math.min(o.sealed.length, o.next + count);
  for (; o.next < end; o.next++) {
    try {
      const marks = completeMarks(o.fresh.kind, o.optionIds, JSON.parse(o.open(o.sealed[o.next]!)) as Record<string, unknown>, false, o.fresh.ballotForm);
      if (!marks.ok) {
        o.unreadable++;
        continue;
      }
      const judged = judgeBallotOf(o.fresh.kind, o.fresh.ballotForm, marks.value, o.fresh.seatsToFill);
      o.opened.push({ code: encodeMarks(o.optionIds, marks.value), valid: judged.valid, invalidReason: judged.valid ? '' : judged.reason });
      const id = randomBytes(16).toString('hex');
      o.ids.push(id);
      o.warm(id);
    } catch {
      o.unreadable++;
    }
  }
}

/**
 * What the one write of the opening will store, made before it: the ballots in an order no one chose with their
 * rows, and — when the paper count is finished or there was none — the result, counted from them. The poll is
 * closed and its box sealed, so nothing this reads can change before the write, which checks that again; the
 * loop is then held only for the write itself.
 */
interface OpeningWrite { ballots: CodedBallot[]; rows: (typeof ballot.$inferInsert)[]; result: StoredResult | null }

function prepareWrite(conn: DbConnection, p: Poll, o: Opening, now: Date): Result<OpeningWrite, SlipField | '_form'> {
  const { opened, unreadable } = o;
  if (unreadable > 0) return refuse(`票箱中有 ${unreadable} 张电子选票无法解密或内容不完整，未开箱。请保留现场并联系技术人员。`, '_form', 409);
  const voters = electronicVotes(conn, p.id);
  if (opened.length !== voters) return refuse(`票箱中的电子选票（${opened.length} 张）与电子投票人数（${voters} 人）不符，未开箱。`, '_form', 409);
  // Written in an order no one chose: the page layout then says nothing about who cast when.
  // Judged as decrypted, under the rule the poll was closed with (it cannot change once closed).
  const written = shuffled(opened);
  const rows = written.map((b, i) => ({ id: o.ids[i]!, pollId: p.id, marks: b.code, valid: b.valid, invalidReason: b.invalidReason }));
  const found = pollInSession(conn, p.id)!;
  return ok({ ballots: written, rows, result: paperDone(found.poll, boxOf(conn, p.id)) ? countOpened(conn, found, o.optionIds, written, now) : null });
}

/** Whether the poll's count is complete once its box is opened: no paper ballots, or the tellers' count finished. */
function paperDone(closed: Poll, box: { paperCountedAt: Date | null } | undefined): boolean {
  return closed.paperBallotsIssued === 0 || box?.paperCountedAt != null;
}

/**
 * The ballots just opened and the tellers' reconciled paper ballots are all the poll has: counted as they are, in
 * compact form, not read back from the anonymous table they are being written to.
 */
function countOpened(db: Db, found: PollInSession, optionIds: readonly number[], written: readonly CodedBallot[], now: Date): StoredResult {
  const opened = packCoded(optionIds.length, written);
  const counted = found.poll.paperBallotsIssued === 0 ? opened : joinPacks(opened, packBallots(optionIds, paperBallotsOf(db, found.poll.id)));
  return computeResult(db, found, now, counted);
}

/** The one durable write of the opening (the log is scrubbed by the caller). */
function writeOpening(conn: DbConnection, actor: Actor, p: Poll, opening: BoxToOpen, o: Opening, w: OpeningWrite, now: Date): Result<Omit<Unsealed, 'scrub'>, SlipField | '_form'> {
  secureDeletes(conn);
  return durably(conn, () => conn.transaction((tx): Result<Omit<Unsealed, 'scrub'>, '_form'> => {
    const found = pollInSession(tx, p.id)!;
    const { poll: closed, session: s } = found;
    const current = boxOf(tx, p.id);
    // Read once more inside the write: another pair of scrutineers may have opened the box, or the poll been voided,
    // while this opening decrypted. Each is said as it is.
    if (closed.state !== 'closed') return refuse('本轮表决已作废', '_form', 409);
    if (!isSealed(current)) return refuse('票箱已经打开', '_form', 409);
    // Rows go in as multi-row inserts, chunk by chunk in the shuffled order: the same rows in the same order as
    // one insert each, in a fraction of the time the loop is held.
    for (const rows of chunks(w.rows)) tx.insert(ballot).values(rows).run();
    const voted = tx.delete(participation).where(eq(participation.pollId, p.id)).returning().all();
    for (const rows of chunks(shuffled(voted))) tx.insert(participation).values(rows).run();
    tx.delete(sealedBallot).where(eq(sealedBallot.pollId, p.id)).run();
    tx.update(ballotBox).set({ wrappedKey: null, openedAt: now }).where(eq(ballotBox.pollId, p.id)).run();
    recordAudit(tx, actor, {
      action: 'poll.unseal', targetType: 'poll', targetId: p.id, jurisdictionId: s.jurisdictionId,
      after: { electronicBallots: o.opened.length, slips: opening.numbers },
    }, now);
    const counted = paperDone(closed, current);
    // Counted beforehand; only a paper count finished since then is counted here.
    if (counted) storeResult(tx, w.result ?? countOpened(tx, found, o.optionIds, w.ballots, now), now);
    return ok({ ballots: o.opened.length, counted });
  }, { behavior: 'immediate' }));
}

/** A lookup of a new ballot's key: brings the page it will be written to into the cache (reads only). */
function warmer(conn: DbConnection, pollId: number): (id: string) => void {
  const find = conn.$client.prepare('select 1 from ballot where poll_id = ? and id = ?');
  return (id) => { find.get(pollId, id); };
}

/** Rows per multi-row insert: well under SQLite's limit on bound values for any of these tables. */
const ROWS_PER_INSERT = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(rows.slice(i, i + ROWS_PER_INSERT));
  return out;
}
