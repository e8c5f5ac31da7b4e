import { BOM, csvCell } from './csv';
import { RETIRE_REASON_LABELS } from './roster';
import { columnLabels, type ColumnKey } from './rosterImport';
import type { RepBody, RetireReason } from './vocabulary';

/**
 * The roster as a table for Excel: the import's own headers, so an exported file imports again unchanged.
 * `text` columns hold digits Excel must not turn into numbers (1.38E+10, a landline's leading 0).
 */
export type ExportKind = 'plain' | 'text' | 'date' | 'number';
export interface ExportTable { header: string[]; kinds: ExportKind[]; rows: string[][] }

const COLUMNS: [ColumnKey, ExportKind][] = [
  ['name', 'plain'], ['community', 'plain'], ['sector', 'plain'], ['phone', 'text'], ['termFrom', 'date'], ['termTo', 'date'],
  ['status', 'plain'], ['byElection', 'plain'], ['seatedOn', 'date'], ['retiredOn', 'date'], ['retireReason', 'plain'],
  ['retireNote', 'plain'], ['username', 'text'],
];

export interface ExportRep {
  name: string; community: string; sector: string; phone: string; termFrom: string | null; termTo: string | null;
  status: 'seated' | 'retired'; byElection: boolean; seatedOn: string | null; retiredOn: string | null;
  retireReason: RetireReason | null; retireNote: string | null; username: string | null;
}

export function rosterTable(body: RepBody, reps: readonly ExportRep[]): ExportTable {
  const labels = columnLabels(body);
  const cell = (r: ExportRep, k: ColumnKey): string => {
    switch (k) {
      case 'status': return r.status === 'seated' ? '在册' : '离任';
      case 'byElection': return r.byElection ? '是' : '';
      case 'retireReason': return r.retireReason ? RETIRE_REASON_LABELS[r.retireReason] : '';
      default: return r[k] ?? '';
    }
  };
  return {
    header: COLUMNS.map(([k]) => labels[k]),
    kinds: COLUMNS.map(([, kind]) => kind),
    rows: reps.map((r) => COLUMNS.map(([k]) => cell(r, k))),
  };
}

/** The import template: the headers and one example line a clerk overwrites. */
export function rosterTemplate(body: RepBody, places: readonly string[]): ExportTable {
  return rosterTable(body, [{
    name: '张三', community: places[0] ?? (body === 'congress' ? '某某村' : '某某社区'), sector: body === 'congress' ? '农业' : '社区工作者',
    phone: '13800000000', termFrom: '2026-01-01', termTo: '2030-12-31', status: 'seated', byElection: false, seatedOn: null,
    retiredOn: null, retireReason: null, retireNote: null, username: null,
  }]);
}

/**
 * CSV that Excel opens with the phones intact: a text column's digits are written as the formula ="13800000000",
 * which Excel shows as text (a bare 13800000000 shows as 1.38E+10 in a narrow column and is saved back that way).
 * Only digits and dashes go into the formula, so nothing else can run.
 */
export function rosterCsv(table: ExportTable): string {
  const line = (cells: readonly string[], kinds?: readonly ExportKind[]) =>
    cells.map((v, i) => (kinds?.[i] === 'text' && /^[\d-]+$/.test(v) ? `"=""${v}"""` : csvCell(v))).join(',');
  return BOM + [line(table.header), ...table.rows.map((r) => line(r, table.kinds))].join('\r\n') + '\r\n';
}
