import type { DbConnection } from '../../db/client';
import { jurisdiction } from '../../db/schema';
import { addReps, type NewRep } from '../../src/data/representatives';
import { seedBasics } from './app';

/** A roster line with only what a case cares about. */
export function newRep(name: string, over: Partial<NewRep> = {}): NewRep {
  return {
    name, community: '', sector: '', phone: '', termFrom: null, termTo: null, byElection: false, seatedOn: null,
    status: 'seated', retiredOn: null, retireReason: null, retireNote: '', ...over,
  };
}

/**
 * seedBasics plus 青石镇's villages 杨柳村 and 白果村 (beside 青石村) and its congress roster, entered as its clerk
 * would: 王伟 and 李秀英 since the term began (2021-11-01), 张建国 by-elected on 2024-05-20, 赵敏 retired on 2025-06-30.
 */
export async function seedTownshipRoster(db: DbConnection) {
  const basics = await seedBasics(db);
  const { qs, users } = basics;
  for (const [code, name] of [['QS02', '杨柳村'], ['QS03', '白果村']]) {
    db.insert(jurisdiction).values({ kind: 'village', code: code!, name: name!, parentId: qs.id }).run();
  }
  const clerk = { id: users.qsClerk.id, name: '青石镇 陈敏（qs.clerk）' };
  const scope = { jurisdictionId: qs.id, body: 'congress' as const };
  const term = { termFrom: '2021-11-01', termTo: '2026-10-31' };
  const [wang, li, zhang, zhao] = addReps(db, clerk, scope, [
    newRep('王伟', { community: '青石村', sector: '农业', phone: '13812345601', ...term }),
    newRep('李秀英', { community: '杨柳村', sector: '村干部', phone: '13812345602', ...term }),
    newRep('张建国', { community: '白果村', sector: '教育', phone: '13812345603', ...term, byElection: true, seatedOn: '2024-05-20' }),
    newRep('赵敏', { community: '青石村', sector: '医疗卫生', ...term, status: 'retired', retiredOn: '2025-06-30', retireReason: 'resignation' }),
  ], new Date('2026-01-05T01:00:00Z'));
  return { ...basics, clerk, scope, wang: wang!, li: li!, zhang: zhang!, zhao: zhao! };
}
