import type { DataTable } from '../../src/data/deliveryDashboard';
import { groupedNumber } from '../../src/domain/numberText';

/** A dashboard table as the page shows it; the CSV export is built from the same DataTable. */
export function DataTableView(p: { table: DataTable; csvHref: string }) {
  const t = p.table;
  return (
    <div class="table-wrap data-table">
      <table id={`t-${t.key}`} class="compact-sm">
        <caption>{t.title} <a class="no-print csv" href={p.csvHref} download>导出 CSV</a></caption>
        <thead><tr>{t.columns.map((col, i) => <th scope="col" class={t.numeric[i] ? 'num' : undefined}>{col}</th>)}</tr></thead>
        <tbody>
          {t.rows.length === 0 ? <tr><td colspan={t.columns.length} class="muted">无</td></tr> : t.rows.map((r) => (
            <tr>{r.map((v, i) => <td data-label={t.columns[i]} class={t.numeric[i] ? 'num' : undefined}>{v === null || v === undefined ? '' : typeof v === 'number' ? groupedNumber(v) : v}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
