import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { candidate, cycle, milestone, proposalEvent } from '../../db/schema';
import { freshDb, PASSWORD, seedBasics } from '../helpers/app';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';
import { addCycle, addProposal, getProposal } from '../helpers/proposalFixture';

describe('browser: a clerk screens proposals, builds the candidate list and records its approval', () => {
  const db = freshDb();
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const s = await seedBasics(db);
    const cycleId = addCycle(db, s.qs.id, 2027, 'screening', s.users.qsClerk.id).id;
    ids.company = addProposal(db, cycleId, {
      title: '青石村商业街入口改造', description: '改造商业街入口牌坊和停车场，方便商户经营。', placeId: s.village.id,
      fundingSource: '商户集资为主，镇财政补助', fiscalSharePct: 30, estimatedCost: 1_200_000, proposerName: '周老板', proposerPhone: '13700000000',
    }).id;
    ids.lights = addProposal(db, cycleId, {
      title: '青石村主干道安装路灯', description: '主干道晚上没有路灯，老人和学生出行不安全，建议安装太阳能路灯 60 盏。', placeId: s.village.id,
      category: 'safety', estimatedCost: 360_000, beneficiaryCount: 1800, proposerName: '王秀兰',
    }).id;
    ids.lights2 = addProposal(db, cycleId, {
      title: '青石村安装路灯', description: '青石村主干道没有路灯，晚上出行不安全', placeId: s.village.id, category: 'safety', estimatedCost: 300_000, proposerName: '李建国',
    }).id;
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function screen(page: Page, id: number) {
    await page.goto(`${server.url}/j/QS/cycles/2027/proposals/${id}`);
  }

  it('screens one ineligible with a reason, one eligible; builds and approves the list; prints it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);

    await page.goto(`${server.url}/j/QS/cycles/2027/screening`);
    await shot(page, 'screening-queue-375');
    await page.getByRole('link', { name: '青石村商业街入口改造' }).click();
    await page.waitForURL(`${server.url}/j/QS/cycles/2027/proposals/${ids.company}`);
    expect(await page.locator('table.rules').textContent()).toContain('财政资金占比 30%，低于 50%');
    await shot(page, 'screening-page-375');

    // Ineligible without an explanation: the message sits beside the field, the choice is kept.
    await page.getByLabel('不符合条件', { exact: true }).check();
    expect(await page.getByLabel('以财政资金投入为主').isChecked()).toBe(true); // pre-selected from the automatic check
    await page.getByRole('button', { name: '提交审查结论' }).click();
    await page.getByText('请写明不符合条件的说明').waitFor();
    expect(await page.getByLabel('不符合条件', { exact: true }).isChecked()).toBe(true);
    await shot(page, 'screening-error-375');
    await page.getByLabel('说明 / 答复（公开）').fill('该项目主要由商户集资，属经营性设施改造，不是以财政资金投入为主的民生实事。');
    await page.getByRole('button', { name: '提交审查结论' }).click();
    await page.getByText('审查结论已保存').waitFor();
    expect(await page.locator('ol.timeline').last().textContent()).toContain('审查结论：不符合条件。依据：以财政资金投入为主');
    expect(getProposal(db, ids.company!).status).toBe('ineligible');

    // The near-duplicate is suggested; merge it into the other street-light proposal.
    await screen(page, ids.lights2!);
    expect(await page.locator('ul.duplicates').textContent()).toContain('青石村主干道安装路灯');
    await page.getByLabel('合并到其他提议').check();
    await page.getByLabel('合并到', { exact: true }).selectOption(String(ids.lights));
    await page.getByRole('button', { name: '提交审查结论' }).click();
    await page.getByText('审查结论已保存').waitFor();
    expect(getProposal(db, ids.lights2!).mergedIntoId).toBe(ids.lights);

    await screen(page, ids.lights!);
    expect(await page.locator('.card.private').textContent()).toContain('李建国'); // the merged proposer, kept
    await page.getByLabel('符合条件', { exact: true }).check();
    await page.getByLabel('说明 / 答复（公开）').fill('符合民生实事项目条件。');
    await page.getByRole('button', { name: '提交审查结论' }).click();
    await page.getByText('审查结论已保存').waitFor();
    await shot(page, 'screening-decided-375');

    // Into the candidate phase, then the list.
    await page.goto(`${server.url}/j/QS/cycles/2027`);
    await page.getByLabel('变更为').selectOption('candidates');
    await page.getByRole('button', { name: '确认变更' }).click();
    await page.getByText('阶段已变更为').waitFor();
    await page.goto(`${server.url}/j/QS/cycles/2027/candidates`);
    await page.getByLabel('应选项目数 N').fill('1');
    await page.getByRole('button', { name: '保存 N' }).click();
    await page.getByText('应选项目数已设为 1').waitFor();
    await page.getByRole('link', { name: '据此新建候选项目' }).click();
    expect(await page.getByLabel('项目名称').inputValue()).toBe('青石村主干道安装路灯');
    await page.getByRole('textbox', { name: '承办单位', exact: true }).fill('镇规划建设管理环保办');
    await page.getByLabel('承办单位系统账号（可选）').selectOption({ label: '青石镇农业服务中心' });
    await page.getByLabel('责任领导').fill('副镇长 刘红');
    await page.getByLabel('开工日期').fill('2027-04-01');
    await page.getByLabel('完成日期').fill('2027-10-31');
    const first = page.getByRole('group', { name: '里程碑 1' });
    await first.getByLabel('名称').fill('完成招标采购');
    await first.getByLabel('截止日期').fill('2027-05-31');
    await first.getByLabel('累计完成（%）').fill('20');
    await first.getByLabel('累计支出（元）').fill('50000');
    const second = page.getByRole('group', { name: '里程碑 2' });
    await second.getByLabel('名称').fill('全部安装并验收');
    await second.getByLabel('截止日期').fill('2027-10-31');
    await second.getByLabel('累计完成（%）').fill('100');
    await second.getByLabel('累计支出（元）').fill('360000');
    await shot(page, 'candidate-form-375');
    // Submitting with Enter from a text field: a click right after filling a date field can land on the closing date picker.
    await page.getByLabel('责任领导').press('Enter');
    await page.getByText('已新建候选项目').waitFor();
    expect(await page.locator('.warning').textContent()).toContain('不是差额票决'); // 1 candidate for N = 1: warned, not blocked
    await shot(page, 'candidate-list-375');

    await page.getByLabel('审定会议（可选）').fill('镇人大主席团第三次会议');
    await page.getByRole('button', { name: '主席团已审定，锁定名单' }).click();
    await page.getByText('名单已锁定').first().waitFor();
    expect(await page.locator('ol.timeline').textContent()).toContain('镇人大主席团第三次会议');
    await shot(page, 'candidate-list-locked-375');
    const cy = db.select().from(cycle).where(eq(cycle.year, 2027)).get()!;
    expect(cy.candidatesLockedAt).not.toBeNull();
    const [cand] = db.select().from(candidate).all();
    expect(cand!.unitName).toBe('镇规划建设管理环保办');
    expect(db.select().from(milestone).where(eq(milestone.candidateId, cand!.id)).all()).toHaveLength(2);
    expect(db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, ids.lights!)).all().some((e) => e.kind === 'candidate')).toBe(true);

    await page.getByRole('link', { name: '打印名单' }).click();
    await page.getByRole('heading', { name: '青石镇2027年度民生实事候选项目名单' }).waitFor();
    await shot(page, 'candidate-print-375');
    expect(external).toEqual([]);
    await ctx.close();

    // The same pages on a desktop, and the print view as printed.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const p2 = await desk.newPage();
    await loginAs(p2, server.url, 'qs.clerk', PASSWORD);
    await screen(p2, ids.company!);
    await shot(p2, 'screening-page-desktop');
    await screen(p2, ids.lights!);
    await shot(p2, 'screening-merged-into-desktop');
    await p2.goto(`${server.url}/j/QS/cycles/2027/candidates`);
    await shot(p2, 'candidate-list-desktop');
    await p2.goto(`${server.url}/j/QS/cycles/2027/candidates/print`);
    await p2.emulateMedia({ media: 'print' });
    await shot(p2, 'candidate-print-desktop');
    await desk.close();
  });
});
