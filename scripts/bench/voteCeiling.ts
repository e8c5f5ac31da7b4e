/**
 * The raw-stack ceiling bench:vote measures the product against, in the same run: Hono on @hono/node-server and
 * better-sqlite3 with nothing else — a cookie looked up by one prepared statement, the form read, and the ballots
 * of one event-loop turn written in one transaction with synchronous=FULL, each answered after that commit (303,
 * or 409 for a second ballot from the same voter). No sealing, no guards, no pages: what the stack itself does.
 *
 * Started by scripts/bench/vote.ts with CEILING_DB (a file it seeded with login tokens) and PORT.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';

export const CEILING_SCHEMA = `
  create table if not exists login (token text primary key, voter integer not null) without rowid;
  create table if not exists participation (poll integer not null, voter integer not null, receipt text not null, primary key (poll, voter)) without rowid;
  create table if not exists ballot (id text primary key, poll integer not null, marks text not null) without rowid;`;

function main() {
  const db = new Database(process.env.CEILING_DB!);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(CEILING_SCHEMA);
  const voterOf = db.prepare('select voter from login where token = ?').pluck();
  const receiptOf = db.prepare('select receipt from participation where poll = ? and voter = ?').pluck();
  const insertParticipation = db.prepare('insert into participation (poll, voter, receipt) values (?, ?, ?)');
  const insertBallot = db.prepare('insert into ballot (id, poll, marks) values (?, ?, ?)');
  const full = db.prepare('pragma synchronous = FULL');
  const normal = db.prepare('pragma synchronous = NORMAL');

  interface Cast { poll: number; voter: number; marks: string; answer: (stored: boolean) => void }
  const batch = db.transaction((casts: Cast[]) => casts.map((c) => {
    if (receiptOf.get(c.poll, c.voter) !== undefined) return false;
    insertParticipation.run(c.poll, c.voter, randomBytes(4).toString('hex'));
    insertBallot.run(randomBytes(16).toString('hex'), c.poll, c.marks);
    return true;
  }));
  let turn: Cast[] | null = null;
  const commitTurn = () => {
    const casts = turn!;
    turn = null;
    full.run();
    try {
      const stored = batch.immediate(casts);
      casts.forEach((c, i) => c.answer(stored[i]!));
    } finally {
      normal.run();
    }
  };

  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok'));
  app.post('/vote/:poll', async (c) => {
    const voter = voterOf.get(getCookie(c, 's') ?? '') as number | undefined;
    if (voter === undefined) return c.text('forbidden', 403);
    const marks = JSON.stringify(await c.req.parseBody());
    const poll = Number(c.req.param('poll'));
    const stored = await new Promise<boolean>((answer) => {
      if (!turn) {
        turn = [];
        setImmediate(commitTurn);
      }
      turn.push({ poll, voter, marks, answer });
    });
    return stored ? c.redirect(`/vote/${poll}/receipt`, 303) : c.text('already voted', 409);
  });
  serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
}

if (process.env.CEILING_DB) main();
