import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, opinionAttachment, opinionItem } from '../../db/schema';
import {
  answeredLate, clerkHandledItems, deliberationCase, extendedSuggestion, FIRST_SUGGESTION, handedItem, idFrom, itemForm, PNG, ratedSuggestion,
  recordedItem, relink, suggestionMade, yearOfItems, type DeliberationCase,
} from '../helpers/deliberationCases';

describe('public-opinion items and suggestions', () => {
  const cases: DeliberationCase[] = [];
  /** A fresh 东城街道 at 10:00 in China on the given day (31 January 2026 unless said). */
  const start = async (iso?: string) => {
    const c = await deliberationCase(iso);
    cases.push(c);
    return c;
  };
  afterEach(() => {
    for (const c of cases.splice(0)) c.removeFiles();
  });

  it('a deliberation representative records an item with a photo; it is numbered per year', async () => {
    const c = await start();
    const res = await c.multipart('/j/DC/deliberation/items', itemForm(), [{ name: '路灯.png', bytes: PNG, type: 'image/png' }], 'dc.drep1');
    expect(res.status).toBe(303);
    const first = idFrom(res);
    const row = c.item(first);
    expect(row).toMatchObject({ state: 'recorded', raisedById: c.fx.drep1.id, channel: 'self', year: 2026, seq: 1, affected: 200 });
    const page = await (await c.get(`/j/DC/deliberation/items/${first}`, 'dc.drep1')).text();
    expect(page).toContain('2026-DC-001');
    expect(page).toContain('待分办');
    const a = c.db.select().from(opinionAttachment).where(eq(opinionAttachment.opinionItemId, first)).get()!;
    expect(a).toMatchObject({ fileName: '路灯.png', mimeType: 'image/png', size: PNG.byteLength });
    const file = await c.get(`/j/DC/deliberation/items/${first}/attachments/${a.id}`, 'dc.clerk');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
    expect((await c.get(`/j/DC/deliberation/items/${first}/attachments/${a.id}`, 'qs.clerk')).status).toBe(403);
  });

  it('a polyglot name comes back as a plain name with the sniffed type\'s extension, never a path or HTML', async () => {
    const c = await start();
    const res = await c.multipart('/j/DC/deliberation/items', itemForm(), [{ name: '../../现场\r\n.html', bytes: PNG, type: 'text/html' }], 'dc.drep1');
    expect(res.status).toBe(303);
    const a = c.db.select().from(opinionAttachment).where(eq(opinionAttachment.opinionItemId, idFrom(res))).get()!;
    expect(a.fileName).toBe('现场.png'); // stored clean, not as typed
    const file = await c.get(`/j/DC/deliberation/items/${idFrom(res)}/attachments/${a.id}`, 'dc.clerk');
    expect(file.headers.get('content-type')).toBe('image/png');
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('现场.png')}`);
    expect(disposition).not.toMatch(/\.\.|html|%0D|%0A/i);
  });

  it('refuses a file that is not a photo or PDF, whatever it is called, keeping the typed text', async () => {
    const c = await start();
    const before = c.db.select().from(opinionItem).all().length;
    const res = await c.multipart('/j/DC/deliberation/items', itemForm({ title: '假图片' }),
      [{ name: 'photo.jpg', bytes: new TextEncoder().encode('<script>alert(1)</script>'), type: 'image/jpeg' }], 'dc.drep1');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('不是照片');
    expect(html).toContain('value="假图片"');
    expect(c.db.select().from(opinionItem).all()).toHaveLength(before);
  });

  it('bad fields come back beside the field; a clerk must say who raised it', async () => {
    const c = await start();
    const bad = await c.post('/j/DC/deliberation/items', itemForm({ title: '', category: 'party', affected: '-3' }), 'dc.drep1');
    expect(bad.status).toBe(422);
    const html = await bad.text();
    for (const s of ['请用一句话写明事项', '请选择类别', '涉及人数不能为负数']) expect(html).toContain(s);
    const clerk = await c.post('/j/DC/deliberation/items', itemForm(), 'dc.clerk');
    expect(clerk.status).toBe(422);
    expect(await clerk.text()).toContain('请选择提出的议事代表');
    expect((await c.post('/j/DC/deliberation/items', itemForm(), 'yc.rep1')).status).toBe(403);
    expect((await c.post('/j/DC/deliberation/items', itemForm(), 'qs.clerk')).status).toBe(403);
  });

  it('an item cannot skip states: converting a recorded item is refused until the clerk hands it over', async () => {
    const c = await start();
    const first = await recordedItem(c);
    // yc.rep1 is the raiser's linked representative, but the clerk has not handed the item over yet.
    const early = await c.post(`/j/DC/deliberation/items/${first}/convert`, { title: 'x', text: 'y', unitName: '区城市管理局', assignedOn: '2026-01-31' }, 'yc.rep1');
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('须先由人大工作人员把事项转交联系的区人大代表');
    // "convert" is not a triage step the clerk can take.
    const clerkConvert = await c.post(`/j/DC/deliberation/items/${first}/triage`, { step: 'convert' }, 'dc.clerk');
    expect(clerkConvert.status).toBe(422);
    expect(c.item(first).state).toBe('recorded');
    expect(c.sugg(first)).toBeUndefined();
  });

  it('triage is the clerk’s: others get 403', async () => {
    const c = await start();
    const first = await recordedItem(c);
    for (const u of ['dc.drep1', 'yc.rep1', 'qs.clerk', 'dc.unit1']) {
      expect((await c.post(`/j/DC/deliberation/items/${first}/triage`, { step: 'hand' }, u)).status).toBe(403);
    }
  });

  it('the clerk hands the item to the linked district representative', async () => {
    const c = await start();
    const first = await recordedItem(c);
    const res = await c.post(`/j/DC/deliberation/items/${first}/triage`, { step: 'hand', handNote: '请关注' }, 'dc.clerk');
    expect(res.status).toBe(303);
    expect(c.item(first)).toMatchObject({ state: 'handedToRep', handedToRepId: c.fx.rep1.id, response: '请关注' });
    const again = await c.post(`/j/DC/deliberation/items/${first}/triage`, { step: 'answer', response: '已答复' }, 'dc.clerk');
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('不能再“当场答复”');
  });

  it('only the linked district representative may convert it: others 403', async () => {
    const c = await start();
    const first = await handedItem(c);
    const form = { ...FIRST_SUGGESTION, unitUserId: String(c.fx.unit1) };
    for (const u of ['yc.rep2', 'qs.rep', 'dc.clerk', 'dc.drep1', 'dc.unit1']) {
      expect((await c.post(`/j/DC/deliberation/items/${first}/convert`, form, u)).status).toBe(403);
    }
    // Validation never leaks past the 403: a bad form from the wrong representative is still 403.
    expect((await c.post(`/j/DC/deliberation/items/${first}/convert`, { title: '' }, 'yc.rep2')).status).toBe(403);
    const future = await c.post(`/j/DC/deliberation/items/${first}/convert`, { ...form, assignedOn: '2026-02-01' }, 'yc.rep1');
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('交办日期不能晚于今天');
    const res = await c.post(`/j/DC/deliberation/items/${first}/convert`, form, 'yc.rep1');
    expect(res.status).toBe(303);
    expect(c.item(first).state).toBe('converted');
    // Assigned on 31 January: due on the last day of April.
    expect(c.sugg(first)).toMatchObject({ representativeId: c.fx.rep1.id, unitUserId: c.fx.unit1, assignedOn: '2026-01-31', dueOn: '2026-04-30', answeredOn: null });
    const twice = await c.post(`/j/DC/deliberation/items/${first}/convert`, form, 'yc.rep1');
    expect(twice.status).toBe(422);
  });

  it('the extension is recorded once, with its approval, to at most six months', async () => {
    const c = await start();
    const first = await suggestionMade(c);
    c.advanceTo('2026-04-20T02:00:00Z');
    const base = { approvedBy: '区人大常委会代表工作委员会', approvedOn: '2026-04-20', reason: '涉及管线改造，需协调供电部门' };
    const tooLong = await c.post(`/j/DC/deliberation/items/${first}/extend`, { ...base, extendedTo: '2026-08-01' }, 'dc.clerk');
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain('最长不得超过交办之日起六个月，即 2026-07-31');
    expect((await c.post(`/j/DC/deliberation/items/${first}/extend`, { ...base, extendedTo: '2026-07-31' }, 'dc.unit1')).status).toBe(403);
    const ok = await c.post(`/j/DC/deliberation/items/${first}/extend`, { ...base, extendedTo: '2026-07-31' }, 'dc.clerk');
    expect(ok.status).toBe(303);
    expect(c.sugg(first)).toMatchObject({ extendedTo: '2026-07-31', extensionApprovedBy: base.approvedBy, extensionApprovedOn: '2026-04-20' });
    const again = await c.post(`/j/DC/deliberation/items/${first}/extend`, { ...base, extendedTo: '2026-06-30' }, 'dc.clerk');
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('不能再次延期');
  });

  it('overdue suggestions are flagged on the clerk’s, the representative’s and the unit’s home pages', async () => {
    const c = await start();
    await extendedSuggestion(c);
    c.advanceTo('2026-08-01T02:00:00Z'); // the day after the extended due date
    for (const u of ['dc.clerk', 'yc.rep1', 'dc.unit1']) {
      const home = await (await c.get('/', u)).text();
      expect(home).toContain('待办');
      expect(home).toContain('已逾期：代表建议 2026-DC-001“修复滨江路路灯”应于 2026-07-31 前答复');
    }
    const other = await (await c.get('/', 'yc.rep2')).text();
    expect(other).not.toContain('修复滨江路路灯');
  });

  it('the chosen unit answers (late, and shown so); another unit gets 403', async () => {
    const c = await start();
    const first = await extendedSuggestion(c);
    c.advanceTo('2026-08-01T02:00:00Z');
    expect((await c.post(`/j/DC/deliberation/items/${first}/answer`, { answer: '已修复', answeredOn: '2026-08-01' }, 'dc.unit2')).status).toBe(403);
    expect((await c.post(`/j/DC/deliberation/items/${first}/answer`, { answer: '已修复', answeredOn: '2026-08-01' }, 'qs.unit')).status).toBe(403);
    const future = await c.post(`/j/DC/deliberation/items/${first}/answer`, { answer: '已修复', answeredOn: '2026-08-02' }, 'dc.unit1');
    expect(future.status).toBe(422);
    const res = await c.post(`/j/DC/deliberation/items/${first}/answer`, { answer: '已更换 2 盏路灯并检修线路。', answeredOn: '2026-08-01' }, 'dc.unit1');
    expect(res.status).toBe(303);
    expect(c.sugg(first)).toMatchObject({ answeredOn: '2026-08-01', answeredBy: c.fx.unit1 });
    const page = await (await c.get(`/j/DC/deliberation/items/${first}`, 'yc.rep1')).text();
    expect(page).toContain('已答复（逾期）');
    expect(page).toContain('评价办理结果');
  });

  it('the representative who made the suggestion rates the answer, once', async () => {
    const c = await start();
    const first = await answeredLate(c);
    expect((await c.post(`/j/DC/deliberation/items/${first}/rate`, { satisfaction: 'satisfied', note: '' }, 'yc.rep2')).status).toBe(403);
    expect((await c.post(`/j/DC/deliberation/items/${first}/rate`, { satisfaction: 'satisfied', note: '' }, 'dc.clerk')).status).toBe(403);
    const none = await c.post(`/j/DC/deliberation/items/${first}/rate`, { note: '' }, 'yc.rep1');
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请选择满意度');
    expect((await c.post(`/j/DC/deliberation/items/${first}/rate`, { satisfaction: 'basicallySatisfied', note: '修得慢了' }, 'yc.rep1')).status).toBe(303);
    expect(c.sugg(first)!.satisfaction).toBe('basicallySatisfied');
    expect((await c.post(`/j/DC/deliberation/items/${first}/rate`, { satisfaction: 'satisfied', note: '' }, 'yc.rep1')).status).toBe(422);
  });

  it('every step is dated and audited, and the item page shows the timeline', async () => {
    const c = await start();
    const first = await ratedSuggestion(c);
    const actions = c.db.select().from(auditLog).where(eq(auditLog.targetId, String(first))).all()
      .filter((a) => a.targetType === 'opinionItem').map((a) => a.action);
    expect(actions).toEqual(['opinion.record', 'opinion.hand', 'suggestion.convert', 'suggestion.extend', 'suggestion.answer', 'suggestion.rate']);
    const page = await (await c.get(`/j/DC/deliberation/items/${first}`, 'dc.clerk')).text();
    for (const s of ['登记民意事项（附件 1 个）', '转交区人大代表 区代表王五', '延期至 2026-07-31', '承办单位答复（2026-08-01）', '代表评价：基本满意']) {
      expect(page).toContain(s);
    }
  });

  it('the clerk answers on the spot or refers to a department; the clerk enters a unit’s paper answer', async () => {
    const c = await start();
    await recordedItem(c); // the year's first item: the clerk's is the second
    c.advanceTo('2026-09-01T02:00:00Z');
    const a = await c.post('/j/DC/deliberation/items', { ...itemForm({ title: '楼道堆放杂物' }), raisedById: String(c.fx.drep2.id), channel: 'meeting' }, 'dc.clerk');
    expect(a.status).toBe(303);
    const aid = idFrom(a);
    expect(c.item(aid)).toMatchObject({ channel: 'meeting', raisedById: c.fx.drep2.id, recordedBy: expect.any(Number), seq: 2 });
    const noText = await c.post(`/j/DC/deliberation/items/${aid}/triage`, { step: 'answer', response: '' }, 'dc.clerk');
    expect(noText.status).toBe(422);
    expect(await noText.text()).toContain('请填写当场答复的内容');
    expect((await c.post(`/j/DC/deliberation/items/${aid}/triage`, { step: 'refer', department: '社区服务中心', referNote: '一周内清理' }, 'dc.clerk')).status).toBe(303);
    expect(c.item(aid)).toMatchObject({ state: 'referred', department: '社区服务中心' });

    // A second item to yc.rep2, converted without a unit login: the clerk records the answer on the unit's behalf.
    const b = await c.post('/j/DC/deliberation/items', itemForm({ title: '小区门口缺少斑马线' }), 'dc.drep2');
    const bid = idFrom(b);
    await c.post(`/j/DC/deliberation/items/${bid}/triage`, { step: 'hand' }, 'dc.clerk');
    expect((await c.post(`/j/DC/deliberation/items/${bid}/convert`, { title: '增设斑马线', text: '建议增设。', unitName: '区交通局', assignedOn: '2026-09-01' }, 'yc.rep2')).status).toBe(303);
    expect(c.sugg(bid)).toMatchObject({ unitUserId: null, dueOn: '2026-12-01' });
    expect((await c.post(`/j/DC/deliberation/items/${bid}/answer`, { answer: '已列入计划', answeredOn: '2026-09-01' }, 'dc.unit1')).status).toBe(403);
    expect((await c.post(`/j/DC/deliberation/items/${bid}/answer`, { answer: '已列入计划（书面答复）', answeredOn: '2026-09-01' }, 'dc.clerk')).status).toBe(303);
    expect(await (await c.get(`/j/DC/deliberation/items/${bid}`, 'dc.clerk')).text()).toContain('代为录入');
  });

  it('re-hands an item when the raiser’s link changed after handover', async () => {
    const c = await start('2026-09-01T02:00:00Z');
    const b = await c.post('/j/DC/deliberation/items', itemForm({ title: '菜市场噪音' }), 'dc.drep1');
    const id = idFrom(b);
    await c.post(`/j/DC/deliberation/items/${id}/triage`, { step: 'hand' }, 'dc.clerk');
    expect(c.item(id).handedToRepId).toBe(c.fx.rep1.id);
    const same = await c.post(`/j/DC/deliberation/items/${id}/triage`, { step: 'rehand' }, 'dc.clerk');
    expect(same.status).toBe(422);
    await relink(c, c.fx.drep1.id, c.fx.rep2.id, '2026-09-01');
    const page = await (await c.get(`/j/DC/deliberation/items/${id}`, 'dc.clerk')).text();
    expect(page).toContain('改交 区代表赵六');
    expect((await c.post(`/j/DC/deliberation/items/${id}/convert`, { title: 'x', text: 'y', unitName: 'z', assignedOn: '2026-09-01' }, 'yc.rep2')).status).toBe(403);
    expect((await c.post(`/j/DC/deliberation/items/${id}/triage`, { step: 'rehand' }, 'dc.clerk')).status).toBe(303);
    expect(c.item(id)).toMatchObject({ state: 'handedToRep', handedToRepId: c.fx.rep2.id });
  });

  it('the public page shows representatives by community and suggestions with their status, nothing personal', async () => {
    const c = await start();
    await ratedSuggestion(c);
    await clerkHandledItems(c);
    const res = await c.get('/p/DC/deliberation');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('解放社区');
    expect(html).toContain('刘一');
    expect(html).toContain('修复滨江路路灯');
    expect(html).toContain('已答复（逾期）');
    expect(html).toContain('基本满意');
    expect(html).toContain('增设斑马线');
    for (const secret of ['13900000001', '老人晚上出门不方便', '区代表王五', '修得慢了', '楼道堆放杂物']) expect(html).not.toContain(secret);
    expect((await c.get('/p/QS/deliberation')).status).toBe(404);
  });

  it('the statistics count the year by hand-checkable numbers, and export them', async () => {
    const c = await start();
    await yearOfItems(c);
    const html = await (await c.get('/j/DC/deliberation/stats?year=2026', 'dc.clerk')).text();
    expect(html).toContain('民意事项</th><td>4 件');
    expect(html).toContain('转为代表建议</th><td>2 件');
    expect(html).toContain('按期答复</th><td>1 件（按期率 50.0%）');
    expect(html).toContain('逾期答复</th><td>1 件');
    const csv = await (await c.get('/j/DC/deliberation/stats.csv?year=2026', 'dc.clerk')).text();
    expect(csv).toContain('刘一,解放社区,在册,2,2,1');
    expect(csv).toContain('陈二,滨江社区,在册,2,1,1');
    const report = await c.get('/j/DC/deliberation/report?year=2026', 'dc.clerk');
    expect(report.status).toBe(200);
    // the subdistrict's report is its own; a district representative reads what concerns their group, not the whole year
    expect((await c.get('/j/DC/deliberation/report?year=2026', 'yc.rep1')).status).toBe(403);
    expect(await report.text()).toContain('东城街道2026年度民意事项和代表建议办理情况');
    expect((await c.get('/j/DC/deliberation/stats', 'qs.clerk')).status).toBe(403);
  });
});
