import type { Db } from '../../db/client';
import { assessProject, type Assessment, type Plan } from '../domain/schedule';
import { isRectificationOpen, isRectificationOverdue } from '../domain/rectification';
import type { Settings } from '../domain/settings';
import { chinaDateOf } from '../domain/chinaDate';
import type { Cycle } from './cycles';
import { descendantIds } from './jurisdictions';
import { getStationByShortCode, type Station } from './stations';
import { evaluationsOf, type EvaluationResult, type FollowUp } from './evaluation';
import { residentRatings } from './feedback';
import { ratingWindowsOf } from './feedbackWindow';
import { reportsOf, type ReportWithPhotos } from './progress';
import { currentPlans, projectsOfCycles, type Project } from './projects';
import { carriedProgress, type CarriedProgress } from './carriedProgress';
import { keptUntilWrite } from './keptUntilWrite';
import { amendmentsOf, haltsFrom, type Amendment } from './amendments';
import { implementationPlansOf, type ImplementationPlan } from './implementationPlan';
import { achievedPct, type SoftTarget } from '../domain/softTarget';
import { assignmentsOfCycle, rectificationsOf, type Rectification } from './supervision';
import type { RatingCounts } from '../domain/satisfaction';

/** One project as supervision sees it today: plan, reports, demands and the schedule rules' verdict. */
export interface AssessedProject {
  project: Project;
  plan: Plan;
  reports: ReportWithPhotos[];
  latest: ReportWithPhotos | undefined;
  /** Cumulative spend: the latest report's, else what a carried-over project was carried with, else 0. */
  spent: number;
  /** 跨年度项目: where it stood when carried over from the previous year. */
  carried: CarriedProgress | undefined;
  assessment: Assessment;
  rectifications: Rectification[];
  openDemands: number;
  overdueDemands: number;
  groupId: number | null;
  evaluation: EvaluationResult | undefined;
  followUp: FollowUp | undefined;
  residents: RatingCounts | undefined;
  /** 软项目: the target in units (the reports' achieved units are measured against it); undefined for works. */
  target: SoftTarget | undefined;
  /** 实施方案, when one was started (its publication deadline is the clerk's to watch). */
  implementationPlan: ImplementationPlan | undefined;
  /** Every amendment asked or decided, in order (a halt comes from the decided ones). */
  amendments: Amendment[];
}

/** Every project of the cycle, assessed as of `today` (a China date) with the jurisdiction's settings. */
function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function assessCycle(db: Db, cycle: Cycle, today: string, settings: Settings): AssessedProject[] {
  return assessCycles(db, [{ cycle, settings }], today).get(cycle.id) ?? [];
}

/** One project of the cycle, assessed alone: a project's verdict reads only its own rows, never its neighbours'. */
export function assessOne(db: Db, cycle: Cycle, projectId: number, today: string, settings: Settings): AssessedProject | undefined {
  return assessCycles(db, [{ cycle, settings }], today, projectId).get(cycle.id)?.[0];
}

export interface CycleToAssess { cycle: Cycle; settings: Settings }

const byProject = <T extends { projectId: number }>(rows: readonly T[]): Map<number, T[]> => groupBy(rows, (r) => r.projectId);

/**
 * Several cycles at once, each with its own jurisdiction's settings (a district's townships side by side): one
 * read per kind of row for all of them, not one per township. By cycle id, each cycle's projects in list order.
 */
export function assessCycles(db: Db, cycles: readonly CycleToAssess[], today: string, onlyProjectId?: number): Map<number, AssessedProject[]> {
  if (onlyProjectId !== undefined) return assessNow(db, cycles, today, onlyProjectId);
  // The verdicts follow from the database, the settings they are judged with and the China date: kept until the
  // next write. Pages only read them.
  const key = `assessCycles|${today}|${cycles.map((c) => `${c.cycle.id}:${JSON.stringify(c.settings)}`).join('|')}`;
  return keptUntilWrite(db, key, () => assessNow(db, cycles, today));
}

function assessNow(db: Db, cycles: readonly CycleToAssess[], today: string, onlyProjectId?: number): Map<number, AssessedProject[]> {
  const all = projectsOfCycles(db, cycles.map((c) => c.cycle.id));
  const projects = onlyProjectId === undefined ? all : all.filter((p) => p.id === onlyProjectId);
  const ids = projects.map((p) => p.id);
  const plans = currentPlans(db, projects);
  const reports = byProject(reportsOf(db, ids));
  const rects = byProject(rectificationsOf(db, ids));
  const groups = assignmentsOfCycle(db, ids);
  const evals = evaluationsOf(db, ids);
  const windows = ratingWindowsOf(db, cycles.map((c) => c.cycle.id));
  const residents = new Map<number, RatingCounts>();
  for (const [cycleId, window] of windows) {
    for (const [id, counts] of residentRatings(db, projects.filter((p) => p.cycleId === cycleId).map((p) => p.id), window)) residents.set(id, counts);
  }
  const carried = carriedProgress(db, ids);
  const amendments = amendmentsOf(db, ids);
  const amendmentsBy = byProject(amendments);
  const halts = haltsFrom(amendments);
  const implementationPlans = implementationPlansOf(db, ids);
  const out = new Map<number, AssessedProject[]>(cycles.map((c) => [c.cycle.id, []]));
  const byCycle = new Map(cycles.map((c) => [c.cycle.id, c]));
  for (const project of projects) {
    const { cycle, settings } = byCycle.get(project.cycleId)!;
    const plan = plans.get(project.id)!;
    const mine = reports.get(project.id) ?? [];
    const rectifications = rects.get(project.id) ?? [];
    const overdueDemands = rectifications.filter((r) => isRectificationOverdue(r.state, r.deadline, today)).length;
    const from = carried.get(project.id);
    const implementationPlan = implementationPlans.get(project.id);
    const target = implementationPlan?.target ?? undefined;
    // A soft project is judged on the exact share of its target achieved, so the tolerance is a share of the target.
    const pctOf = (r: ReportWithPhotos) => (target && r.achievedUnits !== null ? achievedPct(r.achievedUnits, target) : r.pct);
    const assessment = assessProject({
      completed: project.status === 'completed', carriedPct: from?.pct,
      plan, cycleYear: cycle.year, today, dueDay: settings.reportDueDay,
      tolerancePct: settings.progressTolerancePct, seriousLagPct: settings.seriousLagPct,
      accepted: project.status === 'accepted', overdueRectification: overdueDemands > 0,
      halted: halts.get(project.id),
      // The rules read only the judged report's milestones: the others are not parsed.
      reports: mine.map((r) => ({ month: r.month, pct: pctOf(r), filedOn: chinaDateOf(r.filedAt), get milestones() { return r.reported; } })),
    });
    out.get(cycle.id)!.push({
      project, plan, reports: mine, latest: mine.at(-1), spent: mine.at(-1)?.spent ?? from?.spent ?? 0, carried: from, assessment, rectifications,
      openDemands: rectifications.filter((r) => isRectificationOpen(r.state)).length, overdueDemands,
      groupId: groups.get(project.id) ?? null,
      evaluation: evals.results.get(project.id), followUp: evals.followUps.get(project.id), residents: residents.get(project.id), target,
      implementationPlan, amendments: amendmentsBy.get(project.id) ?? [],
    });
  }
  return out;
}

/** A station whose notice board (公示栏) shows this jurisdiction's projects: active, and within the jurisdiction. */
export function boardStation(db: Db, jurisdictionId: number, shortCode: string): Station | undefined {
  const s = getStationByShortCode(db, shortCode);
  return s && s.active && descendantIds(db, jurisdictionId).includes(s.jurisdictionId) ? s : undefined;
}
