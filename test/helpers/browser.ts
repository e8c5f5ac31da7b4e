import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp, type AppOptions } from '../../src/app';
import type { DbConnection } from '../../db/client';

/** Debian's Chromium, never a downloaded one; no background traffic on an offline network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The real app on a loopback port. */
export function startServer(db: DbConnection): Promise<{ url: string; close: () => Promise<void> }> {
  return startApp({ db, log: () => {} });
}

/** The real app with options of the test's choosing (a setup token, a clock …) on a loopback port. */
export async function startApp(opts: AppOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp(opts);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Screenshots land in test-results/ (not committed) so a person can look at them. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  const y = await page.evaluate(() => window.scrollY);
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
  // A full-page shot resizes the viewport and back, and headless Chromium puts the old scroll position back only at
  // the next focus change: a following click's mouse-down would scroll the page and its mouse-up land elsewhere.
  await page.evaluate((top) => window.scrollTo(0, top), y);
}

export async function loginAs(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Opens pages in fresh contexts (each its own cookies: one person per page), records every request that leaves
 * our server, accepts confirm dialogs, and closes them all at the end.
 */
export function pageOpener(browser: () => Browser, base: () => string) {
  const contexts: BrowserContext[] = [];
  const external: string[] = [];
  return {
    external,
    async open(width: number, height: number): Promise<Page> {
      const ctx = await browser().newContext({ viewport: { width, height }, locale: 'zh-CN' });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('request', (r) => { if (!r.url().startsWith(base()) && !r.url().startsWith('data:')) external.push(r.url()); });
      page.on('dialog', (d) => d.accept());
      return page;
    },
    async closeAll(): Promise<void> {
      for (const c of contexts) await c.close();
    },
  };
}
