import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdiction, user } from '../../db/schema';
import { LISTED_PLACES_MAX } from '../../src/data/roleJurisdictions';
import { adminFixture, PASSWORD, type AdminFixture } from '../helpers/adminFixture';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';

const WIDTHS = [375, 1280] as const;

/** axe's serious and critical findings on the page as it stands. */
async function serious(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${label}: ${v.id} [${v.impact}] ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The page fits the phone: nothing wider than the viewport makes it scroll sideways. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('browser: the administrator finds people and places in a district too large to list (375 and 1280 px)', () => {
  let f: AdminFixture;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;

  beforeAll(async () => {
    f = await adminFixture();
    f.db.insert(jurisdiction).values(Array.from({ length: LISTED_PLACES_MAX }, (_, i) => ({
      kind: 'township' as const, code: `Z${String(i + 1).padStart(3, '0')}`, name: `新增${i + 1}号镇`, parentId: f.district.id,
    }))).run();
    f.db.insert(user).values(Array.from({ length: 55 }, (_, i) => ({ username: `user${i}`, displayName: `测试用户${i}`, passwordHash: 'x' }))).run();
    server = await startServer(f.db);
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await loginAs(page, server.url, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the list, searched and paged; the grant form by code or name, with its matches and its refusals', async () => {
    const found: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 900 });
      const check = async (label: string) => {
        found.push(...await serious(page, `${label} @${width}`));
        expect(await fitsWidth(page), `${label} @${width} scrolls sideways`).toBe(true);
        await shot(page, `admin-users-${label}-${width}`);
      };

      await page.goto(`${server.url}/admin/users`);
      await check('list');
      await page.getByLabel('姓名、用户名或辖区').fill('河塘');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/q=/);
      await expect.poll(() => page.locator('td[data-label="姓名"]').allTextContents()).toEqual(['王文书']);
      await check('search');
      await page.goto(`${server.url}/admin/users?page=2`);
      expect(await page.getByText('第 2 / 2 页，共 57 条').count()).toBe(1);

      await page.goto(`${server.url}/admin/users/${f.clerk.id}`);
      await page.locator('#f-jurisdiction').pressSequentially('新增3');
      await page.getByLabel('新增37号镇（Z037）').waitFor(); // the matches come as one types
      await page.locator('#f-jurisdiction').fill('');
      await page.locator('#f-role').selectOption('representative');
      await page.locator('#f-jurisdiction').fill('新增1');
      await page.getByRole('button', { name: '添加', exact: true }).click();
      await page.getByText('有多个辖区符合“新增1”').waitFor();
      expect(await page.locator('#f-jurisdiction').inputValue()).toBe('新增1');
      await check('matches');
      const n = 12 + WIDTHS.indexOf(width); // each width grants its own
      await page.getByLabel(`新增${n}号镇（Z0${n}）`).check();
      await page.getByRole('button', { name: '添加', exact: true }).click();
      await page.getByText(`已为 王文书 添加角色：新增${n}号镇 · 人大代表`).waitFor();

      await page.goto(`${server.url}/admin/users/new`);
      await page.locator('#f-username').fill(`zhao.liu${width}`);
      await page.locator('#f-displayName').fill('赵六');
      await page.locator('#f-password').fill('new-pass-99');
      await page.locator('#f-role').selectOption('clerk');
      await page.locator('#f-jurisdiction').fill('不存在的镇');
      await page.getByRole('button', { name: '创建用户' }).click();
      await page.getByText('本区没有代码或名称含“不存在的镇”的辖区').waitFor();
      expect(await page.locator('#f-username').inputValue()).toBe(`zhao.liu${width}`);
      await check('new-refused');

      await page.goto(`${server.url}/audit`);
      await check('audit');
    }
    expect(found).toEqual([]);
  }, 300_000);
});
