import { eq } from 'drizzle-orm';
import type { DbConnection } from '../../db/client';
import { representative, station } from '../../db/schema';
import { addReps } from '../../src/data/representatives';
import { createStation } from '../../src/data/stations';
import { newRep, seedTownshipRoster } from './rosterCases';

/**
 * seedTownshipRoster plus 青石镇's stations — its 代表之家 (qs-home) and 青石村's liaison station (qs01-lx) — 柳溪镇's
 * 代表之家 (lx-home), and a district representative 孙立 who may join a town's station. qs.rep's login is 王伟's seat.
 */
export async function seedStations(db: DbConnection) {
  const f = await seedTownshipRoster(db);
  const at = new Date('2026-01-06T01:00:00Z');
  const home = createStation(db, f.clerk, f.qs.id, { kind: 'home', name: '青石镇人大代表之家', address: '青石路18号二楼', openingHours: '周一至周五 9:00–17:00', shortCode: 'qs-home' }, at);
  const lx = createStation(db, f.clerk, f.village.id, { kind: 'liaison', name: '青石村人大代表联络站', address: '青石村村委会', openingHours: '每月 15 日上午', shortCode: 'qs01-lx' }, at);
  const lxHome = createStation(db, f.clerk, f.lx.id, { kind: 'home', name: '柳溪镇人大代表之家', address: '柳溪街56号', shortCode: 'lx-home' }, at);
  const [sun] = addReps(db, f.clerk, { jurisdictionId: f.district.id, body: 'congress' }, [newRep('孙立', { community: '青石镇', phone: '13900001111' })], at);
  db.update(representative).set({ userId: f.users.qsRep.id }).where(eq(representative.id, f.wang.id)).run();
  return { ...f, home, liaisonStation: lx, lxHome, sun: sun! };
}

export const stationRow = (db: DbConnection, id: number) => db.select().from(station).where(eq(station.id, id)).get()!;
