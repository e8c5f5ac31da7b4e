import { DUTY_ACTIVITY_LABELS, LEDGER_KIND_LABELS, LEDGER_KINDS, type LedgerCounts, type RepLedger } from './dutyLedger';
import type { ExportTable } from './rosterExport';
import { DUTY_ACTIVITY_KINDS } from './vocabulary';

export interface LedgerExportRow { name: string; community: string; counts: LedgerCounts }

const COUNT_COLUMNS: [string, (c: LedgerCounts) => number][] = [
  [LEDGER_KIND_LABELS.reception, (c) => c.reception],
  [LEDGER_KIND_LABELS.opinion, (c) => c.opinion],
  [LEDGER_KIND_LABELS.suggestion, (c) => c.suggestion],
  [LEDGER_KIND_LABELS.session, (c) => c.session],
  [LEDGER_KIND_LABELS.poll, (c) => c.poll],
  ...DUTY_ACTIVITY_KINDS.map((k): [string, (c: LedgerCounts) => number] => [DUTY_ACTIVITY_LABELS[k], (c) => c.activities[k]]),
  ['合计', (c) => c.total],
];

/** The year's ledger as a table for Excel and CSV: one line per representative, counts as numbers. */
export function ledgerTable(year: number, rows: readonly LedgerExportRow[]): ExportTable {
  return {
    header: ['年度', '代表', '村（社区）', ...COUNT_COLUMNS.map(([h]) => h)],
    kinds: ['number', 'plain', 'plain', ...COUNT_COLUMNS.map(() => 'number' as const)],
    rows: rows.map((r) => [String(year), r.name, r.community, ...COUNT_COLUMNS.map(([, f]) => String(f(r.counts)))]),
  };
}

/** One representative's entries, kind by kind in date order: what their report to voters is written from. */
export function entriesTable(year: number, repName: string, ledger: RepLedger): ExportTable {
  return {
    header: ['年度', '代表', '类别', '日期', '活动类别', '内容'],
    kinds: ['number', 'plain', 'plain', 'date', 'plain', 'plain'],
    rows: LEDGER_KINDS.flatMap((k) => ledger.byKind[k].map((e) => [
      String(year), repName, LEDGER_KIND_LABELS[k], e.date, e.activity ? DUTY_ACTIVITY_LABELS[e.activity] : '', e.detail,
    ])),
  };
}
