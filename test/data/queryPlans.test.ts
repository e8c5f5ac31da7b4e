import { describe, expect, it } from 'vitest';
import type { DbConnection } from '../../db/client';
import { ballotsOf } from '../../src/data/ballots';
import { freshDb, get, login, testApp, userId } from '../helpers/app';
import { addProposal, seedCollection } from '../helpers/proposals';
import { pollResult } from '../../db/schema';
import { closureCertificate } from '../../src/data/closureCertificates';
import { finishPaperCountOffLoop } from '../../src/data/paper';
import { pollInSession } from '../../src/data/pollReads';
import { cast, clerkActor, closeSealed, enter, openedPoll, paperClosed, publishedSession, unseal } from '../helpers/pollCases';
import { readSelectionResult } from '../../src/data/results';
import { deliveryCase, ratingWindow, residentMessage, roadGroup, roadVisit, springReports } from '../helpers/deliveryCases';

/**
 * Tables that stay small whatever the scale, so a full scan of them costs nothing and an index would not pay:
 * - setting: one row per installation setting key.
 * - jurisdiction: a tree looked up by code; the scans here walk a district's handful of children (the province's
 *   /admin/users listing of every jurisdiction is its own matter, not a hot path).
 * - cycle: one row per jurisdiction per year.
 * - voting_procedure, ballot_box, closure_signature, poll_result, resolution: a few rows per session or poll.
 * Every other table grows with townships × years × reports, ballots or events and must be read through an index.
 */
const TINY = new Set(['setting', 'jurisdiction', 'cycle', 'voting_procedure', 'ballot_box', 'closure_signature', 'poll_result', 'resolution']);

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

/**
 * Whole-table reads that are known and named, each for its own reason (a statement starting with one of these):
 * - the administrator's count of logins for the user list's pages: one row per person with a login, a few
 *   hundred per township, counted from the username index.
 * - the user list's filter of staffed jurisdictions: read from role_assignment's covering index, a few rows per
 *   township, never the table.
 */
const NAMED_EXCEPTIONS = [
  'select count(*) from "user"',
  'select distinct "jurisdiction_id" from "role_assignment"',
];

/** One page of rows in id order, stopped at the page's end: a scan only by name. */
const ONE_PAGE = /order by "\w+"\."id" (?:asc|desc) limit \?(?: offset \?)?$/;

/**
 * Tables a statement reads by a full scan, other than the tiny ones (a recursive CTE's own queue is no table). A
 * full-text table is read through its index either way; it counts as a scan when it is matched without the row's
 * id (FTS5 index string without '='): then every match in every township and year is listed, not the cycle's.
 */
function largeScans(db: DbConnection, run: Run): string[] {
  const tables = new Set((db.$client.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  if (!/^\s*(select|with|update|delete|insert)/i.test(run.sql)) return [];
  if (NAMED_EXCEPTIONS.some((e) => run.sql.startsWith(e)) || ONE_PAGE.test(run.sql)) return [];
  const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...(run.params as never[])) as { detail: string }[];
  return plan.flatMap((row) => {
    const m = /^SCAN (\w+)(?: VIRTUAL TABLE INDEX \d+:(\S*))?/.exec(row.detail);
    if (!m || !tables.has(m[1]!) || TINY.has(m[1]!)) return [];
    if (m[2] !== undefined && m[2].includes('=')) return [];
    return [`${row.detail} in: ${run.sql}`];
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

  it('opening a sealed box of a poll without paper ballots counts the opened ballots without reading the ballot table back', async () => {
    const t = await openedPoll({ reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6 });
    for (let i = 0; i < 6; i++) cast(t, i, ['for', 'for', 'against']);
    closeSealed(t);
    const runs = await runsOf(t.f.db, () => unseal(t));
    expect(runs.filter((r) => /^\s*select\b.*\bfrom "ballot"/is.test(r.sql))).toEqual([]);
    expect(scansOf(t.f.db, runs)).toEqual([]);
    expect(readSelectionResult(t.f.db, t.poll.id)!.tally.rows.map((row) => row.for)).toEqual([6, 6, 0]);
  });

  it('the tellers\' count after the box was opened, and a certificate whose result lacks the blank count, read the poll\'s ballots by the table\'s key', async () => {
    const t = await paperClosed();
    for (const serial of ['1', '2']) {
      enter(t, 'clerk', serial, ['against', 'for', 'for']);
      enter(t, 'teller', serial, ['against', 'for', 'for']);
    }
    const runs = await runsOf(t.f.db, async () => {
      expect((await finishPaperCountOffLoop(t.f.db, clerkActor(t.f), t.poll, new Date())).ok).toBe(true);
      t.f.db.update(pollResult).set({ blankBallots: null }).run();
      expect(closureCertificate(t.f.db, pollInSession(t.f.db, t.poll.id)!)!.figures.blank).toBe(0);
    });
    expect(runs.filter((r) => /\bfrom "ballot"/i.test(r.sql)).length).toBeGreaterThan(0);
    expect(scansOf(t.f.db, runs)).toEqual([]);
    expect(readSelectionResult(t.f.db, t.poll.id)!.ballots).toMatchObject({ paperReturned: 2, returned: 6 });
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
      [`/j/QS/cycles/2027/proposals?q=${encodeURIComponent('道路硬化')}`, cookie],
      [`/j/QS/polls/${t.poll.id}/result`, cookie],
      ['/j/QS', cookie],
      ['/j/QS/cycles/2027', cookie],
      ['/j/QS/sessions', cookie],
      ['/j/QS/roster', cookie],
      ['/p/QS/stations', undefined],
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

  it('the delivery pages: project lists and pages, the dashboards of the township and the district, the public year', async () => {
    const c = await deliveryCase({ today: '2026-06-10' });
    springReports(c);
    roadVisit(c, roadGroup(c));
    ratingWindow(c, '2026-06-01', '2026-06-30');
    residentMessage(c, c.fx.road, { rating: 'satisfied', state: 'published' });
    const clerk = await c.as('qs.clerk');
    const admin = await c.as('admin');
    const pages = [
      ['/p/QS', undefined],
      ['/p/QS/2026', undefined],
      ['/p/QS/2026/projects', undefined],
      [`/p/QS/2026/projects/${c.fx.road}`, undefined],
      ['/j/QS/cycles/2026/projects', clerk],
      [`/j/QS/cycles/2026/projects/${c.fx.road}`, clerk],
      ['/j/QS/cycles/2026/dashboard', clerk],
      ['/j/YC/delivery/2026', admin],
      ['/audit', clerk],
      ['/audit', admin],
      ['/admin/users', admin],
      ['/admin/users?q=QS&role=clerk', admin],
      [`/admin/users/${userId(c.db, 'qs.clerk')}`, admin],
      ['/audit?j=QS&action=proposal&actor=QS', admin],
      ['/admin/jurisdictions', admin],
    ] as const;
    for (const [path, who] of pages) {
      const runs = await runsOf(c.db, async () => {
        expect((await get(c.app, path, who)).status, path).toBe(200);
      });
      expect(scansOf(c.db, runs), path).toEqual([]);
    }
  });

  it('a proposal\'s tracking page', async () => {
    const db = freshDb();
    const f = await seedCollection(db);
    const { receipt } = addProposal(db, f);
    const { app } = testApp(db);
    const runs = await runsOf(db, async () => {
      expect((await get(app, `/track/${receipt}`)).status).toBe(200);
    });
    expect(scansOf(db, runs)).toEqual([]);
  });
});
