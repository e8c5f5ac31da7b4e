import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { ballot, jurisdiction, participation, poll, pollOption, representative, sealedBallot, session, user } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { closePoll, createSelectionPoll, openPoll } from '../../src/data/polls';
import { readSelectionResult } from '../../src/data/results';
import { unsealPoll } from '../../src/data/unseal';
import { adoptProcedure } from '../../src/data/votingProcedure';
import { checkIn, transitionSession } from '../../src/data/sessions';
import { seedDemo } from '../../src/demo/seed';
import { PASSWORD } from '../helpers/app';

/**
 * The hall's laptop loses power in the middle of the vote: a real server process is killed with SIGKILL while
 * representatives' ballots are arriving. After a restart, every ballot a phone was told was accepted is there,
 * and the ballot box and the list of who voted still match one for one.
 */
const dir = mkdtempSync(join(tmpdir(), 'minsheng-crash-'));
const dbPath = join(dir, 'minsheng.db');
const port = 40_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;

function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', NO_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('listening')) { clearTimeout(timer); resolve(child); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}`)); });
  });
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ username, password: PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 during a vote', () => {
  it('loses no accepted ballot, and participation still equals ballots after a restart', async () => {
    // 石门镇 from the demo: open the session, check in 80 of 112, open the poll (as the clerk's pages would).
    const db = openDb(dbPath);
    seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now: new Date() });
    const sm = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'SM')).get()!;
    const clerkRow = db.select().from(user).where(eq(user.username, 'sm.clerk')).get()!;
    const clerk = { id: clerkRow.id, name: clerkRow.displayName };
    const planned = db.select().from(session).where(eq(session.jurisdictionId, sm.id)).get()!;
    const s = transitionSession(db, clerk, planned, 'open', new Date());
    if (!s.ok) throw new Error(s.error);
    const reps = db.select({ id: representative.id, username: user.username }).from(representative)
      .innerJoin(user, eq(user.id, representative.userId))
      .where(and(eq(representative.jurisdictionId, sm.id), eq(representative.body, 'congress'))).orderBy(representative.id).all();
    for (const r of reps.slice(0, 80)) checkIn(db, clerk, s.value, r.id, clerk.id, new Date());
    const p = createSelectionPoll(db, clerk, s.value, { title: '民生实事项目票决', secrecy: 'secret' }, new Date());
    if (!p.ok) throw new Error(p.error);
    const adopted = adoptProcedure(db, clerk, s.value, { for: 80, against: 0, abstain: 0 }, new Date());
    if (!adopted.ok) throw new Error(adopted.error);
    const opened = openPoll(db, clerk, p.value, new Date());
    if (!opened.ok) throw new Error(opened.error);
    const options = db.select().from(pollOption).where(eq(pollOption.pollId, p.value.id)).orderBy(pollOption.position).all();
    db.$client.close();

    server = await start();
    const voters = reps.slice(0, 40);
    const cookies = await Promise.all(voters.map((v) => login(v.username)));
    const marks = Object.fromEntries(options.map((o, i) => [`m${o.id}`, i < 3 ? 'for' : 'against']));

    // Every phone presses 确认投票 at once; the laptop dies once a dozen have been answered.
    const accepted: string[] = [];
    let answered = 0;
    const casts = voters.map(async (v, i) => {
      try {
        const res = await fetch(`${base}/j/SM/vote/${p.value.id}`, {
          method: 'POST', redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: cookies[i]! },
          body: new URLSearchParams(marks),
        });
        if (res.status === 303 && (res.headers.get('location') ?? '').endsWith('/receipt')) accepted.push(v.username);
        if (++answered === 12) server!.kill('SIGKILL');
      } catch {
        // The connection died with the server: this phone was never told its ballot was accepted.
      }
    });
    await Promise.all(casts);
    const dead = server;
    dead.kill('SIGKILL');
    if (dead.exitCode === null && dead.signalCode === null) await new Promise((r) => dead.once('exit', r));
    expect(accepted.length).toBeGreaterThanOrEqual(12);

    // Restart on the same files: the WAL is replayed; nothing the phones were told is missing.
    server = await start();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    server.kill('SIGKILL');
    const after = openDb(dbPath);
    const voted = after.select({ username: user.username }).from(participation)
      .innerJoin(representative, eq(representative.id, participation.representativeId))
      .innerJoin(user, eq(user.id, representative.userId))
      .where(eq(participation.pollId, p.value.id)).all().map((r) => r.username);
    // Every accepted ballot is there, sealed: ciphertext, one per participation, nothing readable yet.
    const sealed = after.select({ n: sql<number>`count(*)` }).from(sealedBallot).where(eq(sealedBallot.pollId, p.value.id)).get()!.n;
    expect(after.select().from(ballot).where(eq(ballot.pollId, p.value.id)).all()).toEqual([]);
    for (const u of accepted) expect(voted).toContain(u);
    expect(sealed).toBe(voted.length);

    // Closed and opened by two scrutineers' slips after the restart: the count equals participation.
    const fresh = after.select().from(poll).where(eq(poll.id, p.value.id)).get()!;
    const closed = closePoll(after, clerk, fresh, new Date());
    if (!closed.ok) throw new Error(closed.error);
    const unsealed = unsealPoll(after, clerk, closed.value, [opened.value.slips[2]!.text, opened.value.slips[0]!.text], new Date());
    expect(unsealed).toMatchObject({ ok: true, value: { ballots: voted.length, counted: true } });
    const ballots = after.select({ n: sql<number>`count(*)` }).from(ballot).where(eq(ballot.pollId, p.value.id)).get()!.n;
    expect(ballots).toBe(voted.length);
    expect(readSelectionResult(after, p.value.id)!.ballots.returned).toBe(voted.length);
    after.$client.close();
  });
});
