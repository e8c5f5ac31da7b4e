import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cycle, opinionItem } from '../../db/schema';
import { chinaDateOf } from '../../src/domain/chinaDate';
import { freshDb, PASSWORD } from '../helpers/app';
import { seedDeliberation } from '../helpers/deliberationFixture';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';

const phone = { viewport: { width: 375, height: 740 }, locale: 'zh-CN' };
const desktop = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('browser: the clerk runs 东城街道’s mid-year meeting from agenda to signed-off minutes', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  const db = freshDb();
  const today = chinaDateOf(new Date());
  const year = Number(today.slice(0, 4));
  beforeAll(async () => {
    const fx = await seedDeliberation(db);
    db.insert(cycle).values({ jurisdictionId: fx.dc.id, year, phase: 'delivery', createdBy: fx.users.dcClerk.id }).run();
    db.insert(opinionItem).values({
      jurisdictionId: fx.dc.id, year, seq: 1, raisedById: fx.drep1.id, recordedBy: fx.users.dcClerk.id, channel: 'self', title: '滨江路路灯不亮',
      text: '滨江路 3 栋到 8 栋之间的路灯坏了两个月。', category: 'facilities', recordedAt: new Date(),
    }).run();
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates the meeting, adds agenda items, takes the roll, writes and signs off the minutes; the public sees the decisions', async () => {
    const external: string[] = [];
    const ctx = await browser.newContext(phone);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    page.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
    page.on('dialog', (d) => void d.accept()); // the confirm before closing the meeting and signing off
    await loginAs(page, server.url, 'dc.clerk', PASSWORD);

    // 1. The meeting list warns that the year has neither ordinary meeting; the clerk creates the mid-year one.
    await page.goto(`${server.url}/j/DC/deliberation`);
    await page.getByRole('link', { name: '议事代表会议', exact: true }).click();
    await page.locator('main').getByText(`${year}年还没有年中例会`).first().waitFor(); // once the boosted navigation has swapped in
    await shot(page, 'meetings-list-empty-375');
    await page.getByRole('link', { name: '新建会议' }).click();
    await page.getByLabel('会议类型').selectOption('midYear');
    await page.getByLabel('会议名称').fill(`东城街道${year}年年中议事代表会议`);
    await page.getByLabel('日期').fill(today);
    await page.getByLabel('开始时间').fill('09:00');
    await page.getByLabel('结束时间').fill('12:00');
    await page.getByLabel('地点').fill('街道党群服务中心三楼会议室');
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'meetings-create-375');
    await page.getByRole('button', { name: '创建会议' }).click();
    await page.getByText('已创建会议').waitFor();
    const sessionUrl = page.url();

    // 2. Agenda: a report heard, and the opinion items raised.
    await page.getByRole('link', { name: '议程与纪要' }).last().click();
    await page.getByLabel('事项类型').selectOption('reportHearing');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByLabel('听取的期中报告').selectOption({ label: `${year}年度民生实事项目期中报告` });
    await page.getByLabel('讨论情况').fill('街道办事处副主任作期中报告，代表就老旧小区加装电梯进度提问。');
    await page.getByLabel('会议决定').fill('会议听取并同意街道办事处的期中报告。');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存').waitFor();
    await page.getByLabel('事项类型').selectOption('opinionItems');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByLabel(/滨江路路灯不亮/).check();
    await page.getByLabel('会议决定').fill('请城市管理办于下月底前修复滨江路路灯，并在下次会议报告。');
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'meetings-item-edit-375');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存').waitFor();
    const agendaText = (await page.locator('main').textContent())!;
    expect(agendaText).toContain(`${year}-DC-001 滨江路路灯不亮`);
    expect(agendaText).toContain('暂不能签发：会议闭会后才能签发纪要');

    // 3. The roll: two of the three representatives check in at the door.
    await page.goto(sessionUrl);
    await page.getByRole('button', { name: '开始会议（开放签到）' }).click();
    await page.getByText('会议已开始').waitFor();
    await page.getByRole('link', { name: '签到点名' }).click();
    for (const name of ['刘一', '陈二']) {
      await page.getByRole('button', { name: `签到 ${name}` }).click();
      await page.getByRole('button', { name: `离场 ${name}` }).waitFor();
    }
    await page.goto(sessionUrl);
    await page.getByRole('button', { name: '闭会' }).click();
    await page.getByText('已闭会').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'meetings-session-closed-375');

    // 4. Sign-off: from now on the minutes are the record.
    await page.getByRole('link', { name: '议程与纪要' }).last().click();
    await page.waitForURL(/\/agenda$/);
    await page.getByText('2 / 3（66.7%）').first().waitFor(); // after the boosted navigation has swapped the page in
    await page.getByRole('button', { name: '签发纪要' }).click();
    await page.getByText(/纪要已于 .* 签发，不能再修改/).waitFor();
    expect(await page.getByRole('link', { name: /编辑纪要/ }).count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'meetings-agenda-signed-375');
    await page.getByRole('link', { name: '纪要（可打印）' }).click();
    await page.waitForURL(/\/minutes$/);
    const minutes = (await page.locator('main').textContent())!;
    expect(minutes).toContain(`东城街道${year}年年中议事代表会议纪要`);
    expect(minutes).toContain('2 名，出席率 66.7%');
    expect(minutes).toContain('签发：东城街道 赵丽');
    expect(await fitsWidth(page)).toBe(true);
    await shot(page, 'meetings-minutes-375');
    await ctx.close();

    // 5. The public, without logging in: the meeting's date and its decisions, on a phone and a desktop.
    for (const [options, name] of [[phone, 'meetings-public-375'], [desktop, 'meetings-public-desktop']] as const) {
      const pub = await browser.newContext(options);
      const p = await pub.newPage();
      p.on('request', (r) => { if (!r.url().startsWith(server.url)) external.push(r.url()); });
      await p.goto(`${server.url}/p/DC/deliberation`);
      const text = (await p.locator('main').textContent())!;
      expect(text).toContain(`东城街道${year}年年中议事代表会议`);
      expect(text).toContain(today);
      expect(text).toContain('请城市管理办于下月底前修复滨江路路灯，并在下次会议报告。');
      expect(text).toContain('应到议事代表 3 名，实到 2 名');
      expect(text).not.toContain('代表就老旧小区加装电梯进度提问'); // the discussion stays internal
      if (options === phone) expect(await fitsWidth(p)).toBe(true);
      await shot(p, name);
      await pub.close();
    }

    // The printed minutes on a desktop.
    const d = await browser.newContext(desktop);
    const dp = await d.newPage();
    await loginAs(dp, server.url, 'dc.clerk', PASSWORD);
    await dp.goto(`${sessionUrl}/minutes`);
    await shot(dp, 'meetings-minutes-desktop');
    await dp.emulateMedia({ media: 'print' });
    await shot(dp, 'meetings-minutes-print');
    await dp.emulateMedia({ media: 'screen' });
    await dp.goto(`${server.url}/j/DC/deliberation/meetings`);
    expect(await dp.locator('main').textContent()).toContain(`${year}年还没有年初例会`);
    await shot(dp, 'meetings-list-desktop');
    await dp.goto(`${server.url}/j/DC/deliberation/stats`);
    await shot(dp, 'meetings-stats-desktop');
    await d.close();
    expect(external).toEqual([]);
  });
});
