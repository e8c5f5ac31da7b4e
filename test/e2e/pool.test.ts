import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DbConnection } from '../../db/client';
import { proposal } from '../../db/schema';
import { setCollectionWindow } from '../../src/data/collection';
import { createCycle } from '../../src/data/cycles';
import { addDays, chinaDateOf } from '../../src/domain/chinaDate';
import { freshDb, PASSWORD, seedBasics } from '../helpers/app';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';

/** This year's QS cycle whose window closed a month ago, and next year's cycle created (the server runs on the real clock). */
async function seedBetweenWindows(db: DbConnection) {
  const base = await seedBasics(db);
  const now = new Date();
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const clerk = { id: base.users.qsClerk.id, name: 'qs.clerk' };
  const made = createCycle(db, clerk, base.qs.id, year, now);
  if (!made.ok) throw new Error(made.error);
  const window = setCollectionWindow(db, clerk, made.value, addDays(today, -70), addDays(today, -35), now);
  if (!window.ok) throw new Error(window.error);
  const next = createCycle(db, clerk, base.qs.id, year + 1, now);
  if (!next.ok) throw new Error(next.error);
  return { year };
}

describe('browser: a proposal between windows → reserve pool → next year → tracking follows it', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let db: DbConnection;
  let year: number;
  beforeAll(async () => {
    db = freshDb();
    ({ year } = await seedBetweenWindows(db));
    server = await startServer(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a resident on a phone sends to the pool; the clerk moves it into next year; tracking shows where it went', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/p/QS/propose`);
    await page.getByRole('link', { name: '提交建议到项目储备库' }).click();
    await page.getByText('项目储备库').first().waitFor();
    await page.getByLabel('项目名称').fill('河堤护栏安装');
    await page.getByLabel('项目类别').selectOption('safety');
    await page.getByLabel('项目内容').fill('青石河沿河步道没有护栏，老人小孩晚上散步不安全。');
    await page.getByLabel('受益对象').fill('沿河居民');
    await page.getByLabel('估算投资（元）').fill('30万');
    await page.getByLabel('政府财政资金占比（%）').fill('100');
    await page.getByLabel('预计工期（月）').fill('3');
    await page.getByLabel('提议人姓名').fill('李桂芳');
    await page.getByLabel('联系电话').fill('139 2345 6789');
    await page.getByLabel('所在村/社区').selectOption({ index: 1 });
    await page.getByRole('button', { name: '提交建议' }).click();
    await page.waitForURL(/\/receipt\//, { timeout: 5000 }).catch(async () => {
      throw new Error(`still on the form: ${(await page.locator('.error').allTextContents()).join(' | ')}`);
    });
    const receipt = (await page.locator('.receipt-no').textContent())!.trim();
    expect(db.select().from(proposal).where(eq(proposal.receipt, receipt)).get()).toMatchObject({ poolReason: 'late' });
    await page.goto(`${server.url}/track/${receipt}`);
    await page.getByText('已转入项目储备库，以后年度征集时可从储备库中选用').waitFor();
    await shot(page, 'pool-tracking-375');

    const clerkCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const clerk = await clerkCtx.newPage();
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(`${server.url}/j/QS/pool`);
    await clerk.getByText('河堤护栏安装').waitFor();
    await shot(clerk, 'pool-page');
    await clerk.getByRole('button', { name: '转入该年度征集' }).click();
    await clerk.getByText(`已转入${year + 1}年度项目征集`).waitFor();

    await page.goto(`${server.url}/track/${receipt}`);
    await page.getByText(`已从项目储备库转入${year + 1}年度项目征集`).first().waitFor();
    expect(await page.locator('main').textContent()).toContain(receipt);
  });
});
