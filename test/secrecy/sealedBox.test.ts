import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { scrubAfterBox } from '../../src/data/ballotBox';
import { pollById } from '../../src/data/pollReads';
import { voidPoll } from '../../src/data/polls';
import { readSelectionResult } from '../../src/data/results';
import { unsealPoll } from '../../src/data/unseal';
import { encodeMarks, MARK_CODES } from '../../src/domain/compactMarks';
import { newBoxKeys, openBallot, unwrapBoxKey } from '../../src/domain/sealedBox';
import { cast, clerkActor, closeSealed, openedPoll, unseal, type PollCase } from '../helpers/pollCases';
import { inCastOrder } from '../helpers/castOrder';

/**
 * The forensic view: copies of the database file and its write-ahead log taken at chosen moments, read with no
 * app code — the raw bytes, and the copy opened as a plain SQLite file.
 */

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-box-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A copy of vote.db and vote.db-wal as a backup or a USB stick would take them, with its raw bytes. */
function copyFiles(path: string) {
  const dir = tempDir();
  const to = join(dir, 'copy.db');
  copyFileSync(path, to);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${to}-wal`);
  const raw = Buffer.concat([readFileSync(to), existsSync(`${to}-wal`) ? readFileSync(`${to}-wal`) : Buffer.alloc(0)]);
  const walBytes = existsSync(`${to}-wal`) ? statSync(`${to}-wal`).size : 0;
  return {
    raw, walBytes,
    /** The copy opened as SQLite (it replays the copied log). */
    query<T>(sql: string, ...args: unknown[]): T[] {
      const db = new Database(to);
      try { return db.prepare(sql).all(...args) as T[]; } finally { db.close(); }
    },
  };
}

const MARKS = ['for', 'against', 'abstain'] as const;
/** Voter i's ballot, unique per voter: the base-3 digits of i + 1 over the four candidates (N = 4: never over). */
const ballotOf = (i: number) => [0, 1, 2, 3].map((k) => MARKS[Math.floor((i + 1) / 3 ** k) % 3]!);
/** The ballot as it is sealed in plaintext: every option's mark, JSON. */
const plaintextOf = (t: PollCase, i: number) => JSON.stringify(Object.fromEntries(t.ids.map((id, k) => [id, ballotOf(i)[k]])));
/** The ballot as the anonymous table stores it once opened: compact, one character per option in position order. */
const storedOf = (t: PollCase, i: number) => encodeMarks(t.ids, Object.fromEntries(t.ids.map((id, k) => [id, ballotOf(i)[k]!])));

const VOTERS = 24;

async function pollWithBallots(): Promise<PollCase & { path: string; receipts: string[] }> {
  const path = join(tempDir(), 'vote.db');
  const t = await openedPoll({ reps: 30, logins: 0, candidates: 4, seatsToFill: 3, present: 30, db: openDb(path) });
  const receipts = Array.from({ length: VOTERS }, (_, i) => cast(t, i, ballotOf(i)));
  return { ...t, path, receipts };
}

const sealedRows = (c: ReturnType<typeof copyFiles>) => c.query<{ sealed: Buffer }>('select sealed from sealed_ballot');

describe('the sealed ballot box, seen from copies of the files', () => {
  it('mid-poll, after several ballots: ciphertext only, all of one length; neither a wrong key nor a guessed code opens it', async () => {
    const t = await pollWithBallots();
    const c = copyFiles(t.path);
    expect(c.walBytes).toBeGreaterThan(0); // the log is part of what is copied
    for (let i = 0; i < VOTERS; i++) expect(c.raw.includes(plaintextOf(t, i))).toBe(false);
    for (const m of MARKS) expect(c.raw.includes(`":"${m}"`)).toBe(false); // no marks JSON at all
    expect(c.query('select * from ballot')).toEqual([]);
    const sealed = sealedRows(c);
    expect(sealed).toHaveLength(VOTERS);
    expect(new Set(sealed.map((r) => r.sealed.length)).size).toBe(1); // the length says nothing about the marks
    // The participation rows are there (who voted), in key order, with no time and no ballot.
    expect(c.query<{ representative_id: number }>('select representative_id from participation').map((r) => r.representative_id))
      .toEqual(t.f.roster.slice(0, VOTERS).map((r) => r.id));
    // A wrong private key does not open a ballot; neither does a guessed box code unwrap the key.
    const [box] = c.query<{ public_key: Buffer; wrapped_key: Buffer }>('select public_key, wrapped_key from ballot_box');
    const wrong = newBoxKeys();
    for (const r of sealed.slice(0, 3)) {
      expect(() => openBallot(wrong.privateKey, box!.public_key, t.poll.id, r.sealed)).toThrow();
      expect(() => openBallot(wrong.privateKey, wrong.publicKey, t.poll.id, r.sealed)).toThrow();
    }
    expect(unwrapBoxKey(box!.wrapped_key, Buffer.alloc(11, 7), t.poll.id)).toBeNull();
    t.f.db.$client.close();
  });

  it('after a void of the open poll: key and ciphertexts are gone from the file and the log, overwritten, not just unlinked', async () => {
    const t = await pollWithBallots();
    const before = copyFiles(t.path);
    const sealed = sealedRows(before).map((r) => r.sealed);
    const [{ wrapped_key: wrapped }] = before.query<{ wrapped_key: Buffer }>('select wrapped_key from ballot_box') as [{ wrapped_key: Buffer }];
    const voided = voidPoll(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, '候选项目名称印错，重新表决', new Date());
    expect(voided.ok && voided.value.scrub?.completed).toBe(true);
    const after = copyFiles(t.path);
    expect(after.walBytes).toBe(0);
    expect(after.query('select * from sealed_ballot')).toEqual([]);
    expect(after.query('select * from ballot_box')).toEqual([]);
    for (const s of sealed) expect(after.raw.includes(s.subarray(0, 48))).toBe(false);
    expect(after.raw.includes(wrapped.subarray(0, 48))).toBe(false);
    for (let i = 0; i < VOTERS; i++) expect(after.raw.includes(plaintextOf(t, i))).toBe(false);
    t.f.db.$client.close();
  });

  it('closed but not yet opened: still ciphertext only, and no running tally anywhere', async () => {
    const t = await pollWithBallots();
    closeSealed(t);
    const c = copyFiles(t.path);
    for (let i = 0; i < VOTERS; i++) expect(c.raw.includes(plaintextOf(t, i))).toBe(false);
    expect(c.query('select * from poll_result')).toEqual([]);
    expect(readSelectionResult(t.f.db, t.poll.id)).toBeNull();
    t.f.db.$client.close();
  });

  it('after close and 开箱: the ballots counted, ciphertexts and key destroyed, no insertion order left', async () => {
    const t = await pollWithBallots();
    const mid = copyFiles(t.path);
    const sealed = sealedRows(mid).map((r) => r.sealed);
    const [{ wrapped_key: wrapped }] = mid.query<{ wrapped_key: Buffer }>('select wrapped_key from ballot_box') as [{ wrapped_key: Buffer }];
    closeSealed(t);
    const opened = unseal(t, [1, 2]);
    expect(opened).toMatchObject({ ballots: VOTERS, counted: true, scrub: { completed: true } });
    const c = copyFiles(t.path);
    expect(c.walBytes).toBe(0);
    expect(c.query('select * from sealed_ballot')).toEqual([]);
    expect(c.query('select wrapped_key from ballot_box')).toEqual([{ wrapped_key: null }]);
    for (const s of sealed) expect(c.raw.includes(s.subarray(0, 48))).toBe(false);
    expect(c.raw.includes(wrapped.subarray(0, 48))).toBe(false);

    // Every ballot is there, as plaintext now, and the count equals participation.
    const castOrder = Array.from({ length: VOTERS }, (_, i) => storedOf(t, i));
    const rows = c.query<{ marks: string }>('select marks from ballot').map((r) => r.marks);
    expect([...rows].sort()).toEqual([...castOrder].sort());
    const result = readSelectionResult(t.f.db, t.poll.id)!;
    expect(result.ballots.returned).toBe(VOTERS);
    expect(result.tally.rows.map((r) => r.for).reduce((a, b) => a + b)).toBe(castOrder.join().split(MARK_CODES.for).length - 1);

    // No order survives: neither the ballots' order in a query or in the file's bytes, nor the participation rows'.
    const fileOrder = (needles: string[]) => [...needles].sort((a, b) => c.raw.indexOf(a) - c.raw.indexOf(b));
    expect(inCastOrder(castOrder, rows)).toBeGreaterThan(0.2);
    expect(inCastOrder(castOrder, rows)).toBeLessThan(0.8);
    expect(inCastOrder(castOrder, fileOrder(castOrder))).toBeGreaterThan(0.2);
    expect(inCastOrder(castOrder, fileOrder(castOrder))).toBeLessThan(0.8);
    expect(c.query<{ representative_id: number }>('select representative_id from participation').map((r) => r.representative_id))
      .toEqual(t.f.roster.slice(0, VOTERS).map((r) => r.id)); // key order, not cast order
    expect(inCastOrder(t.receipts, fileOrder(t.receipts))).toBeGreaterThan(0.2);
    expect(inCastOrder(t.receipts, fileOrder(t.receipts))).toBeLessThan(0.8);
    t.f.db.$client.close();
  });
});

describe('a checkpoint a reader blocks is never ignored', () => {
  it('开箱 with a backup reading the file: the log scrub is retried, reported and recorded; a retry later completes it', async () => {
    const t = await pollWithBallots();
    closeSealed(t);
    t.f.db.$client.pragma('busy_timeout = 0'); // the reader below would otherwise be waited for, seconds per attempt
    const reader = new Database(t.path);
    reader.prepare('BEGIN').run();
    reader.prepare('select count(*) from poll').get(); // a read snapshot: the log cannot be reset under it
    const opened = unseal(t, [0, 2]);
    expect(opened.scrub).toMatchObject({ completed: false, attempts: 4 });
    const recorded = t.f.db.$client.prepare("select after from audit_log where action = 'poll.box.scrubFailed'").all() as { after: string }[];
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!.after)).toMatchObject({ completed: false });
    reader.prepare('COMMIT').run();
    reader.close();
    const retried = scrubAfterBox(t.f.db, clerkActor(t.f), { pollId: t.poll.id, jurisdictionId: t.f.qs.id }, new Date());
    expect(retried.completed).toBe(true);
    expect(statSync(`${t.path}-wal`).size).toBe(0);
    t.f.db.$client.close();
  });
});

describe('the slips at 开箱', () => {
  async function closedPoll() {
    const t = await openedPoll({ reps: 3, logins: 0, candidates: 2, seatsToFill: 1, present: 3 });
    cast(t, 0, ['for', 'against']);
    cast(t, 1, ['against', 'for']);
    cast(t, 2, ['for', 'abstain']);
    closeSealed(t);
    return t;
  }
  const open = (t: PollCase, slips: string[]) => unsealPoll(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, slips, new Date());

  it.each([[0, 1], [0, 2], [1, 2], [2, 0]])('slips %i and %i open the box and count it', async (i, j) => {
    const t = await closedPoll();
    expect(t.slips).toHaveLength(3);
    const r = open(t, [t.slips[i]!, t.slips[j]!]);
    expect(r).toMatchObject({ ok: true, value: { ballots: 3, counted: true } });
    expect(readSelectionResult(t.f.db, t.poll.id)!.tally.rows.map((row) => row.for)).toEqual([2, 1]);
  });

  it('one slip does not: alone, or typed twice', async () => {
    const t = await closedPoll();
    expect(open(t, [t.slips[0]!, ''])).toMatchObject({ ok: false, field: 'slipB', error: '请输入纸条上的开箱码' });
    expect(open(t, ['', t.slips[2]!])).toMatchObject({ ok: false, field: 'slipA' });
    expect(open(t, [t.slips[1]!, t.slips[1]!.toLowerCase()])).toMatchObject({ ok: false, field: 'slipB', error: expect.stringContaining('都是纸条 2') });
    expect(readSelectionResult(t.f.db, t.poll.id)).toBeNull();
  });

  it("a mistyped slip is refused beside its field; another poll's slips do not open this box", async () => {
    const t = await closedPoll();
    const typo = t.slips[1]!.replace(/^(.{6})(.)/, (_, head: string, ch: string) => head + (ch === 'K' ? 'M' : 'K'));
    expect(open(t, [t.slips[0]!, typo])).toMatchObject({ ok: false, field: 'slipB', error: expect.stringContaining('校验不符') });
    const other = await closedPoll();
    const r = open(t, [other.slips[0]!, other.slips[1]!]);
    expect(r.ok).toBe(false);
    expect(readSelectionResult(t.f.db, t.poll.id)).toBeNull();
    // Refusals change nothing: the right slips still open it.
    expect(open(t, [t.slips[2]!, t.slips[0]!]).ok).toBe(true);
    expect(open(t, [t.slips[2]!, t.slips[0]!])).toMatchObject({ ok: false, error: '票箱已经打开' });
  });

  it('the box cannot be opened while the poll is open', async () => {
    const t = await openedPoll({ reps: 3, logins: 0, candidates: 2, seatsToFill: 1, present: 3 });
    cast(t, 0, ['for', 'against']);
    expect(open(t, [t.slips[0]!, t.slips[1]!])).toMatchObject({ ok: false, error: '表决结束后才能开箱' });
  });
});
