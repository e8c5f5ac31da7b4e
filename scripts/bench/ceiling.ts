// The minimal-page ceiling: what this stack (Hono + better-sqlite3 + a string template) does for a page of ~50 rows
// with nothing else — no middleware, no ORM, no layout. `npm run bench` measures it in the same run as the product's
// pages and prints each page's throughput as a share of it.
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

const ROWS = 50;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Starts the ceiling server on loopback; resolves to its base URL and a stop function. */
export async function startCeiling(): Promise<{ base: string; stop: () => void }> {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table item (id integer primary key, title text not null, place text not null, amount integer not null)');
  const insert = sqlite.prepare('insert into item (title, place, amount) values (?, ?, ?)');
  for (let i = 1; i <= 64; i++) insert.run(`第${i}号民生实事：村道硬化与路灯安装`, `青石镇第${(i % 9) + 1}村`, 100_000 + i * 3_700);
  const rows = sqlite.prepare('select id, title, place, amount from item order by id limit ?');
  const app = new Hono().get('/ceiling', (c) => {
    const list = rows.all(ROWS) as { id: number; title: string; place: string; amount: number }[];
    let body = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>民生实事</title></head><body><main><h1>民生实事项目</h1><table>';
    for (const r of list) body += `<tr><td>${r.id}</td><td>${escapeHtml(r.title)}</td><td>${escapeHtml(r.place)}</td><td>${(r.amount / 10_000).toFixed(1)} 万元</td></tr>`;
    return c.html(`${body}</table></main></body></html>`);
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => { server.close(); sqlite.close(); },
  };
}
