import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { supervisionAssignment, supervisionGroup, supervisionGroupMember } from '../../db/schema';
import { createApp } from '../../src/app';
import { freshDb, PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, shot } from '../helpers/browser';
import { chinaMorning, deliveryFixture, PNG } from '../helpers/deliveryFixture';

describe('browser: a month of delivery supervision', () => {
  let browser: Browser;
  let server: ServerType;
  let base = '';
  let road = 0;
  const uploads = mkdtempSync(join(tmpdir(), 'ms-e2e-'));

  beforeAll(async () => {
    const db = freshDb();
    const fx = await deliveryFixture(db);
    road = fx.road;
    const g = db.insert(supervisionGroup).values({ cycleId: fx.cycle.id, name: '第一专项监督小组', createdAt: new Date() }).returning().get();
    db.insert(supervisionGroupMember).values([
      { groupId: g.id, name: '周伟（人大干部）', role: 'staff', userId: fx.users.qsSup.id },
      { groupId: g.id, name: '王建（代表·建筑工程）', role: 'professionalRep' },
      { groupId: g.id, name: '村民 陈素芳', role: 'beneficiary', observer: true },
    ]).run();
    db.insert(supervisionAssignment).values([{ projectId: fx.road, groupId: g.id }, { projectId: fx.water, groupId: g.id }]).run();
    // A fixed clock: 12 August 2026, July's report is due on the 10th... of August: open until then, here already overdue.
    const app = createApp({ db, log: () => {}, now: () => chinaMorning('2026-08-12'), uploadsDir: uploads });
    server = await new Promise((resolve) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)); });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    rmSync(uploads, { recursive: true, force: true });
  });

  async function as(username: string, width: number): Promise<{ page: Page; external: string[]; close: () => Promise<void> }> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
    await loginAs(page, base, username, PASSWORD);
    return { page, external, close: () => ctx.close() };
  }

  it('the unit files July with a photo; a wrong file is refused and nothing typed is lost', async () => {
    const { page, external, close } = await as('qs.unit', 375);
    await page.getByRole('link', { name: '报送“青石村道路硬化”2026-07 月度进展' }).click();
    await page.getByRole('heading', { name: '2026-07 月度进展' }).waitFor();
    await page.getByLabel('累计完成比例（%）').fill('55');
    await page.getByLabel('累计支出（元）').fill('520000');
    await page.locator('#f-m0_state').selectOption('done');
    await page.locator('#f-m1_state').selectOption('late');
    await page.locator('#f-m1_expected').fill('2026-08-20');
    await page.getByLabel('存在问题（公开）').fill('7 月连续降雨，路基压实推迟');
    await page.getByLabel('需协调解决的事项（内部，不公开）').fill('请协调水泥供应');
    await page.getByLabel('现场照片').setInputFiles({ name: '说明.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片') });
    await page.getByRole('button', { name: '提交月度进展' }).click();
    await page.getByText('文件“说明.jpg”不是 JPEG、PNG 或 WebP 格式的照片').waitFor();
    expect(await page.getByLabel('累计完成比例（%）').inputValue()).toBe('55');
    expect(await page.getByLabel('存在问题（公开）').inputValue()).toBe('7 月连续降雨，路基压实推迟');
    expect(await page.locator('#f-m1_expected').inputValue()).toBe('2026-08-20');
    await shot(page, 'delivery-report-refused-375');
    await page.getByLabel('现场照片').setInputFiles({ name: '路基.png', mimeType: 'image/png', buffer: Buffer.from(PNG) });
    await page.getByRole('button', { name: '提交月度进展' }).click();
    await page.getByText('2026-07 月度进展已报送，照片 1 张').waitFor();
    expect(await page.locator('.project-summary .progress-text').textContent()).toContain('实际完成 55%');
    await shot(page, 'delivery-project-unit-375');
    expect(external).toEqual([]);
    await close();
  });

  it('a supervision member records the quarter’s visit with a demand', async () => {
    const { page, external, close } = await as('qs.sup', 1280);
    await page.getByRole('link', { name: '记录“青石村道路硬化”2026年第三季度督查' }).click();
    await page.getByRole('heading', { name: '记录季度督查' }).waitFor();
    expect(await page.getByLabel('季度').inputValue()).toBe('2026-Q3');
    await page.getByLabel('督查日期').fill('2026-08-11');
    await page.getByLabel('督查发现').fill('路基压实度抽检合格，但施工路段夜间无警示灯');
    await page.getByLabel('总体评价').selectOption('fair');
    await page.getByLabel('整改要求 1').fill('施工路段夜间设置警示灯');
    await page.locator('#f-d0_deadline').fill('2026-08-25');
    await shot(page, 'delivery-visit-form-desktop');
    await page.getByRole('button', { name: '保存督查记录' }).click();
    await page.getByText('督查记录已保存，提出整改要求 1 项').waitFor();
    await page.getByRole('button', { name: '公开督查结果' }).click();
    await page.getByText('督查结果已在公开页面发布').waitFor();
    await shot(page, 'delivery-project-supervisor-desktop');
    expect(external).toEqual([]);
    await close();
  });

  it('the unit answers the demand from its home page; the group accepts', async () => {
    const unit = await as('qs.unit', 375);
    await unit.page.getByRole('link', { name: /答复“青石村道路硬化”整改要求：施工路段夜间设置警示灯/ }).click();
    await unit.page.getByLabel('整改情况').fill('已在施工路段设置警示灯 12 盏');
    await shot(unit.page, 'delivery-rectification-answer-375');
    await unit.page.getByRole('button', { name: '提交答复' }).click();
    await unit.page.getByText('答复已提交，等待监督小组确认').waitFor();
    await unit.close();
    const sup = await as('qs.sup', 375);
    await sup.page.getByRole('link', { name: /确认“青石村道路硬化”整改答复/ }).click();
    await sup.page.getByRole('button', { name: '整改通过' }).click();
    await sup.page.getByText('整改已确认通过').waitFor();
    await sup.close();
  });

  it('the portal shows the progress bar, the published findings, and no internal notes', async () => {
    for (const width of [375, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await page.goto(`${base}/p/QS/2026/projects/${road}`);
      const bar = page.locator('svg.progress-bar').first();
      expect(await bar.getAttribute('aria-label')).toMatch(/^实际完成 55%，计划 \d+%$/);
      expect(await page.locator('svg.progress-bar rect.fill').first().getAttribute('width')).toBe('55');
      await page.getByText('路基压实度抽检合格，但施工路段夜间无警示灯').waitFor();
      await page.getByText('施工路段夜间设置警示灯（期限 2026-08-25，已通过）', { exact: false }).waitFor();
      expect(await page.content()).not.toContain('请协调水泥供应');
      expect(await page.locator('ul.photos img').count()).toBe(1);
      await shot(page, `delivery-portal-${width}`);
      await ctx.close();
    }
  });
});
