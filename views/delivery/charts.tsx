import type { DataTable } from '../../src/data/deliveryDashboard';

export interface ChartRow { label: string; segments: { value: number; cls: string }[]; marker?: number; valueText: string }

// One formatter for every number cell (toLocaleString builds a new one each call).
const zhNumber = new Intl.NumberFormat('zh-CN');

const W = 320; // viewBox units: about one CSS pixel on a phone, scaled up on a desktop
const BAR_W = 300;
const ROW_H = 40;

/**
 * A horizontal bar chart drawn on the server: a label over each bar, stacked segments, an optional marker
 * (the plan). Colours come from CSS classes; the numbers are in the table that follows every chart.
 */
export function BarChart(p: { title: string; rows: ChartRow[]; max: number; tableId: string }) {
  const h = Math.max(1, p.rows.length) * ROW_H + 4;
  const scale = (v: number) => (p.max > 0 ? (v / p.max) * BAR_W : 0);
  return (
    <figure class="chart">
      <figcaption>{p.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={`${p.title}（数据见下表）`} aria-describedby={p.tableId}>
        {p.rows.map((r, i) => {
          const y = i * ROW_H;
          let x = 0;
          return (
            <g>
              <text class="chart-label" x="0" y={String(y + 13)}>{r.label.length > 18 ? `${r.label.slice(0, 17)}…` : r.label}<tspan class="chart-value" dx="6">{r.valueText}</tspan></text>
              <rect class="chart-track" x="0" y={String(y + 18)} width={String(BAR_W)} height="14" />
              {r.segments.map((s) => {
                const w = scale(s.value);
                const el = <rect class={s.cls} x={String(x)} y={String(y + 18)} width={String(Math.max(0, w))} height="14" />;
                x += w;
                return el;
              })}
              {r.marker !== undefined && <rect class="chart-marker" x={String(Math.max(0, scale(r.marker) - 1))} y={String(y + 15)} width="2" height="20" />}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function DataTableView(p: { table: DataTable; csvHref: string }) {
  const t = p.table;
  return (
    <div class="table-wrap data-table">
      <table id={`t-${t.key}`} class="compact-sm">
        <caption>{t.title} <a class="no-print csv" href={p.csvHref} download>导出 CSV</a></caption>
        <thead><tr>{t.columns.map((col, i) => <th scope="col" class={t.numeric[i] ? 'num' : undefined}>{col}</th>)}</tr></thead>
        <tbody>
          {t.rows.length === 0 ? <tr><td colspan={t.columns.length} class="muted">无</td></tr> : t.rows.map((r) => (
            <tr>{r.map((v, i) => <td data-label={t.columns[i]} class={t.numeric[i] ? 'num' : undefined}>{v === null || v === undefined ? '' : typeof v === 'number' ? zhNumber.format(v) : v}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
