import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { freshDb, PASSWORD, seedBasics } from '../helpers/app';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';

describe('browser: a clerk runs the yearly cycle; another township is kept out', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const db = freshDb();
    await seedBasics(db);
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates the cycle, advances a phase, shows the timeline; another clerk gets 403', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const external: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);
    await shot(page, 'dashboard-375');
    await page.goto(`${server.url}/j/QS`);
    await page.getByLabel('年度').fill('2027');
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(`${server.url}/j/QS/cycles/2027`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('2027 年度');
    await page.getByLabel('变更为').selectOption('screening');
    await page.getByLabel('说明').fill('征集截止，共收到提议');
    await page.getByRole('button', { name: '确认变更' }).click();
    await page.getByText('阶段已变更为：资格审查').waitFor();
    const timeline = await page.locator('ol.timeline').textContent();
    expect(timeline).toContain('项目征集 → 资格审查');
    expect(timeline).toContain('征集截止，共收到提议');
    expect(timeline).toContain('青石镇 陈敏');
    await shot(page, 'cycle-375');

    // Going back without a reason: the error shows beside the field and the page keeps what was typed.
    await page.getByLabel('变更为').selectOption('collection');
    await page.getByRole('button', { name: '确认变更' }).click();
    await page.getByText('退回到之前的阶段必须填写原因').waitFor();
    expect(await page.getByLabel('变更为').inputValue()).toBe('collection');
    expect(external).toEqual([]);
    await ctx.close();

    const other = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const p2 = await other.newPage();
    await loginAs(p2, server.url, 'lx.clerk', PASSWORD);
    const res = await p2.goto(`${server.url}/j/QS/cycles/2027`);
    expect(res?.status()).toBe(403);
    expect(await p2.getByRole('heading', { level: 1 }).textContent()).toBe('无权访问');
    await shot(p2, 'forbidden-desktop');
    await other.close();
  });
});
