import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../../db/schema';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { openSession, votingFixture, type VotingFixture } from '../helpers/votingFixture';

describe('browser: three representatives vote at once on phones while the projector shows turnout', () => {
  let f: VotingFixture;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    f = await votingFixture({ reps: 4, logins: 4, candidates: 3, seatsToFill: 2 });
    server = await startServer(f.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  const pages = pageOpener(() => browser, () => server.url);
  const newPage = (width: number, height: number) => pages.open(width, height);

  it('roll, quorum, concurrent phone ballots, turnout on the projector, close, result sheet', async () => {
    const s = openSession(f, 1); // only 李强 (qs.rep) checked in so far: 1 of 4, three needed
    const code = f.db.select().from(session).where(eq(session.id, s.id)).get()!.checkInCode;

    // The clerk ticks 代表002 in the roll (htmx swaps the row and the headcount).
    const clerk = await newPage(1280, 900);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}/roll`);
    await clerk.getByLabel('按姓名或所在村（社区）查找').fill('代表002');
    await clerk.getByText('“代表002”：全部 1 人').waitFor();
    await clerk.getByRole('button', { name: '签到 代表002' }).click();
    await clerk.getByRole('button', { name: '离场 代表002' }).waitFor();
    expect(await clerk.locator('#roll-head').textContent()).toContain('出席2');
    await shot(clerk, 'voting-roll-1280');

    // 代表003 checks in on the phone with the code from the projector.
    const phones = await Promise.all([0, 1, 2].map(() => newPage(375, 740)));
    await Promise.all(phones.map((p, i) => loginAs(p, server.url, f.usernameOf(i), PASSWORD)));
    await phones[2]!.goto(`${server.url}/j/QS/vote`);
    await phones[2]!.getByLabel('签到码').fill(code);
    await phones[2]!.getByRole('button', { name: '签到' }).click();
    await phones[2]!.getByText('✓ 已签到').waitFor();

    // The clerk creates the poll and opens it; the projector shows the roll and the poll.
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}`);
    await clerk.getByRole('button', { name: '创建表决' }).click();
    await clerk.waitForURL(/\/polls\/\d+$/);
    const pollUrl = clerk.url();
    // Before the first 票决 the session adopts its 票决办法: the clerk reads it out and records the show of hands.
    await clerk.getByRole('link', { name: '宣读票决办法并记录举手表决结果' }).click();
    await clerk.getByText('2027年度民生实事项目票决办法').first().waitFor();
    await clerk.getByLabel('赞成').fill('3');
    await clerk.getByRole('button', { name: '记录表决结果，通过并固定办法' }).click();
    await clerk.getByText('票决办法已通过并固定').waitFor();
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '开始表决' }).click();
    await clerk.getByText('表决已开始').waitFor();
    // The three slips of the box code, shown this once: printed for the scrutineers.
    const slips = await clerk.locator('.slip-code').allTextContents();
    expect(slips).toHaveLength(3);
    await shot(clerk, 'voting-box-slips-1280');
    await clerk.emulateMedia({ media: 'print' });
    await shot(clerk, 'voting-box-slips-print');
    await clerk.emulateMedia({ media: 'screen' });
    await clerk.getByRole('link', { name: '已分发，返回表决页面' }).click();
    const screen = await newPage(1280, 800);
    await loginAs(screen, server.url, 'qs.clerk', PASSWORD);
    await screen.goto(`${server.url}/j/QS/sessions/${s.id}/screen`);
    await screen.getByText('已投票 0 / 出席 3').waitFor();
    expect(await screen.locator('.screen-code').textContent()).toBe(code);
    expect(await screen.locator('table.result').count()).toBe(0);

    // The phone that has been waiting gets the ballot by itself (htmx polling); the others load the page.
    await phones[2]!.getByText('应选 2 项').waitFor({ timeout: 20_000 });
    for (const p of phones.slice(0, 2)) {
      await p.goto(`${server.url}/j/QS/vote`);
      await p.getByText('应选 2 项').waitFor();
    }
    await shot(phones[0]!, 'voting-ballot-375');

    // Over N on the phone: the script stops it with a message, nothing is sent.
    const p0 = phones[0]!;
    const row = (p: Page, i: number) => p.locator('fieldset.mark-row').nth(i);
    for (const i of [0, 1, 2]) await row(p0, i).getByLabel('赞成').check();
    await p0.getByText('赞成不能超过 2 项，您现在选了 3 项').waitFor();
    await p0.getByRole('button', { name: '下一步：确认选票' }).click();
    expect(p0.url()).toMatch(/\/j\/QS\/vote$/);
    await shot(p0, 'voting-ballot-over-limit-375');
    await row(p0, 2).getByLabel('反对').check();
    expect(await p0.locator('[data-limit-error]').isHidden()).toBe(true);

    // All three confirm and cast at the same moment.
    const plans: string[][] = [['赞成', '赞成', '反对'], ['赞成', '反对', '赞成'], ['赞成', '赞成', '']];
    await Promise.all(phones.map(async (p, n) => {
      for (const [i, label] of plans[n]!.entries()) if (label) await row(p, i).getByLabel(label).check();
      await p.getByRole('button', { name: '下一步：确认选票' }).click();
      await p.getByText('请确认您的选票').waitFor();
    }));
    expect(await phones[2]!.locator('.confirm-list').textContent()).toContain('（未选择，按弃权计）');
    await shot(phones[2]!, 'voting-confirm-375');
    await Promise.all(phones.map((p) => p.getByRole('button', { name: '确认投票' }).click()));
    for (const p of phones) await p.getByText('投票成功 ✓').waitFor();
    expect(await phones[0]!.locator('.receipt-code strong').textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await shot(phones[0]!, 'voting-receipt-375');

    // The projector catches up by itself (htmx polling), still without a tally.
    await screen.getByText('已投票 3 / 出席 3').waitFor({ timeout: 20_000 });
    expect(await screen.locator('table.result').count()).toBe(0);
    await shot(screen, 'voting-projector-open-1280');

    // Close: the result appears on the projector and on the printable sheet.
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '结束表决' }).click();
    await clerk.getByText('请两位监票人输入开箱码开箱').waitFor();
    // 开箱: a mistyped slip is named beside its field; two good slips open the box and count.
    await clerk.getByRole('link', { name: '开箱', exact: true }).click();
    await clerk.getByLabel('第一张纸条的开箱码').fill(slips[0]!);
    await clerk.getByLabel('第二张纸条的开箱码').fill(slips[2]!.slice(0, -1) + (slips[2]!.endsWith('A') ? 'B' : 'A'));
    await clerk.getByRole('button', { name: '开箱计票' }).click();
    await clerk.getByText('校验不符').waitFor();
    await shot(clerk, 'voting-unseal-typo-1280');
    await clerk.getByLabel('第二张纸条的开箱码').fill(slips[2]!.toLowerCase().replace(/-/g, ' '));
    await clerk.getByRole('button', { name: '开箱计票' }).click();
    await clerk.getByText('票箱已打开：电子选票 3 张，结果已产生').waitFor();
    await screen.locator('table.result').waitFor({ timeout: 20_000 });
    await shot(screen, 'voting-projector-result-1280');
    await clerk.getByRole('link', { name: '打印结果报告单' }).click();
    await clerk.getByText('结果报告单').first().waitFor();
    const figures = await clerk.locator('table.figures').textContent();
    expect(figures).toContain('在册代表4 名');
    expect(figures).toContain('出席代表3 名');
    expect(figures).toContain('发出选票3 张');
    expect(figures).toContain('收回选票3 张');
    expect(figures).toContain('至少 3 票');
    const rows = await clerk.locator('table.result tbody tr').allTextContents();
    expect(rows[0]).toBe(`${f.qsCycle.candidates[0]!.title}3000通过`);
    expect(rows[1]).toBe(`${f.qsCycle.candidates[1]!.title}2100未过半数`);
    expect(rows[2]).toBe(`${f.qsCycle.candidates[2]!.title}1110未过半数`);
    await shot(clerk, 'voting-result-sheet-1280');
    await clerk.emulateMedia({ media: 'print' });
    await shot(clerk, 'voting-result-sheet-print');
    await clerk.emulateMedia({ media: 'screen' });
    expect(pages.external).toEqual([]);
  }, 240_000); // the 开箱 steps add to an already long journey on a loaded machine
});
