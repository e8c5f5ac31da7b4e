import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import type { DbConnection } from '../../db/client';
import { proposal } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { createSelectionPoll, openPoll } from '../../src/data/polls';
import { createTestPoll } from '../../src/data/testPolls';
import { evaluationCounted } from '../helpers/evaluationCases';
import { freshDb, PASSWORD as FIXTURE_PASSWORD } from '../helpers/app';
import { adoptFor, openSession, votingFixture } from '../helpers/votingFixture';
import { launchChromium, loginAs, startServer } from '../helpers/browser';

const PASSWORD = 'demo-password-1';

/** Every page kind, as the person who sees it, on the demo district. */
const PAGES: { who: string | null; kind: string; path: string }[] = [
  { who: null, kind: 'portal', path: '/p/QS' },
  { who: null, kind: 'propose', path: '/p/QS/propose' },
  { who: null, kind: 'receipt', path: '/receipt/2026-QS-0001' },
  { who: null, kind: 'tracking form', path: '/track' },
  { who: null, kind: 'tracking', path: '/track/2026-QS-0001' },
  { who: null, kind: 'results', path: '/p/QS/2025/results' },
  { who: null, kind: 'progress', path: '/p/QS/2025/projects' },
  { who: null, kind: 'project progress', path: '/p/QS/2025/projects/2' },
  { who: null, kind: 'login', path: '/login' },
  { who: 'qs.rep001', kind: 'representative home', path: '/' },
  { who: 'qs.rep001', kind: 'ballot (no poll open)', path: '/j/QS/vote' },
  { who: 'qs.clerk', kind: 'clerk home', path: '/' },
  { who: 'qs.clerk', kind: 'cycle', path: '/j/QS/cycles/2026' },
  { who: 'qs.clerk', kind: 'intake', path: '/j/QS/cycles/2026/proposals' },
  { who: 'qs.clerk', kind: 'intake form', path: '/j/QS/cycles/2026/proposals/new' },
  { who: 'qs.clerk', kind: 'screening', path: '/j/QS/cycles/2026/screening' },
  { who: 'sm.clerk', kind: 'candidates', path: '/j/SM/cycles/2026/candidates' },
  { who: 'qs.clerk', kind: 'sessions', path: '/j/QS/sessions' },
  { who: 'qs.clerk', kind: 'session', path: '/j/QS/sessions/3' },
  { who: 'qs.clerk', kind: 'roll', path: '/j/QS/sessions/3/roll' },
  { who: 'qs.clerk', kind: 'poll', path: '/j/QS/polls/1' },
  { who: 'qs.clerk', kind: 'result sheet', path: '/j/QS/polls/1/result' },
  { who: 'qs.clerk', kind: 'delivery dashboard', path: '/j/QS/cycles/2025/dashboard' },
  { who: 'qs.clerk', kind: 'project', path: '/j/QS/cycles/2025/projects/2' },
  { who: 'admin', kind: 'users', path: '/admin/users' },
  { who: 'admin', kind: 'jurisdictions', path: '/admin/jurisdictions' },
  { who: 'admin', kind: 'system settings', path: '/admin/settings' },
  // Page kinds added since: the session's law and officers, prints, the pool, delivery, deliberation, the portal's newer pages.
  { who: null, kind: 'station finder', path: '/p/QS/stations' },
  { who: null, kind: 'personal-matter form', path: '/p/QS/propose/personal' },
  { who: null, kind: 'project sign', path: '/p/QS/2025/projects/2/sign' },
  { who: null, kind: 'resident rating form', path: '/p/QS/2025/projects/2/feedback' },
  { who: null, kind: 'station notice board', path: '/p/QS/2025/projects/board/qs-home' },
  { who: null, kind: 'public deliberation', path: '/p/DC/deliberation' },
  { who: 'qs.clerk', kind: 'voting procedure (票决办法)', path: '/j/QS/sessions/3/procedure' },
  { who: 'qs.clerk', kind: 'voting procedure print', path: '/j/QS/sessions/3/procedure/print' },
  { who: 'qs.clerk', kind: 'session officers', path: '/j/QS/sessions/3/officers' },
  { who: 'qs.clerk', kind: 'resolution', path: '/j/QS/sessions/3/resolution' },
  { who: 'qs.clerk', kind: 'projector after the vote', path: '/j/QS/sessions/3/screen' },
  { who: 'qs.clerk', kind: 'closure certificate', path: '/j/QS/polls/1/certificate' },
  { who: 'qs.clerk', kind: 'paper ballots', path: '/j/QS/polls/1/paper' },
  { who: 'qs.clerk', kind: 'reserve pool', path: '/j/QS/pool' },
  { who: 'qs.clerk', kind: 'collection window', path: '/j/QS/cycles/2026/collection' },
  { who: 'qs.clerk', kind: 'proposal', path: '/j/QS/cycles/2026/proposals/1' },
  { who: 'qs.clerk', kind: 'proposal transfer', path: '/j/QS/cycles/2026/proposals/1/transfer' },
  { who: 'qs.clerk', kind: 'proposal import', path: '/j/QS/cycles/2026/proposals/import' },
  { who: 'qs.clerk', kind: 'candidate form', path: '/j/QS/cycles/2026/candidates/new' },
  { who: 'sm.clerk', kind: 'candidate list print', path: '/j/SM/cycles/2026/candidates/print' },
  { who: 'qs.clerk', kind: 'roster', path: '/j/QS/roster' },
  { who: 'qs.clerk', kind: 'roster history', path: '/j/QS/roster/history' },
  { who: 'qs.clerk', kind: 'representative', path: '/j/QS/roster/1' },
  { who: 'qs.clerk', kind: 'roster import', path: '/j/QS/roster/import' },
  { who: 'qs.clerk', kind: 'stations', path: '/j/QS/stations' },
  { who: 'qs.clerk', kind: 'station poster', path: '/j/QS/stations/1/poster' },
  { who: 'qs.clerk', kind: 'town settings', path: '/j/QS/settings' },
  { who: 'qs.clerk', kind: 'audit log', path: '/audit' },
  { who: 'qs.clerk', kind: 'password change', path: '/account/password' },
  { who: 'qs.clerk', kind: 'projects', path: '/j/QS/cycles/2025/projects' },
  { who: 'qs.clerk', kind: 'implementation plan', path: '/j/QS/cycles/2025/projects/2/implementation' },
  { who: 'qs.clerk', kind: 'plan form', path: '/j/QS/cycles/2025/projects/2/plan' },
  { who: 'qs.clerk', kind: 'amendments', path: '/j/QS/cycles/2025/projects/2/amendments' },
  { who: 'qs.clerk', kind: 'monthly report', path: '/j/QS/cycles/2025/projects/2/reports/2025-09' },
  { who: 'qs.clerk', kind: 'rectification', path: '/j/QS/cycles/2025/projects/2/rectifications/1' },
  { who: 'qs.clerk', kind: 'supervision groups', path: '/j/QS/cycles/2025/supervision' },
  { who: 'qs.clerk', kind: 'midterm report', path: '/j/QS/cycles/2025/midterm' },
  { who: 'qs.clerk', kind: 'year-end evaluation', path: '/j/QS/cycles/2025/evaluation' },
  { who: 'qs.clerk', kind: 'resident feedback', path: '/j/QS/cycles/2025/feedback' },
  { who: 'qs.sup1', kind: 'supervision visit form', path: '/j/QS/cycles/2025/projects/2/visits/new' },
  { who: 'qs.unit1', kind: 'implementing unit home', path: '/' },
  { who: 'qs.rep001', kind: 'poll as a representative', path: '/j/QS/polls/1' },
  { who: 'dc.clerk', kind: 'deliberation overview', path: '/j/DC/deliberation' },
  { who: 'dc.clerk', kind: 'deliberation roster', path: '/j/DC/deliberation/reps' },
  { who: 'dc.clerk', kind: 'deliberation roster form', path: '/j/DC/deliberation/reps/new' },
  { who: 'dc.clerk', kind: 'deliberation links', path: '/j/DC/deliberation/links' },
  { who: 'dc.clerk', kind: 'deliberation meetings', path: '/j/DC/deliberation/meetings' },
  { who: 'dc.clerk', kind: 'opinion items', path: '/j/DC/deliberation/items' },
  { who: 'dc.clerk', kind: 'opinion item form', path: '/j/DC/deliberation/items/new' },
  { who: 'dc.clerk', kind: 'opinion item', path: '/j/DC/deliberation/items/1' },
  { who: 'dc.clerk', kind: 'deliberation statistics (charts)', path: '/j/DC/deliberation/stats' },
  { who: 'dc.clerk', kind: 'deliberation annual report', path: '/j/DC/deliberation/report' },
  { who: 'dc.clerk', kind: 'meeting agenda', path: '/j/DC/sessions/2/agenda' },
  { who: 'dc.clerk', kind: 'meeting minutes', path: '/j/DC/sessions/2/minutes' },
  { who: 'dc.drep001', kind: 'deliberation representative home', path: '/' },
  { who: 'admin', kind: 'district dashboard (charts)', path: '/j/YC/delivery/2025' },
  { who: 'admin', kind: 'user form', path: '/admin/users/new' },
  { who: 'admin', kind: 'user', path: '/admin/users/2' },
  { who: 'admin', kind: 'jurisdiction', path: '/admin/jurisdictions/2' },
  { who: 'admin', kind: 'station (admin)', path: '/admin/jurisdictions/2/stations/1' },
];

/** Delivery, supervision and deliberation pages: a group of their own, so each group keeps within its time budget. */
const LATER = /\/(projects|dashboard|supervision|midterm|evaluation|feedback)\b|^\/j\/DC\//;

const WIDTHS = [375, 1280] as const;

/** axe over each page at both widths: the serious and critical findings, and the rest for the log. */
async function scan(pageAs: (who: string | null) => Promise<Page>, base: string, pages: typeof PAGES) {
  const found: string[] = [];
  const minor: string[] = [];
  for (const p of pages) {
    const page = await pageAs(p.who);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 900 });
      const res = await page.goto(base + p.path);
      expect(res?.status(), `${p.kind} ${p.path}`).toBeLessThan(400);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        // Experimental in axe, but a voice-control user says the visible label: a button must answer to it.
        .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
        .analyze();
      for (const v of results.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
        const line = `${p.kind} (${p.path}) @${width}: ${v.id} [${v.impact}] ×${v.nodes.length} — ${where}`;
        if (v.impact === 'serious' || v.impact === 'critical') found.push(line);
        else minor.push(line);
      }
    }
  }
  // Moderate and minor findings are listed for the next person to look at; they do not fail the test.
  if (minor.length) console.log(`axe, moderate/minor:\n${minor.join('\n')}`);
  return found;
}

/** One browser context per person, logged in once. */
function personas(browser: () => Browser, base: () => string, password: string) {
  const contexts = new Map<string | null, BrowserContext>();
  return async (who: string | null): Promise<Page> => {
    let ctx = contexts.get(who);
    if (!ctx) {
      ctx = await browser().newContext({ locale: 'zh-CN' });
      contexts.set(who, ctx);
      if (who) await loginAs(await ctx.newPage(), base(), who, password);
    }
    return ctx.pages()[0] ?? ctx.newPage();
  };
}

describe('browser: axe-core over every page kind at 375 and 1280 px (demo data)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: DbConnection;

  beforeAll(async () => {
    db = freshDb();
    seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now: new Date() });
    // Receipts carry a random part: the first one of 青石镇's year, as stored.
    const first = db.select({ receipt: proposal.receipt }).from(proposal).where(like(proposal.receipt, '2026-QS-0001-%')).get()!.receipt;
    for (const p of PAGES) p.path = p.path.replace('2026-QS-0001', first);
    server = await startServer(db);
    browser = await launchChromium();
    pageAs = personas(() => browser, () => server.url, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Each person logged in once, shared by the groups below (each group its own time budget on a shared machine).
  let pageAs: ReturnType<typeof personas>;
  it.each([
    ['the public', (p: (typeof PAGES)[number]) => p.who === null],
    ['representatives and clerks', (p: (typeof PAGES)[number]) => p.who !== null && p.who !== 'admin' && !LATER.test(p.path)],
    ['clerks: delivery, supervision and deliberation', (p: (typeof PAGES)[number]) => p.who !== null && p.who !== 'admin' && LATER.test(p.path)],
    ['the administrator', (p: (typeof PAGES)[number]) => p.who === 'admin'],
  ])('pages of %s: no serious or critical violation, phone or desktop', async (_who, mine) => {
    expect(await scan(pageAs, server.url, PAGES.filter(mine))).toEqual([]);
  }, 600_000);
});

describe('browser: forms never lose text (demo data, 375 px)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const db = freshDb();
    seedDemo(db, { passwordHash: 'unused', now: new Date() });
    server = await startServer(db);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a pasted title longer than allowed is kept whole, counted in red and refused beside the field', async () => {
    const page = await (await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${server.url}/p/QS/propose`);
    const title = page.getByLabel('项目名称');
    await title.fill('道'.repeat(61));
    expect(await title.inputValue()).toHaveLength(61); // nothing cut
    const counter = page.locator('[data-counter-for="f-title"]');
    expect(await counter.textContent()).toBe('61 / 60 字，超出 1 字');
    expect(await counter.getAttribute('class')).toContain('over');
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByText('不能超过 60 个字（现有 61 个字），请删减后再提交').waitFor();
    expect(page.url()).toBe(`${server.url}/p/QS/propose`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-title');
    // One character less: the count is black again and the message goes.
    await title.press('End');
    await title.press('Backspace');
    expect(await counter.textContent()).toBe('60 / 60 字');
    expect(await page.locator('#f-title-error').count()).toBe(0);
  });

  it('after the server refuses the form, the first invalid field is focused and on screen', async () => {
    const page = await (await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${server.url}/p/QS/propose`);
    await page.getByLabel('项目名称').fill('村口路灯');
    await page.getByLabel('项目内容').fill('村口到学校的路没有路灯，晚上孩子放学看不见路。');
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByText('有几处需要修改，请看标红的地方。').waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    const inView = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await page.getByLabel('项目内容').inputValue()).toBe('村口到学校的路没有路灯，晚上孩子放学看不见路。');
  });
});

describe('browser: axe-core over the voting day\'s pages while a poll is open', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const f = await votingFixture({ reps: 4, logins: 4, candidates: 3, seatsToFill: 2 });
    const s = openSession(f, 3);
    const clerk = { id: f.users.qsClerk.id, name: f.users.qsClerk.displayName };
    const created = createSelectionPoll(f.db, clerk, s, { title: '民生实事项目票决', secrecy: 'secret' }, new Date());
    if (!created.ok) throw new Error(created.error);
    adoptFor(f, s);
    const opened = openPoll(f.db, clerk, created.value, new Date());
    if (!opened.ok) throw new Error(opened.error);
    VOTING_PAGES.push(
      { who: 'qs.rep', kind: 'ballot', path: '/j/QS/vote' },
      { who: 'qs.clerk', kind: 'roll (session open)', path: `/j/QS/sessions/${s.id}/roll` },
      { who: 'qs.clerk', kind: 'session (poll open)', path: `/j/QS/sessions/${s.id}` },
      { who: 'qs.clerk', kind: 'poll (open)', path: `/j/QS/polls/${opened.value.id}` },
      { who: 'qs.clerk', kind: 'projector', path: `/j/QS/sessions/${s.id}/screen` },
    );
    server = await startServer(f.db);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const VOTING_PAGES: typeof PAGES = [];

  it('ballot, roll call, poll and projector: no serious or critical violation', async () => {
    const pageAs = personas(() => browser, () => server.url, FIXTURE_PASSWORD);
    expect(await scan(pageAs, server.url, VOTING_PAGES)).toEqual([]);
  }, 600_000);
});

describe('browser: axe-core over a test poll (试投票) and an evaluation\'s result bars', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const MORE: typeof PAGES = [];
  beforeAll(async () => {
    // The evaluation counted (a published session takes no test poll): its result as bars on the poll page.
    const t = await evaluationCounted();
    const clerk = { id: t.f.users.qsClerk.id, name: t.f.users.qsClerk.displayName };
    const test = createTestPoll(t.f.db, clerk, t.session, new Date());
    if (!test.ok) throw new Error(test.error);
    const opened = openPoll(t.f.db, clerk, test.value, new Date());
    if (!opened.ok) throw new Error(opened.error);
    MORE.push(
      { who: 'qs.clerk', kind: 'test poll (open)', path: `/j/QS/polls/${opened.value.id}` },
      { who: 'qs.rep', kind: 'test ballot', path: '/j/QS/vote' },
      { who: 'qs.clerk', kind: 'evaluation result (bars)', path: `/j/QS/polls/${t.poll.id}` },
    );
    server = await startServer(t.f.db);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('test poll, test ballot and the evaluation bars: no serious or critical violation', async () => {
    const pageAs = personas(() => browser, () => server.url, FIXTURE_PASSWORD);
    expect(await scan(pageAs, server.url, MORE)).toEqual([]);
  }, 600_000);
});
