import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueContactCode } from '../../src/data/repContactCodes';
import { freshDb, PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, shot, startServer } from '../helpers/browser';
import { NOW, seedCollection } from '../helpers/proposals';
import { seedReps } from '../helpers/stationOpinionCases';

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

describe('亮数字身份 on a phone: a resident scans a representative’s QR code, the representative answers', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let token: string;
  let receiptSeen = '';

  beforeAll(async () => {
    const db = freshDb();
    const f = await seedCollection(db);
    const reps = seedReps(db, f);
    const code = issueContactCode(db, { id: f.users.qsClerk.id, name: 'qs.clerk' }, f.qs, reps.li.id, f.stations.qsHome.id, NOW);
    if (!code.ok) throw new Error(code.error);
    token = code.value.token;
    server = await startServer(db);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends without JavaScript, is answered, and the answer is read by receipt', async () => {
    const resident = await (await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN', javaScriptEnabled: false })).newPage();
    await resident.goto(`${server.url}/r/${token}`);
    await shot(resident, 'opinion-rep-form-375');
    await resident.getByLabel('反映什么问题').fill('村口路灯坏了');
    await resident.getByLabel('具体情况').fill('青石村口两盏路灯坏了一个月。');
    await resident.getByLabel('类别').selectOption('facilities');
    await resident.getByRole('button', { name: '发送留言' }).click();
    await resident.waitForURL(/\/opinion\//);
    const receipt = /\/opinion\/([^?]+)/.exec(resident.url())![1]!;
    await expect(resident.getByText('已收到您的意见').count()).resolves.toBe(1);
    receiptSeen = receipt;
    await shot(resident, 'opinion-receipt-375');

    const rep = await (await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' })).newPage();
    await loginAs(rep, server.url, 'qs.rep', PASSWORD);
    await rep.goto(`${server.url}/`);
    await rep.getByRole('link', { name: /群众留言“村口路灯坏了”等待您答复/ }).click();
    expect(await seriousViolations(rep)).toEqual([]);
    await shot(rep, 'opinion-rep-detail-375');
    await rep.getByLabel('答复内容（群众凭回执号可以看到）').fill('已联系村委会，本周内修好。');
    await rep.getByRole('button', { name: '提交答复' }).click();
    await rep.waitForURL(/\/j\/QS\/opinions\/\d+$/);

    await resident.goto(`${server.url}/track?receipt=${receipt}`);
    await resident.waitForURL(/\/opinion\//);
    expect(await resident.textContent('main')).toContain('已联系村委会，本周内修好。');
    await shot(resident, 'opinion-answered-375');
  }, 120_000);

  it('the clerk’s list, the card sheet: no serious accessibility problems at 375 and 1280', async () => {
    for (const width of [375, 1280]) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' })).newPage();
      await loginAs(page, server.url, 'qs.clerk', PASSWORD);
      // The resident's pages with axe's script (the journey above ran them without JavaScript).
      for (const path of [`/r/${token}`, `/opinion/${receiptSeen}`]) {
        await page.goto(`${server.url}${path}`);
        expect(await seriousViolations(page), path).toEqual([]);
      }
      for (const [path, name] of [['/j/QS/opinions', 'list'], ['/j/QS/opinions/cards', 'cards'], ['/j/QS/opinions/new', 'new'], ['/p/QS/opinions/new?station=qs-home', 'public-form']] as const) {
        await page.goto(`${server.url}${path}`);
        expect(await seriousViolations(page), path).toEqual([]);
        await shot(page, `opinion-${name}-${width}`);
      }
    }
  }, 120_000);
});
