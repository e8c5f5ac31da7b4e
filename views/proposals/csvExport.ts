import type { IntakeRow } from '../../src/data/proposals';
import { excelText, toCsv } from '../../src/domain/csv';
import { CSV_COLUMNS } from '../../src/domain/proposalCsv';
import { CATEGORY_LABELS, CHANNEL_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../src/domain/proposalLabels';
import { fmtDateTime } from '../components/format';

/** A personal matter (个人事项) leaves the office only masked: no text, name, phone or place. */
export function minimal(r: IntakeRow): IntakeRow {
  return r.personalMatter ? { ...r, description: '', proposerName: '', proposerPhone: '', placeName: '（不公开）', lat: null, lng: null } : r;
}

/**
 * The export: the import columns (so a clerk recognizes them) with the receipt first and the processing columns last.
 * Phones and receipts are written as text cells: Excel would show 13912345678 as 1.39E+10.
 */
export function proposalsCsv(rows: IntakeRow[], wholeArea: string): string {
  return toCsv([
    ['回执号', ...CSV_COLUMNS.map((col) => col.header).filter((h) => h !== '站点简码'), '站点', '提交渠道', '状态', '提交时间'],
    ...rows.map(minimal).map((r) => [
      excelText(r.receipt), r.title, r.description, r.placeName ?? wholeArea, CATEGORY_LABELS[r.category], r.estimatedCost, r.fundingSource,
      r.fiscalSharePct, r.beneficiaries, r.beneficiaryCount, r.durationMonths, r.crossYear ? '是' : '否', r.proposerName,
      excelText(r.proposerPhone), SOURCE_LABELS[r.source], r.lat, r.lng, r.stationName ?? '', CHANNEL_LABELS[r.entryChannel],
      STATUS_LABELS[r.status], fmtDateTime(r.createdAt),
    ]),
  ]);
}
