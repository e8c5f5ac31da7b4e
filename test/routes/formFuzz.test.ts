import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { login, ORIGIN, PASSWORD, testApp } from '../helpers/app';

/**
 * Every form the product shows its own clerks, found by reading their pages (not a hand list), posted with
 * hostile values: never a 5xx; a refusal is a page in Chinese with the error where the eye is.
 */
const now = new Date('2026-03-02T01:00:00Z');
let db: DbConnection;
let app: ReturnType<typeof testApp>['app'];
const cookies: Record<string, string> = {};

interface Form { page: string; action: string; fields: string[]; owner: string }

const PAGES: [owner: string, path: string][] = [
  ['sm.clerk', '/j/SM/sessions'], ['qs.clerk', '/j/QS'], ['qs.clerk', '/j/QS/roster/new'], ['qs.clerk', '/j/QS/settings'],
  ['qs.clerk', '/j/QS/cycles/2026/collection'], ['qs.clerk', '/j/QS/cycles/2026/proposals/new'], ['dc.clerk', '/j/DC/deliberation/items/new'],
  ['admin', '/admin/users/new'], ['admin', '/admin/settings'], ['qs.clerk', '/account/password'], ['anonymous', '/p/QS/propose'],
  ['anonymous', '/login'], ['dc.clerk', '/j/DC/deliberation/reps/new'], ['qs.clerk', '/j/QS/cycles/2025/supervision'],
  ['qs.clerk', '/j/QS/stations/1'], ['qs.clerk', '/j/QS/stations/1/receptions'],
];

function formsOf(html: string, page: string, owner: string): Form[] {
  const out: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]+)"/.exec(attrs)?.[1] ?? page;
    if (action.includes('logout')) continue;
    const fields = [...new Set([...m[2]!.matchAll(/<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"/g)].map((f) => f[1]!))];
    out.push({ page, action: action.replaceAll('&amp;', '&'), fields, owner });
  }
  return out;
}

// Values people and attackers actually send: empty, huge, control characters, markup, numbers in the wrong place.
const hostile = fc.oneof(
  fc.constant(''), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant('a'.repeat(5000)),
  fc.constantFrom('<script>alert(1)</script>', "' OR 1=1 --", '2026-02-30', '-1', '1e309', 'NaN', '０１２３', '\u0000\r\n', '../../etc/passwd'),
);

let forms: Form[] = [];

beforeAll(async () => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now });
  app = testApp(db, { now: () => now }).app;
  for (const u of new Set(PAGES.map(([o]) => o))) if (u !== 'anonymous') cookies[u] = await login(app, u);
  for (const [owner, path] of PAGES) {
    const res = await app.request(path, { headers: cookies[owner] ? { Cookie: cookies[owner]! } : {} });
    forms.push(...formsOf(await res.text(), path, owner));
  }
});

describe('hostile values in every form of the clerks\' and the public\'s pages', () => {
  it('finds the forms by reading the pages', () => {
    expect(forms.length).toBeGreaterThanOrEqual(12);
    forms = forms.filter((f) => f.fields.length > 0);
  });

  it('never a 5xx; a 422 answers in Chinese beside the fields', async () => {
    const crashes: string[] = [];
    for (const f of forms) {
      await fc.assert(fc.asyncProperty(fc.array(hostile, { minLength: f.fields.length, maxLength: f.fields.length }), async (values) => {
        const body = new URLSearchParams(f.fields.map((name, i) => [name, values[i]!]));
        const res = await app.request(f.action, {
          method: 'POST', body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...(cookies[f.owner] ? { Cookie: cookies[f.owner]! } : {}) },
        });
        const html = await res.text();
        if (res.status >= 500) crashes.push(`${f.action} ${JSON.stringify(values).slice(0, 200)} → ${res.status}`);
        if (res.status === 422) expect(html).toMatch(/role="alert"[^>]*>[^<]*[\u4e00-\u9fff]/);
        expect(html).not.toContain('<script>alert(1)</script>');
      }), { numRuns: 4, seed: 20261206 });
    }
    expect(crashes).toEqual([]);
  });
});
