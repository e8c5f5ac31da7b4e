import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { representative } from '../../db/schema';
import { childrenOf, stationsOf, type Jurisdiction } from './jurisdictions';
import type { Station } from './stations';

export interface FinderPlace { id: number; name: string; stations: Station[]; representatives: string[] }
export interface StationFinder { townStations: Station[]; places: FinderPlace[] }

/**
 * Where a resident of each village/community meets their representatives: the open stations there, else the town's,
 * and the seated representatives elected there (the roster's 村/社区). Names only: phones stay with the clerk.
 */
export function stationFinder(db: Db, town: Jurisdiction): StationFinder {
  const places = childrenOf(db, town.id).filter((p) => p.active);
  const open = stationsOf(db, [town.id, ...places.map((p) => p.id)]).filter((s) => s.active);
  const reps = db.select({ name: representative.name, community: representative.community }).from(representative)
    .where(and(eq(representative.jurisdictionId, town.id), eq(representative.status, 'seated')))
    .orderBy(asc(representative.id)).all();
  return {
    townStations: open.filter((s) => s.jurisdictionId === town.id),
    places: places.map((p) => ({
      id: p.id, name: p.name,
      stations: open.filter((s) => s.jurisdictionId === p.id),
      representatives: reps.filter((r) => r.community === p.name).map((r) => r.name),
    })),
  };
}
