import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dutyActivity, poll } from '../../db/schema';
import { recordDutyActivity } from '../../src/data/dutyActivities';
import { readWorkbook } from '../../src/http/spreadsheet';
import { get, post } from '../helpers/app';
import { clerkActor, close, openedPoll, valueOf } from '../helpers/pollCases';

/**
 * QS with four seated representatives (李强 = qs.rep, 代表002 = qs.r002) at the session of 2027-01-15: the first three
 * in the hall for its poll, 代表004 absent; 李强 has two activities recorded by hand in 2027 and one in 2026.
 * Hand count for 李强 in 2027: 出席会议 1, 参加表决 1, 走访 1, 培训 1 → 合计 4.
 */
async function ledgerCase() {
  const t = await openedPoll({ reps: 4, logins: 2, candidates: 2, seatsToFill: 1, present: 3 });
  close(t);
  t.f.db.update(poll).set({ openedAt: new Date('2027-01-15T02:00:00Z') }).where(eq(poll.id, t.poll.id)).run();
  const actor = clerkActor(t.f);
  const [li, r2, , r4] = t.f.roster;
  const today = '2027-03-01';
  const at = new Date('2027-03-01T02:00:00Z');
  valueOf(recordDutyActivity(t.f.db, actor, li!, { kind: 'visit', date: '2027-02-01', place: '青石村三组', detail: '走访独居老人' }, today, at));
  valueOf(recordDutyActivity(t.f.db, actor, li!, { kind: 'training', date: '2027-02-03', place: '', detail: '参加代表履职培训' }, today, at));
  valueOf(recordDutyActivity(t.f.db, actor, li!, { kind: 'survey', date: '2026-12-31', place: '', detail: '去年的调研' }, today, at));
  return { ...t, li: li!, r2: r2!, r4: r4!, clerk: await t.f.login('qs.clerk'), rep: await t.f.login('qs.rep') };
}

describe('the clerk’s ledger', () => {
  it('is reached from the township’s page, beside its station opinions and the representatives’ QR cards', async () => {
    const t = await ledgerCase();
    const html = await (await get(t.f.app, '/j/QS', t.clerk)).text();
    for (const href of ['/j/QS/ledger', '/j/QS/opinions', '/j/QS/opinions/cards']) expect(html).toContain(`href="${href}"`);
    const asRep = await (await get(t.f.app, '/j/QS', t.rep)).text();
    expect(asRep).not.toContain('href="/j/QS/opinions/cards"');
  });

  it('lists every representative of the year with counts, each name linking to their page', async () => {
    const t = await ledgerCase();
    const res = await get(t.f.app, '/j/QS/ledger?year=2027', t.clerk);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2027年度代表履职台账');
    expect(html).toContain(`href="/j/QS/ledger/${t.li.id}?year=2027"`);
    expect(html).toContain('代表004');
  });

  it('refuses representatives, other towns’ clerks (403) and an unknown town (404)', async () => {
    const t = await ledgerCase();
    expect((await get(t.f.app, '/j/QS/ledger', t.rep)).status).toBe(403);
    expect((await get(t.f.app, '/j/QS/ledger', await t.f.login('lx.clerk'))).status).toBe(403);
    expect((await get(t.f.app, '/j/QS/ledger/export.csv', await t.f.login('lx.clerk'))).status).toBe(403);
    expect((await get(t.f.app, '/j/NOPE/ledger', t.clerk)).status).toBe(404);
    expect((await get(t.f.app, '/j/QS/ledger')).status).toBe(303); // to the login page
  });

  it('exports CSV whose columns and counts match the hand count', async () => {
    const t = await ledgerCase();
    const res = await get(t.f.app, '/j/QS/ledger/export.csv?year=2027', t.clerk);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(lines[0]).toEqual(['年度', '代表', '村（社区）', '接待群众', '收集意见', '提出建议', '出席会议', '参加表决', '走访', '调研', '视察', '培训', '其他', '合计']);
    expect(lines.find((l) => l[1] === '李强')).toEqual(['2027', '李强', '青石村', '0', '0', '0', '1', '1', '1', '0', '0', '1', '0', '4']);
    expect(lines.find((l) => l[1] === '代表004')!.slice(3)).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
    const last = await get(t.f.app, '/j/QS/ledger/export.csv?year=2026', t.clerk);
    expect((await last.text()).split('\r\n').find((l) => l.includes('李强'))).toBe('2026,李强,青石村,0,0,0,0,0,0,1,0,0,0,1');
  });

  it('exports .xlsx with counts as numbers', async () => {
    const t = await ledgerCase();
    const res = await get(t.f.app, '/j/QS/ledger/export.xlsx?year=2027', t.clerk);
    expect(res.status).toBe(200);
    const book = await readWorkbook(new Uint8Array(await res.arrayBuffer()));
    if (!book.ok) throw new Error(book.error);
    const rows = book.sheets[0]!.map((r) => r.cells);
    expect(rows[0]![13]).toBe('合计');
    expect(rows.find((r) => r[1] === '李强')!.slice(3)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 4]);
  });

  it('filters by community and prints one page per representative after the summary', async () => {
    const t = await ledgerCase();
    const html = await (await get(t.f.app, '/j/QS/ledger/print?year=2027', t.clerk)).text();
    expect(html).toContain('青石镇2027年度代表履职台账汇总');
    expect(html.match(/class="ledger-page"/g)).toHaveLength(4);
    expect(html).toContain('走访独居老人（青石村三组）');
    expect(html).not.toContain('去年的调研');
    const none = await (await get(t.f.app, `/j/QS/ledger?year=2027&community=${encodeURIComponent('别的村')}`, t.clerk)).text();
    expect(none).toContain('4 名代表'); // an unknown community shows everyone
  });
});

describe('one representative’s ledger', () => {
  it('the representative reads their own, not another’s (403); a missing one is a 404', async () => {
    const t = await ledgerCase();
    const own = await get(t.f.app, `/j/QS/ledger/${t.li.id}?year=2027`, t.rep);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain('李强 · 2027年度履职台账');
    expect(html).toContain('参加代表履职培训');
    expect(html).not.toContain('登记履职活动'); // the form is the clerk's
    expect((await get(t.f.app, `/j/QS/ledger/${t.r2.id}`, t.rep)).status).toBe(403);
    expect((await get(t.f.app, `/j/QS/ledger/${t.r2.id}/print`, t.rep)).status).toBe(403);
    expect((await get(t.f.app, '/j/QS/ledger/999999', t.clerk)).status).toBe(404);
    expect((await get(t.f.app, `/j/LX/ledger/${t.li.id}`, await t.f.login('lx.clerk'))).status).toBe(404);
  });

  it('exports the representative’s own entries for their report, kind by kind in date order', async () => {
    const t = await ledgerCase();
    const res = await get(t.f.app, `/j/QS/ledger/${t.li.id}/export.csv?year=2027`, t.rep);
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual([
      '年度,代表,类别,日期,活动类别,内容',
      '2027,李强,出席会议,2027-01-15,,青石镇第十八届人民代表大会第三次会议',
      '2027,李强,参加表决,2027-01-15,,青石镇第十八届人民代表大会第三次会议：2027年度民生实事项目票决',
      '2027,李强,其他履职活动,2027-02-01,走访,走访独居老人（青石村三组）',
      '2027,李强,其他履职活动,2027-02-03,培训,参加代表履职培训',
    ]);
    expect((await get(t.f.app, `/j/QS/ledger/${t.r2.id}/export.csv`, t.rep)).status).toBe(403);
  });

  it('我的履职 leads a representative to their own ledger', async () => {
    const t = await ledgerCase();
    const res = await get(t.f.app, '/my/ledger', t.rep);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/j/QS/ledger/${t.li.id}`);
    const home = await (await get(t.f.app, '/', t.rep)).text();
    expect(home).toContain('我的履职');
    const none = await get(t.f.app, '/my/ledger', t.clerk);
    expect(await none.text()).toContain('没有关联代表名册中的代表');
  });

  it('the clerk records an activity (plain POST), sees a Chinese error beside a bad field, and withdraws with a reason', async () => {
    const t = await ledgerCase();
    const base = `/j/QS/ledger/${t.r4.id}`;
    expect((await post(t.f.app, `${base}/activities`, { kind: 'visit', date: '2026-11-01', place: '', detail: '走访' }, t.rep)).status).toBe(403);
    const bad = await post(t.f.app, `${base}/activities`, { kind: 'visit', date: '2026-13-01', place: '', detail: '走访群众' }, t.clerk);
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('请按 2027-03-01 的格式填写活动日期');
    expect(badHtml).toContain('走访群众'); // what was typed is kept
    const later = await post(t.f.app, `${base}/activities`, { kind: 'visit', date: '2999-01-01', place: '', detail: '走访群众' }, t.clerk);
    expect(later.status).toBe(422);
    expect(await later.text()).toContain('活动日期不能晚于今天');
    const ok = await post(t.f.app, `${base}/activities`, { kind: 'inspection', date: '2026-11-01', place: '镇卫生院', detail: '视察卫生院改造' }, t.clerk);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${base}?year=2026`);
    const row = t.f.db.select().from(dutyActivity).where(eq(dutyActivity.representativeId, t.r4.id)).get()!;
    expect(row).toMatchObject({ kind: 'inspection', date: '2026-11-01', detail: '视察卫生院改造' });
    const noReason = await post(t.f.app, `${base}/activities/${row.id}/withdraw`, { reason: '', withdrawing: String(row.id) }, t.clerk);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('撤销须写明原因');
    expect((await post(t.f.app, `${base}/activities/${row.id}/withdraw`, { reason: '记错了' }, t.clerk)).status).toBe(303);
    const csv = await (await get(t.f.app, '/j/QS/ledger/export.csv?year=2026', t.clerk)).text();
    expect(csv.split('\r\n').find((l) => l.includes('代表004'))).toBe('2026,代表004,青石村,0,0,0,0,0,0,0,0,0,0,0');
    const page = await (await get(t.f.app, `${base}?year=2026`, t.clerk)).text();
    expect(page).toContain('撤销原因：记错了');
  });
});
