import { eq } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { headcount } from '../../src/data/sessions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballot, participation, sealedBallot } from '../../db/schema';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { openSession, votingFixture, type VotingFixture } from '../helpers/votingFixture';

/** The projector is judged as the hall sees it: one 1920×1080 screen, no scrolling. */
async function screenShot(page: Page, name: string) {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png` });
}

describe('browser: voting day — a rehearsal, a failed cast resent, the projector from turnout to results', () => {
  let f: VotingFixture;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    f = await votingFixture({ reps: 4, logins: 3, candidates: 9, seatsToFill: 3 });
    server = await startServer(f.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  const pages = pageOpener(() => browser, () => server.url);
  const row = (p: Page, i: number) => p.locator('fieldset.mark-row').nth(i);

  /** From the open ballot on 我的表决 to the confirmation page, marking the first three 赞成. */
  async function toConfirm(p: Page) {
    await p.goto(`${server.url}/j/QS/vote`);
    await p.getByText('应选 3 项').waitFor();
    for (const i of [0, 1, 2]) await row(p, i).getByLabel('赞成').check();
    await p.getByRole('button', { name: '下一步：确认选票' }).click();
    await p.getByText('请确认您的选票').waitFor();
  }

  it('the clerk rehearses, a phone fails to cast and resends, the projector shows turnout then all nine results', async () => {
    const s = openSession(f, 3);
    const clerk = await pages.open(1280, 900);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    // The clerk's home leads with the session under way.
    await clerk.goto(server.url);
    await clerk.getByRole('heading', { name: '正在召开的会议' }).waitFor();
    await clerk.getByText('发起试投票检查手机和大屏，然后发起正式表决').waitFor();
    await shot(clerk, 'day-clerk-home-1280');

    const screen = await pages.open(1920, 1080);
    await loginAs(screen, server.url, 'qs.clerk', PASSWORD);
    await screen.goto(`${server.url}/j/QS/sessions/${s.id}/screen`);
    await screen.locator('.screen-qr').waitFor();
    await screenShot(screen, 'day-projector-checkin-1920');

    // The check-in code is changed; the projector follows by itself.
    const oldCode = s.checkInCode;
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}`);
    await clerk.getByRole('button', { name: '更换签到码' }).click();
    await clerk.getByText('原签到码即时失效').waitFor();
    const newCode = (await clerk.locator('.checkin-code strong').textContent())!;
    expect(newCode).not.toBe(oldCode);
    await screen.locator('.screen-code', { hasText: newCode }).waitFor({ timeout: 20_000 });

    // 试投票: opened, cast on a phone, closed — its one ballot destroyed, only "1 phone" kept.
    await clerk.getByRole('button', { name: '发起试投票' }).click();
    await clerk.waitForURL(/\/polls\/\d+$/);
    const testUrl = clerk.url();
    const testId = Number(testUrl.split('/').at(-1));
    await clerk.getByRole('button', { name: '开始表决' }).click();
    await clerk.getByText('试投票已开始（不计票）').waitFor();
    await screen.getByText('试投票 · 不计票').waitFor({ timeout: 20_000 });
    const phones = await Promise.all([0, 1, 2].map(() => pages.open(375, 740)));
    await Promise.all(phones.map((p, i) => loginAs(p, server.url, f.usernameOf(i), PASSWORD)));
    await toConfirm(phones[0]!);
    expect(await phones[0]!.locator('.test-banner').count()).toBe(1);
    await shot(phones[0]!, 'day-test-confirm-375');
    await phones[0]!.getByRole('button', { name: '确认投票' }).click();
    await phones[0]!.getByText('投票成功 ✓').waitFor();
    await clerk.goto(testUrl);
    await clerk.getByRole('button', { name: '结束表决' }).click();
    await clerk.getByText('1 部手机提交了选票，选票和投票记录已全部销毁').waitFor();
    expect(f.db.select().from(ballot).where(eq(ballot.pollId, testId)).all()).toHaveLength(0);
    await screen.getByText('试投票已结束').waitFor({ timeout: 20_000 });
    await screenShot(screen, 'day-projector-test-closed-1920');

    // The real poll.
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}`);
    await clerk.getByRole('button', { name: '创建表决' }).click();
    await clerk.waitForURL(/\/polls\/\d+$/);
    const pollUrl = clerk.url();
    const pollId = Number(pollUrl.split('/').at(-1));
    // The real vote is held under the 票决办法 the session adopts by show of hands (the rehearsal needed none).
    await clerk.getByRole('link', { name: '宣读票决办法并记录举手表决结果' }).click();
    await clerk.getByLabel('赞成').fill(String(headcount(f.db, s.id).present));
    await clerk.getByRole('button', { name: '记录表决结果，通过并固定办法' }).click();
    await clerk.getByText('票决办法已通过并固定').waitFor();
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '开始表决' }).click();
    await clerk.getByText('表决已开始').waitFor();
    const slips = await clerk.locator('.slip-code').allTextContents();
    await clerk.goto(pollUrl);
    const castPath = `/j/QS/vote/${pollId}`;
    const isCast = (u: URL) => u.pathname === castPath;

    // Phone 1: the Wi-Fi drops as the ballot is sent. A clear error, the button works again, the resend goes through.
    const p1 = phones[0]!;
    await toConfirm(p1);
    await p1.route(isCast, (r) => (r.request().method() === 'POST' ? r.abort('internetdisconnected') : r.continue()));
    await p1.getByRole('button', { name: '确认投票' }).click();
    await p1.getByText('选票可能没有提交成功').waitFor();
    expect(await p1.getByRole('button', { name: '重新提交选票' }).isEnabled()).toBe(true);
    await shot(p1, 'day-cast-failed-375');
    await p1.unroute(isCast);
    await p1.getByRole('button', { name: '重新提交选票' }).click();
    await p1.getByText('投票成功 ✓').waitFor();

    // Phone 2: the ballot lands but the answer is lost. Resending shows the same receipt; one ballot is stored.
    const p2 = phones[1]!;
    await toConfirm(p2);
    await p2.route(isCast, async (r) => {
      if (r.request().method() !== 'POST') return r.continue();
      await r.fetch({ maxRedirects: 0 }); // reaches the server and is stored
      return r.abort('connectionreset');
    });
    await p2.getByRole('button', { name: '确认投票' }).click();
    await p2.getByText('选票可能没有提交成功').waitFor();
    await p2.unroute(isCast);
    await p2.getByRole('button', { name: '重新提交选票' }).click();
    await p2.getByText('您已经投过票了').waitFor();
    const stored = f.db.select().from(participation).where(eq(participation.pollId, pollId)).all()
      .find((x) => x.representativeId === f.roster[1]!.id)!;
    expect(await p2.locator('.receipt-code strong').textContent()).toBe(stored.receiptCode);

    // Phone 3: the server answers 502 (restarting). The confirmation stays, with the error; the resend goes through.
    const p3 = phones[2]!;
    await toConfirm(p3);
    await p3.route(isCast, (r) => (r.request().method() === 'POST' ? r.fulfill({ status: 502, body: 'Bad Gateway' }) : r.continue()));
    await p3.getByRole('button', { name: '确认投票' }).click();
    await p3.getByText('选票可能没有提交成功').waitFor();
    expect(await p3.getByText('请确认您的选票').count()).toBe(1);
    await p3.unroute(isCast);
    await p3.getByRole('button', { name: '重新提交选票' }).click();
    await p3.getByText('投票成功 ✓').waitFor();
    expect(f.db.select().from(sealedBallot).where(eq(sealedBallot.pollId, pollId)).all()).toHaveLength(3); // sealed until 开箱

    // The projector during the poll: a bar with its numbers; the check-in panel is a strip.
    await screen.getByText('（100%）').waitFor({ timeout: 20_000 });
    expect(await screen.locator('progress.screen-bar').getAttribute('value')).toBe('3');
    expect(await screen.locator('.screen-qr').count()).toBe(0);
    await screenShot(screen, 'day-projector-turnout-1920');
    await p1.goto(`${server.url}/j/QS/vote`);

    // Close: all nine rows on one 1920×1080 screen, without scrolling.
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '结束表决' }).click();
    await clerk.getByText('请两位监票人输入开箱码开箱').waitFor();
    await clerk.getByRole('link', { name: '开箱', exact: true }).click();
    await clerk.getByLabel('第一张纸条的开箱码').fill(slips[0]!);
    await clerk.getByLabel('第二张纸条的开箱码').fill(slips[1]!);
    await clerk.getByRole('button', { name: '开箱计票' }).click();
    await clerk.getByText('票箱已打开').waitFor();
    await screen.locator('table.result').waitFor({ timeout: 20_000 });
    const rows = screen.locator('table.result tbody tr');
    expect(await rows.count()).toBe(9);
    const last = await rows.nth(8).boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(1080);
    const summary = await screen.locator('.screen-poll .summary').boundingBox();
    expect(summary!.y + summary!.height).toBeLessThanOrEqual(1080);
    await screenShot(screen, 'day-projector-result-1920');

    // The phone that waited on 我的表决 now says the vote is over, with its receipt.
    await p1.getByText('表决已结束').waitFor({ timeout: 20_000 });
    expect(await p1.getByText('等待表决开始').count()).toBe(0);
    await shot(p1, 'day-phone-ended-375');
    await p1.goto(server.url);
    await p1.locator('ol.day-steps').waitFor();
    await shot(p1, 'day-rep-home-375');

    // The clerk on a phone: home and session page, the rehearsal marked in the list.
    await clerk.setViewportSize({ width: 375, height: 740 });
    await clerk.goto(server.url);
    await clerk.getByText('核对结果，公布结果和决议').waitFor();
    await shot(clerk, 'day-clerk-home-375');
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}`);
    await clerk.getByText('1 部手机提交，选票已销毁').waitFor();
    await shot(clerk, 'day-session-375');
    await screen.setViewportSize({ width: 1280, height: 800 });
    await shot(screen, 'day-projector-result-1280');
    expect(pages.external).toEqual([]);
  }, 300_000); // three phones, a projector and a clerk on a shared machine

  it('the candidate comparison table at 375 px (scrolls in its frame), 1280 px and on A4', async () => {
    const clerk = await pages.open(375, 740);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(`${server.url}/j/QS/cycles/2027/candidates`);
    const table = clerk.locator('table.compare');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(9);
    // The page itself does not scroll sideways; the table's frame does.
    expect(await clerk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const wrap = clerk.locator('.compare-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await shot(clerk, 'day-candidates-375');
    await clerk.setViewportSize({ width: 1280, height: 900 });
    await shot(clerk, 'day-candidates-1280');
    await clerk.goto(`${server.url}/j/QS/cycles/2027/candidates/print`);
    await clerk.emulateMedia({ media: 'print' });
    await clerk.setViewportSize({ width: 794, height: 1123 });
    await shot(clerk, 'day-candidates-print');
    const pdf = await clerk.pdf({ format: 'A4' });
    mkdirSync('test-results', { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync('test-results/day-candidates.pdf', pdf);
    expect(await clerk.locator('table.compare').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(794);
  });
});
