import { eq } from 'drizzle-orm';
import { opinionsTaken, suggestionsMade } from '../../src/data/dutyLedger';
import { describe, expect, it } from 'vitest';
import { auditLog, opinionFollowUp, opinionItem, proposal, suggestion } from '../../db/schema';
import { contactByToken, issueContactCode } from '../../src/data/repContactCodes';
import {
  answerOpinion, extendReferral, followUpOpinion, proposeFromOpinion, referOpinion, registerOpinion, replyToResident,
  suggestFromOpinion,
} from '../../src/data/stationOpinions';
import { NOW } from '../helpers/proposals';
import { opinionCase, opinionInput } from '../helpers/stationOpinionCases';

const actions = (t: Awaited<ReturnType<typeof opinionCase>>) => t.db.select().from(auditLog).all().map((a) => a.action);

describe('station opinion data', () => {
  it('numbers opinions in one sequence per town and year, each with its own receipt', async () => {
    const t = await opinionCase();
    const a = t.register();
    const b = t.register({ station: 'qs01-lx' });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.receipt).not.toBe(b.receipt);
    expect(b.stationId).toBe(t.f.stations.qs01.id);
  });

  it('a representative taking an opinion at a reception must be a seated one of this town', async () => {
    const t = await opinionCase();
    const r = registerOpinion(t.db, t.clerk, t.f.qs, opinionInput(), { channel: 'reception', recordedBy: t.clerk.id, raisedById: t.reps.other.id }, NOW);
    expect(r.ok).toBe(false);
    expect(t.db.select().from(opinionItem).all()).toHaveLength(0);
    expect(actions(t)).not.toContain('opinion.register');
  });

  it('refer, follow up, extend once, reply: each step one audited write, refused steps write nothing', async () => {
    const t = await opinionCase();
    const o = t.register();
    expect(referOpinion(t.db, t.clerk, t.f.qs, o.id, { level: 'township', department: '镇城建办', dueOn: '2027-03-25', note: '' }, NOW).ok).toBe(true);
    expect(followUpOpinion(t.db, t.clerk, t.f.qs, o.id, '电话催办', NOW).ok).toBe(true);
    expect(extendReferral(t.db, t.clerk, t.f.qs, o.id, { extendedTo: '2027-04-10', reason: '需采购灯具' }, NOW).ok).toBe(true);
    const again = extendReferral(t.db, t.clerk, t.f.qs, o.id, { extendedTo: '2027-04-20', reason: '再延' }, NOW);
    expect(again.ok).toBe(false);
    expect(answerOpinion(t.db, t.clerk, t.f.qs, o.id, '现场答复', null, NOW).ok).toBe(false); // referred: the office answers
    const done = replyToResident(t.db, t.clerk, t.f.qs, o.id, { reply: '已修复', repliedOn: '2027-03-10' }, NOW);
    expect(done.ok && done.value).toMatchObject({ state: 'replied', extendedTo: '2027-04-10', reply: '已修复', repliedOn: '2027-03-10' });
    expect(t.db.select().from(opinionFollowUp).all().map((f) => f.note)).toEqual(['电话催办']);
    expect(actions(t).filter((a) => a.startsWith('opinion.'))).toEqual(['opinion.register', 'opinion.refer', 'opinion.followUp', 'opinion.extend', 'opinion.reply']);
  });

  it('only the representative a message was addressed to answers it', async () => {
    const t = await opinionCase();
    const o = t.register({}, t.reps.li.id);
    expect(answerOpinion(t.db, t.clerk, t.f.qs, o.id, '好的', [t.reps.liu.id], NOW).ok).toBe(false);
    expect(answerOpinion(t.db, t.clerk, t.f.qs, o.id, '好的', [t.reps.li.id], NOW).ok).toBe(true);
  });

  it('a suggestion and a proposal: made in the same transaction as the state change, with the link kept', async () => {
    const t = await opinionCase();
    const a = t.register();
    const s = suggestFromOpinion(t.db, t.clerk, t.f.qs, a.id, { representativeId: t.reps.li.id, title: '路灯', text: '建议', unitName: '镇城建办', assignedOn: '2027-03-10' }, NOW);
    expect(s.ok).toBe(true);
    expect(t.db.select().from(suggestion).where(eq(suggestion.opinionItemId, a.id)).get()).toMatchObject({ representativeId: t.reps.li.id, dueOn: '2027-06-10', jurisdictionId: t.f.qs.id });
    const b = t.register();
    const p = proposeFromOpinion(t.db, t.clerk, t.f.qs, b.id, { title: '路灯改造', description: '更换路灯', category: 'safety', estimatedCost: 30000, fiscalSharePct: 100, beneficiaries: '村民', durationMonths: 2 }, NOW);
    expect(p.ok).toBe(true);
    const made = t.db.select().from(proposal).all();
    expect(made).toHaveLength(1);
    expect(t.db.select().from(opinionItem).where(eq(opinionItem.id, b.id)).get()).toMatchObject({ state: 'proposed', proposalId: made[0]!.id });
    // A second try refuses and makes no second proposal.
    expect(proposeFromOpinion(t.db, t.clerk, t.f.qs, b.id, { title: '路灯改造', description: '更换路灯', category: 'safety', estimatedCost: 30000, fiscalSharePct: 100, beneficiaries: '村民', durationMonths: 2 }, NOW).ok).toBe(false);
    expect(t.db.select().from(proposal).all()).toHaveLength(1);
  });

  it('outside the collection window the proposal lands in the reserve pool', async () => {
    const t = await opinionCase();
    const o = t.register();
    const after = new Date('2027-04-15T02:00:00Z');
    const p = proposeFromOpinion(t.db, t.clerk, t.f.qs, o.id, { title: '路灯改造', description: '更换路灯', category: 'safety', estimatedCost: 30000, fiscalSharePct: 100, beneficiaries: '村民', durationMonths: 2 }, after);
    expect(p.ok && p.value.pooled).toBe(true);
    expect(t.db.select().from(proposal).get()!.poolReason).toBe('late');
  });

  it('the ledger counts: opinions taken (at a reception or through the QR code) and suggestions made, per year', async () => {
    const t = await opinionCase();
    t.register({}, t.reps.li.id);
    registerOpinion(t.db, t.clerk, t.f.qs, opinionInput(), { channel: 'reception', recordedBy: t.clerk.id, raisedById: t.reps.li.id }, NOW);
    const c = t.register();
    suggestFromOpinion(t.db, t.clerk, t.f.qs, c.id, { representativeId: t.reps.li.id, title: '路灯', text: '建议', unitName: '镇城建办', assignedOn: '2027-03-10' }, NOW);
    expect(opinionsTaken(t.db, t.reps.li.id, 2027)).toHaveLength(2);
    expect(opinionsTaken(t.db, t.reps.li.id, 2026)).toHaveLength(0);
    expect(opinionsTaken(t.db, t.reps.liu.id, 2027)).toHaveLength(0);
    expect(suggestionsMade(t.db, t.reps.li.id, 2027)).toHaveLength(1);
  });

  it('a representative keeps their token when moved to another station; a retired one’s token leads nowhere', async () => {
    const t = await opinionCase();
    const moved = issueContactCode(t.db, t.clerk, t.f.qs, t.reps.li.id, t.f.stations.qs01.id, NOW);
    expect(moved.ok && moved.value.token).toBe(t.token);
    expect(contactByToken(t.db, t.token)!.station.id).toBe(t.f.stations.qs01.id);
    expect(issueContactCode(t.db, t.clerk, t.f.qs, t.reps.other.id, t.f.stations.qsHome.id, NOW).ok).toBe(false);
    expect(actions(t).filter((a) => a.startsWith('repCode.'))).toEqual(['repCode.issue', 'repCode.move']);
  });
});
