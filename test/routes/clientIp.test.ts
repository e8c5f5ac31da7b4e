import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/env';
import { clientIp } from '../../src/http/requestInfo';

async function seen(proxies: number, xff?: string) {
  const app = new Hono<AppEnv>().get('/', (c) => c.text(clientIp(c, proxies)));
  const res = await app.request('/', { headers: xff ? { 'X-Forwarded-For': xff } : {} });
  return res.text();
}

describe('client address behind trusted proxies: the right-most hop the proxies added, never what the client wrote', () => {
  it.each([
    [0, '6.6.6.6', 'local'],                     // no proxy trusted: the header is ignored
    [1, '203.0.113.9', '203.0.113.9'],            // one nginx: it appended the client
    [1, '6.6.6.6, 203.0.113.9', '203.0.113.9'],   // a forged left-most entry is not believed
    [2, '6.6.6.6, 203.0.113.9, 10.0.0.2', '203.0.113.9'],
    [2, '10.0.0.2', 'local'],                     // fewer hops than proxies: fall back to the socket
    [1, undefined, 'local'],
  ])('proxies=%i, X-Forwarded-For=%j → %s', async (proxies, xff, expected) => {
    expect(await seen(proxies, xff)).toBe(expected);
  });
});
