import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, shot, startApp } from '../helpers/browser';
import { seedStations } from '../helpers/stationCases';

/** axe's serious and critical findings on the page as it stands. */
async function seriousFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('browser: a township clerk sets up a station and its quarter; a resident opens it on a phone without JavaScript', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startApp>>;
  let f: Awaited<ReturnType<typeof seedStations>>;

  beforeAll(async () => {
    const db = freshDb();
    f = await seedStations(db);
    server = await startApp({ db, log: () => {}, now: () => new Date('2026-04-20T02:00:00Z') });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('places representatives, names a convener and a liaison, plans a reception day, prints the notice; the public page shows it', async () => {
    const findings: string[] = [];
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('dialog', (d) => d.accept());
    await loginAs(page, server.url, 'qs.clerk', PASSWORD);

    await page.goto(`${server.url}/j/QS/stations`);
    await page.getByRole('link', { name: '青石镇人大代表之家', exact: true }).click();
    await page.getByLabel('王伟').check();
    await page.getByLabel('李秀英').check();
    await page.getByRole('button', { name: '编入本站' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '本站代表（2 名）' }).count()).toBe(1);
    await page.getByLabel('召集人：李秀英').check();
    await page.getByRole('button', { name: '保存召集人' }).click();
    await expect.poll(() => page.content()).toContain('召集人已保存');
    await page.getByLabel('姓名').fill('何晓燕');
    await page.getByLabel('电话').fill('13908234100');
    await page.getByRole('button', { name: '保存联络员' }).click();
    await expect.poll(() => page.content()).toContain('联络员已保存');
    await page.getByLabel('新增2026年度工作目标').fill('每季度开展一次代表接待群众日');
    await page.getByRole('button', { name: '添加目标' }).click();
    await expect.poll(() => page.content()).toContain('工作目标已添加');
    const desk = await page.content();
    for (const s of ['何晓燕 13908234100', '每季度开展一次代表接待群众日', '<dt>召集人</dt><dd>李秀英</dd>']) expect(desk).toContain(s);
    findings.push(...await seriousFindings(page));
    await shot(page, 'station-desk-375');

    await page.getByRole('link', { name: '查看和安排本站接待群众日' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/receptions'));
    await page.getByLabel('日期').fill('2026-05-15');
    await page.getByLabel('开始时间').fill('09:00');
    await page.getByLabel('结束时间').fill('11:30');
    await page.getByLabel('王伟').check();
    await page.getByLabel('李秀英（召集人）').check();
    await page.getByRole('button', { name: '添加安排' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '5月15日（周五）' }).count()).toBe(1);
    // The same representative at the same time is refused beside the representatives, the typed slot kept.
    await page.getByLabel('日期').fill('2026-05-15');
    await page.getByLabel('开始时间').fill('10:00');
    await page.getByLabel('结束时间').fill('12:00');
    await page.getByLabel('王伟').check();
    await page.getByRole('button', { name: '添加安排' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '同一时间不能安排两处' }).count()).toBe(1);
    expect(await page.getByLabel('开始时间').inputValue()).toBe('10:00');
    findings.push(...await seriousFindings(page));
    await shot(page, 'station-receptions-375');

    await page.goto(`${server.url}/j/QS/stations/${f.home.id}/receptions/notice?quarter=2026-Q2`);
    findings.push(...await seriousFindings(page));
    mkdirSync('test-results', { recursive: true });
    await page.pdf({ path: 'test-results/reception-notice.pdf', format: 'A4', printBackground: true });
    expect(existsSync('test-results/reception-notice.pdf') && statSync('test-results/reception-notice.pdf').size).toBeGreaterThan(10_000);
    await ctx.close();

    // A resident scans the station's QR on a phone that runs no script.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', javaScriptEnabled: false });
    const resident = await phone.newPage();
    await resident.goto(`${server.url}/s/qs-home`);
    expect(new URL(resident.url()).pathname).toBe('/p/QS/stations/qs-home');
    const pub = await resident.content();
    for (const s of ['青石镇人大代表之家', '5月15日（周五） 09:00–11:30', '王伟、李秀英', '138****5601', '139****4100', '每季度开展一次代表接待群众日']) expect(pub).toContain(s);
    expect(pub).not.toContain('13812345601');
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(resident, 'public-station-375');
    await resident.setViewportSize({ width: 1280, height: 900 });
    await shot(resident, 'public-station-1280');
    await resident.setViewportSize({ width: 375, height: 740 });
    await resident.getByRole('link', { name: '提民生实事项目建议' }).click();
    expect(new URL(resident.url()).pathname + new URL(resident.url()).search).toBe('/p/QS/propose?station=qs-home');
    await phone.close();

    // axe runs script itself, so the public page is scanned in a context with JavaScript on.
    const scan = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const sp = await scan.newPage();
    await sp.goto(`${server.url}/p/QS/stations/qs-home`);
    findings.push(...await seriousFindings(sp));
    await scan.close();

    // 王伟's home page names his next reception day.
    const rep = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    const rp = await rep.newPage();
    await loginAs(rp, server.url, 'qs.rep', PASSWORD);
    expect(await rp.getByRole('heading', { name: '我的接待群众日' }).count()).toBe(1);
    expect(await rp.content()).toContain('5月15日（周五） 09:00–11:30');
    await rep.close();

    expect(findings).toEqual([]);
  }, 300_000);
});
