import type { Cycle } from '../../src/data/cycles';
import type { CycleDashboard, DataTable, TownRow } from '../../src/data/deliveryDashboard';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import { pct1, type DeliveryStats } from '../../src/domain/deliveryStats';
import { COLOURS, COLOUR_LABELS } from '../../src/domain/schedule';
import { fmtYuan } from '../components/format';
import { BarChart, fundsRow, SatisfactionChart, type LegendItem } from '../components/BarChart';
import { PROJECT_STATUSES } from '../../src/domain/vocabulary';
import { PROJECT_STATUS_LABELS } from '../../src/domain/projectStatus';
import { DataTableView } from './charts';
import { DeliveryHeader } from './ProjectPages';

function Tiles(p: { s: DeliveryStats }) {
  const s = p.s;
  return (
    <dl class="tiles">
      <div><dt>项目</dt><dd>{s.projects}</dd></div>
      <div><dt>按时报送率</dt><dd>{pct1(s.onTimeRate)}</dd></div>
      <div><dt>逾期未报</dt><dd>{s.reports.overdue} 个月次</dd></div>
      <div><dt>未结整改</dt><dd>{s.openDemands} 项{s.overdueDemands > 0 && <small>（逾期 {s.overdueDemands}）</small>}</dd></div>
      <div><dt>已支出 / 预算</dt><dd>{fmtYuan(s.spent)}<small> / {fmtYuan(s.budget)}</small></dd></div>
      <div><dt>代表评议满意率</dt><dd>{s.satisfaction ? pct1(s.satisfaction.rate) : '未评议'}</dd></div>
    </dl>
  );
}

const FUNDS_LEGEND: LegendItem[] = [{ cls: 'fill-spent', label: '已支出（预算以内）' }, { cls: 'fill-over', pattern: 'hatch', label: '超出预算部分' }];

export function CycleDashboardPage(p: { j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; d: CycleDashboard; today: string }) {
  const csv = (k: string) => `/j/${p.j.code}/cycles/${p.cycle.year}/dashboard/${k}.csv`;
  const t = (k: string) => p.d.tables.find((x) => x.key === k)!;
  const s = p.d.stats;
  return (
    <section class="dashboard">
      <DeliveryHeader j={p.j} cycle={p.cycle} title="实施情况统计" tabs={p.tabs} current="/dashboard" />
      <p class="muted">截至 {p.today}。按时报送率 = 按时报送 ÷（按时报送 + 逾期补报 + 逾期未报），尚未到截止日的月份不计入。</p>
      <Tiles s={s} />
      <div class="chart-grid">
        <div>
          <BarChart id="c-colours" title="督办亮灯" tableId="t-colours" max={Math.max(1, s.projects)}
            rows={COLOURS.map((c) => ({ label: COLOUR_LABELS[c], segments: [{ value: s.byColour[c], cls: `fill-${c}` }], valueText: `${s.byColour[c]} 个` }))} />
          <DataTableView table={t('colours')} csvHref={csv('colours')} />
        </div>
        <div>
          <BarChart id="c-status" title="项目状态" tableId="t-status" max={Math.max(1, s.projects)}
            rows={PROJECT_STATUSES.map((st) => ({ label: PROJECT_STATUS_LABELS[st], segments: [{ value: s.byStatus[st], cls: 'fill-blue' }], valueText: `${s.byStatus[st]} 个` }))} />
          <DataTableView table={t('status')} csvHref={csv('status')} />
        </div>
      </div>
      <div class="chart-grid">
        <BarChart id="c-progress" title="计划与实际进度（竖线为计划）" tableId="t-projects" max={100}
          rows={p.d.items.map((a) => ({
            label: a.project.title, segments: [{ value: a.assessment.reportedPct, cls: `fill-${a.assessment.colour}`, label: `${a.assessment.reportedPct}%` }], marker: a.assessment.plannedPct,
            valueText: `实际 ${a.assessment.reportedPct}% / 计划 ${Math.round(a.assessment.plannedPct)}%`,
          }))} />
        <BarChart id="c-funds" title="资金支出（每个项目按自己的预算计，满格为预算）" tableId="t-projects" legend={FUNDS_LEGEND}
          rows={p.d.items.map((a) => fundsRow(a.project.title, a.spent, a.plan.budget))} />
      </div>
      <DataTableView table={t('projects')} csvHref={csv('projects')} />
      <DataTableView table={t('reports')} csvHref={csv('reports')} />
      <DataTableView table={t('overdue')} csvHref={csv('overdue')} />
      <DataTableView table={t('demands')} csvHref={csv('demands')} />
      <SatisfactionChart id="c-satisfaction" title="代表年底评议（每个项目按自己的有效评价数计）" tableId="t-satisfaction"
        rows={p.d.items.map((a) => ({ label: a.project.title, counts: a.evaluation }))} />
      <DataTableView table={t('satisfaction')} csvHref={csv('satisfaction')} />
    </section>
  );
}

export function DistrictDashboardPage(p: { district: Jurisdiction; year: number; rows: TownRow[]; table: DataTable; today: string; years: number[] }) {
  const withStats = p.rows.filter((r) => r.stats);
  return (
    <section class="dashboard">
      <p class="muted no-print"><a href={`/j/${p.district.code}`}>{p.district.name}</a></p>
      <h1>{p.district.name} {p.year} 年度民生实事项目实施统计</h1>
      <nav class="tabs no-print" aria-label="年度">
        {p.years.map((y) => <a href={`/j/${p.district.code}/delivery/${y}`} aria-current={y === p.year ? 'page' : undefined}>{y} 年度</a>)}
      </nav>
      <p class="muted">截至 {p.today}，各镇街按各自的参数设置计算亮灯和逾期。</p>
      <div class="chart-grid">
      <BarChart id="c-town-colours" title="各镇街项目亮灯" tableId="t-towns" legend={COLOURS.map((c) => ({ cls: `fill-${c}`, label: COLOUR_LABELS[c] }))} max={Math.max(1, ...withStats.map((r) => r.stats!.projects))}
        rows={withStats.map((r) => ({
          label: r.town.name, segments: COLOURS.map((c) => ({ value: r.stats!.byColour[c], cls: `fill-${c}`, label: String(r.stats!.byColour[c]) })),
          valueText: `${r.stats!.projects} 个项目，红灯 ${r.stats!.byColour.red}`,
        }))} />
      <BarChart id="c-town-ontime" title="各镇街按时报送率" tableId="t-towns" max={100}
        rows={withStats.map((r) => ({
          label: r.town.name, segments: [{ value: r.stats!.onTimeRate ? (r.stats!.onTimeRate.num * 100) / r.stats!.onTimeRate.den : 0, cls: 'fill-green' }],
          valueText: pct1(r.stats!.onTimeRate),
        }))} />
      <BarChart id="c-town-funds" title="各镇街资金支出（每个镇街按自己的预算计，满格为预算）" tableId="t-towns" legend={FUNDS_LEGEND}
        rows={withStats.map((r) => fundsRow(r.town.name, r.stats!.spent, r.stats!.budget))} />
      <SatisfactionChart id="c-town-satisfaction" title="各镇街代表年底评议" tableId="t-towns"
        rows={withStats.map((r) => ({ label: r.town.name, counts: r.stats!.satisfaction?.counts }))} />
      </div>
      <DataTableView table={p.table} csvHref={`/j/${p.district.code}/delivery/${p.year}/towns.csv`} />
      <h2>各镇街明细</h2>
      <ul>
        {p.rows.map((r) => <li>{r.cycle ? <a href={`/j/${r.town.code}/cycles/${p.year}/dashboard`}>{r.town.name}</a> : <>{r.town.name} <span class="muted">（本年度无工作）</span></>}</li>)}
      </ul>
    </section>
  );
}
