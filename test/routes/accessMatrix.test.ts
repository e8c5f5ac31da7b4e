import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import {
  candidate, cycle, feedback, jurisdiction, meetingItem, opinionAttachment, opinionItem, poll, project, proposal, rectification,
  repLink, representative, session, station, suggestion, supervisionGroup, supervisionVisit, user,
} from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { login, ORIGIN, PASSWORD, testApp } from '../helpers/app';

/**
 * Every registered route under /j/:code, enumerated from the app itself (not a hand list), requested as people of
 * other jurisdictions and as nobody: never a page, never a change, never a crash — only the login page, 403 or 404.
 */
const now = new Date('2026-03-02T01:00:00Z');
let db: DbConnection;
let app: ReturnType<typeof testApp>['app'];
const cookies: Record<string, string> = {};
const ACTORS = ['lx.clerk', 'lx.rep001', 'nh.clerk'] as const;
/** A district representative: their role is held in the district, and their group of deliberation representatives is in DC. */
const DISTRICT_REP = 'yc.rep001';
const OWNERS: Record<string, string> = { QS: 'qs.clerk', SM: 'sm.clerk', DC: 'dc.clerk' };

function idOf(rows: readonly { id: number }[]): string {
  return rows[0] ? String(rows[0].id) : '1';
}

/** A real value for each parameter, belonging to the jurisdiction the route is aimed at. */
function concrete(path: string): string {
  const code = /\/(sessions|polls|vote)\b/.test(path) ? 'SM' : /\/deliberation\b/.test(path) ? 'DC' : 'QS';
  const j = db.select().from(jurisdiction).where(eq(jurisdiction.code, code)).get()!;
  const cycles = db.select().from(cycle).where(eq(cycle.jurisdictionId, j.id)).orderBy(desc(cycle.year)).all();
  const delivery = /projects|supervision|feedback|midterm|dashboard|evaluation|board/.test(path);
  const cy = (delivery ? cycles.find((c) => db.select().from(project).where(eq(project.cycleId, c.id)).get()) : undefined) ?? cycles[0];
  const sessions = db.select().from(session).where(eq(session.jurisdictionId, j.id)).all();
  const projects = cy ? db.select().from(project).where(eq(project.cycleId, cy.id)).all() : [];
  const projectIds = projects.map((p) => p.id);
  const items = db.select().from(opinionItem).where(eq(opinionItem.jurisdictionId, j.id)).all();
  const values: Record<string, string> = {
    code, year: String(cy?.year ?? 2026), month: '2025-06', file: 'x.jpg', memberId: '1',
    sessionId: idOf(sessions),
    pollId: idOf(sessions.length ? db.select().from(poll).where(inArray(poll.sessionId, sessions.map((s) => s.id))).all() : []),
    projectId: idOf(projects),
    proposalId: idOf(cy ? db.select().from(proposal).where(eq(proposal.cycleId, cy.id)).all() : []),
    candidateId: idOf(cy ? db.select().from(candidate).where(eq(candidate.cycleId, cy.id)).all() : []),
    groupId: idOf(cy ? db.select().from(supervisionGroup).where(eq(supervisionGroup.cycleId, cy.id)).all() : []),
    visitId: idOf(projectIds.length ? db.select().from(supervisionVisit).where(inArray(supervisionVisit.projectId, projectIds)).all() : []),
    rectificationId: idOf(projectIds.length ? db.select().from(rectification).all() : []),
    feedbackId: idOf(projectIds.length ? db.select().from(feedback).where(inArray(feedback.projectId, projectIds)).all() : []),
    repId: idOf(db.select().from(representative).where(eq(representative.jurisdictionId, j.id)).all()),
    itemId: idOf(/\/agenda\//.test(path) && sessions.length
      ? db.select().from(meetingItem).where(inArray(meetingItem.sessionId, sessions.map((s) => s.id))).all() : items),
    attachmentId: idOf(items.length ? db.select().from(opinionAttachment).where(inArray(opinionAttachment.opinionItemId, items.map((i) => i.id))).all() : []),
    stationId: idOf(db.select().from(station).where(and(eq(station.jurisdictionId, j.id))).all()),
  };
  return path.replace(/:([a-zA-Z]+)(\{[^}]*\})?/g, (_m, name: string) => values[name] ?? '1');
}

beforeAll(async () => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now });
  app = testApp(db, { now: () => now }).app;
  for (const u of [...ACTORS, DISTRICT_REP, ...Object.values(OWNERS)]) cookies[u] = await login(app, u);
});

function guardedRoutes(): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes) {
    if ((r.method !== 'GET' && r.method !== 'POST') || !r.path.startsWith('/j/:code') || r.path.includes('*')) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

async function request(method: string, url: string, cookie?: string) {
  return app.request(url, {
    method,
    ...(method === 'POST' ? { body: new URLSearchParams({}) } : {}),
    headers: {
      ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN } : {}),
      ...(cookie ? { Cookie: cookie } : {}),
    },
    redirect: 'manual',
  });
}

describe('access matrix over every /j/:code route', () => {
  it('finds the routes from the app (well over a hundred)', () => {
    expect(guardedRoutes().length).toBeGreaterThan(120);
  });

  it('nobody logged in: the login page or 404, for every route', async () => {
    const leaks: string[] = [];
    for (const r of guardedRoutes()) {
      const url = concrete(r.path);
      const res = await request(r.method, url);
      const toLogin = res.status === 303 && (res.headers.get('location') ?? '').startsWith('/login');
      if (!toLogin && res.status !== 404) leaks.push(`${r.method} ${url} → ${res.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it.each(ACTORS)('%s, of another jurisdiction: 403 or 404 for every route of QS, SM and DC', async (who) => {
    const leaks: string[] = [];
    for (const r of guardedRoutes()) {
      const url = concrete(r.path);
      const res = await request(r.method, url, cookies[who]);
      if (res.status !== 403 && res.status !== 404) leaks.push(`${r.method} ${url} → ${res.status}`);
    }
    expect(leaks).toEqual([]);
  });

  // The district representative's exceptions: their group's items (read, convert, rate), checked one by one below.
  const GROUP_ITEMS = /^\/j\/DC\/deliberation\/items(\/\d+(\/(convert|rate))?)?$/;

  it('a district representative: 403 or 404 for every route of QS, SM and DC but their group\'s items', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const r of guardedRoutes()) {
      const url = concrete(r.path);
      if (GROUP_ITEMS.test(url)) continue;
      checked++;
      const res = await request(r.method, url, cookies[DISTRICT_REP]);
      if (res.status !== 403 && res.status !== 404) leaks.push(`${r.method} ${url} → ${res.status}`);
    }
    expect(checked).toBeGreaterThan(120);
    expect(leaks).toEqual([]);
  });

  it('a district representative: every town\'s pages that name only the town are 403 or 404', async () => {
    const towns = db.select().from(jurisdiction).all().filter((j) => j.kind !== 'district' && j.kind !== 'village');
    const bare = guardedRoutes().filter((r) => r.method === 'GET' && !/:(?!code\b)[a-zA-Z]+/.test(r.path));
    expect(towns.length).toBeGreaterThan(3);
    const leaks: string[] = [];
    for (const t of towns) {
      for (const r of bare) {
        const url = r.path.replace(/:code(\{[^}]*\})?/, t.code).replace(/:year(\{[^}]*\})?/, '2026');
        if (GROUP_ITEMS.test(url)) continue;
        const res = await request('GET', url, cookies[DISTRICT_REP]);
        const elsewhere = res.status === 302 && (res.headers.get('location') ?? '').startsWith(`/j/${t.code}/`); // a subdistrict's /roster points to its own
        if (res.status !== 403 && res.status !== 404 && !elsewhere) leaks.push(`GET ${url} → ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('a district representative opens the items their linked deliberation representatives raised, not the others\' nor any attachment', async () => {
    const dc = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'DC')).get()!;
    const account = db.select().from(user).where(eq(user.username, DISTRICT_REP)).get()!;
    const mine = db.select().from(representative).where(and(eq(representative.userId, account.id), eq(representative.body, 'congress'))).all().map((r) => r.id);
    const group = db.select().from(repLink).where(and(inArray(repLink.districtRepId, mine), isNull(repLink.toDate))).all().map((l) => l.deliberationRepId);
    const items = db.select().from(opinionItem).where(eq(opinionItem.jurisdictionId, dc.id)).all();
    const ours = items.filter((i) => (i.raisedById !== null && group.includes(i.raisedById)) || (i.handedToRepId !== null && mine.includes(i.handedToRepId)));
    const theirs = items.filter((i) => !ours.includes(i) && !db.select().from(suggestion).where(and(eq(suggestion.opinionItemId, i.id), inArray(suggestion.representativeId, mine))).get());
    expect(ours.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    for (const i of ours) expect((await request('GET', `/j/DC/deliberation/items/${i.id}`, cookies[DISTRICT_REP])).status, `item ${i.id}`).toBe(200);
    for (const i of theirs) expect((await request('GET', `/j/DC/deliberation/items/${i.id}`, cookies[DISTRICT_REP])).status, `item ${i.id}`).toBe(403);
    const files = db.select().from(opinionAttachment).where(inArray(opinionAttachment.opinionItemId, items.map((i) => i.id))).all();
    for (const f of files) {
      expect((await request('GET', `/j/DC/deliberation/items/${f.opinionItemId}/attachments/${f.id}`, cookies[DISTRICT_REP])).status).toBe(403);
    }
    // the list holds their group's items and nothing else
    const list = await (await request('GET', '/j/DC/deliberation/items', cookies[DISTRICT_REP])).text();
    for (const i of ours.slice(0, 20)) expect(list).toContain(`/j/DC/deliberation/items/${i.id}"`);
    for (const i of theirs) expect(list).not.toContain(`/j/DC/deliberation/items/${i.id}"`);
    // and proposals on behalf of residents are not theirs to enter in any town
    for (const code of ['QS', 'SM']) {
      const res = await request('GET', concrete('/j/:code/cycles/:year{[0-9]{4}}/proposals/new').replace(/\/j\/[^/]+/, `/j/${code}`), cookies[DISTRICT_REP]);
      expect([403, 404]).toContain(res.status);
    }
  });

  // Last: the owners' empty forms may change the demo (a form-less action such as closing is allowed to act).
  it('the jurisdiction\'s own clerk, posting an empty form to every route and opening every page, never sees a 5xx', async () => {
    const crashes: string[] = [];
    for (const r of [...guardedRoutes()].sort((a) => (a.method === 'GET' ? -1 : 1))) {
      const url = concrete(r.path);
      const owner = OWNERS[url.split('/')[2]!]!;
      const res = await request(r.method, url, cookies[owner]);
      if (res.status >= 500) crashes.push(`${r.method} ${url} → ${res.status}`);
    }
    expect(crashes).toEqual([]);
  });
});
