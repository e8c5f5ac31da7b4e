import type { Db } from '../../db/client';
import { deliveryStats, pct1, type DeliveryStats } from '../domain/deliveryStats';
import { PROJECT_STATUSES } from '../domain/vocabulary';
import { PROJECT_STATUS_LABELS } from '../domain/projectStatus';
import { RECTIFICATION_LABELS, isRectificationOverdue } from '../domain/rectification';
import { satisfactionRate } from '../domain/satisfaction';
import { COLOURS, COLOUR_LABELS, daysBetween, type Colour } from '../domain/schedule';
import type { Settings } from '../domain/settings';
import type { Cell } from '../http/csv';
import { cyclesOfYear, yearsOf, type Cycle } from './cycles';
import { assessCycle, assessCycles, type AssessedProject } from './delivery';
import { childrenOf, type Jurisdiction } from './jurisdictions';
import { settingsOfMany } from './settings';
import { keptUntilWrite } from './keptUntilWrite';

/** A table as both the page and the CSV export show it: one definition, so the numbers cannot differ. */
export interface DataTable { key: string; title: string; columns: string[]; numeric: boolean[]; rows: Cell[][] }

const pct0 = (n: number) => Math.round(n);

export function statsOf(items: readonly AssessedProject[]): DeliveryStats {
  return deliveryStats(items.map((a) => ({
    status: a.project.status, colour: a.assessment.colour, standings: a.assessment.standings, budget: a.plan.budget,
    spent: a.spent, openDemands: a.openDemands, overdueDemands: a.overdueDemands,
    evaluation: a.evaluation ? { satisfied: a.evaluation.satisfied, basic: a.evaluation.basic, dissatisfied: a.evaluation.dissatisfied } : undefined,
  })));
}

export interface CycleDashboard { items: AssessedProject[]; stats: DeliveryStats; tables: DataTable[] }

export function cycleDashboard(db: Db, cycle: Cycle, today: string, settings: Settings): CycleDashboard {
  const items = assessCycle(db, cycle, today, settings);
  const stats = statsOf(items);
  const tables: DataTable[] = [
    {
      key: 'colours', title: '督办亮灯', columns: ['亮灯', '项目数'], numeric: [false, true],
      rows: COLOURS.map((c) => [COLOUR_LABELS[c], stats.byColour[c]]),
    },
    {
      key: 'status', title: '项目状态', columns: ['状态', '项目数'], numeric: [false, true],
      rows: PROJECT_STATUSES.map((s) => [PROJECT_STATUS_LABELS[s], stats.byStatus[s]]),
    },
    {
      key: 'projects', title: '项目进度与资金',
      columns: ['项目', '承办单位', '状态', '亮灯', '计划进度(%)', '实际进度(%)', '预算(元)', '已支出(元)', '支出占预算(%)', '逾期未报(月)', '未结整改(项)'],
      numeric: [false, false, false, false, true, true, true, true, true, true, true],
      rows: items.map((a) => [
        a.project.title, a.project.unitName, PROJECT_STATUS_LABELS[a.project.status], COLOUR_LABELS[a.assessment.colour],
        pct0(a.assessment.plannedPct), a.assessment.reportedPct, a.plan.budget, a.spent,
        a.plan.budget > 0 ? pct0(((a.spent) * 100) / a.plan.budget) : '—',
        a.assessment.standings.filter((s) => s.standing === 'overdue').length, a.openDemands,
      ]),
    },
    {
      key: 'reports', title: '月度进展报送', columns: ['项目', '按时报送', '逾期补报', '逾期未报', '按时报送率'],
      numeric: [false, true, true, true, true],
      rows: items.map((a) => {
        const n = (s: string) => a.assessment.standings.filter((x) => x.standing === s).length;
        const den = n('onTime') + n('late') + n('overdue');
        return [a.project.title, n('onTime'), n('late'), n('overdue'), pct1(den ? { num: n('onTime'), den } : null)];
      }),
    },
    {
      key: 'overdue', title: '逾期未报明细', columns: ['项目', '月份', '报送截止日', '已逾期(天)'], numeric: [false, false, false, true],
      rows: items.flatMap((a) => a.assessment.standings.filter((s) => s.standing === 'overdue')
        .map((s) => [a.project.title, s.month, s.due, daysBetween(s.due, today)])),
    },
    {
      key: 'demands', title: '整改要求', columns: ['项目', '整改要求', '期限', '状态', '是否逾期'], numeric: [false, false, false, false, false],
      rows: items.flatMap((a) => a.rectifications.map((r) => [
        a.project.title, r.demand, r.deadline, RECTIFICATION_LABELS[r.state], isRectificationOverdue(r.state, r.deadline, today) ? '逾期' : '',
      ])),
    },
    {
      key: 'satisfaction', title: '满意度',
      columns: ['项目', '代表评议·满意', '基本满意', '不满意', '满意率', '须整改', '群众评价·满意', '基本满意', '不满意', '群众满意率'],
      numeric: [false, true, true, true, true, false, true, true, true, true],
      rows: items.map((a) => {
        const e = a.evaluation;
        const r = a.residents;
        return [
          a.project.title, e?.satisfied ?? '', e?.basic ?? '', e?.dissatisfied ?? '',
          e ? pct1(satisfactionRate(e)) : '未评议', e ? (e.marked ? '是' : '否') : '',
          r?.satisfied ?? 0, r?.basic ?? 0, r?.dissatisfied ?? 0, pct1(r ? satisfactionRate(r) : null),
        ];
      }),
    },
  ];
  return { items, stats, tables };
}

export interface TownRow { town: Jurisdiction; cycle: Cycle | undefined; stats: DeliveryStats | undefined }

/** Across the district's townships and subdistricts for one year: one row each, assessed with its own settings. */
export function districtDashboard(db: Db, district: Jurisdiction, year: number, today: string): { rows: TownRow[]; table: DataTable } {
  // Read from the database alone, for this district and year, on this China date: kept until the next write.
  return keptUntilWrite(db, `districtDashboard|${district.id}|${year}|${today}`, () => districtDashboardNow(db, district, year, today));
}

function districtDashboardNow(db: Db, district: Jurisdiction, year: number, today: string): { rows: TownRow[]; table: DataTable } {
  const towns = childrenOf(db, district.id).filter((t) => t.kind === 'township' || t.kind === 'subdistrict');
  const cycles = new Map(cyclesOfYear(db, towns.map((t) => t.id), year).map((cy) => [cy.jurisdictionId, cy]));
  const settings = settingsOfMany(db, [...cycles.keys()]);
  const assessed = assessCycles(db, [...cycles.values()].map((cy) => ({ cycle: cy, settings: settings.get(cy.jurisdictionId)! })), today);
  const rows = towns.map((town) => {
    const cycle = cycles.get(town.id);
    return { town, cycle, stats: cycle ? statsOf(assessed.get(cycle.id) ?? []) : undefined };
  });
  const colour = (s: DeliveryStats | undefined, c: Colour) => s?.byColour[c] ?? '';
  return {
    rows,
    table: {
      key: 'towns', title: '各镇街汇总',
      columns: ['镇街', '项目数', '蓝灯', '绿灯', '黄灯', '橙灯', '红灯', '按时报送率', '逾期未报(月)', '未结整改', '逾期整改', '预算(元)', '已支出(元)', '满意率', '评议·满意', '基本满意', '不满意'],
      numeric: [false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true],
      rows: rows.map(({ town, stats: s }) => [
        town.name, s?.projects ?? '无年度工作', colour(s, 'blue'), colour(s, 'green'), colour(s, 'yellow'), colour(s, 'orange'), colour(s, 'red'),
        s ? pct1(s.onTimeRate) : '', s?.reports.overdue ?? '', s?.openDemands ?? '', s?.overdueDemands ?? '', s?.budget ?? '', s?.spent ?? '',
        s?.satisfaction ? pct1(s.satisfaction.rate) : s ? '未评议' : '',
        s?.satisfaction?.counts.satisfied ?? '', s?.satisfaction?.counts.basic ?? '', s?.satisfaction?.counts.dissatisfied ?? '',
      ]),
    },
  };
}


/** The years any township or subdistrict of the district has a cycle for, newest first (the dashboard's year links). */
export function districtYears(db: Db, district: Jurisdiction): number[] {
  return yearsOf(db, childrenOf(db, district.id).map((t) => t.id));
}
