// `npm run bench`: page throughput and latency over real HTTP on loopback, on the demo district
// (7 towns, ~400 representatives, ~450 users), side by side with the minimal-page ceiling (scripts/bench/ceiling.ts)
// in interleaved rounds. Prints per page the medians over the rounds and the share of the ceiling against the goal
// (anonymous pages ≥ 50 %, logged-in pages ≥ 25 %). Asserts nothing.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDb } from '../../db/client';
import { createApp } from '../../src/app';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { startCeiling } from './ceiling';
import { load, printReport, type LoadReport } from './load';

const COUNT = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL = { ceiling: 1, anonymous: 0.5, 'logged-in': 0.25 } as const;

const now = new Date();
const db = openDb(':memory:');
seedDemo(db, { passwordHash: await hashPassword('bench-password'), now });
const app = createApp({ db, log: () => {} });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const ceiling = await startCeiling();

async function loginCookie(username: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password: 'bench-password' }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const clerk = await loginCookie('qs.clerk');
const admin = await loginCookie('admin');
const year = now.getFullYear();
// fetch (undici) asks for gzip/deflate like a browser does, and decompresses what it gets.
const get = (url: string, cookie?: string) => async () => {
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {} });
  await res.arrayBuffer();
  return res.status === 200;
};

type Kind = keyof typeof GOAL;
const pages: { label: string; kind: Kind; call: () => Promise<boolean> }[] = [
  { label: 'ceiling (Hono+SQLite, 50 rows)', kind: 'ceiling', call: get(`${ceiling.base}/ceiling`) },
  { label: 'GET / (public home)', kind: 'anonymous', call: get(`${base}/`) },
  { label: 'GET /p/QS (portal)', kind: 'anonymous', call: get(`${base}/p/QS`) },
  { label: `GET /p/QS/${year - 1}/projects`, kind: 'anonymous', call: get(`${base}/p/QS/${year - 1}/projects`) },
  { label: `GET /p/QS/${year - 1}/results`, kind: 'anonymous', call: get(`${base}/p/QS/${year - 1}/results`) },
  { label: 'GET /p/QS/propose (form)', kind: 'anonymous', call: get(`${base}/p/QS/propose`) },
  { label: 'GET /login', kind: 'anonymous', call: get(`${base}/login`) },
  { label: 'GET / (clerk worktable)', kind: 'logged-in', call: get(`${base}/`, clerk) },
  { label: `GET cycle dashboard QS ${year}`, kind: 'logged-in', call: get(`${base}/j/QS/cycles/${year}`, clerk) },
  { label: `GET intake list QS ${year}`, kind: 'logged-in', call: get(`${base}/j/QS/cycles/${year}/proposals`, clerk) },
  { label: `GET district dashboard ${year}`, kind: 'logged-in', call: get(`${base}/j/YC/delivery/${year}`, admin) },
  { label: 'GET /audit (admin)', kind: 'logged-in', call: get(`${base}/audit`, admin) },
  { label: 'GET /admin/users (admin)', kind: 'logged-in', call: get(`${base}/admin/users`, admin) },
];

console.log(
  `Minsheng page benchmark — demo district, ${ROUNDS} interleaved rounds × ${COUNT} requests per page, ` +
  `concurrency ${CONCURRENCY}, Node ${process.version}`,
);
for (const p of pages) {
  if (!(await p.call())) console.log(`  ! ${p.label} does not answer 200: its numbers count failures`);
}
const rounds = new Map<string, LoadReport[]>(pages.map((p) => [p.label, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Each round starts at another page so no page always runs right after the same neighbour.
  for (let i = 0; i < pages.length; i++) {
    const p = pages[(i + round) % pages.length]!;
    rounds.get(p.label)!.push(await load(p.label, COUNT, CONCURRENCY, p.call));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ceilingRps = median(rounds.get(pages[0]!.label)!.map((r) => r.rps));
console.log(`${'page'.padEnd(34)} ${'kind'.padEnd(9)} ${'req/s'.padStart(6)}  ${'p50'.padStart(7)}  ${'p99'.padStart(7)}  ceiling  goal`);
for (const p of pages) {
  const rs = rounds.get(p.label)!;
  const rps = median(rs.map((r) => r.rps));
  const ratio = rps / ceilingRps;
  const failed = rs.reduce((n, r) => n + r.failed, 0);
  const verdict = p.kind === 'ceiling' ? '' : `${ratio >= GOAL[p.kind] ? 'meets' : 'BELOW'} ≥ ${(GOAL[p.kind] * 100).toFixed(0)} %`;
  console.log(
    `${p.label.padEnd(34)} ${p.kind.padEnd(9)} ${rps.toFixed(0).padStart(6)}  ` +
    `${median(rs.map((r) => r.p50)).toFixed(1).padStart(4)} ms  ${median(rs.map((r) => r.p99)).toFixed(1).padStart(4)} ms  ` +
    `${(ratio * 100).toFixed(1).padStart(5)} %  ${verdict}${failed ? `  failed ${failed}` : ''}`,
  );
}
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
printReport(await load('POST /login (argon2id verify)', 50, 4, async () => (await loginCookie('qs.clerk')).length > 0));
server.close();
ceiling.stop();
db.$client.close();
