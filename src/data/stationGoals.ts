import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { stationGoal } from '../../db/schema';
import { isChinaDate, type ChinaDate } from '../domain/chinaDate';
import { ok, refuse, type Result } from '../domain/result';
import type { GoalState } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import type { Station } from './stations';

/** A station's yearly work goals and their completion, published at the station (seed 000 §四(五)). */
export type StationGoal = typeof stationGoal.$inferSelect;

export const GOAL_STATE_LABELS: Record<GoalState, string> = { open: '推进中', partly: '部分完成', done: '已完成' };

export function goalsOf(db: Db, stationId: number, year: number): StationGoal[] {
  return db.select().from(stationGoal).where(and(eq(stationGoal.stationId, stationId), eq(stationGoal.year, year)))
    .orderBy(asc(stationGoal.id)).all();
}

export function getGoal(db: Db, stationId: number, id: number): StationGoal | undefined {
  return db.select().from(stationGoal).where(and(eq(stationGoal.stationId, stationId), eq(stationGoal.id, id))).get();
}

export function addGoal(db: Db, actor: Actor, s: Station, year: number, text: string, now: Date): StationGoal {
  return db.transaction((tx) => {
    const row = tx.insert(stationGoal).values({ stationId: s.id, year, text }).returning().get();
    recordAudit(tx, actor, { action: 'station.goal.add', targetType: 'stationGoal', targetId: row.id, jurisdictionId: s.jurisdictionId, after: { year, text } }, now);
    return row;
  });
}

export interface GoalUpdate { text: string; state: GoalState; note: string; reportedOn: ChinaDate | '' }

/** Records how far a goal got: done or partly needs the date it was recorded; "partly" needs a note saying what is left. */
export function updateGoal(db: Db, actor: Actor, s: Station, goal: StationGoal, input: GoalUpdate, now: Date): Result<StationGoal> {
  if (input.state !== 'open' && !isChinaDate(input.reportedOn)) return refuse('请填写完成情况的日期，如 2026-06-30', 'reportedOn');
  if (input.state === 'partly' && !input.note) return refuse('部分完成的，请说明完成了哪些、还差什么', 'note');
  return db.transaction((tx) => {
    const after = { text: input.text, state: input.state, note: input.note, reportedOn: input.reportedOn || null };
    const row = tx.update(stationGoal).set(after).where(eq(stationGoal.id, goal.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'station.goal.update', targetType: 'stationGoal', targetId: goal.id, jurisdictionId: s.jurisdictionId,
      before: { text: goal.text, state: goal.state, note: goal.note, reportedOn: goal.reportedOn }, after,
    }, now);
    return ok(row);
  });
}

export function removeGoal(db: Db, actor: Actor, s: Station, goal: StationGoal, now: Date): void {
  db.transaction((tx) => {
    tx.delete(stationGoal).where(eq(stationGoal.id, goal.id)).run();
    recordAudit(tx, actor, {
      action: 'station.goal.remove', targetType: 'stationGoal', targetId: goal.id, jurisdictionId: s.jurisdictionId,
      before: { year: goal.year, text: goal.text, state: goal.state },
    }, now);
  });
}
