import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import {
  attendance, ballot, jurisdiction, participation, proposal, representative, sessionRoster, station, user,
} from '../../db/schema';
import { addDays, chinaDateOf } from '../../src/domain/chinaDate';
import { launchChromium, loginAs, pageOpener, shot, startApp } from '../helpers/browser';

/**
 * A district installs Minsheng on an empty database and holds its first vote, through the product's own pages
 * only: every step is a person in a browser (the database is only read, to check what the pages did).
 */

const SETUP_TOKEN = 'first-run-token-for-the-journey';
const ADMIN = { username: 'yc.admin', name: '渝川区人大 周敏', password: 'Admin-password-2026' };
const CLERK = { username: 'qs.clerk', name: '青石镇人大 陈敏', initial: 'Initial-pass-01', password: 'Clerk-own-pass-02' };
const VILLAGES = [['青石村', 'QSC'], ['白果村', 'BGC'], ['杨柳村', 'YLC']] as const;
const STATION = { name: '青石镇代表之家', address: '渝川区青石镇政府一楼', code: 'qs-home' };

// 12 surnames × 5 given names: 60 different people, and a search by surname finds five of them.
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙'];
const GIVEN = ['建国', '秀英', '志强', '桂兰', '海燕'];
const REPS = Array.from({ length: 60 }, (_, i) => ({
  name: SURNAMES[i % 12]! + GIVEN[Math.floor(i / 12)]!,
  village: VILLAGES[i % 3]![0],
  sector: ['农业', '教育', '医疗卫生', '个体工商户', '机关干部'][i % 5]!,
  phone: 13_800_000_000 + i,
}));

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['姓名', '所在村（社区）', '界别', '联系电话', '任期开始', '任期结束'];

/** A roster as a township keeps it in Excel: real date cells, phones as number cells. */
async function rosterWorkbook(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表名册');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow([...r]);
  ws.getColumn(5).numFmt = 'yyyy-mm-dd';
  ws.getColumn(6).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** From anywhere to the year's cycle page, the way a clerk finds it: the jurisdiction's page, then the year. */
async function toCycle(page: Page, year: number): Promise<void> {
  await page.getByRole('link', { name: '年度工作' }).click();
  await page.getByRole('link', { name: `查看 ${year} 年度工作` }).click();
  await page.getByRole('heading', { name: `${year} 年度民生实事项目票决` }).waitFor();
}

/** A password someone else chose is replaced first, whatever page the person was going to. */
async function chooseOwnPassword(page: Page, password: string): Promise<void> {
  await page.getByRole('heading', { name: '设置新密码' }).waitFor();
  await page.getByLabel(/^新密码/).fill(password);
  await page.getByLabel('再次输入新密码').fill(password);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByText('新密码已设置').waitFor();
}

/** The cycle page's phase form: one step forward. */
async function advance(page: Page, phase: string): Promise<void> {
  await page.getByLabel('变更为').selectOption({ label: `进入下一阶段：${phase}` });
  // Screening while the announced window still runs closes it early: the clerk publishes why and confirms.
  const early = page.getByLabel('提前截止公告（在公开页面发布）');
  if (await early.count()) {
    await early.fill('征集到的建议已足够本年度审查，提前截止征集。');
    await page.getByLabel('我确认提前截止征集，并在公开页面发布上述公告').check();
  }
  await page.getByRole('button', { name: '确认变更' }).click();
  await page.getByText(`阶段已变更为：${phase}`).waitFor();
}

describe('browser: from an empty database to a district\'s first vote, through the pages only', () => {
  let db: DbConnection;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startApp>>;
  const now = new Date();
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const termFrom = new Date(Date.UTC(year - 2, 0, 1));
  const termTo = new Date(Date.UTC(year + 2, 11, 31));

  beforeAll(async () => {
    db = openDb(':memory:');
    // PUBLIC_URL left unset: nobody has typed the public address yet, so printed sheets must say so.
    server = await startApp({ db, log: () => {}, setupToken: SETUP_TOKEN });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pages.closeAll();
    await browser?.close();
    await server?.close();
  });

  const pages = pageOpener(() => browser, () => server.url);
  const count = (table: typeof representative | typeof user | typeof jurisdiction) =>
    db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;

  it('setup, township, clerk, roster, logins, proposal, screening, candidates, session, vote, result sheet', { timeout: 180_000 }, async () => {
    const base = server.url;
    expect(count(jurisdiction)).toBe(0);
    expect(count(user)).toBe(0);

    // 1. The setup link the server printed: the district and its first administrator.
    const admin = await pages.open(1280, 900);
    admin.setDefaultTimeout(20_000);
    await admin.goto(`${base}/setup?token=${SETUP_TOKEN}`);
    await admin.getByLabel('区（县）名称').fill('渝川区');
    await admin.getByLabel('区（县）代码').fill('yc');
    await admin.getByLabel('用户名').fill(ADMIN.username);
    await admin.getByLabel('姓名').fill(ADMIN.name);
    await admin.getByLabel(/^密码/).fill(ADMIN.password);
    await admin.getByLabel('再次输入密码').fill(ADMIN.password);
    await shot(admin, 'zero-setup-1280');
    await admin.getByRole('button', { name: '完成初始设置' }).click();
    await admin.waitForURL(`${base}/admin/jurisdictions`);
    await admin.getByText('初始设置完成').waitFor();
    expect(db.select().from(jurisdiction).all().map((j) => [j.code, j.kind])).toEqual([['YC', 'district']]);

    // 2. The township under the district, its villages, its station; then the clerk's account.
    await admin.getByRole('link', { name: '新增下级' }).click();
    await admin.getByLabel('类别').selectOption({ label: '镇/乡' });
    await admin.getByLabel('名称').fill('青石镇');
    await admin.getByLabel('代码').fill('QS');
    await admin.getByRole('button', { name: '创建' }).click();
    await admin.getByText('已新增辖区：青石镇（QS）').waitFor();
    const townUrl = admin.url();
    for (const [name, code] of VILLAGES) {
      await admin.getByRole('link', { name: '新增下级辖区' }).click();
      await admin.getByLabel('类别').selectOption({ label: '村' });
      await admin.getByLabel('名称').fill(name);
      await admin.getByLabel('代码').fill(code);
      await admin.getByRole('button', { name: '创建' }).click();
      await admin.getByText(`已新增辖区：${name}`).waitFor();
      await admin.getByRole('link', { name: '青石镇' }).first().click();
      await admin.waitForURL(townUrl);
    }
    const stationForm = admin.locator('form', { has: admin.getByRole('heading', { name: '新增站点' }) });
    await stationForm.getByLabel('类型').selectOption({ label: '代表之家' });
    await stationForm.getByLabel('名称').fill(STATION.name);
    await stationForm.getByLabel('地址').fill(STATION.address);
    await stationForm.getByLabel('简码').fill(STATION.code);
    await stationForm.getByRole('button', { name: '新增' }).click();
    await admin.getByText(`已新增站点：${STATION.name}`).waitFor();
    await shot(admin, 'zero-township-1280');

    await admin.getByRole('link', { name: '用户管理' }).click();
    await admin.getByRole('link', { name: '新增用户' }).click();
    await admin.getByLabel('用户名').fill(CLERK.username);
    await admin.getByLabel('姓名').fill(CLERK.name);
    await admin.getByLabel('初始密码').fill(CLERK.initial);
    await admin.getByLabel('角色', { exact: true }).selectOption({ label: '人大工作人员' });
    await admin.getByLabel('所在辖区').selectOption({ label: '　青石镇（镇/乡）' });
    await admin.getByRole('button', { name: '创建用户' }).click();
    await admin.getByText(`已创建用户 ${CLERK.name}`).waitFor();

    // The clerk's first login: a password someone else chose is replaced before anything else.
    const clerk = await pages.open(1280, 900);
    clerk.setDefaultTimeout(20_000);
    await loginAs(clerk, base, CLERK.username, CLERK.initial);
    await chooseOwnPassword(clerk, CLERK.password);
    await shot(clerk, 'zero-clerk-home-1280');

    // 3. The roster, from the township's Excel file. A bad file first: refused whole, every problem listed.
    await clerk.getByRole('link', { name: '录入或导入在册代表名册' }).click();
    await clerk.getByText('名册中还没有代表').waitFor();
    await clerk.getByRole('link', { name: '导入名册（Excel / CSV）' }).click();
    const bad = await rosterWorkbook([
      ['王伟', '青石村', '农业', 13_900_000_001, termFrom, termTo],
      ['王\u3000伟', '青石村', '农业', 13_900_000_002, termFrom, termTo],
      ['刘德华', '石门村', '教育', 13_900_000_003, termFrom, termTo],
    ]);
    await clerk.getByLabel('名册文件').setInputFiles({ name: '青石镇代表名册（有误）.xlsx', mimeType: XLSX, buffer: bad });
    await clerk.getByRole('button', { name: '检查并导入' }).click();
    const refusal = clerk.locator('.error.banner');
    await refusal.getByText('文件中有 2 处问题').waitFor();
    const problems = await refusal.locator('tbody tr').allTextContents();
    expect(problems.join('\n')).toContain('与第 2 行重复');
    expect(problems.join('\n')).toContain('“石门村”不是本镇的村（社区）');
    expect(count(representative)).toBe(0);
    await shot(clerk, 'zero-roster-refused-1280');

    const good = await rosterWorkbook(REPS.map((r) => [r.name, r.village, r.sector, r.phone, termFrom, termTo]));
    await clerk.getByLabel('名册文件').setInputFiles({ name: '青石镇代表名册.xlsx', mimeType: XLSX, buffer: good });
    await clerk.getByRole('button', { name: '检查并导入' }).click();
    await clerk.getByText('已导入 60 名代表').waitFor();
    expect(await clerk.locator('.summary').textContent()).toContain('在册代表 60 名');
    expect(count(representative)).toBe(60);
    const stored = db.select().from(representative).where(eq(representative.name, REPS[7]!.name)).get()!;
    expect(stored).toMatchObject({ community: REPS[7]!.village, phone: String(REPS[7]!.phone), termFrom: chinaDateOf(termFrom) });
    await shot(clerk, 'zero-roster-1280');
    const phoneView = await pages.open(375, 740);
    await loginAs(phoneView, base, CLERK.username, CLERK.password);
    await phoneView.getByRole('link', { name: '代表名册', exact: true }).click();
    await phoneView.getByText('在册代表 60 名').waitFor();
    await shot(phoneView, 'zero-roster-375');

    // 4. Logins for everyone at once: the slips, printed once, with the warning about the public address.
    await clerk.getByRole('button', { name: '为所有没有账号的代表创建（60 名）' }).click();
    await clerk.getByRole('heading', { name: '登录凭条' }).waitFor();
    expect(await clerk.locator('.slip').count()).toBe(60);
    await clerk.getByText('尚未设置公开网址').waitFor();
    const slips = await clerk.locator('.slip').evaluateAll((els) => els.map((e) => ({
      name: e.querySelector('.slip-name')!.childNodes[0]!.textContent!,
      username: e.querySelector('dd.mono')!.textContent!,
      password: e.querySelector('.slip-password')!.textContent!,
      loginUrl: e.querySelector('.slip-url')!.textContent!,
    })));
    expect(new Set(slips.map((s) => s.username)).size).toBe(60);
    await shot(clerk, 'zero-slips-1280');
    const phoneReps = slips.slice(0, 2);
    expect(phoneReps.map((s) => s.name)).toEqual([REPS[0]!.name, REPS[1]!.name]);

    // 5. The year's cycle and its collection window, which includes today.
    await clerk.getByRole('link', { name: `← 返回代表名册` }).click();
    await clerk.getByRole('link', { name: '年度工作' }).click();
    expect(await clerk.getByLabel('年度').inputValue()).toBe(String(year));
    await clerk.getByRole('button', { name: '创建' }).click();
    await clerk.getByText(`已创建 ${year} 年度工作`).waitFor();
    expect(clerk.url()).toBe(`${base}/j/QS/cycles/${year}`);
    await clerk.getByRole('link', { name: '征集时间' }).click();
    const opens = [addDays(today, -5), `${year}-01-01`].sort().at(-1)!;
    const closes = [addDays(today, 20), `${year}-12-31`].sort()[0]!;
    await clerk.getByLabel('开始日期').fill(opens);
    await clerk.getByLabel('截止日期').fill(closes);
    // Near a year's start the window left may be shorter than the 30-day minimum: the clerk records why.
    await clerk.getByLabel('缩短征集时间的原因').fill('首次上线，本年度剩余时间不足');
    await clerk.getByRole('button', { name: '保存征集时间' }).click();
    await clerk.getByText('征集时间已设为').waitFor();
    await clerk.getByRole('link', { name: '各代表之家/联络站的二维码和海报' }).click();
    await clerk.getByText('尚未设置公开网址').waitFor();
    const shortLink = (await clerk.locator('td[data-label="短网址"] code').textContent())!;
    // Unset, the printed address is the laptop's own on the hall's network (its LAN address): the same server.
    const printed = new URL(shortLink);
    expect([printed.port, printed.pathname]).toEqual([new URL(base).port, `/s/${STATION.code}`]);

    // A resident scans the station's code: the station's page, then its proposal form keeps the station; the receipt follows.
    const resident = await pages.open(375, 740);
    resident.setDefaultTimeout(20_000);
    await resident.goto(base + printed.pathname);
    await resident.waitForURL(`${base}/p/QS/stations/${STATION.code}`);
    await resident.getByRole('link', { name: '提民生实事项目建议' }).click();
    await resident.waitForURL(`${base}/p/QS/propose?station=${STATION.code}`);
    const stationChoice = resident.getByLabel('通过哪个代表之家/联络站提交（可不选）');
    expect(await stationChoice.inputValue()).toBe(STATION.code);
    await resident.getByLabel('项目名称').fill('白果村饮水管网改造');
    await resident.getByLabel('所在村/社区').selectOption({ label: '白果村' });
    await resident.getByLabel('项目类别').selectOption({ label: '供水' });
    await resident.getByLabel('项目内容').fill('白果村 2 组、5 组的饮水主管老化漏水，夏天经常停水，希望更换主管约 3 公里。');
    await resident.getByLabel('受益对象').fill('白果村 2、5 组村民');
    await resident.getByLabel('受益人数（约，可不填）').fill('1200');
    await resident.getByLabel('估算投资（元）').fill('60万');
    await resident.getByLabel('政府财政资金占比（%）').fill('100');
    await resident.getByLabel('预计工期（月）').fill('5');
    await resident.getByLabel('提议人姓名').fill('欧阳秀英');
    await resident.getByLabel('联系电话').fill('139 1234 5678');
    await resident.getByRole('button', { name: '提交建议' }).click();
    await resident.waitForURL(/\/receipt\//);
    const receipt = (await resident.locator('.receipt-no').textContent())!.trim();
    expect(receipt).toMatch(new RegExp(`^${year}-QS-0001-[2-9A-HJKMNP-TV-Z]{4}$`));
    expect(await resident.locator('main').textContent()).toContain(`经${STATION.name}`);
    expect(await resident.getByText('尚未设置公开网址').count()).toBe(0); // the server's settings are not the resident's business
    await shot(resident, 'zero-receipt-375');

    // Two more from paper forms handed in at the station, typed in by the clerk.
    const paper = [
      { title: '青石村主干道安装路灯', place: '青石村', category: '公共安全', text: '主干道晚上没有路灯，老人和学生出行不安全，建议安装太阳能路灯 60 盏。', who: '青石村村民', count: '1800', cost: '360000', proposer: '王秀兰' },
      { title: '杨柳村老年食堂', place: '杨柳村', category: '养老服务', text: '村里独居老人多，吃饭困难，建议在村委会旁建一个老年食堂，提供午餐。', who: '杨柳村 70 岁以上老人', count: '300', cost: '450000', proposer: '李建国' },
    ];
    await clerk.getByRole('link', { name: '青石镇', exact: true }).click();
    await clerk.getByRole('link', { name: `查看 ${year} 年度工作` }).click();
    await clerk.getByRole('link', { name: /^代群众提建议/ }).click();
    for (const x of paper) {
      expect(await clerk.getByLabel('录入方式').inputValue()).toBe('paper');
      await clerk.getByLabel('项目名称').fill(x.title);
      await clerk.getByLabel('所在村/社区').selectOption({ label: x.place });
      await clerk.getByLabel('项目类别').selectOption({ label: x.category });
      await clerk.getByLabel('项目内容').fill(x.text);
      await clerk.getByLabel('受益对象').fill(x.who);
      await clerk.getByLabel('受益人数（约，可不填）').fill(x.count);
      await clerk.getByLabel('估算投资（元）').fill(x.cost);
      await clerk.getByLabel('政府财政资金占比（%）').fill('100');
      await clerk.getByLabel('预计工期（月）').fill('6');
      await clerk.getByLabel('提议人姓名').fill(x.proposer);
      await clerk.getByLabel('通过哪个代表之家/联络站提交（可不选）').selectOption({ label: STATION.name });
      await clerk.getByRole('button', { name: '提交并生成回执' }).click();
      await clerk.getByText('已录入，回执号').waitFor();
      await clerk.getByRole('link', { name: '再提一条' }).click();
    }
    const titles = ['白果村饮水管网改造', ...paper.map((x) => x.title)];

    // Screening: the phase moves on, each proposal is decided eligible on its own page.
    await toCycle(clerk, year);
    await advance(clerk, '资格审查');
    await clerk.getByRole('link', { name: '资格审查' }).click();
    for (const title of titles) {
      await clerk.getByRole('link', { name: title }).click();
      await clerk.getByLabel('符合条件', { exact: true }).check();
      await clerk.getByLabel('说明 / 答复（公开）').fill('符合民生实事项目条件，列入候选项目备选。');
      await clerk.getByRole('button', { name: '提交审查结论' }).click();
      await clerk.getByText('审查结论已保存').waitFor();
      await clerk.getByRole('link', { name: '资格审查' }).first().click();
    }

    // The candidate list: three candidates for two places, approved by the presidium (the list locks).
    await clerk.getByRole('link', { name: `${year} 年度` }).click();
    await advance(clerk, '确定候选项目');
    await clerk.getByRole('link', { name: /^候选项目/ }).click();
    await clerk.getByLabel('应选项目数 N').fill('2');
    await clerk.getByRole('button', { name: '保存 N' }).click();
    await clerk.getByText('应选项目数已设为 2').waitFor();
    const units = ['镇农业服务中心', '镇规划建设管理环保办', '镇社会事务办'];
    for (const [i, title] of titles.entries()) {
      await clerk.getByRole('link', { name: '据此新建候选项目' }).first().click();
      expect(await clerk.getByLabel('项目名称').inputValue()).toBe(title);
      await clerk.getByRole('textbox', { name: '承办单位', exact: true }).fill(units[i]!);
      await clerk.getByLabel('责任领导').fill('副镇长 刘红');
      const budget = Number(await clerk.getByLabel('预算（元）').inputValue());
      const m = clerk.getByRole('group', { name: '里程碑 1' });
      await m.getByLabel('名称').fill('完工验收');
      await m.getByLabel('截止日期').fill(`${year}-12-31`);
      await m.getByLabel('累计完成（%）').fill('100');
      await m.getByLabel('累计支出（元）').fill(String(budget));
      // Enter from a text field: a click right after a date field can land on the closing date picker.
      await clerk.getByLabel('责任领导').press('Enter');
      await clerk.getByText('已新建候选项目').waitFor();
    }
    await clerk.getByLabel('审定会议（可选）').fill('青石镇人大主席团第一次会议');
    await clerk.getByRole('button', { name: '主席团已审定，锁定名单' }).click();
    await clerk.getByText('名单已锁定').first().waitFor();
    await clerk.getByRole('link', { name: `${year} 年度` }).click();
    await advance(clerk, '票决');

    // 6. The session: the roster snapshotted at creation, opened, the roll taken.
    await clerk.getByRole('link', { name: '会议' }).first().click();
    await clerk.getByRole('button', { name: '创建会议' }).click();
    await clerk.getByText('已创建会议').waitFor();
    const sessionUrl = clerk.url();
    const sessionId = Number(sessionUrl.split('/').at(-1));
    expect(db.select({ n: sql<number>`count(*)` }).from(sessionRoster).where(eq(sessionRoster.sessionId, sessionId)).get()!.n).toBe(60);
    await clerk.getByRole('button', { name: '开始会议（开放签到）' }).click();
    await clerk.getByText('会议已开始，可以签到').waitFor();

    const screen = await pages.open(1280, 800);
    await loginAs(screen, base, CLERK.username, CLERK.password);
    await screen.getByRole('link', { name: '会议' }).first().click();
    await screen.getByRole('link', { name: `青石镇${year}年人民代表大会` }).click();
    await screen.getByRole('link', { name: '大屏显示' }).click();
    const code = (await screen.locator('.screen-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);

    // The clerk ticks 38 names, a surname at a time through the search box.
    await clerk.getByRole('link', { name: '签到点名' }).click();
    const byClerk = REPS.slice(2, 40);
    for (const surname of SURNAMES) {
      const mine = byClerk.filter((r) => r.name.startsWith(surname));
      await clerk.getByLabel('按姓名或所在村（社区）查找').fill(surname);
      // The search also matches villages (杨柳村 for 杨): wait for this search's list, whatever its length.
      await clerk.locator('#roll-list').getByText(`“${surname}”：全部`).waitFor();
      for (const r of mine) {
        await clerk.getByRole('button', { name: `签到 ${r.name}` }).click();
        await clerk.getByRole('button', { name: `离场 ${r.name}` }).waitFor();
      }
    }
    await clerk.locator('#roll-head').getByText('未达到，还差 2 名').waitFor();
    await shot(clerk, 'zero-roll-1280');

    // The two representatives on their phones, each with the slip's password, then one of their own.
    // One scans the projector's code (the vote page asks for the login first, then comes back to it) …
    const voteLink = new URL((await screen.locator('.screen-url').textContent())!.trim());
    expect(voteLink.pathname).toBe('/j/QS/vote');
    const phones = await Promise.all(phoneReps.map(() => pages.open(375, 740)));
    for (const p of phones) p.setDefaultTimeout(20_000);
    const [first, second] = phones as [Page, Page];
    await first.goto(base + voteLink.pathname);
    await first.getByLabel('用户名').fill(phoneReps[0]!.username);
    await first.getByLabel('密码').fill(phoneReps[0]!.password);
    await first.getByRole('button', { name: '登录' }).click();
    await chooseOwnPassword(first, 'my-own-secret-0');
    await first.getByRole('heading', { name: '我的表决' }).waitFor();
    // … the other opens the login address on the slip; the home page calls them into the session.
    const slipLogin = new URL(slips[1]!.loginUrl);
    expect(slipLogin.pathname).toBe('/login');
    await loginAs(second, base, phoneReps[1]!.username, phoneReps[1]!.password);
    await chooseOwnPassword(second, 'my-own-secret-1');
    await second.getByText('会议正在签到，请输入大屏上的签到码签到').waitFor();
    await shot(second, 'zero-rep-home-375');
    await second.getByRole('link', { name: '去签到' }).click();
    for (const p of phones) {
      await p.getByLabel('签到码').fill(code);
      await p.getByRole('button', { name: '签到' }).click();
      await p.getByText('✓ 已签到').waitFor();
    }
    await screen.getByText('已达到法定人数').waitFor();
    await clerk.reload();
    expect(await clerk.locator('#roll-head').textContent()).toContain('已达到（出席 40 名）');
    const present = db.select({ n: sql<number>`count(*)` }).from(attendance).where(eq(attendance.sessionId, sessionId)).get()!.n;
    expect(present).toBe(40);

    // 7. The poll: created, opened; both phones vote within N; closed; the result sheet.
    await clerk.getByRole('link', { name: `青石镇${year}年人民代表大会` }).click();
    await clerk.getByRole('button', { name: '创建表决' }).click();
    await clerk.waitForURL(/\/polls\/\d+$/);
    const pollUrl = clerk.url();
    await clerk.getByRole('link', { name: '宣读票决办法并记录举手表决结果' }).click();
    await clerk.getByLabel('赞成').fill('40');
    await clerk.getByRole('button', { name: '记录表决结果，通过并固定办法' }).click();
    await clerk.getByText('票决办法已通过并固定').waitFor();
    await clerk.goto(pollUrl);
    await clerk.getByRole('button', { name: '开始表决' }).click();
    await clerk.getByText('表决已开始').waitFor();
    const boxSlips = await clerk.locator('.slip-code').allTextContents(); // shown this once, for the scrutineers

    const plans = [['赞成', '赞成', '反对'], ['赞成', '反对', '赞成']];
    for (const [n, p] of phones.entries()) {
      await p.getByText('应选 2 项').waitFor({ timeout: 20_000 }); // the waiting page fetches the ballot by itself
      if (n === 0) await shot(p, 'zero-ballot-375');
      for (const [i, label] of plans[n]!.entries()) await p.locator('fieldset.mark-row').nth(i).getByLabel(label).check();
      await p.getByRole('button', { name: '下一步：确认选票' }).click();
      await p.getByText('请确认您的选票').waitFor();
      await p.getByRole('button', { name: '确认投票' }).click();
      await p.getByText('投票成功 ✓').waitFor();
      expect(await p.locator('.receipt-code strong').textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    }
    await shot(phones[0]!, 'zero-receipt-vote-375');

    await clerk.goto(pollUrl);
    await clerk.getByText('已投票 2').first().waitFor();
    await clerk.getByRole('button', { name: '结束表决' }).click();
    await clerk.getByText('请两位监票人输入开箱码开箱').waitFor();
    await clerk.getByRole('link', { name: '开箱', exact: true }).click();
    await clerk.getByLabel('第一张纸条的开箱码').fill(boxSlips[0]!);
    await clerk.getByLabel('第二张纸条的开箱码').fill(boxSlips[1]!);
    await clerk.getByRole('button', { name: '开箱计票' }).click();
    await clerk.getByText('票箱已打开：电子选票 2 张，结果已产生').waitFor();
    await clerk.getByRole('link', { name: '打印结果报告单' }).click();
    await clerk.getByText('结果报告单').first().waitFor();
    const figures = (await clerk.locator('table.figures').textContent())!;
    expect(figures).toContain('在册代表60 名');
    expect(figures).toContain('出席代表40 名');
    expect(figures).toContain('发出选票2 张');
    expect(figures).toContain('收回选票2 张');
    const rows = await clerk.locator('table.result tbody tr').allTextContents();
    expect(rows).toEqual([
      `${titles[0]}2000未过半数`,
      `${titles[1]}1100未过半数`,
      `${titles[2]}1100未过半数`,
    ]);
    await shot(clerk, 'zero-result-sheet-1280');
    // What the pages left behind: two anonymous ballots, two participations, nothing tying one to the other.
    expect(db.select().from(participation).all()).toHaveLength(2);
    expect(db.select().from(ballot).all()).toHaveLength(2);
    expect(db.select({ s: proposal.status, st: proposal.stationId }).from(proposal).all())
      .toEqual(titles.map(() => ({ s: 'eligible', st: db.select().from(station).get()!.id })));

    // 8. Nothing left the server.
    expect(pages.external).toEqual([]);
  });
});
