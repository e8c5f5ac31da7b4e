import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { scrubAfterBoxOffLoop } from '../../src/data/ballotBox';
import { optionsOf, pollById } from '../../src/data/pollReads';
import { openPollOffLoop } from '../../src/data/polls';
import { readSelectionResult } from '../../src/data/results';
import { unsealPollOffLoop } from '../../src/data/unseal';
import { cast, clerkActor, closeSealed, draftPoll, valueOf, type PollCase } from '../helpers/pollCases';

/**
 * A box opened and 开箱 done the way a request does them: the slow key derivations on the thread pool, the log
 * scrubbed in a turn of its own. The other work of the hall runs meanwhile, and the file and its log are left as
 * bare of ciphertext as by the synchronous path.
 */

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const VOTERS = 5;

async function openedOffLoop(): Promise<PollCase & { path: string; answered: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-offloop-'));
  dirs.push(dir);
  const path = join(dir, 'vote.db');
  const t = await draftPoll({ reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6, db: openDb(path) });
  let answered = false;
  setImmediate(() => { answered = true; });
  const { slips, ...poll } = valueOf(await openPollOffLoop(t.f.db, clerkActor(t.f), t.poll, new Date()));
  return { ...t, poll, ids: optionsOf(t.f.db, poll.id).map((o) => o.id), slips: slips.map((s) => s.text), path, answered };
}

/** The file and its log as one would copy them, raw. */
function rawFiles(path: string) {
  const wal = existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0);
  return { raw: Buffer.concat([readFileSync(path), wal]), walBytes: existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0 };
}

describe('opening a secret poll from a request', () => {
  it('lets other work run while the box code key is derived, and hands out three slips that open the box', async () => {
    const t = await openedOffLoop();
    expect(t.answered).toBe(true);
    expect(t.poll.state).toBe('open');
    expect(t.slips).toHaveLength(3);
    const box = t.f.db.$client.prepare('select length(public_key) as pub, length(wrapped_key) as wrapped from ballot_box where poll_id = ?').get(t.poll.id);
    expect(box).toEqual({ pub: 32, wrapped: 77 });
    for (let i = 0; i < VOTERS; i++) cast(t, i, ['for', i < 3 ? 'for' : 'against', 'against']);
    closeSealed(t);
    const r = await unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, [t.slips[1]!, t.slips[2]!], new Date());
    expect(r.ok && r.value.ballots).toBe(VOTERS);
    expect(readSelectionResult(t.f.db, t.poll.id)!.tally.rows.map((row) => row.for)).toEqual([5, 3, 0]);
    t.f.db.$client.close();
  });

  it('a wrong slip still does not open a box made off the loop', async () => {
    const t = await openedOffLoop();
    closeSealed(t);
    const other = await openedOffLoop();
    const r = await unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, [other.slips[0]!, other.slips[1]!], new Date());
    expect(r.ok).toBe(false);
    t.f.db.$client.close();
    other.f.db.$client.close();
  });
});

describe('开箱 from a request: the log scrubbed in its own turn', () => {
  it('leaves no ciphertext and no wrapped key in the file or the log once it answers', async () => {
    const t = await openedOffLoop();
    for (let i = 0; i < VOTERS; i++) cast(t, i, ['for', 'for', 'against']);
    const sealed = (t.f.db.$client.prepare('select sealed from sealed_ballot').all() as { sealed: Buffer }[]).map((r) => r.sealed);
    const { wrapped_key: wrapped } = t.f.db.$client.prepare('select wrapped_key from ballot_box').get() as { wrapped_key: Buffer };
    expect(sealed).toHaveLength(VOTERS);
    expect(rawFiles(t.path).raw.includes(sealed[0]!.subarray(0, 48))).toBe(true); // what the check below looks for is findable
    closeSealed(t);
    const r = valueOf(await unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, [t.slips[0]!, t.slips[2]!], new Date()));
    expect(r.scrub).toMatchObject({ completed: true });
    const after = rawFiles(t.path);
    expect(after.walBytes).toBe(0);
    for (const s of sealed) expect(after.raw.includes(s.subarray(0, 48))).toBe(false);
    expect(after.raw.includes(wrapped.subarray(0, 48))).toBe(false);
    t.f.db.$client.close();
  });

  it('a reader holding the log up: the failure is recorded, retries wait on timers, and a retry after it completes', async () => {
    const t = await openedOffLoop();
    for (let i = 0; i < VOTERS; i++) cast(t, i, ['for', 'for', 'against']);
    closeSealed(t);
    t.f.db.$client.pragma('busy_timeout = 0');
    const reader = new Database(t.path);
    reader.prepare('BEGIN').run();
    reader.prepare('select count(*) from poll').get();
    const r = valueOf(await unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, [t.slips[0]!, t.slips[1]!], new Date()));
    expect(r.scrub).toMatchObject({ completed: false, attempts: 4 });
    expect(t.f.db.$client.prepare("select count(*) as n from audit_log where action = 'poll.box.scrubFailed'").get()).toEqual({ n: 1 });
    // A retry while the reader still holds it: other work runs between the attempts, which wait on timers.
    let answered = false;
    setImmediate(() => { answered = true; });
    const retried = await scrubAfterBoxOffLoop(t.f.db, clerkActor(t.f), { pollId: t.poll.id, jurisdictionId: t.f.qs.id }, new Date());
    expect(retried.completed).toBe(false);
    expect(answered).toBe(true);
    reader.prepare('COMMIT').run();
    reader.close();
    expect((await scrubAfterBoxOffLoop(t.f.db, clerkActor(t.f), { pollId: t.poll.id, jurisdictionId: t.f.qs.id }, new Date())).completed).toBe(true);
    expect(rawFiles(t.path).walBytes).toBe(0);
    t.f.db.$client.close();
  });
});
