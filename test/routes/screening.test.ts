import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, cycle, proposalEvent, screening } from '../../db/schema';
import { decideScreening, finalProposalId } from '../../src/data/screening';
import { get, post, settingsForm } from '../helpers/app';
import { phaseCase } from '../helpers/collectionCases';
import { addCycle, addProposal, getProposal, postForm, setPhase } from '../helpers/proposalFixture';

describe('screening a proposal', () => {
  // Every case gets a fresh world: QS's 2027 cycle in screening, no proposals yet.
  let t: Awaited<ReturnType<typeof phaseCase>>;
  let s: typeof t.s;
  let cycleId: number;
  beforeEach(async () => {
    t = await phaseCase('screening');
    ({ s, cycleId } = t);
  });
  const url = (id: number) => `/j/QS/cycles/2027/proposals/${id}`;
  const screenings = (id: number) => t.db.select().from(screening).where(eq(screening.proposalId, id)).all();
  const events = (id: number) => t.db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, id)).all();

  it('the clerk sees the proposal with its proposer, the rules one by one, and the parameters', async () => {
    const p = addProposal(t.db, cycleId, { placeId: s.village.id, fiscalSharePct: 40 });
    const res = await get(t.app, url(p.id), (await t.as('qs.clerk')));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('青石村老年食堂');
    expect(html).toContain('张秀英');
    expect(html).toContain('13900001111');
    expect(html).toContain('仅工作人员可见');
    expect(html).toContain('财政资金占比 40%，低于 50%，不是以政府财政性资金投入为主。');
    expect(html).toContain('实施地点青石村在青石镇辖区内。');
    expect(html).toContain('财政资金最低占比：50%');
    expect(html).toContain('超过 5,000,000 元');
    expect(html).toContain('主要是以政府财政性资金投入为主'); // the basis, quoted
    // The failed rule is pre-selected for an "ineligible" decision.
    expect(html).toMatch(/name="failedRules" value="FISCAL_SHARE" checked/);
    expect(html).not.toMatch(/name="failedRules" value="MAJOR_INVESTMENT" checked/);
  });

  it('an ineligible decision needs rule codes and an explanation: 422 with messages beside the fields, form kept', async () => {
    const p = addProposal(t.db, cycleId);
    const res = await post(t.app, url(p.id), { decision: 'ineligible', explanation: '', overrideReason: '我写的理由' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请选择不符合的规则');
    expect(html).toContain('请写明不符合条件的说明');
    expect(html).toMatch(/id="f-failedRules-error"/);
    expect(html).toContain('我写的理由'); // what was typed comes back
    expect(html).toMatch(/name="decision" value="ineligible" checked/);
    expect(screenings(p.id)).toHaveLength(0);
    expect(getProposal(t.db, p.id).status).toBe('submitted');
  });

  it('no decision chosen is a field error', async () => {
    const p = addProposal(t.db, cycleId);
    const res = await post(t.app, url(p.id), { explanation: 'x' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请选择审查结论');
  });

  it('ineligible with codes and an explanation: screening row, status, public note, audit — together', async () => {
    const p = addProposal(t.db, cycleId, { fiscalSharePct: 30, fundingSource: '企业出资为主' });
    const res = await post(t.app, url(p.id), { decision: 'ineligible', failedRules: 'FISCAL_SHARE', explanation: '项目资金主要由企业出资，不属于财政投入为主的民生实事。' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(url(p.id));
    const [row] = screenings(p.id);
    expect(row!.decision).toBe('ineligible');
    expect(JSON.parse(row!.failedRules)).toEqual(['FISCAL_SHARE']);
    expect(JSON.parse(row!.ruleResults).find((r: { code: string }) => r.code === 'FISCAL_SHARE').outcome).toBe('fail');
    expect(row!.decidedBy).toBe(s.users.qsClerk.id);
    expect(getProposal(t.db, p.id).status).toBe('ineligible');
    const note = events(p.id).find((e) => e.kind === 'screened')!.note;
    expect(note).toBe('审查结论：不符合条件。依据：以财政资金投入为主（票决制指导意见：“主要是以政府财政性资金投入为主”）。说明：项目资金主要由企业出资，不属于财政投入为主的民生实事。');
    expect(note).not.toContain('张秀英');
    const audit = t.db.select().from(auditLog).where(and(eq(auditLog.action, 'proposal.screen'), eq(auditLog.targetId, String(p.id)))).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ decision: 'ineligible', failedRules: ['FISCAL_SHARE'] });
    expect(audit[0]!.jurisdictionId).toBe(s.qs.id);
  });

  it('eligible over a failed automatic rule needs a written override reason', async () => {
    const p = addProposal(t.db, cycleId, { estimatedCost: 6_000_000 });
    const bad = await post(t.app, url(p.id), { decision: 'eligible', overrideReason: '  ' }, (await t.as('qs.clerk')));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('自动审查提示“不属于政府重大投资项目”不符合或存疑，认定符合条件须写明理由');
    expect(screenings(p.id)).toHaveLength(0);
    const ok = await post(t.app, url(p.id), { decision: 'eligible', overrideReason: '其中 200 万元为已完工部分，本年度实际投资 400 万元' }, (await t.as('qs.clerk')));
    expect(ok.status).toBe(303);
    expect(screenings(p.id)[0]!.overrideReason).toContain('本年度实际投资');
    expect(getProposal(t.db, p.id).status).toBe('eligible');
  });

  it('a keyword flag (routine work) is pre-selected and also needs an override to pass', async () => {
    const p = addProposal(t.db, cycleId, { title: '镇区主干道日常保洁', description: '增加保洁人员' });
    const html = await (await get(t.app, url(p.id), (await t.as('qs.clerk')))).text();
    expect(html).toContain('疑似政府日常工作');
    expect(html).toMatch(/name="failedRules" value="ROUTINE_WORK" checked/);
    expect((await post(t.app, url(p.id), { decision: 'eligible' }, (await t.as('qs.clerk')))).status).toBe(422);
  });

  it('a decision can be revised: a new row, the history shown, the public note says so', async () => {
    const p = addProposal(t.db, cycleId);
    expect((await post(t.app, url(p.id), { decision: 'eligible' }, (await t.as('qs.clerk')))).status).toBe(303);
    const pairs: [string, string][] = [['decision', 'ineligible'], ['failedRules', 'ROUTINE_WORK'], ['failedRules', 'HIGHER_LEVEL'], ['explanation', '经核实为上级安排的日常工作']];
    expect((await postForm(t.app, url(p.id), pairs, (await t.as('qs.clerk')))).status).toBe(303);
    const rows = screenings(p.id);
    expect(rows.map((r) => r.decision)).toEqual(['eligible', 'ineligible']);
    expect(JSON.parse(rows[1]!.failedRules)).toEqual(['ROUTINE_WORK', 'HIGHER_LEVEL']);
    expect(getProposal(t.db, p.id).status).toBe('ineligible');
    const notes = events(p.id).filter((e) => e.kind === 'screened').map((e) => e.note);
    expect(notes[0]).toMatch(/^审查结论：符合条件/);
    expect(notes[1]).toMatch(/^复核更正后的审查结论：不符合条件。依据：不属于政府日常工作/);
    const html = await (await get(t.app, url(p.id), (await t.as('qs.clerk')))).text();
    expect(html).toContain('审查记录（2）');
    expect(html).toContain('已更正');
    expect(html).toContain('提交更正后的结论');
  });

  it('redirected needs a target and the answer text', async () => {
    const p = addProposal(t.db, cycleId, { title: '解决我家宅基地纠纷', description: '与邻居宅基地纠纷多年未解决', beneficiaryCount: 4 });
    const bad = await post(t.app, url(p.id), { decision: 'redirected' }, (await t.as('qs.clerk')));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('请选择引导去向');
    expect(html).toContain('请填写给提议人的答复');
    const ok = await post(t.app, url(p.id), { decision: 'redirected', redirectTarget: 'court', explanation: '属于民事纠纷，可向镇法律服务所咨询或向人民法院起诉。' }, (await t.as('qs.clerk')));
    expect(ok.status).toBe(303);
    expect(screenings(p.id)[0]!.redirectTarget).toBe('court');
    expect(getProposal(t.db, p.id).status).toBe('redirected');
    const e = events(p.id).find((x) => x.kind === 'redirected')!;
    expect(e.note).toContain('按司法程序向人民法院反映');
    expect(e.note).toContain('答复：属于民事纠纷');
  });

  it('a bad redirect target is a field error, not a crash', async () => {
    const p = addProposal(t.db, cycleId);
    const res = await post(t.app, url(p.id), { decision: 'redirected', redirectTarget: 'police', explanation: 'x' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请选择引导去向');
  });

  describe('duplicates and merging', () => {
    // Three alike in one village (A, B, C) and a township-wide canteen that is neither.
    let a: number; let b: number; let c: number;
    beforeEach(() => {
      addProposal(t.db, cycleId);
      a = addProposal(t.db, cycleId, { title: '青石村主干道安装路灯', description: '主干道晚上太黑，老人出行不安全', placeId: s.village.id, proposerName: '王大爷', proposerPhone: '13800000001' }).id;
      b = addProposal(t.db, cycleId, { title: '青石村安装路灯', description: '青石村主干道没有路灯，晚上出行不安全', placeId: s.village.id, proposerName: '李阿姨', proposerPhone: '13800000002' }).id;
      c = addProposal(t.db, cycleId, { title: '青石村道路照明改造', description: '全村道路安装路灯', placeId: s.village.id, proposerName: '赵主任', source: 'villageCommittee' }).id;
    });
    /** A merge already decided, straight through the data function. */
    const merged = (from: number, into: number) => {
      const r = decideScreening(t.db, { id: s.users.qsClerk.id, name: 'qs.clerk' }, s.qs, cycleId, from,
        { decision: 'merged', mergeIntoId: into, failedRules: [], explanation: '', overrideReason: '' }, new Date());
      if (!r.ok) throw new Error(r.error);
    };

    it('suggests near-duplicates in the same village, with their similarity', async () => {
      const html = await (await get(t.app, url(a), (await t.as('qs.clerk')))).text();
      const receiptB = getProposal(t.db, b).receipt;
      expect(html).toMatch(new RegExp(`${receiptB} 青石村安装路灯</a>.*相似度 \\d+%`, 's'));
      const section = html.split('<h2>疑似重复的提议</h2>')[1]!.split('<h2>审查结论</h2>')[0]!;
      expect(section).toContain(receiptB);
      expect(section).not.toContain('老年食堂'); // township-wide canteens are neither in this village nor alike
      // A higher threshold hides weaker matches; a bad value is a 400, not a crash.
      expect((await get(t.app, `${url(a)}?similarity=0.6`, (await t.as('qs.clerk')))).status).toBe(200);
      expect((await get(t.app, `${url(a)}?similarity=2`, (await t.as('qs.clerk')))).status).toBe(400);
    });

    it('refuses merging into itself, across cycles, or into a missing item', async () => {
      const other = addCycle(t.db, s.qs.id, 2026, 'closed', s.users.qsClerk.id).id;
      const old = addProposal(t.db, other, { title: '青石村安装路灯' }).id;
      for (const [into, msg] of [[a, '不能合并到提议本身'], [old, '只能合并到同一年度'], [999999, '要合并到的提议不存在']] as const) {
        const res = await post(t.app, url(a), { decision: 'merged', mergeIntoId: String(into) }, (await t.as('qs.clerk')));
        expect(res.status).toBe(422);
        expect(await res.text()).toContain(msg);
      }
      expect(getProposal(t.db, a).status).toBe('submitted');
    });

    it('merges A into B: status, link, events on both, every proposer listed on B', async () => {
      const res = await post(t.app, url(a), { decision: 'merged', mergeIntoId: String(b), explanation: '两份提议内容相同' }, (await t.as('qs.clerk')));
      expect(res.status).toBe(303);
      const pa = getProposal(t.db, a);
      expect(pa.status).toBe('merged');
      expect(pa.mergedIntoId).toBe(b);
      expect(events(a).find((e) => e.kind === 'merged')!.note).toContain(`与提议 ${getProposal(t.db, b).receipt}“青石村安装路灯”内容相同或相近`);
      expect(events(b).find((e) => e.kind === 'mergedInto')!.note).toContain(`提议 ${pa.receipt}“青石村主干道安装路灯”`);
      const html = await (await get(t.app, url(b), (await t.as('qs.clerk')))).text();
      expect(html).toContain('已并入本提议的提议及其提议人（1）');
      expect(html).toContain('王大爷');
      expect(html).toContain('李阿姨');
      const merged = await (await get(t.app, url(a), (await t.as('qs.clerk')))).text();
      expect(merged).toContain('本提议已合并到');
    });

    it('refuses merging into an item already merged elsewhere', async () => {
      merged(a, b);
      const res = await post(t.app, url(c), { decision: 'merged', mergeIntoId: String(a) }, (await t.as('qs.clerk')));
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('已合并到其他提议');
    });

    it('a chain A→B→C keeps A’s receipt resolving to C and lists every proposer on C', async () => {
      merged(a, b);
      expect((await post(t.app, url(b), { decision: 'merged', mergeIntoId: String(c) }, (await t.as('qs.clerk')))).status).toBe(303);
      expect(getProposal(t.db, a).mergedIntoId).toBe(b); // the chain stays as it happened
      expect(getProposal(t.db, b).mergedIntoId).toBe(c);
      expect(finalProposalId(t.db, a)).toBe(c);
      expect(finalProposalId(t.db, b)).toBe(c);
      expect(events(c).filter((e) => e.kind === 'mergedInto')).toHaveLength(1);
      const html = await (await get(t.app, url(c), (await t.as('qs.clerk')))).text();
      expect(html).toContain('已并入本提议的提议及其提议人（2）');
      for (const name of ['王大爷', '李阿姨', '赵主任']) expect(html).toContain(name);
      expect(html).toContain('经由其他提议并入');
      const pageA = await (await get(t.app, url(a), (await t.as('qs.clerk')))).text();
      expect(pageA).toContain('该提议又已合并到');
    });

    it('C cannot be merged back into A’s chain: it would be a loop', async () => {
      merged(a, b);
      merged(b, c);
      const res = await post(t.app, url(c), { decision: 'merged', mergeIntoId: String(b) }, (await t.as('qs.clerk')));
      expect(res.status).toBe(422);
      expect(finalProposalId(t.db, a)).toBe(c);
    });

    it('revising B away from the merge records it on the former target', async () => {
      merged(a, b);
      merged(b, c);
      expect((await post(t.app, url(b), { decision: 'eligible' }, (await t.as('qs.clerk')))).status).toBe(303);
      expect(getProposal(t.db, b).mergedIntoId).toBeNull();
      expect(events(c).some((e) => e.kind === 'unmerged')).toBe(true);
      expect(finalProposalId(t.db, a)).toBe(b);
    });
  });

  it('the jurisdiction’s own parameters drive the rules (edited on the settings page, audited)', async () => {
    const p = addProposal(t.db, cycleId, { fiscalSharePct: 60 });
    expect(await (await get(t.app, url(p.id), (await t.as('qs.clerk')))).text()).toContain('财政资金占比 60%，不低于 50%。');
    expect((await post(t.app, '/j/QS/settings', settingsForm({ minFiscalShare: '70' }), (await t.as('qs.clerk')))).status).toBe(303);
    const html = await (await get(t.app, url(p.id), (await t.as('qs.clerk')))).text();
    expect(html).toContain('财政资金占比 60%，低于 70%');
    expect(html).toContain('财政资金最低占比：70%');
    // Another township keeps its own default.
    const lxCycle = addCycle(t.db, s.lx.id, 2027, 'screening', s.users.lxClerk.id).id;
    const q = addProposal(t.db, lxCycle, { fiscalSharePct: 60 });
    expect(await (await get(t.app, `/j/LX/cycles/2027/proposals/${q.id}`, (await t.as('lx.clerk')))).text()).toContain('不低于 50%');
    expect((await post(t.app, '/j/QS/settings', settingsForm({ minFiscalShare: '50' }), (await t.as('qs.clerk')))).status).toBe(303);
  });

  it('other jurisdictions and other roles are kept out (403); the district admin reads but cannot decide', async () => {
    const p = addProposal(t.db, cycleId);
    expect((await get(t.app, url(p.id), (await t.as('lx.clerk')))).status).toBe(403);
    expect((await post(t.app, url(p.id), { decision: 'eligible' }, (await t.as('lx.clerk')))).status).toBe(403);
    expect((await post(t.app, url(p.id), { decision: '' }, (await t.as('lx.clerk')))).status).toBe(403); // even with a bad form
    expect((await get(t.app, url(p.id), (await t.as('qs.rep')))).status).toBe(403);
    expect((await get(t.app, '/j/QS/cycles/2027/screening', (await t.as('qs.rep')))).status).toBe(403);
    const admin = await get(t.app, url(p.id), (await t.as('admin')));
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('只有本辖区人大工作人员可以作出审查结论');
    expect((await post(t.app, url(p.id), { decision: 'eligible' }, (await t.as('admin')))).status).toBe(403);
    expect(screenings(p.id)).toHaveLength(0);
    const anon = await get(t.app, url(p.id));
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/login?next=');
  });

  it('a proposal of another cycle or jurisdiction is not found under this one', async () => {
    const lxCycle = addCycle(t.db, s.lx.id, 2027, 'screening', s.users.lxClerk.id);
    const q = addProposal(t.db, lxCycle.id);
    expect((await get(t.app, url(q.id), (await t.as('qs.clerk')))).status).toBe(404);
    expect((await post(t.app, url(q.id), { decision: 'eligible' }, (await t.as('qs.clerk')))).status).toBe(404);
    expect((await get(t.app, '/j/QS/cycles/2027/proposals/999999', (await t.as('qs.clerk')))).status).toBe(404);
    expect((await get(t.app, '/j/QS/cycles/2031/proposals/1', (await t.as('qs.clerk')))).status).toBe(404);
  });

  it('decisions are refused once the vote has begun, and while the approved list is locked', async () => {
    const p = addProposal(t.db, cycleId);
    setPhase(t.db, cycleId, 'voting');
    const res = await post(t.app, url(p.id), { decision: 'eligible' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('当前阶段不能进行资格审查');
    expect(await (await get(t.app, url(p.id), (await t.as('qs.clerk')))).text()).not.toContain('提交审查结论');
    setPhase(t.db, cycleId, 'candidates');
    t.db.update(cycle).set({ candidatesLockedAt: new Date(), candidatesLockedBy: s.users.qsClerk.id }).where(eq(cycle.id, cycleId)).run();
    const locked = await post(t.app, url(p.id), { decision: 'eligible' }, (await t.as('qs.clerk')));
    expect(locked.status).toBe(422);
    expect(await locked.text()).toContain('候选项目名单已经主席团审定并锁定');
    t.db.update(cycle).set({ candidatesLockedAt: null, candidatesLockedBy: null, phase: 'screening' }).where(eq(cycle.id, cycleId)).run();
    expect(screenings(p.id)).toHaveLength(0);
  });

  it('the queue lists the cycle’s proposals with counts and automatic results', async () => {
    addProposal(t.db, cycleId);
    addProposal(t.db, cycleId, { fiscalSharePct: 30, status: 'ineligible' });
    const into = addProposal(t.db, cycleId, { title: '青石村安装路灯', placeId: s.village.id }).id;
    const from = addProposal(t.db, cycleId, { title: '青石村主干道安装路灯', placeId: s.village.id }).id;
    const r = decideScreening(t.db, { id: s.users.qsClerk.id, name: 'qs.clerk' }, s.qs, cycleId, from,
      { decision: 'merged', mergeIntoId: into, failedRules: [], explanation: '', overrideReason: '' }, new Date());
    expect(r.ok).toBe(true);
    const res = await get(t.app, '/j/QS/cycles/2027/screening', (await t.as('qs.clerk')));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/全部（\d+）/);
    expect(html).toContain('不符合条件（');
    expect(html).toContain('项不符合');
    const only = await (await get(t.app, '/j/QS/cycles/2027/screening?status=merged', (await t.as('qs.clerk')))).text();
    expect(only).toContain('青石村主干道安装路灯');
    expect(only).not.toContain('青石村老年食堂</a>');
    expect((await get(t.app, '/j/QS/cycles/2027/screening?status=bogus', (await t.as('qs.clerk')))).status).toBe(400);
  });
});
