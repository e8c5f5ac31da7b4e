import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { participation, sealedBallot } from '../../db/schema';
import { castInTurn } from '../../src/data/ballotBatch';
import type { CastOutcome } from '../../src/data/ballots';
import { optionsOf } from '../../src/data/pollReads';
import { marksIn, openedPoll, type PollCase } from '../helpers/pollCases';

/**
 * Group commit: the ballots of one turn of the event loop are one durable transaction, each in its own savepoint.
 * Counts, outcomes and rows only; nothing here is timed.
 */
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function fileCase(o: { reps: number; present: number }): Promise<PollCase & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-batch-'));
  dirs.push(dir);
  const path = join(dir, 'vote.db');
  const t = await openedPoll({ reps: o.reps, logins: 0, candidates: 4, seatsToFill: 3, present: o.present, db: openDb(path) });
  return { ...t, path };
}

/** roster[i]'s submission, joined to the current turn's batch. */
function submit(t: PollCase, i: number, marks: string[] = ['for', 'against', '', '']): Promise<CastOutcome> {
  return castInTurn(t.f.db, { poll: t.poll, options: optionsOf(t.f.db, t.poll.id), voter: t.f.roster[i]!, marks: marksIn(t.ids, marks) });
}

const rows = (t: PollCase) => ({
  participations: t.f.db.select().from(participation).all().length,
  sealed: t.f.db.select().from(sealedBallot).all().length,
});

describe('a burst of ballots in one turn: one transaction, each ballot once', () => {
  it('30 voters at once, 10 of them pressing twice: 30 stored, 10 refused with the first receipt, every answer after the commit', async () => {
    const t = await fileCase({ reps: 30, present: 30 });
    const reader = new Database(t.path, { readonly: true });
    const seenAtFirstAnswer: number[] = [];
    const submissions = [...Array.from({ length: 30 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => i * 3)];
    const outcomes = await Promise.all(submissions.map((i) => submit(t, i).then((o) => {
      // Another connection sees the whole batch by the time any voter gets an answer: answered after the commit.
      seenAtFirstAnswer.push((reader.prepare('select count(*) as n from participation').get() as { n: number }).n);
      return o;
    })));
    reader.close();
    expect(outcomes.filter((o) => o.ok)).toHaveLength(30);
    const again = outcomes.filter((o) => !o.ok && o.reason === 'already');
    expect(again).toHaveLength(10);
    expect(seenAtFirstAnswer.every((n) => n === 30)).toBe(true);
    expect(rows(t)).toEqual({ participations: 30, sealed: 30 });
    // A double tap is told the receipt of the ballot that was stored.
    for (let k = 0; k < 10; k++) {
      const first = outcomes[k * 3]!;
      const second = outcomes[30 + k]!;
      expect(first.ok && !second.ok && second.reason === 'already' && second.receipt === first.value.receipt).toBe(true);
    }
    t.f.db.$client.close();
  });

  it('a batch with a ballot over N, a voter not checked in and a ballot whose write fails: each refused alone, the rest stored', async () => {
    const t = await fileCase({ reps: 8, present: 7 });
    // The write of roster[5]'s participation fails as a full disk would; the others are unaffected.
    t.f.db.$client.exec(`create temp trigger failing_write before insert on participation when new.representative_id = ${t.f.roster[5]!.id}
      begin select raise(abort, 'disk I/O error'); end`);
    const outcomes = await Promise.all([
      submit(t, 0), submit(t, 1),
      submit(t, 2, ['for', 'for', 'for', 'for']), // four "for", N = 3
      submit(t, 3), submit(t, 4),
      submit(t, 5),
      submit(t, 7), // not checked in
    ]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['ok', 'ok', 'invalid', 'ok', 'ok', 'failed', 'notPresent']);
    expect(outcomes[5]).toMatchObject({ status: 503, error: '选票未能保存，请再提交一次' });
    expect(outcomes[6]).toMatchObject({ error: '请先签到，签到后才能投票' });
    expect(rows(t)).toEqual({ participations: 4, sealed: 4 });
    // Sent again once the disk is fine, the failed ballot is stored like any other.
    t.f.db.$client.exec('drop trigger failing_write');
    expect((await submit(t, 5)).ok).toBe(true);
    expect(rows(t)).toEqual({ participations: 5, sealed: 5 });
    t.f.db.$client.close();
  });

  it('a failure between the batch and its commit leaves no half batch: nothing stored, every voter told to send it again', async () => {
    const t = await fileCase({ reps: 6, present: 6 });
    // The batch's sealed ballots are written after its participation rows; failing there is failing at the last step.
    t.f.db.$client.exec("create temp trigger power_cut before insert on sealed_ballot begin select raise(abort, 'power cut'); end");
    const outcomes = await Promise.all([0, 1, 2, 3].map((i) => submit(t, i)));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(rows(t)).toEqual({ participations: 0, sealed: 0 });
    expect(t.f.db.$client.inTransaction).toBe(false);
    t.f.db.$client.exec('drop trigger power_cut');
    const retried = await Promise.all([0, 1, 2, 3].map((i) => submit(t, i)));
    expect(retried.every((o) => o.ok)).toBe(true);
    expect(rows(t)).toEqual({ participations: 4, sealed: 4 });
    t.f.db.$client.close();
  });

  it('ballots of different turns are different batches, each committed on its own', async () => {
    const t = await fileCase({ reps: 6, present: 6 });
    const first = submit(t, 0);
    await new Promise((r) => setImmediate(r));
    const second = submit(t, 1);
    const again = submit(t, 0);
    const [a, b, c] = await Promise.all([first, second, again]);
    expect([a.ok, b.ok, !c.ok && c.reason]).toEqual([true, true, 'already']);
    expect(rows(t)).toEqual({ participations: 2, sealed: 2 });
    t.f.db.$client.close();
  });
});
