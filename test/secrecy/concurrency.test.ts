import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { participation, sealedBallot } from '../../db/schema';
import type { CastOutcome } from '../../src/data/ballots';
import { openPoll, createSelectionPoll } from '../../src/data/polls';
import { post } from '../helpers/app';
import { adoptFor, marksFor, openSession, optionIds, votingFixture, type VotingFixture } from '../helpers/votingFixture';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function openedPoll(f: VotingFixture, present: number) {
  const s = openSession(f, present);
  const actor = { id: f.users.qsClerk.id, name: f.users.qsClerk.displayName };
  const created = createSelectionPoll(f.db, actor, s, { title: '票决', secrecy: 'secret' }, new Date());
  if (!created.ok) throw new Error(created.error);
  adoptFor(f, s);
  const opened = openPoll(f.db, actor, created.value, new Date());
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

describe('one ballot per representative per poll, under simultaneous submissions', () => {
  it('20 simultaneous submissions by the same representative through the app: exactly one accepted', async () => {
    const f = await votingFixture({ reps: 3, logins: 1 });
    const p = openedPoll(f, 3);
    const cookie = await f.login('qs.rep');
    const ids = optionIds(f, p.id);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post(f.app, `/j/QS/vote/${p.id}`, marksFor(ids, [i % 2 ? 'for' : 'against', 'for']), cookie)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const refused = await responses.find((r) => r.status === 409)!.text();
    expect(refused).toContain('您已经投过票了');
    expect(f.db.select().from(participation).all()).toHaveLength(1);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(1);
  });

  it('8 threads with their own connections to one database file race for the same representative: exactly one wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-race-'));
    dirs.push(dir);
    const path = join(dir, 'race.db');
    const f = await votingFixture({ reps: 3, logins: 0, db: openDb(path) });
    const p = openedPoll(f, 3);
    const fields = marksFor(optionIds(f, p.id), ['for', 'for']);
    const gate = new SharedArrayBuffer(8);
    const flags = new Int32Array(gate);
    const n = 8;
    const boot = new URL('../helpers/castWorker.boot.mjs', import.meta.url);
    const entry = new URL('../helpers/castWorker.ts', import.meta.url).href;
    const workers = Array.from({ length: n }, () =>
      new Worker(boot, { workerData: { entry, path, pollId: p.id, representativeId: f.roster[0]!.id, fields, gate } }));
    const results = workers.map((w) => new Promise<CastOutcome>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); }));
    while (Atomics.load(flags, 1) < n) await new Promise((r) => setTimeout(r, 10));
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    const outcomes = await Promise.all(results);
    await Promise.all(workers.map((w) => w.terminate()));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'already')).toHaveLength(n - 1);
    expect(f.db.select().from(participation).all()).toHaveLength(1);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(1);
    f.db.$client.close();
  });

  it('different representatives voting at once are all accepted, each once', async () => {
    const f = await votingFixture({ reps: 10, logins: 10 });
    const p = openedPoll(f, 10);
    const cookies = await Promise.all(Array.from({ length: 10 }, (_, i) => f.login(f.usernameOf(i))));
    const ids = optionIds(f, p.id);
    const responses = await Promise.all(cookies.flatMap((c) => [0, 1, 2].map(() => post(f.app, `/j/QS/vote/${p.id}`, marksFor(ids, ['for']), c))));
    expect(responses.filter((r) => r.status === 303)).toHaveLength(10);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(20);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(10);
  });
});
