import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { castInTurn } from '../../src/data/ballotBatch';
import { boxOf, slipContext } from '../../src/data/ballotBox';
import { optionsOf } from '../../src/data/pollReads';
import { readSlip } from '../../src/domain/boxSlip';
import { openBallot, unwrapBoxKey } from '../../src/domain/sealedBox';
import { combineShares } from '../../src/domain/shamir';
import { inCastOrder } from '../helpers/castOrder';
import { marksIn, openedPoll, type PollCase } from '../helpers/pollCases';
import { executionsOf } from '../helpers/statements';

/**
 * Group commit writes many voters' participation rows and sealed ballots in one transaction. Nothing in how they
 * are written may pair a ballot with its voter: not the order of the writes, not where the bytes land in the file.
 */
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const MARKS = ['for', 'against', 'abstain'] as const;
/** Voter i's ballot, unique per voter: the base-3 digits of i + 1 over the four candidates. */
const ballotOf = (i: number) => [0, 1, 2, 3].map((k) => MARKS[Math.floor((i + 1) / 3 ** k) % 3]!);
const VOTERS = 24;

/** What a sealed ballot says, with the box code from two slips: as the count at 开箱 reads it. */
function opener(t: PollCase) {
  const box = boxOf(t.f.db, t.poll.id)!;
  const shares = t.slips.slice(0, 2).map((s) => {
    const r = readSlip(s, slipContext(box));
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
  const key = unwrapBoxKey(box.wrappedKey!, combineShares(shares), t.poll.id)!;
  return (sealed: Uint8Array) => openBallot(key, box.publicKey, t.poll.id, sealed);
}

describe('a batch of ballots is written in no order that links a ballot to its voter', () => {
  it('every participation row before any sealed ballot, the sealed ballots in an order no one chose, in the writes and in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-batch-order-'));
    dirs.push(dir);
    const path = join(dir, 'vote.db');
    const t = await openedPoll({ reps: 30, logins: 0, candidates: 4, seatsToFill: 3, present: 30, db: openDb(path) });
    const options = optionsOf(t.f.db, t.poll.id);
    const plaintextOf = (i: number) => JSON.stringify(Object.fromEntries(t.ids.map((id, k) => [id, ballotOf(i)[k]])));
    const castOrder = Array.from({ length: VOTERS }, (_, i) => plaintextOf(i));

    const { result: outcomes, executions } = await executionsOf(t.f.db, () => Promise.all(Array.from({ length: VOTERS }, (_, i) =>
      castInTurn(t.f.db, { poll: t.poll, options, voter: t.f.roster[i]!, marks: marksIn(t.ids, ballotOf(i)) }))));
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const writes = executions.filter((e) => /^insert/i.test(e.source));
    const table = (e: { source: string }) => /insert into "(\w+)"/i.exec(e.source)![1];
    expect(writes.map(table)).toEqual([...Array(VOTERS).fill('participation'), ...Array(VOTERS).fill('sealed_ballot')]);

    // The order the sealed ballots were written in, read back by opening each one.
    const open = opener(t);
    const written = writes.filter((e) => table(e) === 'sealed_ballot')
      .map((e) => open(e.params.flat().find((p): p is Buffer => Buffer.isBuffer(p))!));
    expect([...written].sort()).toEqual([...castOrder].sort());
    expect(inCastOrder(castOrder, written)).toBeGreaterThan(0.2);
    expect(inCastOrder(castOrder, written)).toBeLessThan(0.8);

    // Where each sealed ballot's bytes sit in a copy of the files (database and log) says nothing of the cast order either.
    copyFileSync(path, join(dir, 'copy.db'));
    copyFileSync(`${path}-wal`, join(dir, 'copy.db-wal'));
    const raw = Buffer.concat([readFileSync(join(dir, 'copy.db')), readFileSync(join(dir, 'copy.db-wal'))]);
    const sealedOf = new Map(writes.filter((e) => table(e) === 'sealed_ballot').map((e) => {
      const sealed = e.params.flat().find((p): p is Buffer => Buffer.isBuffer(p))!;
      return [open(sealed), sealed] as const;
    }));
    const inFile = [...castOrder].sort((a, b) => raw.indexOf(sealedOf.get(a)!) - raw.indexOf(sealedOf.get(b)!));
    expect(castOrder.every((p) => raw.indexOf(sealedOf.get(p)!) >= 0)).toBe(true);
    expect(inCastOrder(castOrder, inFile)).toBeGreaterThan(0.2);
    expect(inCastOrder(castOrder, inFile)).toBeLessThan(0.8);
    t.f.db.$client.close();
  });
});
