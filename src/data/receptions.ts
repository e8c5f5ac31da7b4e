import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { prepared } from './statements';
import type { Db } from '../../db/client';
import { reception, receptionRep, representative, station, stationMember } from '../../db/schema';
import type { ChinaDate } from '../domain/chinaDate';
import { quarterBounds, quarterKey, sameDayNextQuarter, type Quarter } from '../domain/quarter';
import { checkSlot, clashingReps, MAX_RESIDENTS, type ReceptionSlot } from '../domain/reception';
import { ok, refuse, type Result } from '../domain/result';
import type { ReceptionState } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import type { Station } from './stations';

/** 接待群众日 (seed 001 §五): representatives at a station on a day, planned per quarter, then recorded as held or not. */
export type Reception = typeof reception.$inferSelect;
export type PlannedReception = Reception & { stationName: string; reps: { id: number; name: string }[] };

export const RECEPTION_STATE_LABELS: Record<ReceptionState, string> = { scheduled: '已安排', held: '已接待', notHeld: '未开展' };

function withReps(db: Db, rows: (Reception & { stationName: string })[]): PlannedReception[] {
  if (rows.length === 0) return [];
  const reps = db.select({ receptionId: receptionRep.receptionId, id: representative.id, name: representative.name }).from(receptionRep)
    .innerJoin(representative, eq(representative.id, receptionRep.representativeId))
    .where(inArray(receptionRep.receptionId, rows.map((r) => r.id))).orderBy(asc(representative.id)).all();
  return rows.map((r) => ({ ...r, reps: reps.filter((x) => x.receptionId === r.id).map(({ id, name }) => ({ id, name })) }));
}

const order = [asc(reception.date), asc(reception.startTime), asc(reception.id)];

function read(db: Db, where: ReturnType<typeof and>): PlannedReception[] {
  const rows = db.select({ r: reception, stationName: station.name }).from(reception).innerJoin(station, eq(station.id, reception.stationId))
    .where(where).orderBy(...order).all();
  return withReps(db, rows.map((x) => ({ ...x.r, stationName: x.stationName })));
}

/** The receptions of the given stations within a quarter, in date order. */
export function receptionsInQuarter(db: Db, stationIds: readonly number[], x: Quarter): PlannedReception[] {
  if (stationIds.length === 0) return [];
  const b = quarterBounds(x);
  return read(db, and(inArray(reception.stationId, [...stationIds]), gte(reception.date, b.from), lte(reception.date, b.to)));
}

/** Still to come at a station: scheduled, from today on. */
export function upcomingAt(db: Db, stationId: number, today: ChinaDate, limit = 6): PlannedReception[] {
  return read(db, and(eq(reception.stationId, stationId), eq(reception.state, 'scheduled'), gte(reception.date, today))).slice(0, limit);
}

export function getReception(db: Db, stationId: number, id: number): PlannedReception | undefined {
  return read(db, and(eq(reception.stationId, stationId), eq(reception.id, id)))[0];
}

/**
 * One representative's receptions in a calendar year, every state (scheduled, held, not held), in date order:
 * what a duty ledger counts (held ones) and what a representative's page lists.
 */
export function receptionsOf(db: Db, representativeId: number, year: number): PlannedReception[] {
  const ids = db.select({ id: receptionRep.receptionId }).from(receptionRep).where(eq(receptionRep.representativeId, representativeId)).all().map((r) => r.id);
  if (ids.length === 0) return [];
  return read(db, and(inArray(reception.id, ids), gte(reception.date, `${year}-01-01`), lte(reception.date, `${year}-12-31`)));
}

/** A login's next reception duties (each representative seat the login holds), from today on. */
export function receptionDutiesOf(db: Db, userId: number, today: ChinaDate, limit = 5): PlannedReception[] {
  const reps = prepared(db, 'repIdsOfLogin', (db) => db.select({ id: representative.id }).from(representative)
    .where(eq(representative.userId, sql.placeholder('userId'))).prepare()).all({ userId }).map((r) => r.id);
  if (reps.length === 0) return [];
  const ids = db.select({ id: receptionRep.receptionId }).from(receptionRep).where(inArray(receptionRep.representativeId, reps)).all().map((r) => r.id);
  if (ids.length === 0) return [];
  return read(db, and(inArray(reception.id, ids), eq(reception.state, 'scheduled'), gte(reception.date, today))).slice(0, limit);
}

export interface ReceptionInput extends ReceptionSlot { representativeIds: number[] }

/** Planned slots of these representatives on that day (any station), for the clash check. */
function plannedFor(db: Db, date: ChinaDate, repIds: readonly number[]) {
  const rows = db.select({ id: reception.id, date: reception.date, startTime: reception.startTime, endTime: reception.endTime, repId: receptionRep.representativeId })
    .from(reception).innerJoin(receptionRep, eq(receptionRep.receptionId, reception.id))
    .where(and(eq(reception.date, date), inArray(receptionRep.representativeId, [...repIds]))).all();
  const byId = new Map<number, { id: number; date: string; startTime: string; endTime: string; representativeIds: number[] }>();
  for (const r of rows) {
    const slot = byId.get(r.id) ?? { id: r.id, date: r.date, startTime: r.startTime, endTime: r.endTime, representativeIds: [] };
    slot.representativeIds.push(r.repId);
    byId.set(r.id, slot);
  }
  return [...byId.values()];
}

/** The checks every plan and edit passes: a real slot, the station's own representatives, nobody in two places at once. */
function checkPlan(db: Db, s: Station, input: ReceptionInput, selfId?: number): Result {
  const slot = checkSlot(input);
  if (!slot.ok) return slot;
  if (input.representativeIds.length === 0) return refuse('请勾选接待的代表', 'reps');
  const members = db.select({ id: stationMember.representativeId }).from(stationMember).where(eq(stationMember.stationId, s.id)).all().map((r) => r.id);
  if (input.representativeIds.some((id) => !members.includes(id))) return refuse('接待代表须是本站的代表', 'reps');
  const clash = clashingReps(input, input.representativeIds, plannedFor(db, input.date, input.representativeIds), selfId);
  if (clash.length) {
    const names = db.select({ name: representative.name }).from(representative).where(inArray(representative.id, clash)).all().map((r) => r.name);
    return refuse(`${names.join('、')}在 ${input.date} ${input.startTime}–${input.endTime} 已有接待安排，同一时间不能安排两处`, 'reps', 409);
  }
  return ok();
}

export function planReception(db: Db, actor: Actor, s: Station, input: ReceptionInput, now: Date): Result<Reception> {
  return db.transaction((tx) => {
    const check = checkPlan(tx, s, input);
    if (!check.ok) return check;
    const row = tx.insert(reception).values({ stationId: s.id, date: input.date, startTime: input.startTime, endTime: input.endTime }).returning().get();
    for (const id of input.representativeIds) tx.insert(receptionRep).values({ receptionId: row.id, representativeId: id }).run();
    recordAudit(tx, actor, { action: 'reception.plan', targetType: 'reception', targetId: row.id, jurisdictionId: s.jurisdictionId, after: input }, now);
    return ok(row);
  });
}

const settled = (r: Reception) => r.state !== 'scheduled';
const SETTLED = '已记录接待情况的接待日不能再改期或删除';

export function updateReception(db: Db, actor: Actor, s: Station, r: PlannedReception, input: ReceptionInput, now: Date): Result {
  if (settled(r)) return refuse(SETTLED, '_form', 409);
  return db.transaction((tx) => {
    const check = checkPlan(tx, s, input, r.id);
    if (!check.ok) return check;
    tx.update(reception).set({ date: input.date, startTime: input.startTime, endTime: input.endTime }).where(eq(reception.id, r.id)).run();
    tx.delete(receptionRep).where(eq(receptionRep.receptionId, r.id)).run();
    for (const id of input.representativeIds) tx.insert(receptionRep).values({ receptionId: r.id, representativeId: id }).run();
    recordAudit(tx, actor, {
      action: 'reception.update', targetType: 'reception', targetId: r.id, jurisdictionId: s.jurisdictionId,
      before: { date: r.date, startTime: r.startTime, endTime: r.endTime, representativeIds: r.reps.map((x) => x.id) }, after: input,
    }, now);
    return ok();
  });
}

export function removeReception(db: Db, actor: Actor, s: Station, r: PlannedReception, now: Date): Result {
  if (settled(r)) return refuse(SETTLED, '_form', 409);
  db.transaction((tx) => {
    tx.delete(receptionRep).where(eq(receptionRep.receptionId, r.id)).run();
    tx.delete(reception).where(eq(reception.id, r.id)).run();
    recordAudit(tx, actor, {
      action: 'reception.remove', targetType: 'reception', targetId: r.id, jurisdictionId: s.jurisdictionId,
      before: { date: r.date, startTime: r.startTime, endTime: r.endTime, representatives: r.reps.map((x) => x.name) },
    }, now);
  });
  return ok();
}

export type ReceptionOutcome = { held: true; residents: number } | { held: false; reason: string };

/** Afterwards: held (how many residents came) or not held (why). Not before the day itself. */
export function recordOutcome(db: Db, actor: Actor, s: Station, r: PlannedReception, o: ReceptionOutcome, today: ChinaDate, now: Date): Result {
  if (r.date > today) return refuse(`接待日（${r.date}）还没到，到期后再记录接待情况`, 'held', 409);
  if (o.held && (!Number.isInteger(o.residents) || o.residents < 0 || o.residents > MAX_RESIDENTS)) return refuse(`请填写接待群众人数（0–${MAX_RESIDENTS}）`, 'residents');
  if (!o.held && !o.reason) return refuse('请说明未开展的原因', 'reason');
  db.transaction((tx) => {
    const after = o.held ? { state: 'held' as const, residents: o.residents, notHeldReason: '' } : { state: 'notHeld' as const, residents: null, notHeldReason: o.reason };
    tx.update(reception).set(after).where(eq(reception.id, r.id)).run();
    recordAudit(tx, actor, {
      action: 'reception.outcome', targetType: 'reception', targetId: r.id, jurisdictionId: s.jurisdictionId,
      before: { state: r.state, residents: r.residents, notHeldReason: r.notHeldReason }, after,
    }, now);
  });
  return ok();
}

export interface CopyReport { copied: number; skipped: { date: string; stationName: string; reason: string }[] }

/**
 * Copies a quarter's pattern into the next: each reception of `from` at the same day three months on, the same
 * representatives and times. A slot that would clash, or whose representative left the station, is skipped and named.
 */
export function copyQuarterForward(db: Db, actor: Actor, jurisdictionId: number, stations: readonly Station[], from: Quarter, now: Date): CopyReport {
  return db.transaction((tx) => {
    const report: CopyReport = { copied: 0, skipped: [] };
    for (const r of receptionsInQuarter(tx, stations.map((s) => s.id), from)) {
      const s = stations.find((x) => x.id === r.stationId)!;
      const input: ReceptionInput = { date: sameDayNextQuarter(r.date), startTime: r.startTime, endTime: r.endTime, representativeIds: r.reps.map((x) => x.id) };
      const check = checkPlan(tx, s, input);
      if (!check.ok) { report.skipped.push({ date: input.date, stationName: s.name, reason: check.error }); continue; }
      const row = tx.insert(reception).values({ stationId: s.id, date: input.date, startTime: input.startTime, endTime: input.endTime }).returning().get();
      for (const id of input.representativeIds) tx.insert(receptionRep).values({ receptionId: row.id, representativeId: id }).run();
      report.copied++;
    }
    recordAudit(tx, actor, { action: 'reception.copyQuarter', targetType: 'jurisdiction', targetId: jurisdictionId, jurisdictionId, after: { from: quarterKey(from), ...report } }, now);
    return report;
  });
}

