/**
 * npm run bench:vote [-- --reps=144 --rounds=5]   (or BENCH_REPS / BENCH_ROUNDS)
 *
 * A whole hall voting at once, over real HTTP on loopback: starts the server on 127.0.0.1 with a fresh temporary
 * database, creates R representatives with logins, logs them in, has them check in with the projector code, and
 * then, round after round, opens a poll and has every one of them cast a ballot at the same moment — a fifth of
 * them pressing the button twice. The rounds before the last use rehearsal polls (试投票, the same cast path);
 * the last is the real poll, closed and opened with two slips and counted.
 * Interleaved with each round, the same burst goes to the raw-stack ceiling (scripts/bench/voteCeiling.ts: Hono +
 * better-sqlite3 + one synchronous=FULL group commit per event-loop turn) in its own process. Prints each round,
 * the medians of p50/p99 for both and the ratio, lost and duplicate ballots (must be 0), and the server's memory
 * (VmRSS sampled during the bursts, VmHWM) from /proc. Bounded: at most 2000 representatives and 600 seconds.
 * BENCH_CPU_PROF=<dir> has the server write a CPU profile (node --cpu-prof) to that directory.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../db/client';
import { candidate, cycle, jurisdiction, representative, roleAssignment, user } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { CEILING_SCHEMA } from './voteCeiling';
import { benchRun } from './run';

const arg = process.argv.find((a) => a.startsWith('--reps='))?.split('=')[1];
const R = Math.min(2000, Math.max(3, Number(arg ?? process.env.BENCH_REPS ?? 120) || 120));
const DOUBLE_TAP = Math.floor(R / 5);
const DEADLINE_MS = 600_000;
const roundsArg = process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1];
const ROUNDS = Math.min(15, Math.max(1, Number(roundsArg ?? process.env.BENCH_ROUNDS ?? 5) || 5));
const PASSWORD = 'bench-pass-2027';
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

let child: ChildProcess | undefined;
let ceiling: ChildProcess | undefined;
const run = benchRun('vote', DEADLINE_MS);
const dbPath = join(run.dir, 'bench.db');
const ceilingPath = join(run.dir, 'ceiling.db');

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

async function seed() {
  const db = openDb(dbPath);
  const hash = await hashPassword(PASSWORD);
  const district = db.insert(jurisdiction).values({ kind: 'district', code: 'BD', name: '测试区' }).returning().get();
  const town = db.insert(jurisdiction).values({ kind: 'township', code: 'BT', name: '测试镇', parentId: district.id }).returning().get();
  const clerk = db.insert(user).values({ username: 'bt.clerk', displayName: '测试镇 工作人员', passwordHash: hash }).returning().get();
  db.insert(roleAssignment).values({ userId: clerk.id, role: 'clerk', jurisdictionId: town.id }).run();
  db.transaction((tx) => {
    for (let i = 1; i <= R; i++) {
      const no = String(i).padStart(4, '0');
      const u = tx.insert(user).values({ username: `bt.rep${no}`, displayName: `代表${no}`, passwordHash: hash }).returning().get();
      tx.insert(roleAssignment).values({ userId: u.id, role: 'representative', jurisdictionId: town.id }).run();
      tx.insert(representative).values({ jurisdictionId: town.id, body: 'congress', name: `代表${no}`, status: 'seated', userId: u.id }).run();
    }
  });
  const cy = db.insert(cycle).values({
    jurisdictionId: town.id, year: 2027, phase: 'voting', createdBy: clerk.id, seatsToFill: 3,
    candidatesLockedAt: new Date(), candidatesLockedBy: clerk.id,
  }).returning().get();
  for (let i = 1; i <= 6; i++) {
    db.insert(candidate).values({
      cycleId: cy.id, title: `候选项目${i}`, budget: 500_000 * i, unitName: '农业服务中心', leadOfficial: '副镇长',
      startDate: '2027-03-01', endDate: '2027-11-30', position: i,
    }).run();
  }
  db.$client.close();
}

async function waitUp(base: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).status < 500) return base;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${base} did not start`);
}

async function startServer(port: number): Promise<string> {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  child = run.track(spawn(process.execPath, [...prof, '--import', 'tsx', join(root, 'src/server.ts')], {
    cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', NO_DEMO: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  }));
  return waitUp(`http://127.0.0.1:${port}`);
}

/** The ceiling's database: one login token per representative, as the product's cookies are. */
function seedCeiling(): string[] {
  const db = new Database(ceilingPath);
  db.pragma('journal_mode = WAL');
  db.exec(CEILING_SCHEMA);
  const tokens = Array.from({ length: R }, () => randomBytes(24).toString('hex'));
  const insert = db.prepare('insert into login (token, voter) values (?, ?)');
  db.transaction(() => tokens.forEach((t, i) => insert.run(t, i + 1)))();
  db.close();
  return tokens;
}

async function startCeiling(port: number): Promise<string> {
  ceiling = run.track(spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench/voteCeiling.ts')], {
    cwd: root, env: { ...process.env, CEILING_DB: ceilingPath, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  }));
  return waitUp(`http://127.0.0.1:${port}`);
}

interface Http { base: string; cookie?: string }
const form = (h: Http, path: string, body: Record<string, string>) => fetch(h.base + path, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams(body),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.base, ...(h.cookie ? { Cookie: h.cookie } : {}) },
});
const page = async (h: Http, path: string) => (await fetch(h.base + path, { headers: h.cookie ? { Cookie: h.cookie } : {} })).text();

async function login(base: string, username: string): Promise<Http> {
  const res = await form({ base }, '/login', { username, password: PASSWORD });
  if (res.status !== 303) throw new Error(`login ${username}: ${res.status}`);
  return { base, cookie: res.headers.getSetCookie().find((c) => c.startsWith('minsheng_session='))!.split(';')[0]! };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface Memory { rss: number; peak: number }

function memoryOf(pid: number): Memory | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null; // not Linux
  }
}

/** CPU time (user + system) the process has used, in ms: /proc/PID/stat fields 14 and 15, in clock ticks (100 per second). */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The largest VmRSS of `pid` while `work` runs, read every 20 ms (and VmHWM and the CPU time it used). */
async function sampled<T>(pid: number, work: Promise<T>): Promise<{ out: T; rss: number | null; peak: number | null; cpuMs: number | null }> {
  const cpu0 = cpuMsOf(pid);
  let rss: number | null = null;
  const read = () => {
    const m = memoryOf(pid);
    if (m) rss = Math.max(rss ?? 0, m.rss);
  };
  read();
  const timer = setInterval(read, 20);
  try {
    const out = await work;
    read();
    const cpu1 = cpuMsOf(pid);
    return { out, rss, peak: memoryOf(pid)?.peak ?? null, cpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(n: number, fn: (i: number) => Promise<T>) {
  const lat: number[] = [];
  const t0 = performance.now();
  const out = await Promise.all(Array.from({ length: n }, async (_, i) => {
    const s = performance.now();
    const r = await fn(i);
    lat.push(performance.now() - s);
    return r;
  }));
  return { out, wall: performance.now() - t0, lat: lat.sort((a, b) => a - b) };
}

const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2]! : (a[a.length / 2 - 1]! + a[a.length / 2]!) / 2;
};

/** Everyone at once; a fifth press twice. Marks are random but valid (at most N = 3 "for"). */
const submissions = Array.from({ length: R + DOUBLE_TAP }, (_, i) => i % R);
function marksOf(optionIds: string[]) {
  const fors = new Set<string>();
  while (fors.size < 1 + Math.floor(Math.random() * 3)) fors.add(optionIds[Math.floor(Math.random() * optionIds.length)]!);
  return Object.fromEntries(optionIds.map((id) => [`m${id}`, fors.has(id) ? 'for' : Math.random() < 0.5 ? 'against' : '']));
}

interface Burst {
  p50: number; p99: number; max: number; rps: number; accepted: number; refused: number; other: number; lost: number; duplicates: number;
  rss: number | null; peak: number | null; cpuMs: number | null;
}

function burstOf(cast: Awaited<ReturnType<typeof timed<Response>>>, stored: { ballots: number; participations: number; voters: number }, mem: { rss: number | null; peak: number | null; cpuMs: number | null }): Burst {
  const accepted = cast.out.filter((r) => r.status === 303).length;
  const refused = cast.out.filter((r) => r.status === 409).length;
  return {
    p50: pct(cast.lat, 50), p99: pct(cast.lat, 99), max: cast.lat.at(-1)!, rps: cast.out.length / (cast.wall / 1000),
    accepted, refused, other: cast.out.length - accepted - refused,
    lost: Math.max(0, accepted - stored.ballots) + Math.max(0, accepted - stored.participations),
    duplicates: Math.max(0, stored.ballots - accepted) + (stored.participations - stored.voters), ...mem,
  };
}

const line = (label: string, b: Burst) => `${label.padEnd(9)} p50 ${ms(b.p50).padStart(9)}  p99 ${ms(b.p99).padStart(9)}  max ${ms(b.max).padStart(9)}  ${b.rps.toFixed(0).padStart(5)} req/s  `
  + `accepted ${b.accepted}, refused ${b.refused}, other ${b.other}, lost ${b.lost}, duplicates ${b.duplicates}`
  + (b.cpuMs !== null ? `  CPU ${(b.cpuMs / submissions.length).toFixed(2)} ms/request` : '')
  + (b.rss !== null ? `  RSS ${b.rss.toFixed(0)} MB (peak ${b.peak!.toFixed(0)} MB)` : '');

async function main() {
  console.log(`bench:vote — ${R} representatives, ${DOUBLE_TAP} of them submitting twice at once, ${ROUNDS} interleaved rounds against the raw-stack ceiling`);
  await seed();
  const tokens = seedCeiling();
  const [base, ceilingBase] = await Promise.all([startServer(await freePort()), startCeiling(await freePort())]);
  const clerk = await login(base, 'bt.clerk');
  const idle = memoryOf(child!.pid!);

  const created = await form(clerk, '/j/BT/sessions', { cycleId: '1', kind: 'startOfYear', title: '测试镇人民代表大会', date: '2027-01-15', startTime: '09:00' });
  const sessionPath = created.headers.get('location')!;
  await form(clerk, `${sessionPath}/state`, { to: 'open' });
  const code = /签到码 <strong>(\d{6})<\/strong>/.exec(await page(clerk, sessionPath))![1]!;
  const sessionId = sessionPath.split('/').at(-1)!;

  const logins = await timed(R, (i) => login(base, `bt.rep${String(i + 1).padStart(4, '0')}`));
  const reps = logins.out;
  const checkins = await timed(R, (i) => form(reps[i]!, '/j/BT/vote/checkin', { sessionId, code }));
  const checkedIn = checkins.out.filter((r) => r.status === 303).length;
  const adopted = await form(clerk, `${sessionPath}/procedure`, { for: String(checkedIn), against: '0', abstain: '0' });
  if (adopted.status !== 303) throw new Error(`the voting procedure was not adopted: ${adopted.status}`);
  console.log('');
  console.log(`logins      ${R} in ${(logins.wall / 1000).toFixed(2)} s (argon2id)   p50 ${ms(pct(logins.lat, 50))}  p95 ${ms(pct(logins.lat, 95))}`);
  console.log(`check-ins   ${checkedIn}/${R} in ${(checkins.wall / 1000).toFixed(2)} s   p50 ${ms(pct(checkins.lat, 50))}  p95 ${ms(pct(checkins.lat, 95))}`);
  console.log('');

  const reader = new Database(dbPath, { readonly: true });
  const ceilingReader = new Database(ceilingPath, { readonly: true });
  const storedIn = (db: Database.Database, sql: { ballots: string; participations: string; voters: string }, pollId: string | number) => ({
    ballots: (db.prepare(sql.ballots).get(pollId) as { n: number }).n,
    participations: (db.prepare(sql.participations).get(pollId) as { n: number }).n,
    voters: (db.prepare(sql.voters).get(pollId) as { n: number }).n,
  });
  const PRODUCT_SQL = {
    ballots: 'select count(*) as n from sealed_ballot where poll_id = ?',
    participations: 'select count(*) as n from participation where poll_id = ?',
    voters: 'select count(distinct representative_id) as n from participation where poll_id = ?',
  };
  const CEILING_SQL = {
    ballots: 'select count(*) as n from ballot where poll = ?',
    participations: 'select count(*) as n from participation where poll = ?',
    voters: 'select count(distinct voter) as n from participation where poll = ?',
  };

  /** One product round: a rehearsal poll (or, last, the real one) opened, the burst, the rows counted, closed. */
  async function productRound(real: boolean) {
    const pollRes = real
      ? await form(clerk, `${sessionPath}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' })
      : await form(clerk, `${sessionPath}/polls/test`, {});
    const pollPath = pollRes.headers.get('location');
    if (!pollPath) throw new Error(`poll not created: ${pollRes.status}`);
    const pollId = pollPath.split('/').at(-1)!;
    const opened = await form(clerk, `${pollPath}/open`, {});
    if (opened.status !== 200 && opened.status !== 303) throw new Error(`poll did not open: ${opened.status}`);
    // A secret poll answers with its box's three slips, shown once; two of them open the box at the close.
    const slips = [...(await opened.text()).matchAll(/<p class="slip-code"[^>]*>([A-Z2-9-]+)<\/p>/g)].map((m) => m[1]!);
    const optionIds = [...(await page(reps[0]!, `/j/BT/vote/${pollId}`)).matchAll(/name="m(\d+)" value="for"/g)].map((m) => m[1]!);
    if (optionIds.length === 0) throw new Error('no ballot to fill in');
    const { out: cast, ...mem } = await sampled(child!.pid!, timed(submissions.length, (i) => form(reps[submissions[i]!]!, `/j/BT/vote/${pollId}`, marksOf(optionIds))));
    const burst = burstOf(cast, storedIn(reader, PRODUCT_SQL, pollId), mem);
    if (!real) {
      await form(clerk, `${pollPath}/close`, {});
      return { burst, tally: null };
    }
    const closeT0 = performance.now();
    await form(clerk, `${pollPath}/close`, {});
    const unsealed = await form(clerk, `${pollPath}/unseal`, { slipA: slips[0]!, slipB: slips[1]! });
    if (unsealed.status !== 303) throw new Error(`the box did not open: ${unsealed.status}`);
    const closeMs = performance.now() - closeT0;
    const counted = (reader.prepare('select count(*) as n from ballot where poll_id = ?').get(pollId) as { n: number }).n;
    const result = JSON.parse((reader.prepare('select result from poll_result where poll_id = ?').get(pollId) as { result: string }).result);
    return { burst, tally: { closeMs, counted, returned: result.ballots.returned as number } };
  }

  async function ceilingRound(round: number) {
    const fields = marksOf(['1', '2', '3', '4', '5', '6']);
    const { out: cast, ...mem } = await sampled(ceiling!.pid!, timed(submissions.length, (i) => fetch(`${ceilingBase}/vote/${round}`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `s=${tokens[submissions[i]!]}` },
    })));
    return burstOf(cast, storedIn(ceilingReader, CEILING_SQL, round), mem);
  }

  const product: Burst[] = [];
  const stack: Burst[] = [];
  let tally: { closeMs: number; counted: number; returned: number } | null = null;
  for (let round = 1; round <= ROUNDS; round++) {
    const real = round === ROUNDS;
    // Interleaved: which goes first alternates, so neither always meets a quieter machine.
    if (round % 2 === 1) stack.push(await ceilingRound(round));
    const p = await productRound(real);
    product.push(p.burst);
    if (p.tally) tally = p.tally;
    if (round % 2 === 0) stack.push(await ceilingRound(round));
    console.log(`round ${round}${real ? ' (the real poll)' : ' (试投票)'}`);
    console.log(`  ${line('product', product.at(-1)!)}`);
    console.log(`  ${line('ceiling', stack.at(-1)!)}`);
  }
  reader.close();
  ceilingReader.close();

  const med = (xs: Burst[], k: 'p50' | 'p99' | 'rps') => median(xs.map((b) => b[k]));
  const cpu = (xs: Burst[]) => (xs.every((b) => b.cpuMs !== null) ? `  CPU ${(median(xs.map((b) => b.cpuMs!)) / submissions.length).toFixed(2)} ms/request` : '');
  const sum = (xs: Burst[], k: 'lost' | 'duplicates' | 'other') => xs.reduce((a, b) => a + b[k], 0);
  const productRss = Math.max(...product.map((b) => b.rss ?? 0));
  const productPeak = Math.max(...product.map((b) => b.peak ?? 0));
  console.log('');
  console.log(`ballots     ${submissions.length} submissions at once per round, ${ROUNDS} rounds, medians:`);
  console.log(`product     p50 ${ms(med(product, 'p50'))}  p99 ${ms(med(product, 'p99'))}  ${med(product, 'rps').toFixed(0)} req/s${cpu(product)}`);
  console.log(`ceiling     p50 ${ms(med(stack, 'p50'))}  p99 ${ms(med(stack, 'p99'))}  ${med(stack, 'rps').toFixed(0)} req/s${cpu(stack)}   (raw Hono + better-sqlite3, one synchronous=FULL commit per turn)`);
  const ratio = med(product, 'p99') / med(stack, 'p99');
  console.log(`ratio       product p99 / ceiling p99 = ${ratio.toFixed(2)} (goal ≤ 1.5)`);
  console.log(`integrity   product lost ${sum(product, 'lost')}, duplicates ${sum(product, 'duplicates')}, other ${sum(product, 'other')}; ceiling lost ${sum(stack, 'lost')}, duplicates ${sum(stack, 'duplicates')}`);
  if (tally) console.log(`close       ${ms(tally.closeMs)} (close + 开箱: decrypt, shuffle, tally, log checkpoint)`);
  if (idle) console.log(`server RSS  ${idle.rss.toFixed(0)} MB idle, ${productRss.toFixed(0)} MB during the bursts, peak (VmHWM) ${productPeak.toFixed(0)} MB; ceiling ${Math.max(...stack.map((b) => b.rss ?? 0)).toFixed(0)} MB`);
  if (tally) console.log(`check       ballots counted ${tally.counted} (tally ${tally.returned}) of ${R}`);

  const ok = checkedIn === R && product.every((b) => b.accepted === R && b.refused === DOUBLE_TAP && b.other === 0 && b.lost === 0 && b.duplicates === 0)
    && stack.every((b) => b.accepted === R && b.lost === 0 && b.duplicates === 0)
    && tally !== null && tally.counted === R && tally.returned === R;
  console.log(ok ? 'OK: every representative counted exactly once, in every round' : 'FAILED: counts do not match');
  return ok;
}

run.finish(main);
