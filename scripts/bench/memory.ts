/**
 * npm run bench:memory [-- --source]
 *
 * The server's memory while it serves one township through its vote, as `npm start` runs it: the built
 * dist/server.js (or, with --source, src/server.ts through tsx, for comparison) on a fresh temporary database with
 * the demo loaded. 石门镇 (the demo's town ready to vote) votes over real HTTP on loopback: the clerk opens the
 * session, all its representatives log in at the same moment and check in with the code, the session adopts its
 * 票决办法, the clerk opens a secret poll (keeping the box's slips), everyone casts at once, the clerk closes and
 * opens the box with two slips. The child's VmRSS is sampled from /proc/PID/status all along; its VmHWM (the
 * kernel's own peak) is reset once the demo is loaded so the vote's peak is its own. Prints idle, peak and the
 * ratio to the 150 MB goal, then restarts the server on the same database for the start-up time.
 * Linux only (reads /proc). Bounded: 400 seconds.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DEMO_PASSWORD } from '../../src/demo/logins';
import { READY_TOWN } from '../../src/demo/readyToVote';
import { benchRun } from './run';

const GOAL_MB = 150;
const DEADLINE_MS = 400_000;
const SOURCE = process.argv.includes('--source');
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const code = READY_TOWN;
const lc = code.toLowerCase();

let child: ChildProcess | undefined;
const run = benchRun('memory', DEADLINE_MS);
const dbPath = join(run.dir, 'memory.db');

// ---- memory of the child, from the kernel ----
/** MB: resident now, the kernel's peak, and of the resident the process's own memory and its mapped files. */
interface Mem { rss: number; hwm: number; anon: number; file: number }
function memOf(pid: number): Mem {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return { rss: mb('VmRSS'), hwm: mb('VmHWM'), anon: mb('RssAnon'), file: mb('RssFile') };
}
/** Resets VmHWM to the current RSS ("5" → clear_refs); false where the kernel refuses. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples every 20 ms; each phase keeps the highest RSS seen while it ran. */
class Sampler {
  phase = 'start';
  readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout;
  constructor(private pid: number) {
    this.timer = setInterval(() => this.sample(), 20);
  }
  sample(): Mem {
    const m = memOf(this.pid);
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, m.rss));
    return m;
  }
  enter(phase: string) {
    this.sample();
    this.phase = phase;
    this.sample();
  }
  stop() {
    clearInterval(this.timer);
  }
}

// ---- the server ----
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

/** The node flags `npm start` runs the server with ("node <flags> dist/server.js" in package.json). */
function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const words = start.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/server.js') throw new Error(`npm start is not "node … dist/server.js": ${start}`);
  return words.slice(1, -1);
}

async function startServer(port: number): Promise<{ base: string; pid: number; ms: number }> {
  const base = `http://127.0.0.1:${port}`;
  const args = SOURCE ? ['--import', 'tsx', join(root, 'src/server.ts')] : [...startFlags(), join(root, 'dist/server.js')];
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1' };
  delete env.NO_DEMO;
  delete env.NODE_ENV;
  delete env.DEMO_PASSWORD;
  const t0 = performance.now();
  child = run.track(spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] }));
  child.stdout!.resume(); // the request log: read and dropped, so the child never waits on a full pipe
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { base, pid: child.pid!, ms: performance.now() - t0 };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

function stopServer(): Promise<void> {
  const c = child;
  child = undefined;
  if (!c || c.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
  });
}

// ---- HTTP as the phones and the clerk's laptop speak it ----
interface Http { base: string; cookie?: string }
const form = (h: Http, path: string, body: Record<string, string>) => fetch(h.base + path, {
  method: 'POST', redirect: 'manual', body: new URLSearchParams(body),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.base, ...(h.cookie ? { Cookie: h.cookie } : {}) },
});
const page = async (h: Http, path: string) => (await fetch(h.base + path, { headers: h.cookie ? { Cookie: h.cookie } : {} })).text();

async function login(base: string, username: string): Promise<Http> {
  const res = await form({ base }, '/login', { username, password: DEFAULT_DEMO_PASSWORD });
  if (res.status !== 303) throw new Error(`login ${username}: ${res.status}`);
  return { base, cookie: res.headers.getSetCookie().find((c) => c.startsWith('minsheng_session='))!.split(';')[0]! };
}

async function expectStatus(what: string, res: Response | Promise<Response>, status: number): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} (expected ${status})`);
  return r;
}

const mb = (n: number) => `${n.toFixed(0)} MB`;

async function main() {
  if (!SOURCE && !existsSync(join(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run npm run bench:memory (it builds first)');
  console.log(`bench:memory — ${SOURCE ? 'src/server.ts through tsx' : `node ${[...startFlags(), 'dist/server.js'].join(' ')} (as npm start runs it)`}, demo database, ${code} votes`);
  const port = await freePort();
  const started = await startServer(port);
  const { base, pid } = started;
  const sampler = new Sampler(pid);
  const loaded = sampler.sample();

  // Idle: the demo loaded, nothing asked yet; a moment for start-up garbage to go.
  sampler.enter('idle');
  await new Promise((r) => setTimeout(r, 2000));
  const idle = sampler.sample();
  const peakReset = resetPeak(pid);

  sampler.enter('clerk logs in, opens session');
  const clerk = await login(base, `${lc}.clerk`);
  const sessionPath = new RegExp(`/j/${code}/sessions/\\d+`).exec(await page(clerk, `/j/${code}/sessions`))?.[0];
  if (!sessionPath) throw new Error(`no session of ${code} in the demo`);
  await expectStatus('open the session', form(clerk, `${sessionPath}/state`, { to: 'open' }), 303);
  const checkInCode = /签到码 <strong>(\d{6})<\/strong>/.exec(await page(clerk, sessionPath))?.[1];
  if (!checkInCode) throw new Error('no check-in code on the session page');
  const sessionId = sessionPath.split('/').at(-1)!;

  // Everyone with a login on the town's roster, at the same moment.
  const roster = new Database(dbPath, { readonly: true });
  const usernames = (roster.prepare(`
    select u.username from representative r join user u on u.id = r.user_id join jurisdiction j on j.id = r.jurisdiction_id
    where j.code = ? and r.status = 'seated' order by u.username`).all(code) as { username: string }[]).map((r) => r.username);
  roster.close();
  const R = usernames.length;

  sampler.enter(`${R} logins at once`);
  let t = performance.now();
  const reps = await Promise.all(usernames.map((u) => login(base, u)));
  const loginSeconds = (performance.now() - t) / 1000;

  sampler.enter(`${R} check-ins`);
  const checkins = await Promise.all(reps.map((r) => form(r, `/j/${code}/vote/checkin`, { sessionId, code: checkInCode })));
  const checkedIn = checkins.filter((r) => r.status === 303).length;

  sampler.enter('poll set up and opened');
  const created = await expectStatus('create the poll', form(clerk, `${sessionPath}/polls`, { title: '民生实事项目票决', secrecy: 'secret' }), 303);
  const pollPath = created.headers.get('location')!;
  const pollId = pollPath.split('/').at(-1)!;
  // The session adopts its 票决办法 by show of hands, everyone present in favour, before the real vote opens.
  await expectStatus('adopt the procedure', form(clerk, `${sessionPath}/procedure`, { for: String(checkedIn), against: '0', abstain: '0' }), 303);
  const opened = await expectStatus('open the poll', form(clerk, `${pollPath}/open`, {}), 200);
  // A secret poll answers with its box's three slips, shown once; two of them open the box at the close.
  const slips = [...(await opened.text()).matchAll(/<p class="slip-code"[^>]*>([A-Z2-9-]+)<\/p>/g)].map((m) => m[1]!);
  if (slips.length !== 3) throw new Error(`expected 3 slips, found ${slips.length}`);
  const ballotPage = await page(reps[0]!, `/j/${code}/vote`);
  const optionIds = [...ballotPage.matchAll(/name="m(\d+)" value="for"/g)].map((m) => m[1]!);
  const seats = Number(/应选 (\d+) 项/.exec(ballotPage)?.[1] ?? 1);

  sampler.enter(`${R} ballots at once`);
  const marksOf = () => {
    const fors = new Set<string>();
    const n = 1 + Math.floor(Math.random() * seats);
    while (fors.size < Math.min(n, optionIds.length)) fors.add(optionIds[Math.floor(Math.random() * optionIds.length)]!);
    return Object.fromEntries(optionIds.map((id) => [`m${id}`, fors.has(id) ? 'for' : Math.random() < 0.5 ? 'against' : '']));
  };
  t = performance.now();
  const cast = await Promise.all(reps.map((r) => form(r, `/j/${code}/vote/${pollId}`, marksOf())));
  const castSeconds = (performance.now() - t) / 1000;
  const accepted = cast.filter((r) => r.status === 303).length;

  sampler.enter('close and 开箱');
  await expectStatus('close the poll', form(clerk, `${pollPath}/close`, {}), 303);
  await expectStatus('open the box', form(clerk, `${pollPath}/unseal`, { slipA: slips[0]!, slipB: slips[1]! }), 303);
  await page(clerk, pollPath);
  const after = sampler.sample();
  sampler.stop();

  const db = new Database(dbPath, { readonly: true });
  const ballots = (db.prepare('select count(*) as n from ballot where poll_id = ?').get(pollId) as { n: number }).n;
  db.close();

  // The same database again, demo already there: how long until the server answers, and its RSS then.
  await stopServer();
  const restarted = await startServer(port);
  await new Promise((r) => setTimeout(r, 1000));
  const restartIdle = memOf(restarted.pid);
  await stopServer();

  const votePeak = peakReset ? after.hwm : Math.max(...[...sampler.peaks.entries()].filter(([k]) => k !== 'start' && k !== 'idle').map(([, v]) => v));
  console.log('');
  console.log(`start-up    ${(started.ms / 1000).toFixed(2)} s with the demo loaded into the empty database; ${(restarted.ms / 1000).toFixed(2)} s on the same database again`);
  console.log(`logins      ${R} at once in ${loginSeconds.toFixed(2)} s; check-ins ${checkedIn}/${R}; ballots ${accepted}/${R} accepted in ${castSeconds.toFixed(2)} s, ${ballots} counted`);
  console.log('');
  console.log('server RSS by phase (highest sample every 20 ms)');
  for (const [phase, peak] of sampler.peaks) console.log(`  ${phase.padEnd(28)} ${mb(peak)}`);
  console.log('');
  console.log(`idle        ${mb(idle.rss)} after loading the demo (${mb(loaded.hwm)} peak while loading it); ${mb(restartIdle.rss)} after a plain restart`);
  console.log(`peak        ${mb(votePeak)} through the vote (${peakReset ? 'VmHWM, reset after the demo load' : 'highest sample'}); ${mb(after.rss)} at the end`
    + ` (${mb(after.anon)} the process's own, ${mb(after.file)} mapped files: the node binary and native addons)`);
  console.log(`goal        peak / ${GOAL_MB} MB = ${(votePeak / GOAL_MB).toFixed(2)} ${votePeak < GOAL_MB ? '(under the goal)' : '(OVER the goal)'}`);

  const ok = checkedIn === R && accepted === R && ballots === R;
  console.log(ok ? `OK: every representative of ${code} checked in, cast and was counted` : 'FAILED: counts do not match');
  return ok;
}

run.finish(main);
