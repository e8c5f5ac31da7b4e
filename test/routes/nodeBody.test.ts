import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { participation, poll, sealedBallot } from '../../db/schema';
import { createApp } from '../../src/app';
import { bodyText } from '../../src/http/requestBody';
import { openVia } from '../helpers/ballotBoxVia';
import { adoptFor, marksFor, openSession, optionIds, votingFixture } from '../helpers/votingFixture';
import { login, post } from '../helpers/app';

// Forms read straight from the Node request (src/http/requestBody.ts): only a real server on a socket takes that
// path, app.request() never does. The same bytes must come out, and the ballot's answers must not change.

const servers: ServerType[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(fetch: (req: Request, env: unknown) => Response | Promise<Response>): Promise<string> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A POST written in pieces, so a character can be split between two chunks; chunked when no length is given. */
function rawPost(url: string, pieces: Buffer[], headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    (async () => {
      for (const p of pieces) {
        req.write(p);
        await new Promise((r) => setTimeout(r, 5));
      }
      req.end();
    })();
  });
}

describe('a form body read from the Node request', () => {
  // Echoes what bodyText read, then what c.req.text() and parseBody() give afterwards: the same text, once read.
  const echo = new Hono().post('/', async (c) => {
    const first = await bodyText(c);
    return c.json({ first, again: await c.req.text(), parsed: await c.req.parseBody() });
  });

  it('gives the text c.req.text() gives: UTF-8 split between chunks, a leading BOM dropped, and hono reads it again', async () => {
    const url = await listen(echo.fetch);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('title=青石村饮水管网改造&m1=for', 'utf8')]);
    const cut = 3 + Buffer.from('title=青', 'utf8').length - 1; // inside 青's three bytes
    const res = await rawPost(url, [bytes.subarray(0, cut), bytes.subarray(cut)], {
      'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(bytes.length),
    });
    expect(res.status).toBe(200);
    const out = JSON.parse(res.body);
    expect(out.first).toBe('title=青石村饮水管网改造&m1=for');
    expect(out.again).toBe(out.first);
    expect(out.parsed).toEqual({ title: '青石村饮水管网改造', m1: 'for' });
    expect(out.first).toBe(await new Request('http://x', { method: 'POST', body: bytes }).text());
  });

  it('a body sent without a length (chunked) is read the ordinary way, with the same text', async () => {
    const url = await listen(echo.fetch);
    const res = await rawPost(url, [Buffer.from('a=1&b='), Buffer.from('镇')], { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(JSON.parse(res.body)).toMatchObject({ first: 'a=1&b=镇', again: 'a=1&b=镇' });
  });

  it('a ballot over a socket: cast (303), pressed again (409 with the receipt), marks refused beside the field (422)', async () => {
    const f = await votingFixture({ reps: 4, logins: 3, candidates: 3, seatsToFill: 1 });
    const s = openSession(f, 4);
    const clerk = await login(f.app, 'qs.clerk');
    expect((await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' }, clerk)).status).toBe(303);
    const p = f.db.select().from(poll).where(eq(poll.sessionId, s.id)).get()!;
    adoptFor(f, s);
    await openVia(f.app, p.id, clerk);
    const ids = optionIds(f, p.id);
    const url = await listen(createApp({ db: f.db, log: () => {} }).fetch);
    const cast = async (cookie: string, marks: string[]) => {
      const body = new URLSearchParams(marksFor(ids, marks)).toString();
      return rawPost(`${url}/j/QS/vote/${p.id}`, [Buffer.from(body)], {
        'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)), Origin: url, Cookie: cookie,
      });
    };
    const rep = await f.login('qs.rep');

    const tooMany = await cast(rep, ['for', 'for', 'against']);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toContain('超过应选数 1 个');

    expect((await cast(rep, ['for', 'against', ''])).status).toBe(303);
    const again = await cast(rep, ['against', 'for', '']);
    expect(again.status).toBe(409);
    expect(again.body).toContain('您已经投过票了');
    const receipt = f.db.select().from(participation).where(eq(participation.pollId, p.id)).get()!.receiptCode;
    expect(again.body).toContain(receipt);
    expect(f.db.select().from(participation).where(eq(participation.pollId, p.id)).all()).toHaveLength(1);
    expect(f.db.select().from(sealedBallot).where(eq(sealedBallot.pollId, p.id)).all()).toHaveLength(1);
  });
});
