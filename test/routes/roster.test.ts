import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DbConnection } from '../../db/client';
import { auditLog, jurisdiction, representative, user } from '../../db/schema';
import { get, login, ORIGIN, post, testApp } from '../helpers/app';
import { seedTownshipRoster } from '../helpers/rosterCases';

type T = ReturnType<typeof testApp>;
type Fx = Awaited<ReturnType<typeof seedTownshipRoster>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: T;
let fx: Fx;
beforeEach(async () => {
  t = testApp(undefined, { now: () => new Date('2026-03-10T02:00:00Z') });
  fx = await seedTownshipRoster(t.db);
});

function upload(path: string, bytes: Uint8Array | string, name: string, cookie: string, type = 'text/csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return t.app.request(path, { method: 'POST', body: form, headers: { Origin: ORIGIN, Cookie: cookie } });
}

/** 柳溪镇 with the same village names as 青石镇 and nobody seated: where a file is imported afresh. */
function lxVillages(db: DbConnection) {
  ['青石村', '杨柳村', '白果村'].forEach((name, i) => db.insert(jurisdiction).values({ kind: 'village', code: `LX0${i + 1}`, name, parentId: fx.lx.id }).run());
}

const rosterRows = (jurisdictionId: number) => t.db.select().from(representative)
  .where(and(eq(representative.jurisdictionId, jurisdictionId), eq(representative.body, 'congress'))).orderBy(asc(representative.id)).all()
  .map(({ name, community, sector, phone, termFrom, termTo, byElection, seatedOn, status, retiredOn, retireReason, retireNote }) =>
    ({ name, community, sector, phone, termFrom, termTo, byElection, seatedOn, status, retiredOn, retireReason, retireNote }));

describe('who may open a township roster', () => {
  it('the clerk manages it; the district administrator reads it; others are refused before anything is read', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const page = await get(t.app, '/j/QS/roster', clerk);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const s of ['青石镇代表名册', '王伟', '13812345601', '今天（2026-03-10）在册代表 <strong>3</strong> 名', '补选 2024-05-20 起', '导入名册']) expect(html).toContain(s);
    expect(html).not.toContain('赵敏'); // retired: under the 离任 filter

    const admin = await login(t.app, 'admin');
    expect((await get(t.app, '/j/QS/roster', admin)).status).toBe(200);
    expect((await get(t.app, '/j/QS/roster/new', admin)).status).toBe(403);
    expect((await get(t.app, '/j/QS/roster/export.xlsx', admin)).status).toBe(403);

    expect((await get(t.app, '/j/QS/roster', await login(t.app, 'lx.clerk'))).status).toBe(403);
    expect((await get(t.app, '/j/QS/roster', await login(t.app, 'qs.rep'))).status).toBe(403);
    expect((await post(t.app, '/j/QS/roster', { name: '' }, await login(t.app, 'lx.clerk'))).status).toBe(403); // guard before validation
    const anon = await get(t.app, '/j/QS/roster');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/login?next=%2Fj%2FQS%2Froster');
  });

  it('is a township page: a subdistrict goes to its deliberation roster; other kinds and unknown entries are 404', async () => {
    const dc = await get(t.app, '/j/DC/roster/import', await login(t.app, 'dc.clerk'));
    expect(dc.status).toBe(302);
    expect(dc.headers.get('location')).toBe('/j/DC/deliberation/reps/import');
    const clerk = await login(t.app, 'qs.clerk');
    for (const path of ['/j/YC/roster', '/j/QS01/roster', '/j/NOPE/roster', '/j/QS/roster/99999', '/j/QS/deliberation/reps']) {
      expect((await get(t.app, path, clerk)).status, path).toBe(404);
    }
    expect((await get(t.app, `/j/LX/roster/${fx.wang.id}`, await login(t.app, 'lx.clerk'))).status).toBe(404); // 青石镇's entry under 柳溪镇
  });
});

describe('entries', () => {
  it('adds a by-election seat; an unknown village is refused naming the valid ones, typed values kept', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const bad = await post(t.app, '/j/QS/roster', { name: '孙丽', community: '青山村', sector: '', phone: '', termFrom: '', termTo: '', byElection: '1', seatedOn: '' }, clerk);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('补选（增补）的代表须填写当选（推选）日期');
    expect(html).toContain('value="孙丽"');
    const wrongVillage = await post(t.app, '/j/QS/roster', { name: '孙丽', community: '青山村', sector: '', phone: '', termFrom: '', termTo: '', byElection: '1', seatedOn: '2026-03-01' }, clerk);
    expect(wrongVillage.status).toBe(422);
    expect(await wrongVillage.text()).toContain('“青山村”不是本镇的村（社区），本镇有：青石村、杨柳村、白果村');
    const ok = await post(t.app, '/j/QS/roster', { name: '孙　丽', community: '白果村', sector: '', phone: '138 1234 5609', termFrom: '', termTo: '', byElection: '1', seatedOn: '2026-03-01' }, clerk);
    expect(ok.status).toBe(303);
    expect(rosterRows(fx.qs.id).at(-1)).toMatchObject({ name: '孙丽', community: '白果村', phone: '13812345609', byElection: true, seatedOn: '2026-03-01', status: 'seated' });
  });

  it('retires with a reason, shows it in the history, and undoes it', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const missing = await post(t.app, `/j/QS/roster/${fx.li.id}/retire`, { onDate: '2026-03-01', reason: 'other', note: '' }, clerk);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('原因为“其他”时请写明说明');
    expect((await post(t.app, `/j/QS/roster/${fx.li.id}/retire`, { onDate: '2026-03-01', reason: 'death', note: '因病去世' }, clerk)).status).toBe(303);
    const history = await (await get(t.app, '/j/QS/roster/history', clerk)).text();
    for (const s of ['2026-03-01', '李秀英（杨柳村） 离任：死亡', '张建国（白果村） 补选', '赵敏（青石村） 离任：辞职']) expect(history).toContain(s);
    const retired = await (await get(t.app, '/j/QS/roster?status=retired', clerk)).text();
    expect(retired).toContain('2026-03-01 离任（死亡）');
    expect((await post(t.app, `/j/QS/roster/${fx.li.id}/reinstate`, {}, clerk)).status).toBe(303);
    expect(rosterRows(fx.qs.id)[1]).toMatchObject({ name: '李秀英', status: 'seated', retiredOn: null });
  });

  it('finds a name typed with spaces, and filters by status', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const found = await (await get(t.app, `/j/QS/roster?q=${encodeURIComponent('王 伟')}&status=all`, clerk)).text();
    expect(found).toContain('王伟');
    expect(found).not.toContain('李秀英');
    expect(await (await get(t.app, '/j/QS/roster?status=retired', clerk)).text()).toContain('赵敏');
  });
});

describe('import and export', () => {
  it('imports a clerk\'s workbook: a title row, date cells and day numbers, numeric phones', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填表说明').addRow(['请按下表填写']);
    const ws = wb.addWorksheet('代表名册');
    ws.addRow(['青石镇第十八届人民代表大会代表名册']);
    ws.addRow(['序号', '姓名', '所在村（社区）', '界别/职业', '联系电话', '任期开始', '任期结束', '补选', '当选日期']);
    ws.addRow([1, '孙　丽', '青石村', '企业', 13800000011, new Date(Date.UTC(2021, 10, 1)), new Date(Date.UTC(2026, 9, 31)), null, null]);
    ws.addRow([2, '周强', '杨柳村', '个体工商', 13800000012, 44501, 46326, '是', new Date(Date.UTC(2025, 8, 1))]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await upload('/j/QS/roster/import', bytes, '代表名册.xlsx', await login(t.app, 'qs.clerk'), XLSX);
    expect(res.status).toBe(303);
    expect(rosterRows(fx.qs.id).slice(-2)).toEqual([
      expect.objectContaining({ name: '孙丽', community: '青石村', sector: '企业', phone: '13800000011', termFrom: '2021-11-01', termTo: '2026-10-31', byElection: false, seatedOn: '2021-11-01' }),
      expect.objectContaining({ name: '周强', phone: '13800000012', termFrom: '2021-11-01', termTo: '2026-10-31', byElection: true, seatedOn: '2025-09-01' }),
    ]);
  });

  it('refuses a workbook with problems, listing each by row and column, importing none', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('代表名册');
    ws.addRow(['姓名', '所在村（社区）', '联系电话', '任期开始']);
    ws.addRow(['孙丽', '青石村', '1.38E+10', '2026-02-30']);
    ws.addRow(['王伟', '青石村', 13800000013, null]);
    const res = await upload('/j/QS/roster/import', new Uint8Array(await wb.xlsx.writeBuffer()), 'r.xlsx', await login(t.app, 'qs.clerk'), XLSX);
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const s of ['文件中有 3 处问题', '电话号码已被 Excel 改成科学计数法', '2026年2月没有30日', '第 3 行', '名册中已有同名、同村（社区）的在册代表：王伟（青石村）']) expect(html).toContain(s);
    expect(rosterRows(fx.qs.id)).toHaveLength(4);
  });

  it('imports a GBK CSV with CRLF as Excel on a Chinese PC saves it', async () => {
    lxVillages(t.db);
    const res = await upload('/j/LX/roster/import', readFileSync('test/fixtures/roster-gbk.csv'), 'roster.csv', await login(t.app, 'lx.clerk'));
    expect(res.status).toBe(303);
    expect(rosterRows(fx.lx.id)).toEqual([
      expect.objectContaining({ name: '王伟', community: '青石村', phone: '13812345601', termFrom: '2021-11-01', termTo: '2026-10-31' }),
      expect.objectContaining({ name: '李秀英', community: '杨柳村', phone: '023-61234567', termFrom: '2021-11-01' }),
      expect.objectContaining({ name: '张建国', community: '白果村', byElection: true, seatedOn: '2024-05-20' }),
    ]);
  });

  it('refuses an old .xls and an empty upload', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const xls = await upload('/j/QS/roster/import', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'r.xls', clerk, 'application/vnd.ms-excel');
    expect(xls.status).toBe(422);
    expect(await xls.text()).toContain('旧版 Excel（.xls）');
    const empty = await upload('/j/QS/roster/import', '', 'r.csv', clerk);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请选择要导入的 CSV 文件');
  });

  it('exports .xlsx with phones as text cells and dates as dates, and both exports import again unchanged', async () => {
    const qsClerk = await login(t.app, 'qs.clerk');
    const xlsx = await get(t.app, '/j/QS/roster/export.xlsx', qsClerk);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect(xlsx.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('联系电话');
    expect(ws.getCell('D2').value).toBe('13812345601');
    expect(ws.getCell('D2').numFmt).toBe('@');
    expect(ws.getCell('E2').value).toEqual(new Date(Date.UTC(2021, 10, 1)));

    const csv = await get(t.app, '/j/QS/roster/export.csv', qsClerk);
    const csvText = new TextDecoder().decode(new Uint8Array(await csv.arrayBuffer()));
    expect(csvText).toContain('"=""13812345601"""');

    lxVillages(t.db);
    const lxClerk = await login(t.app, 'lx.clerk');
    expect((await upload('/j/LX/roster/import', bytes, 'export.xlsx', lxClerk, XLSX)).status).toBe(303);
    expect(rosterRows(fx.lx.id)).toEqual(rosterRows(fx.qs.id));
    t.db.delete(representative).where(eq(representative.jurisdictionId, fx.lx.id)).run();
    expect((await upload('/j/LX/roster/import', csvText, 'export.csv', lxClerk)).status).toBe(303);
    expect(rosterRows(fx.lx.id)).toEqual(rosterRows(fx.qs.id));
  });
});

describe('representatives\' logins', () => {
  const passwordsIn = (html: string) => [...html.matchAll(/slip-password">([a-z0-9]+)</g)].map((m) => m[1]!);

  it('creates logins for all without one and answers with printable slips; passwords never reach the audit log', async () => {
    t = testApp(t.db, { now: () => new Date('2026-03-10T02:00:00Z'), publicUrl: undefined }); // no public address set
    const clerk = await login(t.app, 'qs.clerk');
    const res = await post(t.app, '/j/QS/roster/logins', { which: 'withoutLogin' }, clerk);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    for (const s of ['已为 3 名代表创建登录账号', 'qs.rep001', 'qs.rep002', 'qs.rep003', '首次登录后请设置自己的密码', '<svg', '尚未设置公开网址']) {
      expect(html).toContain(s);
    }
    expect(html).toMatch(/slip-url">http:\/\/[^<]+\/login</); // this laptop's address on the LAN, as no public address is set
    expect(html).not.toContain('赵敏'); // retired: no login
    const passwords = passwordsIn(html);
    expect(passwords).toHaveLength(3);
    expect(new Set(passwords).size).toBe(3);
    const audit = t.db.select().from(auditLog).all().map((a) => `${a.before}${a.after}`).join('\n');
    for (const pw of passwords) expect(audit).not.toContain(pw);
    const accounts = t.db.select().from(user).where(eq(user.displayName, '王伟')).all();
    expect(accounts).toEqual([expect.objectContaining({ username: 'qs.rep001', mustChangePassword: true })]);
    expect(await login(t.app, 'qs.rep001', passwords[0])).toContain('=');

    const again = await post(t.app, '/j/QS/roster/logins', { which: 'withoutLogin' }, clerk);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('所选代表都已有登录账号');
  });

  it('creates logins for the ticked entries only; none ticked is refused beside the list', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const none = await post(t.app, '/j/QS/roster/logins', { which: 'selected' }, clerk);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请先在名册中勾选代表');
    const body = new URLSearchParams([['which', 'selected'], ['rep', String(fx.li.id)], ['rep', String(fx.zhang.id)]]);
    const res = await t.app.request('/j/QS/roster/logins', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: clerk } });
    const html = await res.text();
    expect(html).toContain('李秀英');
    expect(html).toContain('张建国');
    expect(html).not.toContain('>王伟<');
    expect(passwordsIn(html)).toHaveLength(2);
  });

  it('reprinting is resetting: a new password on a new slip, the old one dead', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const first = passwordsIn(await (await post(t.app, '/j/QS/roster/logins', { which: 'selected', rep: String(fx.wang.id) }, clerk)).text())[0]!;
    const res = await post(t.app, `/j/QS/roster/${fx.wang.id}/reset`, {}, clerk);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已重置 王伟 的初始密码');
    const second = passwordsIn(html)[0]!;
    expect(second).not.toBe(first);
    expect((await post(t.app, '/login', { username: 'qs.rep001', password: first })).status).toBe(401);
    expect(await login(t.app, 'qs.rep001', second)).toContain('=');
    const noLogin = await post(t.app, `/j/QS/roster/${fx.li.id}/reset`, {}, clerk);
    expect(noLogin.status).toBe(422);
    expect(await noLogin.text()).toContain('所选代表都没有登录账号');
  });

  it('links an existing account by username and unlinks it', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const unknown = await post(t.app, `/j/QS/roster/${fx.wang.id}/link`, { username: 'nobody' }, clerk);
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('没有用户名为 nobody 的账号');
    expect((await post(t.app, `/j/QS/roster/${fx.wang.id}/link`, { username: 'QS.Rep' }, clerk)).status).toBe(303);
    const page = await (await get(t.app, `/j/QS/roster/${fx.wang.id}`, clerk)).text();
    expect(page).toContain('<code>qs.rep</code>');
    expect(page).toContain('value="王伟"'); // the entry's own values fill its form
    expect((await post(t.app, `/j/QS/roster/${fx.wang.id}/unlink`, {}, clerk)).status).toBe(303);
    expect(t.db.select().from(representative).where(eq(representative.id, fx.wang.id)).get()!.userId).toBeNull();
    expect(t.db.select().from(auditLog).all().map((a) => a.action)).toEqual(expect.arrayContaining(['roster.login.link', 'roster.login.unlink']));
  });
});

describe('where the clerk finds the roster', () => {
  it('the session list of a town with nobody seated links to its roster; the navigation has it', async () => {
    const html = await (await get(t.app, '/j/LX/sessions', await login(t.app, 'lx.clerk'))).text();
    expect(html).toContain('本辖区还没有在册代表');
    expect(html).toContain('<a href="/j/LX/roster">录入代表名册</a>');
    expect(html).toContain('>代表名册</a>');
  });
});
