import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignOfficer } from '../../src/data/sessionOfficers';
import { PASSWORD } from '../helpers/app';
import { launchChromium, loginAs, pageOpener, shot, startServer } from '../helpers/browser';
import { clerkActor, paperClosed, valueOf, type PollCase } from '../helpers/pollCases';

describe('browser: the session\'s tellers enter paper ballots blind, its scrutineers sign the 计票结果报告单', () => {
  let t: PollCase;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    t = await paperClosed(); // four phones, three paper ballots out, closed
    const f = t.f;
    const name = (role: 'chiefScrutineer' | 'scrutineer' | 'teller', person: string) =>
      valueOf(assignOfficer(f.db, clerkActor(f), t.session, { role, person, reason: '大会通过的监票人、计票人名单' }, new Date()));
    name('chiefScrutineer', `rep:${f.roster[0]!.id}`);
    name('scrutineer', `rep:${f.roster[1]!.id}`);
    name('teller', `rep:${f.roster[2]!.id}`);
    name('teller', `user:${f.users.qsUnit.id}`);
    server = await startServer(f.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  const pages = pageOpener(() => browser, () => server.url);
  const noSideways = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  async function enter(p: Page, serial: string, marks: string[]) {
    await p.getByLabel('选票编号').fill(serial);
    const rows = p.locator('fieldset.mark-row');
    for (const [i, m] of marks.entries()) await rows.nth(i).getByLabel(m, { exact: true }).check();
    await p.getByRole('button', { name: '保存本张' }).click();
    await p.getByText(`已保存编号 ${serial.padStart(3, '0')}`).waitFor();
  }

  it('from the home page to the entry form; the second teller never sees the first pass; a line marked twice; the chief signs', async () => {
    const teller = await pages.open(375, 800);
    await loginAs(teller, server.url, 'qs.r003', PASSWORD);
    await teller.getByText('本次会议您担任：计票人').waitFor();
    await teller.getByRole('link', { name: '纸质选票录入' }).click();
    // The home page's link leads to the session's duties; wait for it before the poll's own link.
    await teller.waitForURL(/\/sessions\/\d+\/duties$/);
    await teller.getByRole('link', { name: '纸质选票录入' }).click();
    await teller.waitForURL(/\/polls\/\d+\/paper$/);
    await enter(teller, '1', ['赞成', '多划（本项无效）', '反对']);
    await enter(teller, '2', ['赞成', '赞成', '弃权']);
    await enter(teller, '3', ['反对', '弃权', '弃权']);
    await noSideways(teller);
    await shot(teller, 'officers-teller-first-pass-375');

    const second = await pages.open(1280, 900);
    await loginAs(second, server.url, 'qs.unit', PASSWORD);
    await second.goto(`${server.url}/j/QS/polls/${t.poll.id}/paper`);
    const html = await second.content();
    expect(html).not.toContain('代表003');
    expect(html).not.toContain('多划（本项无效）；'); // no entry text of the first pass
    await shot(second, 'officers-second-pass-blind-1280');
    await enter(second, '1', ['赞成', '多划（本项无效）', '反对']);
    await enter(second, '2', ['赞成', '赞成', '弃权']);
    await enter(second, '3', ['反对', '弃权', '弃权']);
    await second.getByRole('button', { name: '完成计票' }).click();
    await second.getByText('计票完成').waitFor();

    const chief = await pages.open(1280, 900);
    await loginAs(chief, server.url, 'qs.rep', PASSWORD);
    await chief.getByText('本次会议您担任：总监票人').waitFor();
    await chief.getByRole('link', { name: '监票和签署计票结果报告单' }).click();
    await chief.getByRole('link', { name: '核对并签署计票结果报告单' }).click();
    await chief.getByText('单项无效（同一项目多划）').waitFor();
    await chief.getByRole('button', { name: '我已核对，确认签署' }).click();
    await chief.getByText('已确认签署计票结果报告单').waitFor();
    await shot(chief, 'officers-certificate-1280');
    mkdirSync('test-results', { recursive: true });
    await chief.emulateMedia({ media: 'print' });
    const pdf = await chief.pdf({ path: 'test-results/officers-certificate.pdf', format: 'A4', printBackground: false });
    // The counts and the signature lines on one A4 sheet: never a page of signatures alone.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await chief.setViewportSize({ width: 794, height: 1123 });
    await shot(chief, 'officers-certificate-print-a4');
    await chief.emulateMedia({ media: 'screen' });

    const phone = await pages.open(375, 800);
    await loginAs(phone, server.url, 'qs.r002', PASSWORD);
    await phone.goto(`${server.url}/j/QS/polls/${t.poll.id}/certificate`);
    await noSideways(phone);
    await shot(phone, 'officers-certificate-375');
    expect(await phone.getByRole('button', { name: '我已核对，确认签署' }).count()).toBe(1);

    // The clerk's list at 375 px: frozen since the poll opened, so a change asks for its reason.
    const clerk = await pages.open(375, 800);
    await loginAs(clerk, server.url, 'qs.clerk', PASSWORD);
    await clerk.goto(`${server.url}/j/QS/sessions/${t.session.id}/officers`);
    await clerk.getByLabel('变动原因').waitFor();
    await noSideways(clerk);
    await shot(clerk, 'officers-list-375');
  });
});

