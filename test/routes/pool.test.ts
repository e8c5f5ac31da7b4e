import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { candidate, candidateProposal, cycle, proposal, proposalEvent } from '../../db/schema';
import { createCycle } from '../../src/data/cycles';
import { get, post } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { addProposal, proposalForm, setPhase } from '../helpers/proposals';

const AFTER_CLOSE = () => new Date('2027-04-02T02:00:00Z');
type World = Awaited<ReturnType<typeof collectionCase>>;
const byReceipt = (t: World, receipt: string) => t.db.select().from(proposal).where(eq(proposal.receipt, receipt)).get()!;
const open2028 = (t: World) => {
  const made = createCycle(t.db, { id: t.f.users.qsClerk.id, name: 'qs.clerk' }, t.f.qs.id, 2028, AFTER_CLOSE());
  if (!made.ok) throw new Error(made.error);
  return made.value;
};
const makeEligible = (t: World, receipt: string) => t.db.update(proposal).set({ status: 'eligible' }).where(eq(proposal.receipt, receipt)).run();

describe('year-round intake goes to the reserve pool', () => {
  it('after the window the closed page offers the pool; the proposal keeps a receipt and tracking says 已转入项目储备库', async () => {
    const t = await collectionCase(AFTER_CLOSE);
    expect(await (await get(t.app, '/p/QS/propose')).text()).toContain('href="/p/QS/propose/reserve"');
    const form = await (await get(t.app, '/p/QS/propose/reserve')).text();
    expect(form).toContain('action="/p/QS/propose/reserve"');
    expect(form).toContain('项目储备库');
    const res = await post(t.app, '/p/QS/propose/reserve', proposalForm({ title: '河堤护栏' }));
    expect(res.status).toBe(303);
    const receipt = res.headers.get('location')!.replace('/receipt/', '');
    expect(receipt).toMatch(/^2027-QS-0001-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(byReceipt(t, receipt)).toMatchObject({ title: '河堤护栏', poolReason: 'late', status: 'submitted' });
    const track = await (await get(t.app, `/track/${receipt}`)).text();
    expect(track).toContain('已转入项目储备库');
    // Not counted in the year's collection summary: it arrived after the window.
    expect(await (await get(t.app, '/p/QS/2027')).text()).toContain('共收到建议 <strong>0</strong> 条');
  });

  it('while the window is open the pool form sends people to the ordinary form', async () => {
    const t = await collectionCase();
    const res = await get(t.app, '/p/QS/propose/reserve');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/p/QS/propose');
  });

  it('bad input comes back with messages and stores nothing', async () => {
    const t = await collectionCase(AFTER_CLOSE);
    const res = await post(t.app, '/p/QS/propose/reserve', proposalForm({ title: '' }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请填写项目名称');
    expect(t.db.select().from(proposal).all()).toHaveLength(0);
  });
});

describe('the pool page', () => {
  it('lists pooled items with filters; the clerk pools a vote loser by receipt and all unselected eligible items at once', async () => {
    const t = await collectionCase();
    const clerk = await t.as('qs.clerk');
    const loser = addProposal(t.db, t.f, { title: '文化广场改造', category: 'culture' });
    const left = addProposal(t.db, t.f, { title: '村道加宽', category: 'transport' });
    const chosen = addProposal(t.db, t.f, { title: '卫生室改造', category: 'health' });
    for (const r of [loser, left, chosen]) makeEligible(t, r.receipt);
    const cand = t.db.insert(candidate).values({
      cycleId: t.f.cycle().id, title: '卫生室改造', budget: 100000, unitName: '镇卫生院', leadOfficial: '王', startDate: '2027-05-01', endDate: '2027-11-30', position: 1,
    }).returning().get();
    t.db.insert(candidateProposal).values({ candidateId: cand.id, proposalId: chosen.id }).run();

    expect((await post(t.app, '/j/QS/pool/add', { receipt: loser.receipt.toLowerCase(), reason: 'notAdopted' }, clerk)).status).toBe(303);
    const again = await post(t.app, '/j/QS/pool/add', { receipt: loser.receipt, reason: 'notAdopted' }, clerk);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('该提议已在项目储备库中');
    expect((await post(t.app, '/j/QS/pool/add', { receipt: '2027-LX-0001', reason: 'late' }, clerk)).status).toBe(422);
    expect((await post(t.app, '/j/QS/pool/unselected', { year: '2027' }, clerk)).status).toBe(303);
    expect(byReceipt(t, left.receipt).poolReason).toBe('unselected');
    expect(byReceipt(t, chosen.receipt).poolReason).toBeNull();

    const all = await (await get(t.app, '/j/QS/pool', clerk)).text();
    expect(all).toContain('文化广场改造');
    expect(all).toContain('村道加宽');
    expect(all).not.toContain('卫生室改造');
    const losers = await (await get(t.app, '/j/QS/pool?reason=notAdopted', clerk)).text();
    expect(losers).toContain('文化广场改造');
    expect(losers).not.toContain('村道加宽');
    const transport = await (await get(t.app, '/j/QS/pool?category=transport&year=2027&source=public', clerk)).text();
    expect(transport).toContain('村道加宽');
    expect(transport).not.toContain('文化广场改造');
    expect((await get(t.app, '/j/QS/pool?year=2027&reason=', clerk)).status).toBe(200);
  });

  it('the clerk and the district admin read it; a representative and another township cannot', async () => {
    const t = await collectionCase();
    expect((await get(t.app, '/j/QS/pool', await t.as('qs.clerk'))).status).toBe(200);
    expect((await get(t.app, '/j/QS/pool', await t.as('admin'))).status).toBe(200);
    expect((await get(t.app, '/j/QS/pool', await t.as('qs.rep'))).status).toBe(403);
    expect((await get(t.app, '/j/QS/pool', await t.as('lx.clerk'))).status).toBe(403);
    expect((await post(t.app, '/j/QS/pool/add', { receipt: '2027-QS-0001', reason: 'late' }, await t.as('admin'))).status).toBe(403);
  });
});

describe('nominating from the pool into a later year', () => {
  it('an eligible item becomes a 2028 candidate in one step, keeping its receipt; tracking says 已列入2028年度候选项目', async () => {
    const t = await collectionCase();
    const clerk = await t.as('qs.clerk');
    const item = addProposal(t.db, t.f, { title: '文化广场改造', proposerName: '张三' });
    makeEligible(t, item.receipt);
    expect((await post(t.app, '/j/QS/pool/add', { receipt: item.receipt, reason: 'notAdopted' }, clerk)).status).toBe(303);
    expect(await (await get(t.app, '/j/QS/pool', clerk)).text()).toContain('以后年度尚未创建');
    const y2028 = open2028(t);
    const res = await post(t.app, `/j/QS/pool/${item.id}/nominate`, { year: '2028' }, clerk);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/j/QS/cycles/2028/candidates');
    expect(byReceipt(t, item.receipt)).toMatchObject({ cycleId: y2028.id, poolReason: null, proposerName: '张三', status: 'eligible' });
    const link = t.db.select().from(candidateProposal).where(eq(candidateProposal.proposalId, item.id)).get()!;
    expect(t.db.select().from(candidate).where(eq(candidate.id, link.candidateId)).get()).toMatchObject({ cycleId: y2028.id, title: '文化广场改造' });
    const track = await (await get(t.app, `/track/${item.receipt}`)).text();
    expect(track).toContain('已列入2028年度候选项目');
    expect(track).toContain('转入项目储备库'); // the history is kept
    expect(t.db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, item.id)).all().map((e) => e.kind)).toEqual(['submitted', 'pooled', 'nominated']);
    expect(await (await get(t.app, '/j/QS/pool', clerk)).text()).not.toContain('文化广场改造');
  });

  it('an unscreened late item joins the later year\'s intake instead; same year and locked lists are refused', async () => {
    const t = await collectionCase(AFTER_CLOSE);
    const clerk = await t.as('qs.clerk');
    const receipt = (await post(t.app, '/p/QS/propose/reserve', proposalForm({ title: '河堤护栏' }))).headers.get('location')!.replace('/receipt/', '');
    const item = byReceipt(t, receipt);
    const same = await post(t.app, `/j/QS/pool/${item.id}/nominate`, { year: '2027' }, clerk);
    expect(same.status).toBe(422);
    expect(await same.text()).toContain('只能列入 2027 年度以后的年度');
    const y2028 = open2028(t);
    setPhase(t.db, y2028.id, 'candidates');
    const late = await post(t.app, `/j/QS/pool/${item.id}/nominate`, { year: '2028' }, clerk);
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('未经审查的提议不能再转入');
    setPhase(t.db, y2028.id, 'collection');
    expect((await post(t.app, `/j/QS/pool/${item.id}/nominate`, { year: '2028' }, clerk)).status).toBe(303);
    expect(byReceipt(t, receipt)).toMatchObject({ cycleId: y2028.id, seq: 1, poolReason: null, status: 'submitted' });
    expect(t.db.select().from(candidateProposal).all()).toHaveLength(0);
    expect(await (await get(t.app, `/track/${receipt}`)).text()).toContain('已从项目储备库转入2028年度项目征集');
    expect(t.db.select().from(cycle).where(eq(cycle.id, y2028.id)).get()!.year).toBe(2028);
  });
});
