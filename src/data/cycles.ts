import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { idList, idsIn, prepared } from './statements';
import type { Db } from '../../db/client';
import { cycle, jurisdiction, phaseTransition, user } from '../../db/schema';
import { type Phase } from '../domain/vocabulary';
import { checkTransition } from '../domain/phases';
import { recordAudit, type Actor } from './audit';
import { ok, refuse, type Result } from '../domain/result';

export type Cycle = typeof cycle.$inferSelect;

export function cyclesOf(db: Db, jurisdictionId: number): Cycle[] {
  return db.select().from(cycle).where(eq(cycle.jurisdictionId, jurisdictionId)).orderBy(desc(cycle.year)).all();
}

/** The year's cycles of several jurisdictions in one read (a jurisdiction without one is absent). */
export function cyclesOfYear(db: Db, jurisdictionIds: readonly number[], year: number): Cycle[] {
  if (jurisdictionIds.length === 0) return [];
  return prepared(db, 'cyclesOfYear', (db) => db.select().from(cycle)
    .where(and(inArray(cycle.jurisdictionId, idsIn('ids')), eq(cycle.year, sql.placeholder('year')))).prepare()).all({ ids: idList(jurisdictionIds), year });
}

/** The years any of the jurisdictions has a cycle for, newest first. */
export function yearsOf(db: Db, jurisdictionIds: readonly number[]): number[] {
  if (jurisdictionIds.length === 0) return [];
  return prepared(db, 'yearsOf', (db) => db.selectDistinct({ year: cycle.year }).from(cycle).where(inArray(cycle.jurisdictionId, idsIn('ids')))
    .orderBy(desc(cycle.year)).prepare()).all({ ids: idList(jurisdictionIds) }).map((r) => r.year);
}

export function getCycle(db: Db, jurisdictionId: number, year: number): Cycle | undefined {
  return prepared(db, 'cycleOfYear', (db) => db.select().from(cycle)
    .where(and(eq(cycle.jurisdictionId, sql.placeholder('jurisdictionId')), eq(cycle.year, sql.placeholder('year')))).prepare())
    .get({ jurisdictionId, year });
}

export function transitionsOf(db: Db, cycleId: number) {
  return prepared(db, 'transitionsOf', (db) => db.select({
    id: phaseTransition.id, fromPhase: phaseTransition.fromPhase, toPhase: phaseTransition.toPhase,
    at: phaseTransition.at, note: phaseTransition.note, byName: user.displayName,
  }).from(phaseTransition).innerJoin(user, eq(user.id, phaseTransition.by))
    .where(eq(phaseTransition.cycleId, sql.placeholder('cycleId'))).orderBy(asc(phaseTransition.id)).prepare()).all({ cycleId });
}


export function createCycle(db: Db, actor: Actor & { id: number }, jurisdictionId: number, year: number, now: Date): Result<Cycle> {
  return db.transaction((tx) => {
    if (getCycle(tx, jurisdictionId, year)) return refuse(`${year}年度的票决工作已经创建`, 'year');
    const row = tx.insert(cycle).values({ jurisdictionId, year, phase: 'collection', createdBy: actor.id, createdAt: now }).returning().get();
    tx.insert(phaseTransition).values({ cycleId: row.id, fromPhase: null, toPhase: 'collection', by: actor.id, at: now, note: '创建年度工作' }).run();
    recordAudit(tx, actor, { action: 'cycle.create', targetType: 'cycle', targetId: row.id, jurisdictionId, after: { year, phase: row.phase } }, now);
    return ok(row);
  });
}

export function transitionCycle(db: Db, actor: Actor & { id: number }, c: Cycle, to: Phase, note: string, now: Date): Result<Cycle> {
  return db.transaction((tx) => {
    // Re-read inside the transaction: two clerks pressing at once must not both move it.
    const fresh = tx.select().from(cycle).where(eq(cycle.id, c.id)).get();
    if (!fresh) return refuse('年度工作不存在', 'to');
    const check = checkTransition(fresh.phase, to, note);
    if (!check.ok) return check;
    const updated = tx.update(cycle).set({ phase: to }).where(eq(cycle.id, c.id)).returning().get();
    tx.insert(phaseTransition).values({ cycleId: c.id, fromPhase: fresh.phase, toPhase: to, by: actor.id, at: now, note: note.trim() }).run();
    recordAudit(tx, actor, {
      action: 'cycle.transition', targetType: 'cycle', targetId: c.id, jurisdictionId: c.jurisdictionId,
      before: { phase: fresh.phase }, after: { phase: to, note: note.trim() },
    }, now);
    return ok(updated);
  });
}

/** Each jurisdiction's latest cycle. */
export function latestCycles(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = prepared(db, 'latestCycles', (db) => db.select({ id: jurisdiction.id, code: jurisdiction.code, name: jurisdiction.name, kind: jurisdiction.kind, year: cycle.year, phase: cycle.phase })
    .from(cycle).innerJoin(jurisdiction, eq(jurisdiction.id, cycle.jurisdictionId))
    .where(inArray(cycle.jurisdictionId, idsIn('ids'))).orderBy(desc(cycle.year)).prepare()).all({ ids: idList(ids) });
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

