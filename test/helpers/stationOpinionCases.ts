import type { DbConnection } from '../../db/client';
import { representative } from '../../db/schema';
import { issueContactCode } from '../../src/data/repContactCodes';
import { registerOpinion, type StationOpinionInput } from '../../src/data/stationOpinions';
import { collectionCase } from './collectionCases';
import { NOW, type seedCollection } from './proposals';

export const resident = { id: null, name: '公众' };

/** A resident's opinion as the form sends it. */
export function opinionForm(over: Record<string, string> = {}): Record<string, string> {
  return { station: 'qs-home', title: '村口路灯坏了', text: '青石村口两盏路灯坏了一个月，晚上看不见路。', place: '青石村口', category: 'facilities', contactName: '王大妈', contactPhone: '13912345678', website: '', ...over };
}

export const opinionInput = (over: Partial<StationOpinionInput> = {}): StationOpinionInput => ({
  station: 'qs-home', title: '村口路灯坏了', text: '两盏路灯坏了一个月。', place: '青石村口', category: 'facilities', contactName: '王大妈', contactPhone: '13912345678', ...over,
});

/** Two seated QS representatives: 李强 (the qs.rep login) and 刘芳 (no login); another town's representative. */
export function seedReps(db: DbConnection, f: Awaited<ReturnType<typeof seedCollection>>) {
  const rep = (name: string, jurisdictionId: number, userId: number | null) =>
    db.insert(representative).values({ jurisdictionId, body: 'congress', name, community: '青石村', userId, status: 'seated' }).returning().get();
  return { li: rep('李强', f.qs.id, f.users.qsRep.id), liu: rep('刘芳', f.qs.id, null), other: rep('柳溪代表', f.lx.id, null) };
}

/** collectionCase (QS, 10 March 2027, window open) with representatives and 李强's QR code at qs-home. */
export async function opinionCase(now: () => Date = () => NOW) {
  const t = await collectionCase(now);
  const reps = seedReps(t.db, t.f);
  const code = issueContactCode(t.db, { id: t.f.users.qsClerk.id, name: 'qs.clerk' }, t.f.qs, reps.li.id, t.f.stations.qsHome.id, NOW);
  if (!code.ok) throw new Error(code.error);
  const register = (over: Partial<StationOpinionInput> = {}, addressedToRepId: number | null = null) => {
    const r = registerOpinion(t.db, resident, t.f.qs, opinionInput(over), { channel: addressedToRepId ? 'repCode' : 'resident', recordedBy: null, addressedToRepId }, NOW);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  return { ...t, reps, token: code.value.token, register, clerk: { id: t.f.users.qsClerk.id, name: 'qs.clerk' } };
}
