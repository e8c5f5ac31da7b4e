import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { midtermReport } from '../../db/schema';
import { chinaDateOf } from '../domain/chinaDate';
import { PROJECT_STATUS_LABELS } from '../domain/projectStatus';
import { ok, refuse, type Result } from '../domain/result';
import { RECTIFICATION_LABELS, isRectificationOpen, isRectificationOverdue } from '../domain/rectification';
import type { Colour } from '../domain/schedule';
import { recordAudit, type Actor } from './audit';
import { prepared } from './statements';
import type { Cycle } from './cycles';
import { assessCycle, type AssessedProject } from './delivery';
import { getSettings } from './settings';
import { visitsOf } from './supervision';

export type MidtermReport = typeof midtermReport.$inferSelect;

export function getMidterm(db: Db, cycleId: number): MidtermReport | undefined {
  return prepared(db, 'midtermOf', (db) => db.select().from(midtermReport).where(eq(midtermReport.cycleId, sql.placeholder('cycleId'))).prepare()).get({ cycleId });
}

export function saveMidtermSummary(db: Db, actor: Actor & { id: number }, cy: Cycle, summary: string, now: Date): Result {
  const { id: cycleId, jurisdictionId } = cy;
  return db.transaction((tx) => {
    const before = getMidterm(tx, cycleId);
    if (before?.publishedAt) return refuse('期中报告已发布，不能再修改');
    tx.insert(midtermReport).values({ cycleId, summary, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({ target: midtermReport.cycleId, set: { summary, updatedAt: now, updatedBy: actor.id } }).run();
    recordAudit(tx, actor, { action: 'midterm.save', targetType: 'cycle', targetId: cycleId, jurisdictionId, before: before ? { summary: before.summary } : undefined, after: { summary } }, now);
    return ok();
  });
}

/** Publication freezes the figures as they stand (China date of `now`), so the published report never changes afterwards. */
export function publishMidterm(db: Db, actor: Actor & { id: number }, cy: Cycle, now: Date): Result {
  const { id: cycleId, jurisdictionId } = cy;
  return db.transaction((tx) => {
    const before = getMidterm(tx, cycleId);
    if (before?.publishedAt) return refuse('期中报告已经发布');
    if (!before || before.summary.trim() === '') return refuse('请先填写并保存报告概述');
    const snapshot = liveMidterm(tx, cy, chinaDateOf(now));
    tx.update(midtermReport).set({ snapshot: JSON.stringify(snapshot), publishedAt: now, publishedBy: actor.id }).where(eq(midtermReport.cycleId, cycleId)).run();
    recordAudit(tx, actor, { action: 'midterm.publish', targetType: 'cycle', targetId: cycleId, jurisdictionId, after: { publishedAt: now.toISOString() } }, now);
    return ok();
  });
}

export interface MidtermRow {
  projectId: number; title: string; unitName: string; colour: Colour; status: string;
  plannedPct: number; reportedPct: number; budget: number; spent: number; latestMonth: string | null; problems: string;
  findings: { quarter: string; date: string; text: string; problems: string }[];
  openDemands: { demand: string; deadline: string; state: string; overdue: boolean }[];
}
export interface MidtermSnapshot { asOf: string; rows: MidtermRow[] }

/** The report's figures for every project as of today: plan against actual, spend, problems, findings, open demands. */
export function midtermRows(db: Db, items: readonly AssessedProject[], today: string): MidtermSnapshot {
  const visits = visitsOf(db, items.map((a) => a.project.id));
  return {
    asOf: today,
    rows: items.map((a) => ({
      projectId: a.project.id, title: a.project.title, unitName: a.project.unitName, colour: a.assessment.colour,
      status: PROJECT_STATUS_LABELS[a.project.status],
      plannedPct: a.assessment.plannedPct, reportedPct: a.assessment.reportedPct, budget: a.plan.budget,
      spent: a.spent, latestMonth: a.latest?.month ?? null, problems: a.latest?.problems ?? '',
      findings: visits.filter((v) => v.projectId === a.project.id).map((v) => ({ quarter: v.quarter, date: v.date, text: v.findings, problems: v.problems })),
      openDemands: a.rectifications.filter((r) => isRectificationOpen(r.state)).map((r) => ({
        demand: r.demand, deadline: r.deadline, state: RECTIFICATION_LABELS[r.state], overdue: isRectificationOverdue(r.state, r.deadline, today),
      })),
    })),
  };
}

/** The report's figures as they stand today: shown while drafting, frozen into the report when it is published. */
export function liveMidterm(db: Db, cy: Cycle, today: string): MidtermSnapshot {
  return midtermRows(db, assessCycle(db, cy, today, getSettings(db, cy.jurisdictionId)), today);
}

/** The published report's frozen figures, or today's while it is a draft. */
export function midtermSnapshot(db: Db, cy: Cycle, report: MidtermReport | undefined, today: string): MidtermSnapshot {
  return report?.snapshot ? JSON.parse(report.snapshot) as MidtermSnapshot : liveMidterm(db, cy, today);
}
