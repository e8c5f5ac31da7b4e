import { eq } from 'drizzle-orm';
import type { DbConnection } from '../../db/client';
import { cycle as cycleTable, jurisdiction } from '../../db/schema';
import { setCollectionWindow } from '../../src/data/collection';
import { createCycle, getCycle } from '../../src/data/cycles';
import { submitProposal } from '../../src/data/proposals';
import { createStation } from '../../src/data/stations';
import { staffProposalSchema } from '../../src/domain/proposalInput';
import { seedBasics } from './app';

/** 10:00 on 10 March 2027 in China: inside the window below. */
export const NOW = new Date('2027-03-10T02:00:00Z');
export const system = { id: null, name: '测试' };

/** A form as a resident fills it in (strings, as the browser sends them). */
export function proposalForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    year: '2027', title: '青石村饮水管网改造', description: '更换青石村 3 组、4 组老化的饮水主管约 2 公里，解决夏季停水。',
    place: 'all', category: 'water', estimatedCost: '800000', fundingSource: '镇财政', fiscalSharePct: '80',
    beneficiaries: '青石村 3、4 组村民', beneficiaryCount: '620', durationMonths: '6', crossYear: 'no',
    proposerName: '张三丰', proposerPhone: '13912345678', source: 'public', station: '', website: '', lat: '', lng: '',
    ...over,
  };
}

/**
 * seedBasics plus: QS cycle 2027 in collection, window 1–31 March 2027; stations qs-home (QS), qs01-lx (village QS01),
 * lx-home (LX).
 */
export async function seedCollection(db: DbConnection) {
  const base = await seedBasics(db);
  const clerk = { id: base.users.qsClerk.id, name: 'qs.clerk' };
  const made = createCycle(db, clerk, base.qs.id, 2027, NOW);
  if (!made.ok) throw new Error(made.error);
  setCollectionWindow(db, clerk, made.value, '2027-03-01', '2027-03-31', NOW);
  const stations = {
    qsHome: createStation(db, clerk, base.qs.id, { kind: 'home', name: '青石镇人大代表之家', address: '青石路18号', shortCode: 'qs-home' }, NOW),
    qs01: createStation(db, clerk, base.village.id, { kind: 'liaison', name: '青石村人大代表联络站', address: '青石村村委会', shortCode: 'qs01-lx' }, NOW),
    lxHome: createStation(db, clerk, base.lx.id, { kind: 'home', name: '柳溪镇人大代表之家', address: '柳溪街56号', shortCode: 'lx-home' }, NOW),
  };
  const lxVillage = db.insert(jurisdiction).values({ kind: 'village', code: 'LX01', name: '柳溪村', parentId: base.lx.id }).returning().get();
  return { ...base, stations, lxVillage, cycle: () => getCycle(db, base.qs.id, 2027)! };
}

/** A proposal straight through the data function (no HTTP, no rate limit). */
export function addProposal(db: DbConnection, f: Awaited<ReturnType<typeof seedCollection>>, over: Record<string, string> = {}) {
  const input = staffProposalSchema.parse(proposalForm(over));
  const r = submitProposal(db, system, { cycle: f.cycle(), jurisdiction: f.qs }, input, { entryChannel: 'online', submittedBy: null }, NOW);
  if (!r.ok) throw new Error(`${r.field}: ${r.error}`);
  return r.value;
}

export function setPhase(db: DbConnection, cycleId: number, phase: typeof cycleTable.$inferSelect.phase) {
  db.update(cycleTable).set({ phase }).where(eq(cycleTable.id, cycleId)).run();
}
