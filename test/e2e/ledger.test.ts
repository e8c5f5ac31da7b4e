import AxeBuilder from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, representative } from '../../db/schema';
import { recordDutyActivity } from '../../src/data/dutyActivities';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { clerkActor, close, openedPoll, valueOf, type PollCase } from '../helpers/pollCases';

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

/** axe's serious and critical findings on the page as it stands. */
async function seriousFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} [${v.impact}] ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('browser: the duty ledger at 375 px, its print and the representative’s own', () => {
  let t: PollCase;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const pages = pageOpener(() => browser, () => server.url);

  beforeAll(async () => {
    // QS: four representatives in two villages; the session of 2027-01-15 and its poll; two activities of 2027.
    t = await openedPoll({ reps: 4, logins: 2, candidates: 2, seatsToFill: 1, present: 3 });
    close(t);
    t.f.db.update(poll).set({ openedAt: new Date('2027-01-15T02:00:00Z') }).where(eq(poll.id, t.poll.id)).run();
    for (const r of t.f.roster.slice(2)) t.f.db.update(representative).set({ community: '杨柳村' }).where(eq(representative.id, r.id)).run();
    const at = new Date('2027-03-01T02:00:00Z');
    valueOf(recordDutyActivity(t.f.db, clerkActor(t.f), t.f.roster[0]!, { kind: 'visit', date: '2027-02-01', place: '青石村三组', detail: '走访独居老人，了解冬季取暖困难' }, '2027-03-01', at));
    valueOf(recordDutyActivity(t.f.db, clerkActor(t.f), t.f.roster[2]!, { kind: 'inspection', date: '2027-02-20', place: '镇卫生院', detail: '视察镇卫生院老年病房改造进度' }, '2027-03-01', at));
    server = await startServer(t.f.db);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('the clerk filters, opens a representative, records an activity with the keyboard; axe finds nothing serious', async () => {
    const page = await pages.open(375, 740);
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);
    await page.goto(`${server.url}/j/QS/ledger?year=2027`);
    expect(await seriousFindings(page)).toEqual([]);
    await shot(page, 'ledger-list-375');
    await page.getByLabel('村（社区）').selectOption('杨柳村');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByText('杨柳村 · 2 名代表').waitFor();
    await page.getByRole('link', { name: '代表003' }).click();
    await page.getByRole('heading', { name: '代表003 · 2027年度履职台账' }).waitFor();
    expect(await seriousFindings(page)).toEqual([]);
    await page.getByLabel('活动类别').selectOption('survey');
    await page.getByLabel('地点').fill('杨柳村');
    await page.getByLabel('活动内容').fill('调研村道路灯损坏情况');
    await page.getByLabel('活动内容').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('已记入履职台账').waitFor();
    expect(await page.getByText('调研村道路灯损坏情况（杨柳村）').count()).toBe(1);
    await shot(page, 'ledger-rep-375');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/j/QS/ledger?year=2027`);
    expect(await seriousFindings(page)).toEqual([]);
    await shot(page, 'ledger-list-1280');
  }, 180_000);

  it('prints the summary and one A4 page per representative', async () => {
    const page = await pages.open(1280, 900);
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);
    await page.goto(`${server.url}/j/QS/ledger/print?year=2027`);
    expect(await seriousFindings(page)).toEqual([]);
    const pdf = await page.pdf({ path: 'test-results/ledger-print.pdf', format: 'A4' });
    expect(pageCount(pdf)).toBe(1 + 4);
    await page.goto(`${server.url}/j/QS/ledger/${t.f.roster[0]!.id}/print?year=2027`);
    expect(pageCount(await page.pdf({ path: 'test-results/ledger-print-one.pdf', format: 'A4' }))).toBe(1);
  }, 180_000);

  it('a representative sees their own ledger from 我的履职, at 375 px', async () => {
    const page = await pages.open(375, 740);
    await loginAs(page, server.url, 'qs.rep', PASSWORD);
    await page.getByRole('link', { name: /李强 \d{4}年度履职台账/ }).click();
    await page.goto(`${server.url}/j/QS/ledger/${t.f.roster[0]!.id}?year=2027`);
    await page.getByText('走访独居老人，了解冬季取暖困难（青石村三组）').waitFor();
    expect(await page.getByRole('heading', { name: '登记履职活动' }).count()).toBe(0);
    expect(await seriousFindings(page)).toEqual([]);
    await shot(page, 'ledger-own-375');
  }, 180_000);
});
