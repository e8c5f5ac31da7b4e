import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { carryOver, progressReport } from '../../db/schema';
import { idList, idsIn, prepared } from './statements';

/** Where a carried-over project stood when it left the previous year: its last reported % and cumulative spend. */
export interface CarriedProgress { fromProjectId: number; pct: number; spent: number }

/**
 * 跨年度项目: each carried-over project's starting figures — the previous year's latest report, or, when that year
 * had none, what it was itself carried with (a chain of years). The figures are read, not copied, so a December
 * report filed after the carry-over is the figure the next year starts from.
 */
export function carriedProgress(db: Db, projectIds: readonly number[]): Map<number, CarriedProgress> {
  const out = new Map<number, CarriedProgress>();
  if (projectIds.length === 0) return out;
  const links = prepared(db, 'carriedInto', (db) => db.select().from(carryOver).where(inArray(carryOver.toProjectId, idsIn('ids'))).prepare())
    .all({ ids: idList(projectIds) });
  for (const l of links) {
    const start = startingFigures(db, l.fromProjectId, 0);
    out.set(l.toProjectId, { fromProjectId: l.fromProjectId, ...start });
  }
  return out;
}

function startingFigures(db: Db, projectId: number, depth: number): { pct: number; spent: number } {
  const latest = prepared(db, 'latestFigures', (db) => db.select({ pct: progressReport.pct, spent: progressReport.spent }).from(progressReport)
    .where(eq(progressReport.projectId, sql.placeholder('projectId'))).orderBy(desc(progressReport.month)).limit(1).prepare()).get({ projectId });
  if (latest) return latest;
  const from = prepared(db, 'carriedFromOne', (db) => db.select().from(carryOver).where(eq(carryOver.toProjectId, sql.placeholder('projectId'))).prepare()).get({ projectId });
  return from && depth < 20 ? startingFigures(db, from.fromProjectId, depth + 1) : { pct: 0, spent: 0 };
}
