/**
 * npm run bench:load [-- --voters=112 --readers=200 --seconds=30]   (or BENCH_VOTERS, BENCH_READERS, BENCH_SECONDS)
 *
 * The session's laptop under the hall's real mix: the server (its own process, a fresh temporary database) with a
 * township whose congress session is open and whose poll is open, while a separate client process runs N voters
 * (log in, check in, open the ballot, cast once) and M anonymous residents reading the public portal, together,
 * for about 30 s, each on its own keep-alive connection like a phone. A ceiling client asks /healthz in the same
 * run, so the numbers say how far each group is from what the server does with no work at all.
 * Prints per group p50/p99, throughput, and the slowest client's total wait; checks ballots = participation.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../db/client';
import { candidate, cycle, jurisdiction, representative, roleAssignment, user } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { submitProposal } from '../../src/data/proposals';
import { staffProposalSchema } from '../../src/domain/proposalInput';
import { benchRun } from './run';

const opt = (name: string, env: string, dflt: number, max: number) => {
  const v = Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[env] ?? dflt);
  return Math.min(max, Math.max(1, Number.isFinite(v) ? v : dflt));
};
const VOTERS = opt('voters', 'BENCH_VOTERS', 112, 2000);
const READERS = opt('readers', 'BENCH_READERS', 200, 2000);
const SECONDS = opt('seconds', 'BENCH_SECONDS', 30, 300);
const PASSWORD = 'bench-pass-2027';
const TOWN = 'BT';
const YEAR = 2027;
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

let server: ChildProcess | undefined;
const run = benchRun('load', (SECONDS + 240) * 1000);
const dbPath = join(run.dir, 'load.db');
const loopFile = join(run.dir, 'loop.json');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A township voting this year, with 60 proposals on its portal, every row written by the data functions' rules. */
async function seed() {
  const db = openDb(dbPath);
  const hash = await hashPassword(PASSWORD);
  const district = db.insert(jurisdiction).values({ kind: 'district', code: 'BD', name: '测试区' }).returning().get();
  const town = db.insert(jurisdiction).values({ kind: 'township', code: TOWN, name: '测试镇', parentId: district.id }).returning().get();
  const clerk = db.insert(user).values({ username: 'bt.clerk', displayName: '测试镇 工作人员', passwordHash: hash }).returning().get();
  db.insert(roleAssignment).values({ userId: clerk.id, role: 'clerk', jurisdictionId: town.id }).run();
  db.transaction((tx) => {
    for (let i = 1; i <= VOTERS; i++) {
      const no = String(i).padStart(4, '0');
      const u = tx.insert(user).values({ username: `bt.rep${no}`, displayName: `代表${no}`, passwordHash: hash }).returning().get();
      tx.insert(roleAssignment).values({ userId: u.id, role: 'representative', jurisdictionId: town.id }).run();
      tx.insert(representative).values({ jurisdictionId: town.id, body: 'congress', name: `代表${no}`, status: 'seated', userId: u.id }).run();
    }
  });
  const cy = db.insert(cycle).values({
    jurisdictionId: town.id, year: YEAR, phase: 'voting', createdBy: clerk.id, seatsToFill: 3, candidatesLockedAt: new Date(), candidatesLockedBy: clerk.id,
  }).returning().get();
  const actor = { id: clerk.id, name: 'bt.clerk' };
  for (let i = 1; i <= 60; i++) {
    const input = staffProposalSchema.parse({
      year: String(YEAR), title: `测试村第${i}号民生项目`, description: '详细说明'.repeat(60), place: 'all', category: 'water', estimatedCost: String(100_000 * i),
      fundingSource: '镇财政', fiscalSharePct: '80', beneficiaries: '全镇居民', beneficiaryCount: '600', durationMonths: '6', crossYear: 'no',
      proposerName: `居民${i}`, proposerPhone: '13912345678', source: 'public', station: '', website: '', lat: '', lng: '',
    });
    const r = submitProposal(db, actor, { cycle: cy, jurisdiction: town }, input, { entryChannel: 'online', submittedBy: null }, new Date());
    if (!r.ok) throw new Error(r.error);
  }
  for (let i = 1; i <= 6; i++) {
    db.insert(candidate).values({
      cycleId: cy.id, title: `候选项目${i}`, budget: 500_000 * i, unitName: '农业服务中心', leadOfficial: '副镇长', startDate: '2027-03-01', endDate: '2027-11-30', position: i,
    }).run();
  }
  db.$client.close();
}

async function startServer(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<dir> writes the server's CPU profile there (open it in Chrome's DevTools) to see what held the loop.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  server = run.track(spawn(process.execPath, [...prof, '--import', 'tsx', '--import', join(root, 'scripts/bench/loopDelay.ts'), join(root, 'src/server.ts')], {
    cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', NO_DEMO: '1', BENCH_LOOP_FILE: loopFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  }));
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).status < 500) return base;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

interface Http { base: string; cookie?: string }
const form = (h: Http, path: string, body: Record<string, string>) => fetch(h.base + path, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams(body),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.base, ...(h.cookie ? { Cookie: h.cookie } : {}) },
});

/** The clerk opens the session and prepares its poll the way the clerk's pages do. */
async function openPoll(base: string) {
  const res = await form({ base }, '/login', { username: 'bt.clerk', password: PASSWORD });
  const clerk = { base, cookie: res.headers.getSetCookie().find((c) => c.startsWith('minsheng_session='))!.split(';')[0]! };
  const created = await form(clerk, `/j/${TOWN}/sessions`, { cycleId: '1', kind: 'startOfYear', title: '测试镇人民代表大会', date: '2027-01-15', startTime: '09:00' });
  const sessionPath = created.headers.get('location')!;
  await form(clerk, `${sessionPath}/state`, { to: 'open' });
  const html = await (await fetch(base + sessionPath, { headers: { Cookie: clerk.cookie } })).text();
  const code = /签到码 <strong>(\d{6})<\/strong>/.exec(html)![1]!;
  const pollPath = (await form(clerk, `${sessionPath}/polls`, { title: `${YEAR}年度民生实事项目票决`, secrecy: 'secret' })).headers.get('location')!;
  // The poll opens once a quorum has checked in: the clerk in the client process opens it then, as in the hall.
  return { code, sessionId: sessionPath.split('/').at(-1)!, pollId: pollPath.split('/').at(-1)!, pollPath, clerkCookie: clerk.cookie };
}

interface Group { latencies: number[]; waits: number[]; errors: number; done: number; why: Record<string, number> }

function runClients(args: object): Promise<{ voters: Group; readers: Group; ceiling: Group; seconds: number; pollOpenedAfter: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/mixedClients.ts'), JSON.stringify(args)], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`clients exited ${code}`))));
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

function line(label: string, g: Group, seconds: number, unit: string) {
  const lat = [...g.latencies].sort((a, b) => a - b);
  const why = Object.entries(g.why).map(([k, n]) => `${k} ×${n}`).join(', ');
  console.log(
    `${label.padEnd(9)} ${String(lat.length).padStart(6)} req ${(lat.length / seconds).toFixed(0).padStart(5)} req/s  p50 ${ms(pct(lat, 50))}  p99 ${ms(pct(lat, 99))}  ` +
    `max ${ms(lat.at(-1) ?? 0)}  slowest client waited ${ms(Math.max(0, ...g.waits))}  ${g.done} ${unit}  errors ${g.errors}${why ? ` (${why})` : ''}`,
  );
}

async function main() {
  console.log(`bench:load — ${VOTERS} voters and ${READERS} portal readers together for ${SECONDS} s, plus a /healthz ceiling`);
  await seed();
  const base = await startServer(await freePort());
  const poll = await openPoll(base);
  const r = await runClients({ base, voters: VOTERS, readers: READERS, seconds: SECONDS, password: PASSWORD, town: TOWN, year: YEAR, ...poll });
  console.log('');
  line('voters', r.voters, r.seconds, `cast within ${SECONDS} s`);
  line('readers', r.readers, r.seconds, 'pages');
  line('ceiling', r.ceiling, r.seconds, 'answers');

  const db = new Database(dbPath, { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get(poll.pollId) as { n: number }).n;
  // A secret poll's ballots stay sealed in its box until 开箱 (the run does not close the poll): count either form.
  const ballots = one('select count(*) as n from ballot where poll_id = ?') + one('select count(*) as n from sealed_ballot where poll_id = ?');
  const participations = one('select count(*) as n from participation where poll_id = ?');
  db.close();
  console.log(`check     ballots ${ballots}, participation ${participations}, voters who cast ${r.voters.done} of ${VOTERS}`);
  // The server's own view: how long its event loop was held up, and how much CPU it got in the run.
  const stopped = new Promise((res) => server!.once('exit', res));
  server!.kill('SIGTERM');
  await stopped;
  server = undefined;
  const loop = JSON.parse(readFileSync(loopFile, 'utf8')) as { p50: number; p99: number; max: number; cpuSeconds: number; threadpool: number };
  console.log(`server    event-loop delay p50 ${ms(loop.p50)}  p99 ${ms(loop.p99)}  max ${ms(loop.max)}  CPU ${loop.cpuSeconds.toFixed(1)} s  libuv threads ${loop.threadpool}`);
  console.log(`machine   load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} on ${cpus().length} cores; poll opened after ${r.pollOpenedAfter.toFixed(1)} s`);
  const ok = ballots === participations && r.voters.done === VOTERS;
  console.log(ok ? 'OK: every voter cast within the run, each counted once' : 'NOT OK: some voters did not cast within the run');
  return ok;
}

run.finish(main);
