import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { openSession, votingFixture, type VotingFixture } from '../helpers/votingFixture';

describe('browser: the roll call on voting day — arrivals, a departure, leave, a correction, with and without JavaScript', () => {
  let f: VotingFixture;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    f = await votingFixture({ reps: 60, logins: 1, candidates: 3, seatsToFill: 2 });
    server = await startServer(f.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });
  const pages = pageOpener(() => browser, () => server.url);

  it('ticks, departs, grants leave and corrects; the counts follow; readable at 375 and 1280', async () => {
    const s = openSession(f, 45);
    const url = `${server.url}/j/QS/sessions/${s.id}/roll`;
    const clerk = await pages.open(1280, 900);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(url);
    await clerk.getByRole('link', { name: '未签到 15' }).click();
    await clerk.getByText('未签到 15 人').waitFor();
    await clerk.getByRole('button', { name: '签到 代表046' }).click();
    await clerk.getByRole('button', { name: '离场 代表046' }).waitFor();
    expect(await clerk.locator('#roll-head').textContent()).toContain('出席46');

    const row047 = clerk.locator('#rep-' + f.roster[46]!.id);
    await row047.locator('summary').click();
    await row047.getByLabel('请假原因').fill('外出学习');
    await clerk.getByRole('button', { name: '请假 代表047' }).click();
    await clerk.locator('#rep-' + f.roster[46]!.id).getByText('请假').first().waitFor();
    expect(await clerk.locator('#roll-head').textContent()).toContain('请假1');

    await clerk.goto(url);
    await clerk.getByRole('button', { name: '离场 代表002' }).click();
    await clerk.getByRole('button', { name: '返场 代表002' }).waitFor();
    expect(await clerk.locator('#roll-head').textContent()).toContain('离场1');
    await shot(clerk, 'roll-1280');
    // At 1280 the buttons sit beside the names, not at the far edge of the screen.
    const line = clerk.locator('#rep-' + f.roster[2]!.id);
    const nameBox = (await line.locator('.roll-who').boundingBox())!;
    const buttonBox = (await line.getByRole('button', { name: '离场 代表003' }).boundingBox())!;
    expect(buttonBox.x - (nameBox.x + nameBox.width)).toBeLessThan(700);
    expect(buttonBox.height).toBeGreaterThanOrEqual(44);

    // The correction has its own confirmation step with a reason.
    await clerk.getByRole('link', { name: '更正 代表046' }).click();
    await clerk.getByText('更正将撤销最近一条登记，恢复为').waitFor();
    await clerk.getByLabel('更正原因').fill('误点了同名代表');
    await clerk.getByRole('button', { name: '确认更正' }).click();
    await clerk.getByText('已更正签到记录').waitFor();
    await clerk.locator('#rep-' + f.roster[45]!.id).getByText('未签到').waitFor();

    const phone = await pages.open(375, 740);
    await loginAs(phone, server.url, 'qs.clerk', PASSWORD);
    await phone.goto(url);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'roll-375');
    await phone.getByRole('link', { name: '离场 1' }).click();
    await phone.getByText('离场 1 人').waitFor();
    await shot(phone, 'roll-375-departed');
    const tap = (await phone.getByRole('button', { name: '返场 代表002' }).boundingBox())!;
    expect(tap.height).toBeGreaterThanOrEqual(44);
  });

  it('works without JavaScript: a plain POST and a redirect back to the same filter', async () => {
    const s = openSession(f, 0);
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);
    await page.goto(`${server.url}/j/QS/sessions/${s.id}/roll?show=notYet`);
    await page.getByRole('button', { name: '签到 李强' }).click();
    await page.waitForURL(/show=notYet/);
    expect(await page.locator('#roll-head').textContent()).toContain('出席1');
    await page.getByLabel('按姓名或所在村（社区）查找').fill('代表003');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByText('“代表003”：未签到 1 人').waitFor();
    await ctx.close();
  });
});
