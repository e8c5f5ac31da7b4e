import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { representative, station, stationLiaison, stationMember, user } from '../../db/schema';
import { normalizePhone, PHONE_ERROR } from '../domain/phone';
import { checkConveners } from '../domain/reception';
import { ok, refuse, type Result } from '../domain/result';
import type { StationRole } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import type { Representative } from './representatives';
import { townOfStation, type Station } from './stations';
import { getUserByUsername } from './users';

/**
 * Who sits at a station: its representatives (each representative at one station, seed 000 §四(五) 应进必进), 1–2 of
 * them its conveners (召集人), and its liaison officer (联络员, seed 001 §二).
 */
export type StationRep = Representative & { role: StationRole };
export interface Liaison { name: string; phone: string; userId: number | null; username: string | null }
/** A representative who may sit at the town's stations, with the station they sit at (none yet: null). */
export type PlaceableRep = Representative & { level: 'town' | 'district'; stationId: number | null };

/**
 * The representatives a town's stations take: the town's own seated roster and the district's seated congress
 * representatives (who join a town's station, seed 000 §四(五) 间接选举的代表 … 工作生活所在地).
 */
export function placeableReps(db: Db, town: Jurisdiction): PlaceableRep[] {
  const rows = db.select({ rep: representative, stationId: stationMember.stationId }).from(representative)
    .leftJoin(stationMember, eq(stationMember.representativeId, representative.id))
    .where(and(eq(representative.status, 'seated'), or(
      eq(representative.jurisdictionId, town.id),
      town.parentId === null ? undefined : and(eq(representative.jurisdictionId, town.parentId), eq(representative.body, 'congress')),
    )))
    .orderBy(asc(representative.id)).all();
  return rows.map((r) => ({ ...r.rep, level: r.rep.jurisdictionId === town.id ? 'town' : 'district', stationId: r.stationId }));
}

export function stationReps(db: Db, stationId: number): StationRep[] {
  return db.select({ rep: representative, role: stationMember.role }).from(stationMember)
    .innerJoin(representative, eq(representative.id, stationMember.representativeId))
    .where(eq(stationMember.stationId, stationId)).orderBy(asc(representative.id)).all()
    .map((r) => ({ ...r.rep, role: r.role }));
}

export function liaisonOf(db: Db, stationId: number): Liaison | undefined {
  const r = db.select({ l: stationLiaison, username: user.username }).from(stationLiaison)
    .leftJoin(user, eq(user.id, stationLiaison.userId)).where(eq(stationLiaison.stationId, stationId)).get();
  return r && { name: r.l.name, phone: r.l.phone, userId: r.l.userId, username: r.username };
}

function townOrRefuse(db: Db, s: Station): Result<Jurisdiction> {
  const town = townOfStation(db, s);
  return town ? ok(town) : refuse('该站点不属于任何镇街', '_form', 409);
}

/** Places the chosen representatives at the station; one already at another station is refused, by name. */
export function assignReps(db: Db, actor: Actor, s: Station, repIds: readonly number[], now: Date): Result<number> {
  if (repIds.length === 0) return refuse('请勾选要编入本站的代表', 'reps');
  return db.transaction((tx) => {
    const town = townOrRefuse(tx, s);
    if (!town.ok) return town;
    const placeable = new Map(placeableReps(tx, town.value).map((r) => [r.id, r]));
    const stationNames = new Map(tx.select({ id: station.id, name: station.name }).from(station).all().map((x) => [x.id, x.name]));
    for (const id of repIds) {
      const r = placeable.get(id);
      if (!r) return refuse('所选代表不在本镇街或本区的在册代表中', 'reps');
      if (r.stationId !== null) {
        return refuse(r.stationId === s.id ? `${r.name}已在本站` : `${r.name}已编入${stationNames.get(r.stationId) ?? '其他站点'}，请先从该站移出`, 'reps', 409);
      }
    }
    for (const id of repIds) tx.insert(stationMember).values({ representativeId: id, stationId: s.id }).run();
    recordAudit(tx, actor, {
      action: 'station.assignReps', targetType: 'station', targetId: s.id, jurisdictionId: s.jurisdictionId,
      after: { representatives: repIds.map((id) => placeable.get(id)!.name) },
    }, now);
    return ok(repIds.length);
  });
}

export function removeRep(db: Db, actor: Actor, s: Station, repId: number, now: Date): Result {
  return db.transaction((tx) => {
    const row = tx.select({ role: stationMember.role, name: representative.name }).from(stationMember)
      .innerJoin(representative, eq(representative.id, stationMember.representativeId))
      .where(and(eq(stationMember.stationId, s.id), eq(stationMember.representativeId, repId))).get();
    if (!row) return refuse('该代表不在本站', '_form', 409);
    tx.delete(stationMember).where(eq(stationMember.representativeId, repId)).run();
    recordAudit(tx, actor, {
      action: 'station.removeRep', targetType: 'station', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { representative: row.name, role: row.role },
    }, now);
    return ok();
  });
}

/** The station's conveners become exactly `repIds` (1–2 of its representatives; none while it is being set up). */
export function setConveners(db: Db, actor: Actor, s: Station, repIds: readonly number[], now: Date): Result {
  return db.transaction((tx) => {
    const reps = stationReps(tx, s.id);
    const check = checkConveners(repIds, reps.map((r) => r.id));
    if (!check.ok) return check;
    const ids = reps.map((r) => r.id);
    if (ids.length) tx.update(stationMember).set({ role: 'member' }).where(inArray(stationMember.representativeId, ids)).run();
    if (repIds.length) tx.update(stationMember).set({ role: 'convener' }).where(inArray(stationMember.representativeId, [...repIds])).run();
    recordAudit(tx, actor, {
      action: 'station.conveners', targetType: 'station', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: { conveners: reps.filter((r) => r.role === 'convener').map((r) => r.name) },
      after: { conveners: reps.filter((r) => repIds.includes(r.id)).map((r) => r.name) },
    }, now);
    return ok();
  });
}

export interface LiaisonInput { name: string; phone: string; username: string }

/** Names the liaison officer; a username links their login (it must exist and be active), blank = no login. */
export function saveLiaison(db: Db, actor: Actor, s: Station, input: LiaisonInput, now: Date): Result<Liaison> {
  const phone = normalizePhone(input.phone);
  if (!phone) return refuse(PHONE_ERROR, 'phone');
  let userId: number | null = null;
  if (input.username) {
    const u = getUserByUsername(db, input.username);
    if (!u || !u.active) return refuse('没有这个账号，或账号已停用', 'username');
    userId = u.id;
  }
  return db.transaction((tx) => {
    const before = liaisonOf(tx, s.id);
    const row = { name: input.name, phone, userId };
    tx.insert(stationLiaison).values({ stationId: s.id, ...row }).onConflictDoUpdate({ target: stationLiaison.stationId, set: row }).run();
    recordAudit(tx, actor, {
      action: 'station.liaison', targetType: 'station', targetId: s.id, jurisdictionId: s.jurisdictionId,
      before: before ? { name: before.name, phone: before.phone, username: before.username } : undefined,
      after: { name: input.name, phone, username: input.username || null },
    }, now);
    return ok(liaisonOf(tx, s.id)!);
  });
}
