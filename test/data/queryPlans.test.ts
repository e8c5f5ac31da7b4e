import { describe, expect, it } from 'vitest';
import type { DbConnection } from '../../db/client';
import { ballotsOf } from '../../src/data/ballots';
import { get, login } from '../helpers/app';
import { cast, openedPoll, publishedSession } from '../helpers/pollCases';

/**
 * Tables that stay small whatever the scale, so a full scan of them costs nothing and an index would not pay:
 * - setting: one row per installation setting key.
 * - jurisdiction: a tree looked up by code; the scans here walk a district's handful of children (the province's
 *   /admin/users listing of every jurisdiction is its own matter, not a hot path).
 * - cycle: one row per jurisdiction per year.
 * - voting_procedure, ballot_box, closure_signature, poll_result, resolution: a few rows per session or poll.
 * - ballot: not tiny, but the secrecy design keeps it without any index (test/secrecy/unlinkability.test.ts), so
 *   reading one poll's ballots at 开箱 scans it; left to the sealed-box storage to settle.
 * Every other table grows with townships × years × reports, ballots or events and must be read through an index.
 */
const TINY = new Set(['setting', 'jurisdiction', 'cycle', 'voting_procedure', 'ballot_box', 'closure_signature', 'poll_result', 'resolution', 'ballot']);

interface Run { sql: string; params: unknown[] }

/** Records every statement run on the connection with the values it was run with, so its plan can be asked for. */
async function runsOf(db: DbConnection, fn: () => unknown): Promise<Run[]> {
  const client = db.$client;
  const original = client.prepare;
  const runs: Run[] = [];
  client.prepare = function (this: typeof client, source: string) {
    const stmt = original.call(this, source);
    for (const method of ['all', 'get', 'run', 'iterate', 'raw', 'values'] as const) {
      const m = (stmt as unknown as Record<string, unknown>)[method];
      if (typeof m !== 'function') continue;
      (stmt as unknown as Record<string, unknown>)[method] = function (this: unknown, ...params: unknown[]) {
        if (method !== 'raw') runs.push({ sql: source, params });
        return (m as (...a: unknown[]) => unknown).apply(this, params);
      };
    }
    return stmt;
  } as typeof client.prepare;
  try {
    await fn();
    return runs;
  } finally {
    client.prepare = original;
  }
}

/** Tables a statement reads by a full scan, other than the tiny ones (a recursive CTE's own queue is no table). */
function largeScans(db: DbConnection, run: Run): string[] {
  const tables = new Set((db.$client.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  if (!/^\s*(select|with|update|delete|insert)/i.test(run.sql)) return [];
  const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...(run.params as never[])) as { detail: string }[];
  return plan.flatMap((row) => {
    const m = /^SCAN (\w+)/.exec(row.detail);
    return m && tables.has(m[1]!) && !TINY.has(m[1]!) ? [`SCAN ${m[1]} in: ${run.sql}`] : [];
  });
}

function scansOf(db: DbConnection, runs: Run[]): string[] {
  return [...new Set(runs.flatMap((r) => largeScans(db, r)))];
}

describe('hot queries read large tables through an index (EXPLAIN QUERY PLAN)', () => {
  it('the ballot cast path and the poll\'s ballots read', async () => {
    const t = await openedPoll({ reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6 });
    const runs = await runsOf(t.f.db, () => {
      cast(t, 0, ['for', 'against', '']);
      ballotsOf(t.f.db, t.poll.id, 'secret');
    });
    expect(runs.length).toBeGreaterThan(0);
    expect(scansOf(t.f.db, runs)).toEqual([]);
  });

  it('the ballot page of a representative with a login (representative of a user)', async () => {
    const t = await openedPoll({ reps: 6, logins: 2, candidates: 3, seatsToFill: 2, present: 6 });
    const cookie = await login(t.f.app, 'qs.rep');
    const runs = await runsOf(t.f.db, async () => {
      expect((await get(t.f.app, '/j/QS/vote', cookie)).status).toBe(200);
      expect((await get(t.f.app, `/j/QS/vote/${t.poll.id}`, cookie)).status).toBe(200);
    });
    expect(scansOf(t.f.db, runs)).toEqual([]);
  });

  it('the candidate list, the intake list and search, the poll page, the portal and the results page', async () => {
    const t = await publishedSession();
    const cookie = await login(t.f.app, 'qs.clerk');
    const pages = [
      ['/j/QS/cycles/2027/candidates', cookie],
      ['/j/QS/cycles/2027/proposals', cookie],
      ['/j/QS/cycles/2027/proposals?q=%E9%81%93%E8%B7%AF', cookie],
      [`/j/QS/polls/${t.poll.id}`, cookie],
      ['/p/QS', undefined],
      ['/p/QS/2027', undefined],
      ['/p/QS/2027/results', undefined],
    ] as const;
    for (const [path, who] of pages) {
      const runs = await runsOf(t.f.db, async () => {
        expect((await get(t.f.app, path, who)).status, path).toBe(200);
      });
      expect(scansOf(t.f.db, runs), path).toEqual([]);
    }
  });
});
