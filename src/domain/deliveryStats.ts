import type { ProjectStatus } from './projectStatus';
import { overallCounts, satisfactionRate, type RatingCounts } from './satisfaction';
import { COLOURS, type Colour, type ReportStanding } from './schedule';

export interface StatsItem {
  status: ProjectStatus;
  colour: Colour;
  standings: readonly { standing: ReportStanding }[];
  budget: number;
  spent: number;
  openDemands: number;
  overdueDemands: number;
  evaluation?: RatingCounts;
}

export interface DeliveryStats {
  projects: number;
  byStatus: Record<ProjectStatus, number>;
  byColour: Record<Colour, number>;
  reports: Record<'onTime' | 'late' | 'overdue' | 'open', number>;
  /** 按时报送率 = on time / (on time + filed late + overdue and missing); months not yet due are left out. */
  onTimeRate: { num: number; den: number } | null;
  openDemands: number;
  overdueDemands: number;
  budget: number;
  spent: number;
  /** Pooled over the projects evaluated so far; null when none is. */
  satisfaction: { counts: RatingCounts; rate: { num: number; den: number } | null } | null;
}

export function deliveryStats(items: readonly StatsItem[]): DeliveryStats {
  const byStatus: Record<ProjectStatus, number> = { planned: 0, inProgress: 0, completed: 0, accepted: 0 };
  const byColour = Object.fromEntries(COLOURS.map((c) => [c, 0])) as Record<Colour, number>;
  const reports = { onTime: 0, late: 0, overdue: 0, open: 0 };
  let openDemands = 0, overdueDemands = 0, budget = 0, spent = 0;
  for (const i of items) {
    byStatus[i.status]++;
    byColour[i.colour]++;
    for (const s of i.standings) if (s.standing !== 'notYet') reports[s.standing]++;
    openDemands += i.openDemands;
    overdueDemands += i.overdueDemands;
    budget += i.budget;
    spent += i.spent;
  }
  const den = reports.onTime + reports.late + reports.overdue;
  const evaluated = items.flatMap((i) => (i.evaluation ? [i.evaluation] : []));
  const counts = overallCounts(evaluated);
  return {
    projects: items.length, byStatus, byColour, reports, onTimeRate: den === 0 ? null : { num: reports.onTime, den },
    openDemands, overdueDemands, budget, spent,
    satisfaction: evaluated.length === 0 ? null : { counts, rate: satisfactionRate(counts) },
  };
}

/** A share as a percentage with one decimal, for tables and CSV; null → '—'. */
export function pct1(r: { num: number; den: number } | null): string {
  return r && r.den > 0 ? `${(Math.round((r.num * 1000) / r.den) / 10).toFixed(1)}%` : '—';
}
