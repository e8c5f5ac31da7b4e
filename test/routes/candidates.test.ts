import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, candidate, candidateProposal, cycle, milestone, proposal, proposalEvent } from '../../db/schema';
import { get, post } from '../helpers/app';
import { candidatesCase } from '../helpers/collectionCases';
import { postForm, setPhase } from '../helpers/proposalFixture';

describe('the candidate list', () => {
  // Every case gets a fresh world (helpers/collectionCases: candidatesCase) and sets up the list it starts from.
  let t: Awaited<ReturnType<typeof candidatesCase>>;
  let s: typeof t.s;
  let cycleId: number;
  let ids: typeof t.ids;
  beforeEach(async () => {
    t = await candidatesCase();
    ({ s, cycleId, ids } = t);
  });
  const base = '/j/QS/cycles/2027/candidates';
  const candidates = () => t.db.select().from(candidate).where(eq(candidate.cycleId, cycleId)).orderBy(asc(candidate.position)).all();
  const cy = () => t.db.select().from(cycle).where(eq(cycle.id, cycleId)).get()!;
  const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action)).all();

  /** A complete single-year candidate form; override fields, add milestone rows as pairs. */
  const form = (over: Record<string, string> = {}, proposalIds: number[] = [ids.canteen]): [string, string][] => [
    ...proposalIds.map((id): [string, string] => ['proposalIds', String(id)]),
    ...Object.entries({
      title: '青石村老年食堂', description: '新建老年食堂一处', budget: '800000', unitName: '镇社会事务办', unitUserId: '',
      leadOfficial: '副镇长 刘红', startDate: '2027-03-01', endDate: '2027-11-30',
      m0_title: '完成选址和设计', m0_due: '2027-05-31', m0_pct: '20', m0_spend: '100000',
      m1_title: '建成投用', m1_due: '2027-11-30', m1_pct: '100', m1_spend: '800000',
      ...over,
    }),
  ];

  it('the clerk sees eligible proposals waiting and can start a candidate from one', async () => {
    const html = await (await get(t.app, base, (await t.as('qs.clerk')))).text();
    expect(html).toContain('尚未列入名单的符合条件提议（5）');
    expect(html).not.toContain('招商配套道路');
    expect(html).toContain('尚未设定应选项目数 N');
    const prefilled = await (await get(t.app, `${base}/new?proposal=${ids.canteen}`, (await t.as('qs.clerk')))).text();
    expect(prefilled).toContain('value="青石村老年食堂"');
    expect(prefilled).toContain('value="800000"');
    expect(prefilled).toMatch(new RegExp(`name="proposalIds" value="${ids.canteen}" checked`));
  });

  it('bad input comes back 422 with Chinese messages beside the fields, the form filled in', async () => {
    const res = await postForm(t.app, `${base}/new`, form({ title: '', budget: '-5', leadOfficial: '', startDate: '2027-02-30' }, []), (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请填写项目名称');
    expect(html).toContain('预算须大于 0');
    expect(html).toContain('请填写责任领导');
    expect(html).toContain('开工日期应为有效日期');
    expect(html).toContain('value="镇社会事务办"'); // kept
    expect(html).toMatch(/id="f-budget-error"/);
    expect(candidates()).toHaveLength(0);
  });

  it('a partly filled milestone row is named by its own row', async () => {
    const res = await postForm(t.app, `${base}/new`, form({ m2_title: '', m2_due: '', m2_pct: '60', m2_spend: '' }), (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-m2_title-error"[^>]*>请填写里程碑名称/);
    expect(html).toMatch(/id="f-m2_due-error"[^>]*>请填写截止日期/);
  });

  it('the proposals must be eligible ones of this cycle, and at least one', async () => {
    for (const [pids, msg] of [[[], '请至少选择一项符合条件的提议'], [[ids.rejected], '只能选择本年度审查结论为“符合条件”的提议'], [[ids.fresh], '只能选择']] as const) {
      const res = await postForm(t.app, `${base}/new`, form({}, [...pids]), (await t.as('qs.clerk')));
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(msg);
    }
    expect(candidates()).toHaveLength(0);
  });

  it('a cross-year candidate needs a milestone in each year it spans (domain errors land on the right rows)', async () => {
    const cross = form({ title: '杨柳村自来水管网改造', endDate: '2028-06-30', m0_title: '', m0_due: '', m0_pct: '', m0_spend: '', m1_title: '一期完工', m1_due: '2027-12-31', m1_pct: '60', m1_spend: '500000' }, [ids.water]);
    const res = await postForm(t.app, `${base}/new`, cross, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('跨年度项目须为每个年度设置明确的阶段性目标：2028 年还没有里程碑');
    // A milestone after the end date: the message sits beside row 3 even though rows 0 and 2 are blank.
    const late = await postForm(t.app, `${base}/new`, [...cross, ['m3_title', '二期'], ['m3_due', '2028-07-31'], ['m3_pct', '100'], ['m3_spend', '900000']], (await t.as('qs.clerk')));
    expect(late.status).toBe(422);
    expect(await late.text()).toMatch(/id="f-m3_due-error"[^>]*>里程碑日期须在开工日期和完成日期之间/);
    const ok = await postForm(t.app, `${base}/new`, [...cross, ['m3_title', '二期完工'], ['m3_due', '2028-06-30'], ['m3_pct', '100'], ['m3_spend', '800000']], (await t.as('qs.clerk')));
    expect(ok.status).toBe(303);
    const row = candidates().find((c) => c.title === '杨柳村自来水管网改造')!;
    expect(row.crossYear).toBe(true);
    expect(t.db.select().from(milestone).where(eq(milestone.candidateId, row.id)).all().map((m) => m.dueDate)).toEqual(['2027-12-31', '2028-06-30']);
  });

  it('builds a candidate combining two proposals, with an implementing-unit login, audited', async () => {
    const res = await postForm(t.app, `${base}/new`, form({ title: '青石村路灯安装', budget: '300000', unitName: '镇规划建设管理环保办', unitUserId: String(s.users.qsUnit.id), m1_spend: '300000' }, [ids.lights, ids.lights2]), (await t.as('qs.clerk')));
    expect(res.status).toBe(303);
    const row = candidates().find((c) => c.title === '青石村路灯安装')!;
    expect(row.unitUserId).toBe(s.users.qsUnit.id);
    expect(t.db.select().from(candidateProposal).where(eq(candidateProposal.candidateId, row.id)).all().map((l) => l.proposalId).sort()).toEqual([ids.lights, ids.lights2].sort());
    const a = audits('candidate.create').find((x) => x.targetId === String(row.id))!;
    expect(JSON.parse(a.after!)).toMatchObject({ title: '青石村路灯安装', budget: 300000, proposalIds: [ids.lights, ids.lights2] });
  });

  it('refuses a proposal already in another candidate and a unit login of another jurisdiction', async () => {
    t.addCandidate({ title: '青石村路灯安装', budget: 300_000, proposalIds: [ids.lights, ids.lights2], milestones: [] });
    const dup = await postForm(t.app, `${base}/new`, form({}, [ids.lights]), (await t.as('qs.clerk')));
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('已列入候选项目“青石村路灯安装”');
    const unit = await postForm(t.app, `${base}/new`, form({ unitUserId: String(s.users.lxClerk.id) }), (await t.as('qs.clerk')));
    expect(unit.status).toBe(422);
    expect(await unit.text()).toContain('请选择本辖区的承办单位账号');
  });

  it('warns (does not block) while candidates do not exceed N', async () => {
    t.addCandidate({ title: '青石村路灯安装', budget: 300_000, proposalIds: [ids.lights, ids.lights2], milestones: [] });
    t.addCandidate({ title: '杨柳村自来水管网改造', proposalIds: [ids.water], milestones: [] });
    expect((await post(t.app, `${base}/seats`, { seatsToFill: '0' }, (await t.as('qs.clerk')))).status).toBe(422);
    expect((await post(t.app, `${base}/seats`, { seatsToFill: '2' }, (await t.as('qs.clerk')))).status).toBe(303);
    expect(cy().seatsToFill).toBe(2);
    let html = await (await get(t.app, base, (await t.as('qs.clerk')))).text();
    expect(html).toContain('候选项目 2 个，不多于应选数 2 个，不是差额票决');
    expect((await postForm(t.app, `${base}/new`, form(), (await t.as('qs.clerk')))).status).toBe(303);
    html = await (await get(t.app, base, (await t.as('qs.clerk')))).text();
    expect(html).not.toContain('不是差额票决');
    expect(audits('candidate.seats')).toHaveLength(1);
  });

  it('edits, reorders and removes candidates', async () => {
    t.addCandidate({ title: '青石村路灯安装', budget: 300_000, proposalIds: [ids.lights, ids.lights2], milestones: [] });
    t.addCandidate({ title: '杨柳村自来水管网改造', proposalIds: [ids.water], milestones: [] });
    t.addCandidate();
    const canteen = candidates().find((c) => c.title === '青石村老年食堂')!;
    const edit = await (await get(t.app, `${base}/${canteen.id}/edit`, (await t.as('qs.clerk')))).text();
    expect(edit).toContain('value="完成选址和设计"');
    expect((await postForm(t.app, `${base}/${canteen.id}/edit`, form({ budget: '900000', m1_spend: '900000' }), (await t.as('qs.clerk')))).status).toBe(303);
    expect(candidates().find((c) => c.id === canteen.id)!.budget).toBe(900000);
    expect(t.db.select().from(milestone).where(eq(milestone.candidateId, canteen.id)).all()).toHaveLength(2); // replaced, not added
    const before = candidates().map((c) => c.id);
    expect((await post(t.app, `${base}/${canteen.id}/move`, { direction: 'up' }, (await t.as('qs.clerk')))).status).toBe(303);
    const after = candidates().map((c) => c.id);
    expect(after.indexOf(canteen.id)).toBe(before.indexOf(canteen.id) - 1);
    const extra = postForm(t.app, `${base}/new`, form({ title: '村卫生室改造' }, [ids.clinic]), (await t.as('qs.clerk')));
    expect((await extra).status).toBe(303);
    const clinic = candidates().find((c) => c.title === '村卫生室改造')!;
    expect((await post(t.app, `${base}/${clinic.id}/delete`, {}, (await t.as('qs.clerk')))).status).toBe(303);
    expect(candidates().map((c) => c.position)).toEqual([1, 2, 3]);
    expect(t.db.select().from(candidateProposal).where(eq(candidateProposal.proposalId, ids.clinic)).all()).toHaveLength(0);
  });

  it('a proposal inside a candidate cannot be screened away', async () => {
    t.addCandidate();
    const res = await post(t.app, `/j/QS/cycles/2027/proposals/${ids.canteen}`, { decision: 'ineligible', failedRules: 'ROUTINE_WORK', explanation: 'x' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('该提议已列入候选项目');
  });

  it('the presidium’s approval locks the list; nothing changes while locked', async () => {
    t.addCandidate({ title: '青石村路灯安装', budget: 300_000, proposalIds: [ids.lights, ids.lights2], milestones: [] });
    t.addCandidate();
    expect((await post(t.app, `${base}/seats`, { seatsToFill: '2' }, (await t.as('qs.clerk')))).status).toBe(303);
    setPhase(t.db, cycleId, 'screening');
    const early = await post(t.app, `${base}/approve`, { note: '' }, (await t.as('qs.clerk')));
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('请先将年度工作推进到“确定候选项目”阶段');
    setPhase(t.db, cycleId, 'candidates');
    const res = await post(t.app, `${base}/approve`, { note: '镇人大主席团第三次会议' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(303);
    expect(cy().candidatesLockedAt).toBeInstanceOf(Date);
    expect(cy().candidatesLockedBy).toBe(s.users.qsClerk.id);
    expect(JSON.parse(audits('candidate.approve')[0]!.after!)).toMatchObject({ note: '镇人大主席团第三次会议', seatsToFill: 2 });
    const ev = t.db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, ids.lights)).all().filter((e) => e.kind === 'candidate');
    expect(ev[0]!.note).toBe('已列入经主席团审定的2027年度民生实事候选项目“青石村路灯安装”，将提交人民代表大会票决。');

    const snapshot = JSON.stringify([candidates(), t.db.select().from(milestone).all(), t.db.select().from(candidateProposal).all(), cy().seatsToFill]);
    const first = candidates()[0]!;
    const attempts = [
      postForm(t.app, `${base}/new`, form({ title: '又一个' }, [ids.clinic]), (await t.as('qs.clerk'))),
      postForm(t.app, `${base}/${first.id}/edit`, form({ title: '改名' }), (await t.as('qs.clerk'))),
      post(t.app, `${base}/${first.id}/delete`, {}, (await t.as('qs.clerk'))),
      post(t.app, `${base}/${first.id}/move`, { direction: 'down' }, (await t.as('qs.clerk'))),
      post(t.app, `${base}/seats`, { seatsToFill: '1' }, (await t.as('qs.clerk'))),
      post(t.app, `${base}/approve`, {}, (await t.as('qs.clerk'))),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(422);
      expect(await r.text()).toMatch(/名单已经(主席团)?审定/);
    }
    expect(JSON.stringify([candidates(), t.db.select().from(milestone).all(), t.db.select().from(candidateProposal).all(), cy().seatsToFill])).toBe(snapshot);
    const html = await (await get(t.app, base, (await t.as('qs.clerk')))).text();
    expect(html).toContain('名单已锁定');
    expect(html).not.toContain('新建候选项目');
  });

  it('an unlock needs a recorded reason, audited and shown in the history', async () => {
    t.approved();
    const bad = await post(t.app, `${base}/unlock`, { reason: '  ' }, (await t.as('qs.clerk')));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('解锁须写明原因');
    expect(cy().candidatesLockedAt).not.toBeNull();
    expect((await post(t.app, `${base}/unlock`, { reason: '主席团决定补充一个候选项目' }, (await t.as('qs.clerk')))).status).toBe(303);
    expect(cy().candidatesLockedAt).toBeNull();
    expect(JSON.parse(audits('candidate.unlock')[0]!.after!)).toEqual({ reason: '主席团决定补充一个候选项目' });
    const html = await (await get(t.app, base, (await t.as('qs.clerk')))).text();
    expect(html).toContain('主席团审定，名单锁定');
    expect(html).toContain('镇人大主席团第三次会议');
    expect(html).toContain('原因：主席团决定补充一个候选项目');
    // Re-approving after the change adds timeline entries only where something changed.
    expect((await post(t.app, `${base}/approve`, {}, (await t.as('qs.clerk')))).status).toBe(303);
    expect(t.db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, ids.lights)).all().filter((e) => e.kind === 'candidate')).toHaveLength(1);
  });

  it('once the vote begins the list cannot be unlocked', async () => {
    t.approved();
    setPhase(t.db, cycleId, 'voting');
    const res = await post(t.app, `${base}/unlock`, { reason: '想再改' }, (await t.as('qs.clerk')));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('票决阶段开始后不能解锁');
    setPhase(t.db, cycleId, 'candidates');
  });

  it('the printable list: title, budgets, units, leads, schedules, milestones, N and the approval date', async () => {
    t.approved();
    const res = await get(t.app, `${base}/print`, (await t.as('qs.rep'))); // approved: representatives may print it
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('青石镇2027年度民生实事候选项目名单');
    expect(html).toMatch(/经主席团 \d{4}-\d{2}-\d{2} 审定/);
    expect(html).toContain('应选 2 项');
    expect(html).toContain('差额票决');
    for (const text of ['900,000 元', '镇社会事务办', '副镇长 刘红', '2027-03-01', '完成选址和设计', '二期完工']) expect(html).toContain(text);
    expect(html).not.toContain('草案');
    expect(html).not.toContain('张秀英'); // no proposer names
  });

  it('a draft list is for staff only; other towns and roles are kept out', async () => {
    t.approved();
    expect((await post(t.app, `${base}/unlock`, { reason: '调整' }, (await t.as('qs.clerk')))).status).toBe(303);
    expect((await get(t.app, `${base}/print`, (await t.as('qs.rep')))).status).toBe(403);
    const draft = await (await get(t.app, `${base}/print`, (await t.as('qs.clerk')))).text();
    expect(draft).toContain('草案 · 尚未经主席团审定');
    expect((await get(t.app, base, (await t.as('qs.rep')))).status).toBe(403);
    expect((await get(t.app, base, (await t.as('lx.clerk')))).status).toBe(403);
    expect((await postForm(t.app, `${base}/new`, form({ title: '越权' }, [ids.clinic]), (await t.as('lx.clerk')))).status).toBe(403);
    expect((await post(t.app, `${base}/approve`, {}, (await t.as('lx.clerk')))).status).toBe(403);
    expect((await post(t.app, `${base}/unlock`, { reason: 'x' }, (await t.as('lx.clerk')))).status).toBe(403);
    const admin = await get(t.app, base, (await t.as('admin')));
    expect(admin.status).toBe(200); // the district reads
    expect(await admin.text()).not.toContain('记录主席团审定');
    expect((await post(t.app, `${base}/seats`, { seatsToFill: '3' }, (await t.as('admin')))).status).toBe(403);
    expect(candidates().some((c) => c.title === '越权')).toBe(false);
    expect((await get(t.app, `${base}/99999/edit`, (await t.as('qs.clerk')))).status).toBe(404);
    expect((await get(t.app, '/j/QS/cycles/2031/candidates', (await t.as('qs.clerk')))).status).toBe(404);
    expect(t.db.select().from(proposal).all().length).toBeGreaterThan(0);
  });
});
