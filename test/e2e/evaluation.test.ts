import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { addCycle, addProject } from '../helpers/deliveryFixture';
import { openSession, votingFixture, type VotingFixture } from '../helpers/votingFixture';

const PROJECTS = ['青石村至杨柳村道路硬化', '白果村饮水安全提升工程', '龙井村便民桥改建'];

describe('browser: representatives rate last year\'s projects on phones at the session that votes on this year\'s', () => {
  let f: VotingFixture;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let projectIds: number[] = [];

  beforeAll(async () => {
    f = await votingFixture({ reps: 4, logins: 4, candidates: 3, seatsToFill: 2 });
    const cy = addCycle(f.db, f.qs.id, 2026, f.users.qsClerk.id, 'delivery');
    projectIds = PROJECTS.map((title, i) => addProject(f.db, cy.id, {
      title, budget: 900_000, startDate: '2026-03-01', endDate: '2026-10-31',
      milestones: [{ title: '完工验收', dueDate: '2026-10-31', plannedPct: 100, plannedSpend: 900_000 }],
    }, i + 1));
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

  const noSideways = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('create, quorum, three phones rate, close, publish; the public project page shows the rating', async () => {
    const s = openSession(f, 3); // 3 of 4 present: exactly the quorum

    // The clerk sets up the evaluation at the 2027 session: the 2026 projects are offered by default.
    const clerk = await newPage(1280, 900);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}`);
    expect(await clerk.getByLabel('测评哪一年度的项目').locator('option:checked').textContent()).toBe('2026年度（实施与监督，3 个项目）');
    await shot(clerk, 'evaluation-session-1280');
    await clerk.getByRole('button', { name: '创建满意度测评' }).click();
    await clerk.waitForURL(/\/polls\/\d+$/);
    const pollUrl = clerk.url();
    // Paper ballots for anyone without a phone are printed before the poll opens.
    await clerk.getByRole('link', { name: /打印纸质选票/ }).click();
    await clerk.getByText('编号 No. 004').waitFor();
    expect(await clerk.locator('.ballot-instructions').first().textContent()).not.toContain('不得超过');
    await clerk.emulateMedia({ media: 'print' });
    await shot(clerk, 'evaluation-paper-ballots-print');
    await clerk.emulateMedia({ media: 'screen' });
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '开始表决' }).click();
    await clerk.getByText('表决已开始').waitFor();
    // A secret evaluation gets a sealed box like any secret poll: its three slips, shown this once.
    const slips = await clerk.locator('.slip-code').allTextContents();
    expect(slips).toHaveLength(3);

    // Each representative finds the ballot from the home page's to-do list.
    const phones = await Promise.all([0, 1, 2].map(() => newPage(375, 740)));
    await Promise.all(phones.map((p, i) => loginAs(p, server.url, f.usernameOf(i), PASSWORD)));
    for (const p of phones) {
      await p.goto(`${server.url}/`);
      await p.getByRole('link', { name: /参加满意度测评：2026年度民生实事项目满意度测评/ }).click();
      await p.getByText('请对每个项目的实施效果作出评价').waitFor();
    }
    await shot(phones[0]!, 'evaluation-home-todo-375');
    await noSideways(phones[0]!);

    const row = (p: Page, i: number) => p.locator('fieldset.mark-row').nth(i);
    const plans: string[][] = [['满意', '满意', '不满意'], ['基本满意', '满意', '不满意'], ['满意', '', '不满意']];
    for (const [n, p] of phones.entries()) {
      for (const [i, label] of plans[n]!.entries()) if (label) await row(p, i).getByLabel(label, { exact: true }).check();
    }
    await shot(phones[2]!, 'evaluation-ballot-375');
    await noSideways(phones[2]!);
    await Promise.all(phones.map(async (p) => {
      await p.getByRole('button', { name: '下一步：确认选票' }).click();
      await p.getByText('请确认您的选票').waitFor();
    }));
    expect(await phones[2]!.locator('.confirm-list li').nth(1).textContent()).toContain('（未选择，按弃权计）');
    await shot(phones[2]!, 'evaluation-confirm-375');
    await Promise.all(phones.map((p) => p.getByRole('button', { name: '确认投票' }).click()));
    for (const p of phones) await p.getByText('投票成功 ✓').waitFor();
    await phones[0]!.goto(`${server.url}/`);
    expect(await phones[0]!.getByText('参加满意度测评').count()).toBe(0);

    // The projector: turnout while open, never the running ratings; the rates once closed.
    const screen = await newPage(1280, 800);
    await loginAs(screen, server.url, 'qs.clerk', PASSWORD);
    await screen.goto(`${server.url}/j/QS/sessions/${s.id}/screen`);
    await screen.getByText('已投票 3 / 出席 3').waitFor();
    expect(await screen.locator('table.result').count()).toBe(0);

    // Close: the rates appear; publish them.
    await clerk.goto(pollUrl);
    await clerk.getByText('已投票 3').waitFor();
    await clerk.getByRole('button', { name: '结束表决' }).click();
    await clerk.getByText('请两位监票人输入开箱码开箱').waitFor();
    await clerk.getByRole('link', { name: '开箱', exact: true }).click();
    await clerk.getByLabel('第一张纸条的开箱码').fill(slips[1]!);
    await clerk.getByLabel('第二张纸条的开箱码').fill(slips[2]!);
    await clerk.getByRole('button', { name: '开箱计票' }).click();
    await clerk.getByText('票箱已打开：电子选票 3 张，结果已产生').waitFor();
    const rows = await clerk.locator('table.result tbody tr').allTextContents();
    expect(rows).toEqual([
      `${PROJECTS[0]}21000100%达到要求`,
      `${PROJECTS[1]}20010100%达到要求`,
      `${PROJECTS[2]}003000%低于 60%，须整改`,
    ]);
    expect(await clerk.locator('table.result tfoot').textContent()).toContain('62.5%');
    await screen.locator('table.result').waitFor({ timeout: 20_000 });
    await shot(screen, 'evaluation-projector-result-1280');
    await clerk.getByRole('button', { name: '公布测评结果' }).click();
    await clerk.getByText('测评结果已公布').waitFor();
    await shot(clerk, 'evaluation-poll-published-1280');

    await clerk.getByRole('link', { name: '打印结果报告单' }).click();
    await clerk.getByText('结果报告单').first().waitFor();
    const figures = await clerk.locator('table.figures').textContent();
    for (const t of ['在册代表4 名', '出席代表3 名', '发出选票3 张', '收回选票3 张', '有效票3 张', '无效票0 张', '不低于 60%', '须整改项目1 项']) expect(figures).toContain(t);
    await shot(clerk, 'evaluation-result-sheet-1280');
    await clerk.emulateMedia({ media: 'print' });
    await shot(clerk, 'evaluation-result-sheet-print');
    await clerk.emulateMedia({ media: 'screen' });
    await clerk.setViewportSize({ width: 375, height: 800 });
    await shot(clerk, 'evaluation-result-sheet-375');
    await noSideways(clerk);

    // Anyone: the project's public page shows the representatives' rating and the rectification.
    const visitor = await newPage(375, 800);
    await visitor.goto(`${server.url}/p/QS/2026/projects/${projectIds[2]}`);
    await visitor.getByText('代表年底评议').waitFor();
    expect(await visitor.locator('.ratings').first().textContent()).toContain('满意 0 · 基本满意 0 · 不满意 3 · 满意率 0%');
    expect(await visitor.locator('.ratings').first().textContent()).toContain('满意率低于 60%，项目须整改。');
    await visitor.locator('.ratings').first().scrollIntoViewIfNeeded();
    await shot(visitor, 'evaluation-public-project-375');
    await visitor.goto(`${server.url}/p/QS/2026/projects/${projectIds[0]}`);
    expect(await visitor.locator('.ratings').first().textContent()).toContain('满意 2 · 基本满意 1 · 不满意 0 · 满意率 100%');
    await noSideways(visitor);
    expect(pages.external).toEqual([]);
  });
});
