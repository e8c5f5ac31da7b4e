import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, proposal } from '../../db/schema';
import { createCycle } from '../../src/data/cycles';
import { submitProposal } from '../../src/data/proposals';
import { staffProposalSchema } from '../../src/domain/proposalInput';
import { checkTransfer } from '../../src/domain/transfer';
import { get, post } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { addProposal, NOW, proposalForm, setPhase, system } from '../helpers/proposals';

async function withDistrictYear() {
  const t = await collectionCase();
  const made = createCycle(t.db, { id: t.f.users.admin.id, name: 'admin' }, t.f.district.id, 2027, NOW);
  if (!made.ok) throw new Error(made.error);
  const input = staffProposalSchema.parse(proposalForm({ title: '县道青石段路灯安装', description: '县道青石段夜间无照明，安装路灯' }));
  const r = submitProposal(t.db, system, { cycle: made.value, jurisdiction: t.f.district }, input, { entryChannel: 'online', submittedBy: null }, NOW);
  if (!r.ok) throw new Error(r.error);
  return { ...t, districtCycle: made.value };
}

describe('transferring a proposal to the district', () => {
  it('shows the district\'s similar items, then moves it keeping receipt and proposer; tracking shows the transfer', async () => {
    const t = await withDistrictYear();
    const clerk = await t.as('qs.clerk');
    const item = addProposal(t.db, t.f, { title: '县道青石段亮化', description: '县道青石段晚上太黑，需要亮化', proposerName: '王五' });
    const path = `/j/QS/cycles/2027/proposals/${item.id}/transfer`;
    const page = await (await get(t.app, path, clerk)).text();
    expect(page).toContain('渝川区已有相近的提议');
    expect(page).toContain('县道青石段路灯安装');
    const res = await post(t.app, path, { target: String(t.f.district.id), note: '属区级事权' }, clerk);
    expect(res.status).toBe(303);
    expect(t.db.select().from(proposal).where(eq(proposal.id, item.id)).get()).toMatchObject({
      receipt: item.receipt, cycleId: t.districtCycle.id, proposerName: '王五', status: 'submitted', seq: 2,
    });
    const track = await (await get(t.app, `/track/${item.receipt}`)).text();
    expect(track).toContain('已移交渝川区办理，回执号不变。说明：属区级事权');
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'proposal.transfer')).all()).toHaveLength(1);
    // Now the district's: no longer under QS.
    expect((await get(t.app, path, clerk)).status).toBe(404);
  });

  it('refuses another township as target, a district past screening, and other roles', async () => {
    const t = await withDistrictYear();
    const clerk = await t.as('qs.clerk');
    const item = addProposal(t.db, t.f);
    const path = `/j/QS/cycles/2027/proposals/${item.id}/transfer`;
    const sideways = await post(t.app, path, { target: String(t.f.lx.id), note: '' }, clerk);
    expect(sideways.status).toBe(422);
    expect(await sideways.text()).toContain('请选择移交的单位'); // a township beside it is not offered at all
    setPhase(t.db, t.districtCycle.id, 'candidates');
    const late = await post(t.app, path, { target: String(t.f.district.id), note: '' }, clerk);
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('已过资格审查阶段');
    expect((await post(t.app, path, { target: String(t.f.district.id), note: '' }, await t.as('qs.rep'))).status).toBe(403);
    expect((await get(t.app, path, await t.as('lx.clerk'))).status).toBe(403);
  });
});

describe('checkTransfer', () => {
  const district = { id: 1, kind: 'district', parentId: null };
  const qs = { id: 2, kind: 'township', parentId: 1 };
  const dc = { id: 3, kind: 'subdistrict', parentId: 1 };
  const other = { id: 9, kind: 'township', parentId: 8 };
  const open = { year: 2027, phase: 'screening' as const };
  it.each([
    [qs, district, 'submitted', open, true],
    [dc, district, 'eligible', open, true],
    [district, qs, 'submitted', open, true], // down to its own township
    [district, other, 'submitted', open, false], // not its township
    [qs, dc, 'submitted', open, false], // sideways
    [qs, district, 'merged', open, false],
    [qs, district, 'submitted', undefined, false], // no cycle there
    [qs, district, 'submitted', { year: 2027, phase: 'voting' as const }, false],
  ] as const)('%j → %j (%s) → %s', (from, to, status, target, okay) => {
    expect(checkTransfer(from, to, status, target).ok).toBe(okay);
  });
});
