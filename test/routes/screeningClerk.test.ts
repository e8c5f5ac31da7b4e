import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { proposal } from '../../db/schema';
import { get, post } from '../helpers/app';
import { collectionCase, phaseCase } from '../helpers/collectionCases';
import { proposalForm } from '../helpers/proposals';
import { addProposal } from '../helpers/proposalFixture';

/** What a clerk would catch, on the screening pages: cross-year items without yearly goals, synonyms, ranked merge targets. */
describe('screening catches what a clerk would', () => {
  const url = (id: number) => `/j/QS/cycles/2027/proposals/${id}`;

  it('a cross-year item without yearly goals is flagged in the list and cannot be marked eligible without a reason', async () => {
    const t = await phaseCase('screening');
    const p = addProposal(t.db, t.cycleId, { placeId: t.s.village.id, title: '集镇污水管网延伸', description: '延伸污水管网，分两年实施。', durationMonths: 18, crossYear: true });
    const clerk = await t.as('qs.clerk');
    const list = await (await get(t.app, '/j/QS/cycles/2027/screening', clerk)).text();
    expect(list).toContain('集镇污水管网延伸');
    expect(list).toContain('1 项存疑');
    const page = await (await get(t.app, url(p.id), clerk)).text();
    expect(page).toContain('未列明明确的年度阶段性目标');
    expect(page).toContain('原则上不纳入'); // the rule's strength is shown
    const bare = await post(t.app, url(p.id), { decision: 'eligible', overrideReason: '' }, clerk);
    expect(bare.status).toBe(422);
    expect(await bare.text()).toContain('原则上不纳入的，须写明例外的理由');
    const withReason = await post(t.app, url(p.id), { decision: 'eligible', overrideReason: '提议人补充：2027年铺设主管，2028年接户' }, clerk);
    expect(withReason.status).toBe(303);
  });

  it('老年食堂 ~ 老年助餐点 is suggested, and the merge targets are ranked by similarity', async () => {
    const t = await phaseCase('screening');
    const v = t.s.village.id;
    const other = addProposal(t.db, t.cycleId, { placeId: v, title: '青石村卫生室改造', description: '改造卫生室。' });
    const canteen = addProposal(t.db, t.cycleId, { placeId: v, title: '青石村老年助餐点', description: '为老人提供午餐。' });
    const p = addProposal(t.db, t.cycleId, { placeId: v, title: '青石村老年食堂', description: '为老人提供午餐。' });
    const html = await (await get(t.app, url(p.id), await t.as('qs.clerk'))).text();
    expect(html).toContain('青石村老年助餐点（相似度 100%）');
    const select = html.slice(html.indexOf('name="mergeIntoId"'));
    expect(select.indexOf(`value="${canteen.id}"`)).toBeGreaterThan(-1);
    expect(select.indexOf(`value="${canteen.id}"`)).toBeLessThan(select.indexOf(`value="${other.id}"`));
    expect(select).toMatch(/青石村卫生室改造（相似度 \d+%）/);
  });
});

describe('a place outside our area', () => {
  it('the public form offers it; the item is stored as outside and fails the in-jurisdiction rule', async () => {
    const t = await collectionCase();
    const form = await (await get(t.app, '/p/QS/propose')).text();
    expect(form).toContain('<option value="outside"');
    expect(form).toContain('本辖区以外');
    const res = await post(t.app, '/p/QS/propose', proposalForm({ place: 'outside', title: '邻镇集市道路修缮' }));
    expect(res.status).toBe(303);
    const row = t.db.select().from(proposal).where(eq(proposal.title, '邻镇集市道路修缮')).get()!;
    expect(row).toMatchObject({ outsideArea: true, placeId: null });
    const clerk = await t.as('qs.clerk');
    const page = await (await get(t.app, `/j/QS/cycles/2027/proposals/${row.id}`, clerk)).text();
    expect(page).toContain('本辖区以外');
    expect(page).toContain('辖区以外，应向所在地反映或转交');
    expect(page).toMatch(/name="failedRules" value="IN_JURISDICTION" checked/);
    const list = await (await get(t.app, '/j/QS/cycles/2027/screening', clerk)).text();
    expect(list).toContain('1 项不符合');
    const intake = await (await get(t.app, '/j/QS/cycles/2027/proposals', clerk)).text();
    expect(intake).toContain('本辖区以外');
  });

  it('a forged place that is neither ours nor "outside" is still refused', async () => {
    const t = await collectionCase();
    const res = await post(t.app, '/p/QS/propose', proposalForm({ place: 'elsewhere' }));
    expect(res.status).toBe(422);
  });
});
