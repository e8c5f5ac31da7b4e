import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DbConnection } from '../../db/client';
import { proposal } from '../../db/schema';
import { setCollectionWindow } from '../../src/data/collection';
import { createCycle } from '../../src/data/cycles';
import { submitProposal } from '../../src/data/proposals';
import { createStation } from '../../src/data/stations';
import { addDays, chinaDateOf } from '../../src/domain/chinaDate';
import { staffProposalSchema } from '../../src/domain/proposalInput';
import { freshDb, PASSWORD, seedBasics } from '../helpers/app';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';
import { proposalForm } from '../helpers/proposals';

/** This year's cycle for QS with the window open around today (the server runs on the real clock). */
async function seedOpenCollection(db: DbConnection) {
  const base = await seedBasics(db);
  const now = new Date();
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const clerk = { id: base.users.qsClerk.id, name: 'qs.clerk' };
  const made = createCycle(db, clerk, base.qs.id, year, now);
  if (!made.ok) throw new Error(made.error);
  const opens = [addDays(today, -5), `${year}-01-01`].sort().at(-1)!;
  const closes = [addDays(today, 5), `${year}-12-31`].sort()[0]!;
  const window = setCollectionWindow(db, clerk, made.value, opens, closes, now, '演示用的短征集期');
  if (!window.ok) throw new Error(window.error);
  createStation(db, clerk, base.village.id, { kind: 'liaison', name: '青石村人大代表联络站', address: '渝川区青石镇青石村村民委员会', shortCode: 'qs01-lx' }, now);
  // Some earlier proposals, so the list and the portal are not empty.
  const titles = ['杨柳村饮水安全巩固提升', '青石村通组公路硬化', '镇中心小学食堂改造', '白果村老年食堂', '青石场镇路灯安装', '龙井村垃圾分类收集点'];
  titles.forEach((title, i) => {
    const input = staffProposalSchema.parse(proposalForm({ title, proposerName: `王${'一二三四五六'[i]}`, category: ['water', 'transport', 'education', 'elderly', 'transport', 'environment'][i]!, estimatedCost: String((i + 1) * 120000) }));
    submitProposal(db, { id: null, name: '测试' }, { cycle: made.value, jurisdiction: base.qs }, input, { entryChannel: 'online', submittedBy: null }, now);
  });
  return { ...base, year, cycle: made.value };
}

describe('browser: a resident proposes through a station\'s link; the clerk finds it; the public follows it', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: DbConnection;
  let year: number;
  let fixture: Awaited<ReturnType<typeof seedOpenCollection>>;
  beforeAll(async () => {
    db = freshDb();
    fixture = await seedOpenCollection(db);
    year = fixture.year;
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a 375 px phone: station link → station page → form → errors → receipt → tracking page with the decision', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });

    // The poster's QR opens the station's page; proposing a project is one of its actions.
    await page.goto(`${server.url}/s/qs01-lx`);
    await page.waitForURL(`${server.url}/p/QS/stations/qs01-lx`);
    await page.getByRole('link', { name: '提民生实事项目建议' }).click();
    await page.waitForURL(`${server.url}/p/QS/propose?station=qs01-lx`);
    expect(await page.getByLabel('通过哪个代表之家/联络站提交（可不选）').inputValue()).toBe('qs01-lx');
    expect(await page.getByLabel('所在村/社区').locator('option:checked').textContent()).toBe('青石村');
    await shot(page, 'propose-375');

    // Nothing typed yet: errors beside the fields, the station kept.
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByText('请填写项目名称').waitFor();
    expect(await page.getByLabel('通过哪个代表之家/联络站提交（可不选）').inputValue()).toBe('qs01-lx');
    await shot(page, 'propose-errors-375');

    await page.getByLabel('项目名称').fill('青石村饮水管网改造🚰');
    await page.getByLabel('项目类别').selectOption('water');
    await page.getByLabel('项目内容').fill('青石村 3 组、4 组的饮水主管老化漏水，夏天经常停水。希望更换主管约 2 公里。');
    await page.getByLabel('受益对象').fill('青石村 3、4 组村民');
    await page.getByLabel('估算投资（元）').fill('-80万');
    await page.getByLabel('政府财政资金占比（%）').fill('90');
    await page.getByLabel('预计工期（月）').fill('5');
    await page.getByLabel('提议人姓名').fill('欧阳秀英');
    await page.getByLabel('联系电话').fill('139 1234 5678');
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.getByText('估算投资不能为负数').waitFor();
    expect(await page.getByLabel('项目名称').inputValue()).toBe('青石村饮水管网改造🚰');
    await page.getByLabel('估算投资（元）').fill('80万');
    await page.getByRole('button', { name: '提交建议' }).click();

    await page.waitForURL(/\/receipt\//);
    const receipt = (await page.locator('.receipt-no').textContent())!.trim();
    expect(receipt).toMatch(new RegExp(`^${year}-QS-0007-[2-9A-HJKMNP-TV-Z]{4}$`));
    const receiptText = await page.locator('main').textContent();
    expect(receiptText).toContain('欧阳**');
    expect(receiptText).not.toContain('欧阳秀英');
    expect(receiptText).not.toContain('13912345678');
    expect(receiptText).toContain('经青石村人大代表联络站');
    await shot(page, 'receipt-375');

    const row = db.select().from(proposal).where(eq(proposal.receipt, receipt)).get()!;
    expect(row).toMatchObject({ estimatedCost: 800000, proposerPhone: '13912345678', source: 'public' });

    // Meanwhile the clerk screens it ineligible on the screening page, citing a rule and giving the reason.
    const reason = '经审查，该项目已列入区水利局 2026 年农村供水保障工程（上级安排实施的民生实事项目），不再作为本镇票决候选项目。';
    const clerkCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const clerk = await clerkCtx.newPage();
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(`${server.url}/j/QS/cycles/${year}/proposals/${row.id}`);
    await clerk.getByLabel('不符合条件', { exact: true }).check();
    await clerk.getByLabel('不属于上级安排实施的项目').check();
    await clerk.getByLabel('说明 / 答复（公开）').fill(reason);
    await clerk.getByRole('button', { name: '提交审查结论' }).click();
    await clerk.getByText('审查结论已保存').waitFor();
    await shot(clerk, 'screened-desktop');
    await clerkCtx.close();
    expect(db.select().from(proposal).where(eq(proposal.id, row.id)).get()!.status).toBe('ineligible');

    await page.getByRole('link', { name: '查看办理进度' }).click();
    await page.waitForURL(`${server.url}/track/${receipt}`);
    await page.getByText('经审查不符合民生实事项目条件').waitFor();
    expect(await page.locator('.decision').textContent()).toContain('上级安排实施的民生实事项目');
    await shot(page, 'track-375');

    await page.goto(`${server.url}/p/QS`);
    await page.getByText(`共 7 条`).waitFor();
    await shot(page, 'portal-375');
    expect(external).toEqual([]);
    await ctx.close();
  });

  it('the clerk searches the intake list with a two-character word (htmx updates the results in place)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);
    await page.goto(`${server.url}/j/QS/cycles/${year}/proposals`);
    await page.getByText('共 7 条').waitFor();
    await shot(page, 'intake-desktop');
    await page.getByLabel('搜索').fill('漏水'); // two characters, in the resident's description only
    await page.locator('#results').getByText('共 1 条').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('q')).toBe('漏水'); // pushed: the back button and a reload keep the search
    const rows = await page.locator('#results tbody tr').allTextContents();
    expect(rows.join()).toContain('青石村饮水管网改造');
    expect(rows.join()).toContain('欧阳秀英'); // staff see full names
    await page.getByLabel('搜索').fill('饮水');
    await page.locator('#results').getByText('共 7 条').waitFor({ timeout: 15_000 });
    await page.getByLabel('类别').selectOption('water');
    await page.locator('#results').getByText('共 2 条').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('category')).toBe('water');
    await shot(page, 'intake-search-desktop');

    await page.setViewportSize({ width: 375, height: 740 });
    await page.reload();
    await shot(page, 'intake-375');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/p/QS`);
    await shot(page, 'portal-desktop');
    await page.goto(`${server.url}/j/QS/stations`);
    await page.getByRole('link', { name: /打印海报/ }).first().click();
    await page.locator('.poster-qr svg').waitFor();
    await shot(page, 'poster-desktop');
    await page.goto(`${server.url}/j/QS/cycles/${year}/proposals/import`);
    await shot(page, 'import-desktop');
    await page.goto(`${server.url}/j/QS/cycles/${year}/collection`);
    await shot(page, 'collection-window-desktop');
    await ctx.close();
  });

  it('nothing scrolls sideways at 375 px, even with a long unbroken title and emoji', async () => {
    const long = staffProposalSchema.parse(proposalForm({
      title: 'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW😀', description: `见 https://example.invalid/${'x'.repeat(300)} 😀😀😀`,
      beneficiaries: 'B'.repeat(200), proposerName: '😀'.repeat(30),
    }));
    const r = submitProposal(db, { id: null, name: '测试' }, { cycle: fixture.cycle, jurisdiction: fixture.qs }, long, { entryChannel: 'online', submittedBy: null }, new Date());
    if (!r.ok) throw new Error(r.error);
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);
    for (const path of [`/track/${r.value.receipt}`, `/receipt/${r.value.receipt}`, '/p/QS', `/j/QS/cycles/${year}/proposals`]) {
      await page.goto(server.url + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(375);
    }
    await page.goto(`${server.url}/track/${r.value.receipt}`);
    await shot(page, 'track-long-375');
    await ctx.close();
  });

  it('receipt and form on a desktop', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/p/QS/propose`);
    await shot(page, 'propose-desktop');
    const receipt = db.select().from(proposal).where(eq(proposal.seq, 7)).all().find((p) => p.receipt.startsWith(`${year}-QS-`))!.receipt;
    await page.goto(`${server.url}/receipt/${receipt}`);
    await shot(page, 'receipt-desktop');
    await page.goto(`${server.url}/track/${receipt}`);
    await shot(page, 'track-desktop');
    await ctx.close();
  });
});
