import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { jurisdiction, meetingMinutes, poll, session } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { seedDemo } from '../../src/demo/seed';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, startServer } from '../helpers/browser';

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

describe('browser: the prints offices make, as A4 PDF pages', () => {
  let db: DbConnection;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const pages = pageOpener(() => browser, () => server.url);

  beforeAll(async () => {
    db = openDb(':memory:');
    seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now: new Date('2026-12-06T02:00:00Z') });
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  async function as(username: string): Promise<Page> {
    const p = await pages.open(1280, 900);
    await loginAs(p, server.url, username, PASSWORD);
    return p;
  }

  it('the result sheet: counts, table, rules and the three signature lines on one A4 page', async () => {
    const published = db.select({ id: poll.id }).from(poll).where(eq(poll.state, 'published')).get()!;
    const p = await as('qs.clerk');
    await p.goto(`${server.url}/j/QS/polls/${published.id}/result`);
    await p.getByText('会议主持人：').waitFor();
    expect(pageCount(await p.pdf({ path: 'test-results/prints-result.pdf', format: 'A4' }))).toBe(1);
  });

  it('the annual report: no suggestion column narrower than three characters on A4', async () => {
    const p = await as('dc.clerk');
    await p.goto(`${server.url}/j/DC/deliberation/report?year=2026`);
    await p.pdf({ path: 'test-results/prints-annual.pdf', format: 'A4' });
    await p.setViewportSize({ width: 718, height: 1047 }); // 190 mm: A4 less its margins
    await p.emulateMedia({ media: 'print' });
    const widths = await p.locator('table.annual-suggestions thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
    expect(widths).toHaveLength(9);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(3 * 11); // three characters of 8.5 pt: 满意, 2026-DC-001 on two lines
  });

  it('the minutes and the candidate list print, the sign-off on a page with the items', async () => {
    const dc = db.select({ id: session.id }).from(meetingMinutes).innerJoin(session, eq(session.id, meetingMinutes.sessionId))
      .innerJoin(jurisdiction, eq(jurisdiction.id, session.jurisdictionId)).where(eq(jurisdiction.code, 'DC')).get()!;
    const clerk = await as('dc.clerk');
    await clerk.goto(`${server.url}/j/DC/sessions/${dc.id}/minutes`);
    expect(pageCount(await clerk.pdf({ path: 'test-results/prints-minutes.pdf', format: 'A4' }))).toBe(1);
    const qs = await as('qs.clerk');
    await qs.goto(`${server.url}/j/QS/cycles/2025/candidates/print`);
    expect(pageCount(await qs.pdf({ path: 'test-results/prints-candidates.pdf', format: 'A4' }))).toBeLessThanOrEqual(3);
  });
});
