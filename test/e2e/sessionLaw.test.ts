import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { TIE_PLAN } from '../helpers/pollCases';
import {
  castVia, marksFor, nameScrutineers, openSession, optionIds, signCertificates, votingFixture, type VotingFixture,
} from '../helpers/votingFixture';

/**
 * The session as the law runs it, in the browser: a departure on the roll, a tie at the last place, a runoff that
 * ties again, 另行票决 for the place still empty, each box opened by a scrutineer's two slips, and the sheet and the
 * resolution telling the whole chain. The representatives' ballots go through the ballot route (their phones are
 * walked in the voting journey); the clerk's and the scrutineer's steps are all clicks.
 */
describe('browser: departure → tied runoff → 另行票决 → 开箱 by the scrutineers → the chain on the sheet and in the resolution', () => {
  let f: VotingFixture;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    // 13 seated: after one departure 12 in the hall (quorum 9), a candidate needs 7 "for" (more than half of 13).
    f = await votingFixture({ reps: 13, logins: 13, candidates: 4, seatsToFill: 2 });
    server = await startServer(f.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });
  const pages = pageOpener(() => browser, () => server.url);

  /** Opens the poll on its page and reads the three slips shown this once. */
  async function openWithSlips(clerk: Page, pollUrl: string): Promise<string[]> {
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '开始表决' }).click();
    await clerk.getByText('表决已开始').waitFor();
    const slips = await clerk.locator('.slip-code').allTextContents();
    expect(slips).toHaveLength(3);
    await clerk.getByRole('link', { name: '已分发，返回表决页面' }).click();
    return slips;
  }

  /** Every one of the first twelve casts the plan's marks through the ballot route. */
  async function castAll(pollId: number, plan: (i: number) => string[]) {
    const ids = optionIds(f, pollId);
    for (let i = 0; i < 12; i++) {
      const res = await castVia(f, await f.login(f.usernameOf(i)), pollId, marksFor(ids, plan(i)));
      expect(res.status).toBe(303);
    }
  }

  /** The clerk closes; the 总监票人, with their own login, enters two slips and opens the box. */
  async function closeAndOpenBox(clerk: Page, chief: Page, pollUrl: string, slips: string[]) {
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '结束表决' }).click();
    await clerk.getByText('请两位监票人输入开箱码开箱').waitFor();
    await chief.goto(`${pollUrl}/unseal`);
    await chief.getByLabel('第一张纸条的开箱码').fill(slips[0]!);
    await chief.getByLabel('第二张纸条的开箱码').fill(slips[2]!);
    await chief.getByRole('button', { name: '开箱计票' }).click();
    await chief.getByText('票箱已打开：电子选票 12 张，结果已产生').waitFor();
  }

  it('every poll of the chain counted, every place accounted for', async () => {
    const [A, , , D] = f.qsCycle.candidates.map((c) => c.title);
    const s = openSession(f, 13);
    nameScrutineers(f, s); // elected at the session: 李强 (qs.rep) 总监票人, qs.r002 监票人
    const clerk = await pages.open(1280, 900);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    const chief = await pages.open(375, 740);
    await loginAs(chief, server.url, f.usernameOf(0), PASSWORD);

    // One representative leaves the hall before the vote: 12 present of 13.
    const leaving = f.roster[12]!.name;
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}/roll`);
    await clerk.getByRole('button', { name: `离场 ${leaving}` }).click();
    await clerk.getByRole('button', { name: `返场 ${leaving}` }).waitFor();
    expect(await clerk.locator('#roll-head').textContent()).toContain('离场1');

    // The 票决办法, read out and adopted by show of hands, then the selection poll.
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}`);
    await clerk.getByRole('button', { name: '创建表决' }).click();
    await clerk.waitForURL(/\/polls\/\d+$/);
    const firstUrl = clerk.url();
    const firstId = Number(firstUrl.split('/').at(-1));
    await clerk.getByRole('link', { name: '宣读票决办法并记录举手表决结果' }).click();
    await clerk.getByLabel('赞成').fill('12');
    await clerk.getByRole('button', { name: '记录表决结果，通过并固定办法' }).click();
    await clerk.getByText('票决办法已通过并固定').waitFor();
    const firstSlips = await openWithSlips(clerk, firstUrl);
    await castAll(firstId, (i) => TIE_PLAN[i]!); // A 8; B 7 and C 7 tied at the last place
    await closeAndOpenBox(clerk, chief, firstUrl, firstSlips);

    // The tie goes to a runoff, which ties again: 6 to 6, nobody over half of 13.
    await clerk.goto(firstUrl);
    await clerk.getByRole('button', { name: '就剩余 1 个名额发起另行投票' }).click();
    await clerk.getByText('已创建另行投票').waitFor();
    const runoffUrl = clerk.url();
    const runoffId = Number(runoffUrl.split('/').at(-1));
    const runoffSlips = await openWithSlips(clerk, runoffUrl);
    await castAll(runoffId, (i) => (i < 6 ? ['for', 'against'] : ['against', 'for']));
    await closeAndOpenBox(clerk, chief, runoffUrl, runoffSlips);

    // The place still empty: 另行票决 among the rest, in first-round order, with no counted poll voided.
    await clerk.goto(runoffUrl);
    await clerk.getByRole('button', { name: '就空缺的 1 个名额另行票决（其余 3 个候选项目）' }).click();
    await clerk.getByText('已创建另行票决').waitFor();
    const furtherUrl = clerk.url();
    const furtherId = Number(furtherUrl.split('/').at(-1));
    expect(await clerk.locator('main').textContent()).not.toContain('已作废');
    const furtherSlips = await openWithSlips(clerk, furtherUrl);
    await castAll(furtherId, (i) => (i < 9 ? ['', '', 'for'] : ['for', '', '']));
    await closeAndOpenBox(clerk, chief, furtherUrl, furtherSlips);

    // The further poll's sheet: the roll as it opened (one departed) and the whole chain, round by round.
    await clerk.goto(`${furtherUrl}/result`);
    const sheet = (await clerk.locator('main').textContent())!;
    expect(sheet).toContain('离场 1 名');
    expect(sheet).toContain('本次会议各轮票决');
    const rounds = await clerk.locator('table.chain tbody tr').allTextContents();
    expect(rounds).toHaveLength(3);
    expect(rounds[0]).toContain(A!);
    expect(rounds[1]).toContain('另行投票');
    expect(rounds[2]).toContain('另行票决');
    expect(rounds[2]).toContain(D!);
    await shot(clerk, 'session-law-sheet-1280');

    // The scrutineers sign each poll's 计票结果报告单; the resolution says how each place was filled.
    signCertificates(f, s);
    await clerk.goto(`${server.url}/j/QS/sessions/${s.id}/resolution`);
    const resolution = (await clerk.locator('main').textContent())!;
    expect(resolution).toContain('各名额产生情况');
    expect(resolution).toContain(D!);
    expect(resolution).toContain('票决办法');
    expect(resolution).toContain('另行票决');
    await shot(clerk, 'session-law-resolution-1280');
    expect(pages.external).toEqual([]);
  }, 300_000);
});
