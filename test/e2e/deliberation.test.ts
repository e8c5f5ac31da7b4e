import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { opinionAttachment } from '../../db/schema';
import { seedDemo } from '../../src/demo/seed';
import { removeFiles, uploadsDir } from '../../src/data/uploads';
import { hashPassword } from '../../src/auth/password';
import { freshDb, PASSWORD } from '../helpers/app';
import { seedDeliberation } from '../helpers/deliberationFixture';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
const phone = { viewport: { width: 375, height: 740 }, locale: 'zh-CN' };
const desktop = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };

/** Nothing on a phone page may be wider than the phone. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('browser: an item goes from a deliberation representative’s phone to an answered suggestion', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const db = freshDb();
  beforeAll(async () => {
    await seedDeliberation(db);
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeFiles(uploadsDir(db), db.select().from(opinionAttachment).all());
  });

  it('records, hands over, converts, answers, and the public page shows the status', async () => {
    const external: string[] = [];
    const session = async (username: string, options = phone) => {
      const ctx = await browser.newContext(options);
      const page = await ctx.newPage();
      page.setDefaultTimeout(20_000);
      page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
      await loginAs(page, server.url, username, PASSWORD);
      return { ctx, page };
    };

    // 1. The deliberation representative, on a phone, from the home page.
    const drep = await session('dc.drep1');
    await drep.page.getByRole('link', { name: '东城街道 · 街道议事' }).click();
    await drep.page.getByRole('link', { name: '登记民意事项' }).first().click();
    await drep.page.getByRole('textbox', { name: '事项', exact: true }).fill('滨江路路灯不亮');
    await drep.page.getByLabel('群众反映的具体情况').fill('滨江路 3 栋到 8 栋之间的路灯坏了两个月，老人晚上出门不方便。');
    await drep.page.getByLabel('地点').fill('滨江社区 3 栋旁');
    await drep.page.getByLabel('涉及群众（约多少人）').fill('200');
    await drep.page.getByLabel('类别').selectOption('facilities');
    await drep.page.setInputFiles('#f-attachments', { name: '路灯.png', mimeType: 'image/png', buffer: PNG });
    await shot(drep.page, 'deliberation-record-375');
    expect(await fitsWidth(drep.page)).toBe(true);
    await drep.page.getByRole('button', { name: '提交' }).click();
    await drep.page.getByText(/已登记，编号 \d{4}-DC-001/).waitFor();
    expect(await drep.page.locator('main').textContent()).toContain('待分办');
    expect(await drep.page.getByRole('link', { name: '路灯.png' }).count()).toBe(1);
    const itemUrl = drep.page.url();
    await shot(drep.page, 'deliberation-item-recorded-375');
    await drep.ctx.close();

    // 2. The clerk sees it waiting on the home page and hands it to the linked district representative.
    const clerk = await session('dc.clerk');
    await clerk.page.getByRole('link', { name: /1 件民意事项待分办/ }).click();
    await clerk.page.getByRole('link', { name: '滨江路路灯不亮' }).click();
    await clerk.page.getByText('转交联系的区人大代表（区代表王五）').click();
    await shot(clerk.page, 'deliberation-triage-375');
    expect(await fitsWidth(clerk.page)).toBe(true);
    await clerk.page.getByRole('button', { name: '转交 区代表王五' }).click();
    await clerk.page.getByText('已分办').waitFor();
    expect(await clerk.page.locator('main').textContent()).toContain('已转交区人大代表');
    await shot(clerk.page, 'deliberation-item-handed-375');
    // 张三 has no district representative yet: the gap list, with its form, on a phone.
    await clerk.page.goto(`${server.url}/j/DC/deliberation/links`);
    expect(await clerk.page.locator('#gap').textContent()).toContain('未联系的议事代表（1）');
    expect(await fitsWidth(clerk.page)).toBe(true);
    await shot(clerk.page, 'deliberation-links-gap-375');
    await clerk.ctx.close();

    // 3. Another district representative may neither read nor convert it (it is not their group's); the linked one does.
    const other = await session('yc.rep2');
    const forbidden = await other.page.goto(itemUrl);
    expect(forbidden?.status()).toBe(403);
    expect(await other.page.getByRole('button', { name: '转为代表建议' }).count()).toBe(0);
    await other.ctx.close();

    const rep = await session('yc.rep1');
    await rep.page.getByRole('link', { name: /已转交您，待转为代表建议/ }).click();
    await rep.page.getByLabel('建议标题').fill('尽快修复滨江路损坏路灯');
    await rep.page.getByRole('textbox', { name: '承办单位', exact: true }).fill('东城街道城市管理办');
    await rep.page.getByLabel('承办单位账号').selectOption({ label: '东城街道城市管理办' });
    await shot(rep.page, 'deliberation-convert-375');
    expect(await fitsWidth(rep.page)).toBe(true);
    await rep.page.getByRole('button', { name: '转为代表建议' }).click();
    await rep.page.getByText(/已转为代表建议，交 东城街道城市管理办 办理，\d{4}-\d{2}-\d{2} 前答复/).waitFor();
    await rep.ctx.close();

    // 4. The unit answers from its own home page.
    const unit = await session('dc.unit1');
    await unit.page.getByRole('link', { name: /尽快修复滨江路损坏路灯/ }).click();
    await unit.page.getByLabel('答复内容').fill('已更换 4 盏路灯，并纳入每月巡查。');
    await unit.page.getByRole('button', { name: '提交答复' }).click();
    await unit.page.getByText('答复已提交').waitFor();
    expect(await unit.page.locator('main').textContent()).toContain('已按期答复');
    await shot(unit.page, 'deliberation-item-answered-375');
    await unit.ctx.close();

    // 5. The public, without logging in, on a phone and on a desktop.
    for (const [options, name] of [[phone, 'deliberation-public-375'], [desktop, 'deliberation-public-desktop']] as const) {
      const ctx = await browser.newContext(options);
      const page = await ctx.newPage();
      await page.goto(`${server.url}/p/DC/deliberation`);
      const text = (await page.locator('main').textContent())!;
      expect(text).toContain('尽快修复滨江路损坏路灯');
      expect(text).toContain('已按期答复');
      expect(text).toContain('解放社区');
      expect(text).not.toContain('13900000001');
      expect(text).not.toContain('老人晚上出门不方便');
      if (options === phone) expect(await fitsWidth(page)).toBe(true);
      await shot(page, name);
      await ctx.close();
    }
    expect(external).toEqual([]);
  });
});

describe('browser: the clerk’s deliberation pages with the demo data, on a phone and a desktop', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const db = freshDb();
    seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now: new Date() });
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([['375', phone], ['desktop', desktop]] as const)('every page fits and shows its warnings (%s)', async (name, options) => {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    await loginAs(page, server.url, 'dc.clerk', PASSWORD);
    expect(await page.locator('main').textContent()).toContain('已逾期：代表建议');
    await shot(page, `deliberation-home-${name}`);
    const pages: [string, string][] = [
      ['/j/DC/deliberation', '逾期未答复的代表建议'],
      ['/j/DC/deliberation/reps', '在册议事代表 52 名'],
      ['/j/DC/deliberation/links', '每名区人大代表固定联系 13 名议事代表'],
      ['/j/DC/deliberation/meetings', '年初议事代表会议'],
      ['/j/DC/deliberation/items', '民意事项'],
      ['/j/DC/deliberation/stats', '民意事项和代表建议统计'],
      ['/j/DC/deliberation/report', '年度民意事项和代表建议办理情况'],
      ['/j/DC/deliberation/reps/import', '从 CSV 导入议事代表'],
    ];
    for (const [path, text] of pages) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status()).toBe(200);
      expect(await page.locator('main').textContent()).toContain(text);
      if (options === phone) expect(await fitsWidth(page), path).toBe(true);
      await shot(page, `deliberation${path.replace(/^\/j\/DC\/deliberation/, '').replace(/\//g, '-') || '-overview'}-${name}`);
    }
    // An item with its suggestion, extended and still within time.
    await page.goto(`${server.url}/j/DC/deliberation/items`);
    await page.getByRole('link', { name: '解放社区老旧小区加装电梯' }).click();
    await page.locator('main').getByText('延期办理中').first().waitFor(); // once the boosted navigation has swapped in
    if (options === phone) expect(await fitsWidth(page)).toBe(true);
    await shot(page, `deliberation-item-extended-${name}`);
    await ctx.close();
  });
});
