import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { candidate, candidateProposal, cycle, proposal, proposalEvent, screening } from '../../db/schema';
import { get, testApp } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { addProposal, NOW, seedCollection } from '../helpers/proposals';

type Fixture = Awaited<ReturnType<typeof seedCollection>>;

/** What the screening engineer's code writes for a decision: a screening row and a public event. */
function decide(t: ReturnType<typeof testApp>, f: Fixture, receipt: string, decision: 'eligible' | 'ineligible' | 'redirected', explanation: string, extra: { redirectTarget?: 'petition' | 'court' } = {}) {
  const p = t.db.select().from(proposal).where(eq(proposal.receipt, receipt)).get()!;
  const at = new Date(NOW.getTime() + 86_400_000);
  t.db.insert(screening).values({ proposalId: p.id, decision, ruleResults: '[]', explanation, decidedBy: f.users.qsClerk.id, at, ...extra }).run();
  t.db.insert(proposalEvent).values({ proposalId: p.id, at, actorId: f.users.qsClerk.id, kind: decision === 'redirected' ? 'redirected' : 'screened', note: explanation }).run();
  t.db.update(proposal).set({ status: decision }).where(eq(proposal.id, p.id)).run();
}

/** A township collecting, with three proposals: receipts 2027-QS-0001-…, to 0003-…, none screened yet. */
async function trackingCase() {
  const t = await collectionCase();
  const r = [
    addProposal(t.db, t.f, { proposerName: '欧阳娜娜', proposerPhone: '023-68881234' }).receipt,
    addProposal(t.db, t.f, { title: '杨柳村路灯安装', proposerName: '王小明' }).receipt,
    addProposal(t.db, t.f, { title: '邻居占用通道纠纷', proposerName: '李四' }).receipt,
  ] as const;
  return Object.assign(t, { r });
}

describe('tracking by receipt', () => {
  it('shows status, the timeline and the facts, with the name masked and no phone', async () => {
    const t = await trackingCase();
    const res = await get(t.app, `/track/${t.r[0]}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('青石村饮水管网改造');
    expect(html).toContain('已收到您的提议，等待资格审查。');
    expect(html).toContain('欧阳**');
    expect(html).not.toContain('欧阳娜娜');
    expect(html).not.toContain('68881234');
    expect(html).toContain('已收到提议（网上提交）');
  });

  it('shows an ineligible decision with its reasons, from the screening and the event note', async () => {
    const t = await trackingCase();
    const { f } = t;
    decide(t, f, t.r[1], 'ineligible', '该项目属于政府日常工作（路灯维护），不列入民生实事；已转镇综合执法办日常处理。');
    const html = await (await get(t.app, `/track/${t.r[1]}`)).text();
    expect(html).toContain('不符合条件');
    expect(html).toContain('经审查不符合民生实事项目条件');
    expect(html).toContain('该项目属于政府日常工作（路灯维护）');
    expect(html).toContain('资格审查');
  });

  it('a redirected proposal says where to turn', async () => {
    const t = await trackingCase();
    const { f } = t;
    decide(t, f, t.r[2], 'redirected', '邻里通道纠纷属于民事纠纷，请向人民法院起诉或申请人民调解。', { redirectTarget: 'court' });
    const html = await (await get(t.app, `/track/${t.r[2]}`)).text();
    expect(html).toContain('建议您向<strong>人民法院</strong>反映');
    expect(html).toContain('请向人民法院起诉');
  });

  it('a merged proposal points to the item it was merged into and shows that item\'s status', async () => {
    const t = await trackingCase();
    const { f } = t;
    const p1 = t.db.select().from(proposal).where(eq(proposal.receipt, t.r[0])).get()!;
    const merged = addProposal(t.db, f, { title: '青石村自来水管道更换', proposerName: '赵六' });
    t.db.update(proposal).set({ status: 'merged', mergedIntoId: p1.id }).where(eq(proposal.id, merged.id)).run();
    t.db.insert(proposalEvent).values({ proposalId: merged.id, at: NOW, kind: 'merged', note: `与 ${t.r[0]} 内容相同，合并办理，保留您的提议人身份。` }).run();
    decide(t, f, t.r[0], 'eligible', '符合民生实事项目条件。');
    const html = await (await get(t.app, `/track/${merged.receipt}`)).text();
    expect(html).toContain(`已与回执号 <a href="/track/${t.r[0]}">${t.r[0]}</a> 合并`);
    expect(html).toContain(`合并后的项目“青石村饮水管网改造”（${t.r[0]}）目前`);
    expect(html).toContain('符合民生实事项目条件。');
    expect(html).toContain('保留您的提议人身份');
  });

  it('the lookup form forgives case, spaces and full-width; unknown and malformed receipts get helpful pages', async () => {
    const t = await trackingCase();
    const [year, code, seq, check] = t.r[0].split('-') as [string, string, string, string];
    expect(t.r[0]).toMatch(/^2027-QS-0001-[2-9A-HJKMNP-TV-Z]{4}$/);
    let res = await get(t.app, `/track?receipt=%20${year}-${code.toLowerCase()}-${Number(seq)}%20${check.toLowerCase()}%20`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/track/${t.r[0]}`);
    res = await get(t.app, `/track/${t.r[0].toLowerCase()}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/track/${t.r[0]}`);
    // the year, code and sequence alone find nothing: the whole receipt is the key
    res = await get(t.app, '/track/2027-QS-0001');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('没有找到回执号为“2027-QS-0001”的提议');
    res = await get(t.app, '/track/2027-QS-0999-K7MX');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('没有找到回执号为“2027-QS-0999-K7MX”的提议');
    expect(html).toContain('action="/track"');
    expect((await get(t.app, '/track/%3Cscript%3E')).status).toBe(404);
    res = await get(t.app, '/track?receipt=abc');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('回执号格式不对');
    expect((await get(t.app, '/track')).status).toBe(200);
    expect((await get(t.app, '/receipt/2027-QS-0999')).status).toBe(404);
  });

  it('a receipt issued before the random part existed is still found as issued', async () => {
    const t = await trackingCase();
    t.db.update(proposal).set({ receipt: '2026-QS-0002' }).where(eq(proposal.receipt, t.r[1])).run();
    const res = await get(t.app, '/track/2026-QS-0002');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('杨柳村路灯安装');
    expect((await get(t.app, '/track?receipt=2026-qs-2')).headers.get('location')).toBe('/track/2026-QS-0002');
  });
});

const PHONE = '13987654321';

/** 150 proposals over every category, every third one refused with a long reason: three full pages and a bit. */
async function portalCase() {
  const t = testApp(undefined, { now: () => NOW });
  const f = await seedCollection(t.db);
  const cats = ['water', 'transport', 'elderly', 'education', 'health', 'environment', 'culture', 'safety', 'other'];
  for (let i = 1; i <= 150; i++) {
    const made = addProposal(t.db, f, {
      title: `${['青石村', '杨柳村', '白果村'][i % 3]}第${i}号民生项目：${'道路硬化及排水沟改造'.repeat(2)}`,
      description: '详细说明'.repeat(200), category: cats[i % cats.length]!, proposerName: `欧阳测试${i}`, proposerPhone: PHONE,
      place: i % 2 ? 'all' : String(f.village.id),
    });
    if (i % 3 === 0) decide(t, f, made.receipt, 'ineligible', '经审查，该项目估算投资超过本镇重大投资项目标准（500 万元），属于政府重大投资项目，依照票决制实施办法不列入民生实事候选项目，建议通过镇人大代表建议渠道向区级部门反映。'.repeat(2));
  }
  return { ...t, f };
}

describe('the public portal', () => {
  // Read-only for the cases that use it: they page and filter, and never write.
  const shared = portalCase();

  it('lists every submission with status and reasons, without personal data, each page under 100 KB', async () => {
    const t = await shared;
    let seen = 0;
    for (let page = 1; page <= 4; page++) {
      const res = await get(t.app, `/p/QS/2027?page=${page}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(Buffer.byteLength(html)).toBeLessThan(100 * 1024);
      expect(html).not.toContain(PHONE);
      expect(html).not.toMatch(/欧阳测试\d/);
      seen += (html.match(/2027-QS-\d{4} · /g) ?? []).length;
      // public numbers only: no whole receipt, so no way from the list to anyone's tracking page
      expect(html).not.toMatch(/2027-QS-\d{4}-[A-Z0-9]{4}/);
      expect(html).not.toMatch(/href="\/track\/2/);
    }
    expect(seen).toBe(150);
    const first = await (await get(t.app, '/p/QS')).text();
    expect(first).toContain('青石镇 2027 年度民生实事项目');
    expect(first).toContain('欧阳**');
    expect(first).toContain('理由：经审查，该项目估算投资超过本镇重大投资项目标准');
    expect(first).toContain('我要提建议');
    expect(first).toContain('全部 150');
    expect(first).toContain('不符合条件 50');
  });

  it('filters by status and category', async () => {
    const t = await shared;
    const html = await (await get(t.app, '/p/QS/2027?status=ineligible&category=water')).text();
    const receipts = [...html.matchAll(/(2027-QS-\d{4}) · /g)].map((m) => Number(m[1]!.slice(-4)));
    expect(receipts.length).toBeGreaterThan(0);
    expect(receipts.every((n) => n % 3 === 0 && n % 9 === 0)).toBe(true); // ineligible and water
    expect((await get(t.app, '/p/QS/2027?status=bogus')).status).toBe(400);
    expect((await get(t.app, '/p/QS/2026')).status).toBe(404);
  });

  it('shows the candidate list only once the presidium has approved it', async () => {
    const t = await trackingCase();
    const { f } = t;
    const cy = f.cycle();
    const cand = t.db.insert(candidate).values({
      cycleId: cy.id, title: '青石村饮水管网改造工程', budget: 800000, unitName: '青石镇农业服务中心', leadOfficial: '副镇长 刘军',
      startDate: '2027-04-01', endDate: '2027-10-31', position: 1,
    }).returning().get();
    const p = t.db.select().from(proposal).where(eq(proposal.receipt, t.r[0])).get()!;
    t.db.insert(candidateProposal).values({ candidateId: cand.id, proposalId: p.id }).run();
    expect(await (await get(t.app, '/p/QS/2027')).text()).not.toContain('青石村饮水管网改造工程');
    t.db.update(cycle).set({ candidatesLockedAt: NOW, candidatesLockedBy: f.users.qsClerk.id, seatsToFill: 5 }).where(eq(cycle.id, cy.id)).run();
    const html = await (await get(t.app, '/p/QS/2027')).text();
    expect(html).toContain('候选项目（1 项，应选 5 项）');
    expect(html).toContain('青石村饮水管网改造工程');
    expect(html).toContain('承办 青石镇农业服务中心');
    expect(await (await get(t.app, `/track/${t.r[0]}`)).text()).toContain('已列入经主席团通过的候选项目');
  });

  it('a town without cycles has an honest empty page; the home page links every portal', async () => {
    const t = await collectionCase();
    const html = await (await get(t.app, '/p/LX')).text();
    expect(html).toContain('本辖区还没有年度工作');
    const home = await (await get(t.app, '/')).text();
    expect(home).toContain('href="/p/QS"');
    expect(home).toContain('href="/p/LX/propose"');
    expect(home).toContain('href="/track"');
  });
});

describe('receipt look-ups are limited per address', () => {
  it('the 61st look-up in ten minutes from one address is 429; the empty form still opens', async () => {
    const { testApp } = await import('../helpers/app');
    const { app } = testApp();
    for (let i = 0; i < 60; i++) expect((await app.request(`/track?receipt=2027-QS-${String(i).padStart(4, '0')}`)).status).not.toBe(429);
    const res = await app.request('/track?receipt=2027-QS-0099');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(await res.text()).toContain('操作过于频繁');
    expect((await app.request('/track/2027-QS-0100')).status).toBe(429);
    expect((await app.request('/track')).status).toBe(200);
  });
});
