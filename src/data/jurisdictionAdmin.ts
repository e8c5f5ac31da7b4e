import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, station } from '../../db/schema';
import { type JurisdictionKind } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import { CHILD_KINDS, getJurisdiction, getJurisdictionByCode, KIND_LABELS, type Jurisdiction } from './jurisdictions';
import { createStation, getStationByShortCode, updateStation, type Station, type StationInput } from './stations';
import { ok, refuse, type Result } from '../domain/result';
import { keptUntilWrite } from './keptUntilWrite';
import { prepared } from './statements';


/** The district at the top of the tree: user administration is authorized against it. */
export function districtRoot(db: Db): Jurisdiction | undefined {
  // Asked on every view of the log and of user administration; the row changes only with a write.
  return keptUntilWrite(db, 'districtRoot', () => prepared(db, 'districtRoot', (db) => db.select().from(jurisdiction)
    .where(isNull(jurisdiction.parentId)).orderBy(asc(jurisdiction.id)).limit(1).prepare()).get());
}

/** Why a `kind` may not sit under `parent`, or null when it may. */
export function childKindError(parent: Pick<Jurisdiction, 'kind' | 'active'>, kind: JurisdictionKind): string | null {
  if (!parent.active) return '上级辖区已停用，不能新增下级辖区';
  if (CHILD_KINDS[parent.kind].includes(kind)) return null;
  return CHILD_KINDS[parent.kind].length === 0
    ? `${KIND_LABELS[parent.kind]}下不再设下级辖区`
    : `${KIND_LABELS[parent.kind]}下只能设${CHILD_KINDS[parent.kind].map((k) => KIND_LABELS[k]).join('或')}`;
}

function codeTaken(db: Db, code: string, exceptId?: number): string | null {
  const other = getJurisdictionByCode(db, code);
  return other && other.id !== exceptId ? `代码 ${code} 已被“${other.name}”使用，请换一个` : null;
}

export interface JurisdictionInput { name: string; code: string }

export function createJurisdiction(
  db: Db, actor: Actor, parentId: number, input: JurisdictionInput & { kind: JurisdictionKind }, now: Date,
): Result<Jurisdiction> {
  return db.transaction((tx) => {
    const parent = getJurisdiction(tx, parentId);
    if (!parent) return refuse('上级辖区不存在');
    const kindError = childKindError(parent, input.kind);
    if (kindError) return refuse(kindError, 'kind');
    const taken = codeTaken(tx, input.code);
    if (taken) return refuse(taken, 'code');
    const row = tx.insert(jurisdiction).values({ ...input, parentId, createdAt: now }).returning().get();
    recordAudit(tx, actor, {
      action: 'jurisdiction.create', targetType: 'jurisdiction', targetId: row.id, jurisdictionId: row.id,
      after: { parentId, kind: row.kind, code: row.code, name: row.name },
    }, now);
    return ok(row);
  });
}

/** A new code changes the jurisdiction's addresses (/j/CODE): old links stop working. */
export function updateJurisdiction(db: Db, actor: Actor, id: number, input: JurisdictionInput, now: Date): Result<Jurisdiction> {
  return db.transaction((tx) => {
    const before = getJurisdiction(tx, id);
    if (!before) return refuse('辖区不存在');
    const taken = codeTaken(tx, input.code, id);
    if (taken) return refuse(taken, 'code');
    const row = tx.update(jurisdiction).set(input).where(eq(jurisdiction.id, id)).returning().get();
    recordAudit(tx, actor, {
      action: 'jurisdiction.update', targetType: 'jurisdiction', targetId: id, jurisdictionId: id,
      before: { name: before.name, code: before.code }, after: input,
    }, now);
    return ok(row);
  });
}

/** Deactivate bottom-up, reactivate top-down: an active jurisdiction never sits under an inactive one. */
export function setJurisdictionActive(db: Db, actor: Actor, id: number, active: boolean, now: Date): Result<Jurisdiction> {
  return db.transaction((tx) => {
    const before = getJurisdiction(tx, id);
    if (!before) return refuse('辖区不存在');
    if (!active) {
      const activeChild = tx.select().from(jurisdiction)
        .where(and(eq(jurisdiction.parentId, id), eq(jurisdiction.active, true))).limit(1).get();
      if (activeChild) return refuse(`请先停用下级辖区（如“${activeChild.name}”）`);
    } else if (before.parentId !== null) {
      const parent = getJurisdiction(tx, before.parentId);
      if (parent && !parent.active) return refuse(`上级辖区“${parent.name}”已停用，请先启用上级辖区`);
    }
    const row = tx.update(jurisdiction).set({ active }).where(eq(jurisdiction.id, id)).returning().get();
    recordAudit(tx, actor, {
      action: active ? 'jurisdiction.activate' : 'jurisdiction.deactivate', targetType: 'jurisdiction', targetId: id,
      jurisdictionId: id, before: { active: before.active }, after: { active },
    }, now);
    return ok(row);
  });
}

function shortCodeTaken(db: Db, shortCode: string, exceptId?: number): string | null {
  const other = getStationByShortCode(db, shortCode);
  return other && other.id !== exceptId ? `简码 ${shortCode} 已被“${other.name}”使用，请换一个` : null;
}

/** A station with a short code no other station has; audited by createStation in the same transaction. */
export function addStation(db: Db, actor: Actor, jurisdictionId: number, input: StationInput, now: Date): Result<Station> {
  return db.transaction((tx) => {
    const taken = shortCodeTaken(tx, input.shortCode);
    if (taken) return refuse(taken, 'shortCode');
    return ok(createStation(tx, actor, jurisdictionId, input, now));
  });
}

export function editStation(
  db: Db, actor: Actor, stationId: number, input: StationInput & { active: boolean }, now: Date,
): Result<null> {
  return db.transaction((tx) => {
    const taken = shortCodeTaken(tx, input.shortCode, stationId);
    if (taken) return refuse(taken, 'shortCode');
    updateStation(tx, actor, stationId, input, now);
    return ok();
  });
}

export function stationOf(db: Db, jurisdictionId: number, stationId: number): Station | undefined {
  return db.select().from(station).where(and(eq(station.id, stationId), eq(station.jurisdictionId, jurisdictionId))).get();
}
