import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditLog, proposal } from '../../db/schema';
import { csvTemplateHeader } from '../../src/domain/proposalCsv';
import { get, ORIGIN, testApp } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { addProposal } from '../helpers/proposals';

const BASE = '/j/QS/cycles/2027/proposals';


function upload(app: ReturnType<typeof testApp>['app'], cookie: string, content: string | Uint8Array<ArrayBuffer>, name = '提议.csv') {
  const body = new FormData();
  body.set('file', new File([content], name, { type: 'text/csv' }));
  return app.request(`${BASE}/import`, { method: 'POST', body, headers: { Origin: ORIGIN, Cookie: cookie } });
}

const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csvRow(over: Record<string, string> = {}): string {
  const v: Record<string, string> = {
    项目名称: '白果村文化广场健身器材', 项目内容: '在白果村文化广场安装 12 件健身器材。', '村/社区': '青石村', 类别: '文化体育',
    '估算投资（元）': '120000', 资金来源: '镇财政', '财政资金占比（%）': '100', 受益对象: '白果村村民', 受益人数: '900',
    '工期（月）': '3', 是否跨年度: '否', 提议人: '周大爷', 联系电话: '', 来源: '群众', 站点简码: '', 纬度: '', 经度: '', ...over,
  };
  return csvTemplateHeader().map((h) => q(v[h] ?? '')).join(',');
}
const csvFile = (...rows: string[]) => ['\uFEFF' + csvTemplateHeader().join(','), ...rows].join('\r\n') + '\r\n';

/** Three distinct proposals and 30 alike: enough for search, filters and two pages. */
async function intakeCase() {
  const t = await collectionCase();
  const { f } = t;
  addProposal(t.db, f, { title: '青石村饮水管网改造', estimatedCost: '800000', category: 'water', place: String(f.village.id), proposerName: '张三' });
  addProposal(t.db, f, { title: '杨柳村路灯安装', description: '村道没有路灯，夜间出行不便。', estimatedCost: '90000', category: 'transport', proposerName: '李四', source: 'villageCommittee' });
  addProposal(t.db, f, { title: '镇敬老院助餐点', description: '为 80 岁以上老人提供午餐，解决吃饭难。', estimatedCost: '300000', category: 'elderly', proposerName: '王五', station: 'qs-home' });
  for (let i = 0; i < 30; i++) addProposal(t.db, f, { title: `环境整治第${i}号`, description: '垃圾收运', category: 'environment', estimatedCost: String(10000 + i) });
  return { ...t, cookies: { 'qs.clerk': await t.as('qs.clerk'), 'lx.clerk': await t.as('lx.clerk'), 'qs.rep': await t.as('qs.rep'), admin: await t.as('admin') } };
}

describe('the clerk\'s intake list', () => {
  // Read-only for the cases that use it: they search, filter and page, and never write.
  const shared = intakeCase();

  it('lists proposals with personal data for the clerk, 25 per page, with filters and links to each screening page', async () => {
    const { cookies, ...t } = await shared;
    const res = await get(t.app, BASE, cookies['qs.clerk']);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('共 <strong>33</strong> 条');
    expect(html).toContain('第 1 / 2 页');
    expect(html).toContain('13912345678');
    const id = t.db.select().from(proposal).where(eq(proposal.seq, 33)).get()!.id; // newest first
    expect(html).toContain(`href="${BASE}/${id}"`);
    expect(html).toContain('hx-get="/j/QS/cycles/2027/proposals"');
    expect(html).toContain('hx-push-url="true"');
  });

  it.each([
    ['two-character Chinese search (LIKE fallback)', '?q=饮水', ['青石村饮水管网改造'], 1],
    ['two characters in the description', '?q=路灯', ['杨柳村路灯安装'], 1],
    ['three or more characters (FTS5 trigram)', '?q=敬老院', ['镇敬老院助餐点'], 1],
    ['a phrase from the description', '?q=80 岁以上老人', ['镇敬老院助餐点'], 1],
    ['two words must both match', '?q=杨柳村 夜间', ['杨柳村路灯安装'], 1],
    ['a receipt', '?q=2027-QS-0002', ['杨柳村路灯安装'], 1],
    ['the proposer', '?q=王五', ['镇敬老院助餐点'], 1],
    ['FTS syntax is just text', '?q=%22%20OR%20*%20(', [], 0],
    ['a single character', '?q=镇', ['镇敬老院助餐点'], 1],
    ['status + category', '?status=submitted&category=transport', ['杨柳村路灯安装'], 1],
    ['village', `?place=VILLAGE`, ['青石村饮水管网改造'], 1],
    ['the whole township', '?place=none&category=elderly', ['镇敬老院助餐点'], 1],
    ['source', '?source=villageCommittee', ['杨柳村路灯安装'], 1],
    ['cost range in 万', '?costMin=25万&costMax=800000', ['青石村饮水管网改造', '镇敬老院助餐点'], 2],
  ])('%s', async (_n, query, titles, count) => {
    const { cookies, ...t } = await shared;
    const html = await (await get(t.app, BASE + query.replace('VILLAGE', String(t.f.village.id)), cookies['qs.clerk'])).text();
    expect(html).toContain(`共 <strong>${count}</strong> 条`);
    for (const title of titles) expect(html).toContain(title);
  });

  it('sorts, and a bad cost bound is shown beside the field and not applied', async () => {
    const { cookies, ...t } = await shared;
    const html = await (await get(t.app, `${BASE}?sort=costDesc`, cookies['qs.clerk'])).text();
    expect(html.indexOf('青石村饮水管网改造')).toBeLessThan(html.indexOf('镇敬老院助餐点'));
    const bad = await get(t.app, `${BASE}?costMin=-5`, cookies['qs.clerk']);
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain('投资下限：估算投资不能为负数');
    expect(text).toContain('共 <strong>33</strong> 条');
    expect((await get(t.app, `${BASE}?sort=evil`, cookies['qs.clerk'])).status).toBe(400);
  });

  it('htmx gets only the results region; a plain request the whole page', async () => {
    const { cookies, ...t } = await shared;
    const res = await t.app.request(`${BASE}?q=饮水&page=1`, { headers: { Cookie: cookies['qs.clerk']!, 'HX-Request': 'true', 'HX-Target': 'results' } });
    const html = await res.text();
    expect(html.startsWith('<div id="results"')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toContain('青石村饮水管网改造');
    expect(res.headers.get('vary')).toContain('HX-Target');
    const restore = await t.app.request(`${BASE}?q=饮水`, { headers: { Cookie: cookies['qs.clerk']!, 'HX-Request': 'true', 'HX-Target': 'results', 'HX-History-Restore-Request': 'true' } });
    expect(await restore.text()).toContain('<html');
  });

  it('only the township\'s clerks and the district admin see it', async () => {
    const { cookies, ...t } = await shared;
    expect((await get(t.app, BASE, cookies['lx.clerk'])).status).toBe(403);
    expect((await get(t.app, BASE, cookies['qs.rep'])).status).toBe(403);
    expect((await get(t.app, BASE, cookies['admin'])).status).toBe(200);
    expect((await get(t.app, `${BASE}/export.csv`, cookies['lx.clerk'])).status).toBe(403);
    expect((await get(t.app, `${BASE}/import`, cookies['lx.clerk'])).status).toBe(403);
    expect((await upload(t.app, cookies['lx.clerk']!, csvFile(csvRow()))).status).toBe(403);
    expect((await get(t.app, BASE)).status).toBe(303); // to the login page
    expect((await get(t.app, '/j/QS/cycles/2031/proposals', cookies['qs.clerk'])).status).toBe(404);
  });

  it('exports the filtered rows as Excel-friendly CSV with phones, and records who exported', async () => {
    const { cookies, ...t } = await intakeCase(); // its own: every export is written to the audit log
    const res = await get(t.app, `${BASE}/export.csv?category=water`, cookies['qs.clerk']);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFF回执号,项目名称,项目内容,村/社区,类别,估算投资（元）,资金来源,财政资金占比（%）,受益对象,受益人数,工期（月）,是否跨年度,提议人,联系电话,来源,纬度,经度,站点,提交渠道,状态,提交时间');
    expect(lines).toHaveLength(2);
    // Receipts and phones are text cells (="…"): Excel would show 13912345678 as 1.39E+10.
    const first = t.db.select().from(proposal).where(eq(proposal.seq, 1)).get()!.receipt;
    expect(lines[1]).toContain(`"=""${first}""",青石村饮水管网改造`);
    expect(lines[1]).toContain('张三,"=""13912345678""",群众');
    const all = new TextDecoder().decode(new Uint8Array(await (await get(t.app, `${BASE}/export.csv`, cookies['qs.clerk'])).arrayBuffer()));
    expect(all.split('\r\n').filter(Boolean)).toHaveLength(34); // every filtered row, not one page
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'proposal.export')).all();
    expect(JSON.parse(audit[0]!.after!).rows).toBe(1);
  });
});

describe('CSV import', () => {
  /** A township collecting, its clerk logged in; nothing imported yet. */
  async function importCase() {
    const t = await collectionCase();
    return { ...t, cookie: await t.as('qs.clerk'), count: () => t.db.select().from(proposal).all().length };
  }

  it('offers a template with the Chinese headers (BOM, nothing else)', async () => {
    const { cookie, count, ...t } = await importCase();
    const res = await get(t.app, `${BASE}/template.csv`, cookie);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())).toBe('\uFEFF' + csvTemplateHeader().join(',') + '\r\n');
    expect(await (await get(t.app, `${BASE}/import`, cookie)).text()).toContain('enctype="multipart/form-data"');
  });

  it('imports nothing when any row is bad, and names every bad row and column', async () => {
    const { cookie, count, ...t } = await importCase();
    const res = await upload(t.app, cookie, csvFile(
      csvRow(),
      csvRow({ '估算投资（元）': '-120000' }),
      csvRow({ 项目名称: '🚧'.repeat(61), 类别: '修路' }),
      csvRow({ 联系电话: '12345', '村/社区': '火星村' }),
    ));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('没有导入：发现 5 处问题');
    expect(html).toMatch(/第 3 行<\/td><td data-label="列">估算投资（元）<\/td><td data-label="问题">估算投资不能为负数/);
    expect(html).toMatch(/第 4 行<\/td><td data-label="列">类别<\/td>/);
    expect(html).toMatch(/第 4 行<\/td><td data-label="列">项目名称<\/td><td data-label="问题">不能超过 60 个字/);
    expect(html).toMatch(/第 5 行<\/td><td data-label="列">联系电话<\/td>/);
    expect(html).toContain('“火星村”不是本辖区的村/社区');
    expect(count()).toBe(0);
  });

  it.each([
    ['malformed CSV (an unclosed quote)', `${csvTemplateHeader().join(',')}\r\n"白果村,坏`, '引号没有闭合'],
    ['wrong headers', '名称,内容,金额\r\n路灯,装路灯,1000', '表头缺少列'],
    ['an empty file', '', '请选择要上传的 CSV 文件'],
    ['a phone Excel turned into scientific notation', csvFile(csvRow({ 联系电话: '1.38E+10' })), '电话号码已被 Excel 改成科学计数法，请把该列设为文本后重新输入'],
    ['a spreadsheet uploaded as is', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xff, 0xfe]), '不要直接上传 .xlsx'],
  ])('%s → a Chinese report, nothing imported', async (_n, content, message) => {
    const { cookie, count, ...t } = await importCase();
    const res = await upload(t.app, cookie, content);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(count()).toBe(0);
  });

  it('imports every row of a good file in one go, emoji and GBK included, as channel "import"', async () => {
    const { cookie, count, ...t } = await importCase();
    const res = await upload(t.app, cookie, csvFile(
      csvRow(),
      csvRow({ 项目名称: '老年食堂🍚', '村/社区': '全镇', 类别: '养老服务', 联系电话: '023-68881234', 来源: '村委会', 站点简码: 'qs01-lx', 是否跨年度: '是', 项目内容: '第一行\n第二行' }),
    ));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${BASE}?sort=receipt`);
    const rows = t.db.select().from(proposal).all();
    expect(rows.map((r) => r.receipt.slice(0, 12))).toEqual(['2027-QS-0001', '2027-QS-0002']);
    expect(rows[1]).toMatchObject({ title: '老年食堂🍚', placeId: null, category: 'elderly', proposerPhone: '023-68881234', source: 'villageCommittee', entryChannel: 'import', crossYear: true, description: '第一行\n第二行' });
    expect(rows.every((r) => r.submittedBy !== null)).toBe(true);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'proposal.import')).all();
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ count: 2, first: rows[0]!.receipt, last: rows[1]!.receipt });
  });

  it('reads the GBK file that Excel on a Chinese Windows PC writes by default', async () => {
    const { cookie, count, ...t } = await importCase();
    const gbk = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/proposals-gbk.csv'));
    const res = await upload(t.app, cookie, new Uint8Array(gbk));
    expect(res.status).toBe(303);
    expect(t.db.select().from(proposal).all().at(-1)).toMatchObject({ title: '青石村便民桥维修', proposerName: '陈阿婆', category: 'transport', estimatedCost: 65000 });
  });

  it('a clerk of another township cannot import into this one; a representative cannot import at all', async () => {
    const { cookie, count, ...t } = await importCase();
    const rep = await t.as('qs.rep');
    expect((await upload(t.app, rep, csvFile(csvRow()))).status).toBe(403);
    expect((await get(t.app, `${BASE}/template.csv`, rep)).status).toBe(403);
  });

  it.each([
    ['cross-site', 403, 0], ['same-site', 403, 0], ['same-origin', 200, 1], ['none', 200, 1],
  ])('an export fetched with Sec-Fetch-Site: %s → %i, %i audit entries (an <img> elsewhere exports nothing in the clerk\'s name)', async (site, status, entries) => {
    const { cookies, ...t } = await intakeCase();
    const res = await t.app.request(`${BASE}/export.csv`, { headers: { Cookie: cookies['qs.clerk']!, 'Sec-Fetch-Site': site } });
    expect(res.status).toBe(status);
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'proposal.export')).all()).toHaveLength(entries);
  });
});
