// `npm run bench`: page throughput and latency over real HTTP on loopback, on the demo district
// (7 towns, ~400 representatives, ~450 users). Prints numbers; asserts nothing.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDb } from '../../db/client';
import { createApp } from '../../src/app';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { load, printReport } from './load';

const COUNT = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const db = openDb(':memory:');
seedDemo(db, { passwordHash: await hashPassword('bench-password'), now: new Date() });
const app = createApp({ db, log: () => {} });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function loginCookie(username: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password: 'bench-password' }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const clerk = await loginCookie('qs.clerk');
const admin = await loginCookie('admin');
const get = (path: string, cookie?: string) => async () => {
  const res = await fetch(base + path, { headers: cookie ? { Cookie: cookie } : {} });
  await res.arrayBuffer();
  return res.ok;
};

console.log(`Minsheng page benchmark — demo district, ${COUNT} requests per row, concurrency ${CONCURRENCY}, Node ${process.version}`);
for (const [label, call] of [
  ['GET /healthz', get('/healthz')],
  ['GET /login (anonymous)', get('/login')],
  ['GET / (public home)', get('/')],
  ['GET /j/QS (clerk, session check)', get('/j/QS', clerk)],
  ['GET /admin/users (admin, 50 rows)', get('/admin/users', admin)],
] as const) {
  printReport(await load(label, COUNT, CONCURRENCY, call));
}
const logins = await load('POST /login (argon2id verify)', 50, 4, async () => (await loginCookie('qs.clerk')).length > 0);
printReport(logins);
server.close();
db.$client.close();
