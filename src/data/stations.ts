import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { station } from '../../db/schema';
import { type StationKind } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import { ancestry, descendantIds, getJurisdiction, type Jurisdiction } from './jurisdictions';

export const STATION_LABELS: Record<StationKind, string> = {
  home: '代表之家',
  liaison: '代表联络站',
  contact: '代表联系点',
};

export type Station = typeof station.$inferSelect;

export function getStation(db: Db, id: number): Station | undefined {
  return db.select().from(station).where(eq(station.id, id)).get();
}

export function getStationByShortCode(db: Db, shortCode: string): Station | undefined {
  return db.select().from(station).where(eq(station.shortCode, shortCode)).get();
}

/** A station of the jurisdiction or of one of its villages/communities; another jurisdiction's is undefined. */
export function getStationIn(db: Db, jurisdictionId: number, id: number): Station | undefined {
  const s = getStation(db, id);
  return s && descendantIds(db, jurisdictionId).includes(s.jurisdictionId) ? s : undefined;
}

/** The township/subdistrict a station collects for: its own, or the one above its village/community. */
export function townOfStation(db: Db, s: Station): Jurisdiction | undefined {
  for (const id of ancestry(db, s.jurisdictionId)) {
    const j = getJurisdiction(db, id);
    if (j && (j.kind === 'township' || j.kind === 'subdistrict')) return j;
  }
  return undefined;
}

export interface StationInput { kind: StationKind; name: string; address: string; openingHours?: string; shortCode: string }

export function createStation(db: Db, actor: Actor, jurisdictionId: number, input: StationInput, now: Date): Station {
  return db.transaction((tx) => {
    const row = tx.insert(station).values({ ...input, jurisdictionId }).returning().get();
    recordAudit(tx, actor, { action: 'station.create', targetType: 'station', targetId: row.id, jurisdictionId, after: input }, now);
    return row;
  });
}

export function updateStation(db: Db, actor: Actor, id: number, input: StationInput & { active: boolean }, now: Date): void {
  db.transaction((tx) => {
    const before = tx.select().from(station).where(eq(station.id, id)).get()!;
    tx.update(station).set(input).where(eq(station.id, id)).run();
    recordAudit(tx, actor, {
      action: 'station.update', targetType: 'station', targetId: id, jurisdictionId: before.jurisdictionId,
      before: { kind: before.kind, name: before.name, address: before.address, openingHours: before.openingHours, shortCode: before.shortCode, active: before.active },
      after: input,
    }, now);
  });
}
