import { describe, expect, it } from 'vitest';
import { amendmentsOf, decideAmendment, haltsOf, requestAmendment } from '../../src/data/amendments';
import { assessCycle } from '../../src/data/delivery';
import { currentPlan, getProject } from '../../src/data/projects';
import { getSettings, saveSettings } from '../../src/data/settings';
import { freshDb } from '../helpers/app';
import { deliveryFixture } from '../helpers/deliveryFixture';

const T = (d: string) => new Date(`${d}T02:00:00Z`);

async function fixture() {
  const db = freshDb();
  const fx = await deliveryFixture(db);
  const clerk = { id: fx.users.qsClerk.id, name: 'clerk' };
  const road = getProject(db, fx.cycle.id, fx.road)!;
  return { db, fx, clerk, road, town: { id: fx.qs.id, kind: 'township' as const } };
}

const presidium = { body: 'presidium' as const, sessionId: null, agendaItem: '主席团会议议题三', pollId: null, approved: true, announcement: '经镇人大主席团决定，调整完工日期。' };

describe('amendments as plan versions', () => {
  it('an adjustment changes nothing until decided; decided by the presidium where allowed, it is version 2 the schedule follows', async () => {
    const { db, fx, clerk, road, town } = await fixture();
    const later = { ...currentPlan(db, road), endDate: '2026-12-31' };
    const id = requestAmendment(db, clerk, road, town.id, { kind: 'adjust', reasonCategory: 'forceMajeure', reason: '汛期停工两个月', evidence: '气象灾害预警通知', plan: later }, T('2026-08-01'));
    expect(id.ok).toBe(true);
    expect(currentPlan(db, road).endDate).toBe('2026-10-31');
    const refused = decideAmendment(db, clerk, road, town, id.ok ? id.value : 0, { ...presidium, decidedOn: '2026-08-05' }, T('2026-08-05'));
    expect(!refused.ok && refused.field).toBe('body');
    saveSettings(db, clerk, town, { ...getSettings(db, town.id), presidiumMayAmend: 'yes' }, T('2026-08-05'));
    expect(decideAmendment(db, clerk, road, town, id.ok ? id.value : 0, { ...presidium, decidedOn: '2026-08-05' }, T('2026-08-05')).ok).toBe(true);
    expect(currentPlan(db, road).endDate).toBe('2026-12-31');
    expect(amendmentsOf(db, [road.id]).map((a) => [a.kind, a.state, a.version])).toEqual([['adjust', 'decided', 2]]);
    // Past the old end date but within the new one: no overrun.
    const a = assessCycle(db, fx.cycle, '2026-11-20', getSettings(db, town.id)).find((x) => x.project.id === road.id)!;
    expect(a.assessment.overrunMonths).toBe(0);
  });

  it('suspension pauses, resumption restarts; a second request waits for the first decision', async () => {
    const { db, clerk, road, town } = await fixture();
    saveSettings(db, clerk, town, { ...getSettings(db, town.id), presidiumMayAmend: 'yes' }, T('2026-05-01'));
    const s = requestAmendment(db, clerk, road, town.id, { kind: 'suspend', reasonCategory: 'policyChange', reason: '待上级规划批复', evidence: '区规划分局函', plan: null }, T('2026-05-01'));
    const dup = requestAmendment(db, clerk, road, town.id, { kind: 'terminate', reasonCategory: 'other', reason: 'x', evidence: 'y', plan: null }, T('2026-05-01'));
    expect(!dup.ok && dup.status).toBe(409);
    expect(decideAmendment(db, clerk, road, town, s.ok ? s.value : 0, { ...presidium, decidedOn: '2026-05-06' }, T('2026-05-06')).ok).toBe(true);
    expect(haltsOf(db, [road.id]).get(road.id)?.state).toBe('suspended');
    const r = requestAmendment(db, clerk, road, town.id, { kind: 'resume', reasonCategory: 'policyChange', reason: '规划已批复', evidence: '批复文号', plan: null }, T('2026-06-01'));
    expect(decideAmendment(db, clerk, road, town, r.ok ? r.value : 0, { ...presidium, decidedOn: '2026-06-03' }, T('2026-06-03')).ok).toBe(true);
    expect(haltsOf(db, [road.id]).has(road.id)).toBe(false);
    expect(amendmentsOf(db, [road.id]).map((a) => a.version)).toEqual([2, 3]);
  });
});
