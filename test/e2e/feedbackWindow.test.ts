import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { feedback } from '../../db/schema';
import { createApp } from '../../src/app';
import { freshDb, PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot } from '../helpers/browser';
import { chinaMorning, deliveryFixture } from '../helpers/deliveryFixture';

describe('browser: the QR form inside and outside the residents’ rating window', () => {
  let browser: Browser;
  let server: ServerType;
  let base = '';
  let road = 0;
  let now = chinaMorning('2026-10-20');
  const db = freshDb();
  const pages = pageOpener(() => browser, () => base);
  const noSideways = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  beforeAll(async () => {
    const fx = await deliveryFixture(db);
    road = fx.road;
    const app = createApp({ db, log: () => {}, now: () => now });
    server = await new Promise((resolve) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s)); });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('the clerk sets the window; before it a resident suggests; inside it she rates', async () => {
    const clerk = await pages.open(1280, 900);
    await loginAs(clerk, base, 'qs.clerk', PASSWORD);
    await clerk.goto(`${base}/j/QS/cycles/2026/feedback`);
    await clerk.getByLabel('开始日期').fill('2026-11-01');
    await clerk.getByLabel('截止日期').fill('2026-12-15');
    await clerk.getByRole('button', { name: '保存评价时间' }).click();
    await clerk.getByText('群众满意度评价时间已设为 2026-11-01 至 2026-12-15').waitFor();
    await shot(clerk, 'feedback-window-clerk-1280');

    const phone = await pages.open(375, 800);
    await phone.goto(`${base}/p/QS/2026/projects/${road}/feedback`);
    await phone.getByText('群众满意度评价将于 2026-11-01 开始').waitFor();
    expect(await phone.locator('input[name="rating"]').count()).toBe(0);
    await shot(phone, 'feedback-window-outside-375');
    await noSideways(phone);
    await phone.getByLabel('意见和建议').fill('路边排水沟请加盖板');
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByText('感谢您的评价').waitFor();

    now = chinaMorning('2026-11-01');
    await phone.goto(`${base}/p/QS/2026/projects/${road}/feedback`);
    await phone.getByText('群众满意度评价时间：2026-11-01 至 2026-12-15').waitFor();
    await phone.getByLabel('基本满意').check();
    await shot(phone, 'feedback-window-inside-375');
    await noSideways(phone);
    await phone.getByRole('button', { name: '提交' }).click();
    await phone.getByText('感谢您的评价').waitFor();
    expect(db.select({ rating: feedback.rating, text: feedback.text }).from(feedback).all())
      .toEqual([{ rating: null, text: '路边排水沟请加盖板' }, { rating: 'basic', text: '' }]);

    // Published, the rating shows on the project page as residents' satisfaction, apart from the representatives'.
    db.update(feedback).set({ state: 'published' }).run();
    await phone.goto(`${base}/p/QS/2026/projects/${road}`);
    await phone.getByText('群众满意度（扫码评价，经审核）').scrollIntoViewIfNeeded();
    expect(await phone.locator('.ratings').textContent()).toContain('满意 0 · 基本满意 1 · 不满意 0 · 满意率 100%');
    await shot(phone, 'feedback-window-project-375');
    await noSideways(phone);
    expect(pages.external).toEqual([]);
  });
});
