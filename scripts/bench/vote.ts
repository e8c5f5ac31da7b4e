/**
 * npm run bench:vote [-- --reps=120]   (or BENCH_REPS=120)
 *
 * A whole hall voting at once, over real HTTP on loopback: starts the server on 127.0.0.1 with a fresh temporary
 * database, creates R representatives with logins, logs them in, has them check in with the projector code, opens
 * a poll and has every one of them cast a ballot at the same moment — a fifth of them pressing the button twice.
 * Prints throughput, latency percentiles and memory, and verifies that ballots counted = accepted submissions
 * with no duplicates. Bounded: at most 2000 representatives and 180 seconds.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../db/client';
import { candidate, cycle, jurisdiction, representative, roleAssignment, user } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';

const arg = process.argv.find((a) => a.startsWith('--reps='))?.split('=')[1];
const R = Math.min(2000, Math.max(3, Number(arg ?? process.env.BENCH_REPS ?? 120) || 120));
const DOUBLE_TAP = Math.floor(R / 5);
const DEADLINE_MS = 180_000;
const PASSWORD = 'bench-pass-2027';
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

let child: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
const dbPath = join(dir, 'bench.db');
const cleanup = () => {
  child?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
const deadline = setTimeout(() => {
  console.error(`bench:vote: gave up after ${DEADLINE_MS / 1000} s`);
  cleanup();
  process.exit(1);
}, DEADLINE_MS);

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

async function startServer(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server.ts')], {
    cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', NO_DEMO: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
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
const page = async (h: Http, path: string) => (await fetch(h.base + path, { headers: h.cookie ? { Cookie: h.cookie } : {} })).text();

async function login(base: string, username: string): Promise<Http> {
  const res = await form({ base }, '/login', { username, password: PASSWORD });
  if (res.status !== 303) throw new Error(`login ${username}: ${res.status}`);
  return { base, cookie: res.headers.getSetCookie().find((c) => c.startsWith('minsheng_session='))!.split(';')[0]! };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function rssOf(pid: number): { rss: number; peak: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null; // not Linux
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

async function main() {
  console.log(`bench:vote — ${R} representatives, ${DOUBLE_TAP} of them submitting twice at once`);
  await seed();
  const base = await startServer(await freePort());
  const clerk = await login(base, 'bt.clerk');

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
  const pollRes = await form(clerk, `${sessionPath}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' });
  const pollPath = pollRes.headers.get('location')!;
  const pollId = pollPath.split('/').at(-1)!;
  const opened = await form(clerk, `${pollPath}/open`, {});
  if (opened.status !== 200) throw new Error(`poll did not open: ${opened.status}`);
  // A secret poll answers with its box's three slips, shown once; two of them open the box at the close.
  const slips = [...(await opened.text()).matchAll(/<p class="slip-code"[^>]*>([A-Z2-9-]+)<\/p>/g)].map((m) => m[1]!);
  const optionIds = [...(await page(reps[0]!, '/j/BT/vote')).matchAll(/name="m(\d+)" value="for"/g)].map((m) => m[1]!);

  // Everyone at once; a fifth press twice. Marks are random but valid (at most N = 3 "for").
  const submissions = [...reps.keys(), ...reps.keys()].slice(0, R + DOUBLE_TAP);
  const marksOf = () => {
    const fors = new Set<string>();
    while (fors.size < 1 + Math.floor(Math.random() * 3)) fors.add(optionIds[Math.floor(Math.random() * optionIds.length)]!);
    return Object.fromEntries(optionIds.map((id) => [`m${id}`, fors.has(id) ? 'for' : Math.random() < 0.5 ? 'against' : '']));
  };
  const memBefore = rssOf(child!.pid!);
  const cast = await timed(submissions.length, (i) => form(reps[submissions[i]!]!, `/j/BT/vote/${pollId}`, marksOf()));
  const memAfter = rssOf(child!.pid!);
  const accepted = cast.out.filter((r) => r.status === 303).length;
  const refused = cast.out.filter((r) => r.status === 409).length;
  const other = cast.out.length - accepted - refused;

  const closeT0 = performance.now();
  await form(clerk, `${pollPath}/close`, {});
  const unsealed = await form(clerk, `${pollPath}/unseal`, { slipA: slips[0]!, slipB: slips[1]! });
  if (unsealed.status !== 303) throw new Error(`the box did not open: ${unsealed.status}`);
  const closeMs = performance.now() - closeT0;

  const db = new Database(dbPath, { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get(pollId) as { n: number }).n;
  const ballots = one('select count(*) as n from ballot where poll_id = ?');
  const participations = one('select count(*) as n from participation where poll_id = ?');
  const duplicates = one('select count(*) as n from (select representative_id from participation where poll_id = ? group by representative_id having count(*) > 1)');
  const result = JSON.parse((db.prepare('select result from poll_result where poll_id = ?').get(pollId) as { result: string }).result);
  db.close();

  const castSeconds = cast.wall / 1000;
  console.log('');
  console.log(`logins      ${R} in ${(logins.wall / 1000).toFixed(2)} s (argon2id)   p50 ${ms(pct(logins.lat, 50))}  p95 ${ms(pct(logins.lat, 95))}`);
  console.log(`check-ins   ${checkedIn}/${R} in ${(checkins.wall / 1000).toFixed(2)} s   p50 ${ms(pct(checkins.lat, 50))}  p95 ${ms(pct(checkins.lat, 95))}`);
  console.log(`ballots     ${submissions.length} submissions at once in ${castSeconds.toFixed(2)} s → ${(submissions.length / castSeconds).toFixed(0)} req/s`);
  console.log(`latency     p50 ${ms(pct(cast.lat, 50))}  p95 ${ms(pct(cast.lat, 95))}  p99 ${ms(pct(cast.lat, 99))}  max ${ms(cast.lat.at(-1)!)}`);
  console.log(`outcome     accepted ${accepted}, refused as already voted ${refused}, other ${other}`);
  console.log(`close       ${ms(closeMs)} (close + 开箱: decrypt, shuffle, tally, log checkpoint)`);
  if (memBefore && memAfter) console.log(`server RSS  ${memBefore.rss.toFixed(0)} MB before, ${memAfter.rss.toFixed(0)} MB after, peak ${memAfter.peak.toFixed(0)} MB`);
  console.log(`check       ballots counted ${ballots} (tally ${result.ballots.returned}), participation ${participations}, duplicates ${duplicates}`);

  const ok = accepted === R && refused === DOUBLE_TAP && other === 0 && ballots === accepted && participations === accepted
    && result.ballots.returned === accepted && duplicates === 0 && checkedIn === R;
  console.log(ok ? 'OK: every representative counted exactly once' : 'FAILED: counts do not match');
  return ok;
}

main().then((ok) => {
  clearTimeout(deadline);
  cleanup();
  process.exit(ok ? 0 : 1);
}, (err) => {
  console.error(err);
  clearTimeout(deadline);
  cleanup();
  process.exit(1);
});
