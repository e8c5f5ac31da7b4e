import { parse } from 'csv-parse/sync';
import { unwrapExcelText } from './csv';
import { CATEGORY_LABELS, SOURCE_LABELS, type ProposalCategory, type ProposalSource } from './proposalLabels';
import { staffProposalSchema, type ProposalInput } from './proposalInput';

/**
 * Paper and spreadsheet submissions (批量导入): one row per proposal, Chinese headers, Chinese values
 * (类别 “教育”, 是否跨年度 “是/否”, 村/社区 by name). Validated row by row with the same rules as the forms.
 */
export const CSV_COLUMNS = [
  { header: '项目名称', field: 'title' },
  { header: '项目内容', field: 'description' },
  { header: '村/社区', field: 'place' },
  { header: '类别', field: 'category' },
  { header: '估算投资（元）', field: 'estimatedCost' },
  { header: '资金来源', field: 'fundingSource' },
  { header: '财政资金占比（%）', field: 'fiscalSharePct' },
  { header: '受益对象', field: 'beneficiaries' },
  { header: '受益人数', field: 'beneficiaryCount' },
  { header: '工期（月）', field: 'durationMonths' },
  { header: '是否跨年度', field: 'crossYear' },
  { header: '提议人', field: 'proposerName' },
  { header: '联系电话', field: 'proposerPhone' },
  { header: '来源', field: 'source' },
  { header: '站点简码', field: 'station' },
  { header: '纬度', field: 'lat' },
  { header: '经度', field: 'lng' },
] as const;

export const MAX_IMPORT_ROWS = 1000;

export interface CsvIssue { row: number | null; column: string | null; message: string }
export type CsvResult = { ok: true; rows: ProposalInput[] } | { ok: false; issues: CsvIssue[] };

export interface CsvContext {
  /** The jurisdiction's villages/communities by name; the whole-area words (全镇…) mean none. */
  places: readonly { id: number; name: string }[];
  stationCodes: readonly string[];
  wholeArea: string;
}

const headerKey = (h: string) => h.normalize('NFKC').replace(/[\s*＊]/g, '');
const HEADER_FIELDS = new Map<string, string>(CSV_COLUMNS.map((c) => [headerKey(c.header), c.field]));
const FIELD_HEADERS = new Map<string, string>(CSV_COLUMNS.map((c) => [c.field, c.header]));

const byLabel = <K extends string>(labels: Record<K, string>) =>
  new Map<string, K>(Object.entries(labels).map(([k, v]) => [headerKey(v as string), k as K]));
const CATEGORY_BY_LABEL = byLabel<ProposalCategory>(CATEGORY_LABELS);
const SOURCE_BY_LABEL = byLabel<ProposalSource>(SOURCE_LABELS);
SOURCE_BY_LABEL.set(headerKey('村委会'), 'villageCommittee');
SOURCE_BY_LABEL.set(headerKey('居委会'), 'villageCommittee');
SOURCE_BY_LABEL.set(headerKey('部门'), 'department');

const YES = new Set(['是', 'yes', 'y', '1', '跨年度']);
const NO = new Set(['否', 'no', 'n', '0', '']);

const PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合（某个单元格以 " 开头却没有结束的 "）',
  CSV_INVALID_CLOSING_QUOTE: '引号位置有误（单元格内的 " 须写成 ""）',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号位置有误（单元格内的 " 须写成 ""）',
};

function parseRecords(text: string): { ok: true; records: string[][] } | { ok: false; issue: CsvIssue } {
  try {
    const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    return { ok: true, records };
  } catch (e) {
    const err = e as { code?: string; lines?: number };
    const what = PARSE_ERRORS[err.code ?? ''] ?? '文件格式无法识别，请用 Excel 或 WPS“另存为 CSV（UTF-8）”后再上传';
    return { ok: false, issue: { row: err.lines ?? null, column: null, message: `CSV 格式有误：${what}` } };
  }
}

/** Every problem of the file at once: the header, then each row's fields, named by row number and column. */
export function parseProposalCsv(text: string, ctx: CsvContext): CsvResult {
  const parsed = parseRecords(text);
  if (!parsed.ok) return { ok: false, issues: [parsed.issue] };
  const [header, ...records] = parsed.records.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!header) return { ok: false, issues: [{ row: null, column: null, message: '文件是空的：请使用下载的模板，第 1 行为表头' }] };

  const fields = header.map((h) => HEADER_FIELDS.get(headerKey(h)));
  const issues: CsvIssue[] = [];
  const unknown = header.filter((h, i) => !fields[i] && h.trim() !== '');
  const missing = CSV_COLUMNS.filter((c) => !fields.includes(c.field)).map((c) => c.header);
  const dup = CSV_COLUMNS.filter((c) => fields.filter((f) => f === c.field).length > 1).map((c) => c.header);
  if (missing.length) issues.push({ row: 1, column: null, message: `表头缺少列：${missing.join('、')}` });
  if (unknown.length) issues.push({ row: 1, column: null, message: `表头有无法识别的列：${unknown.join('、')}（请使用下载的模板）` });
  if (dup.length) issues.push({ row: 1, column: null, message: `表头有重复的列：${dup.join('、')}` });
  if (issues.length) return { ok: false, issues };
  if (records.length === 0) return { ok: false, issues: [{ row: null, column: null, message: '文件中没有数据行：表头下面每行填写一条提议' }] };
  if (records.length > MAX_IMPORT_ROWS) {
    return { ok: false, issues: [{ row: null, column: null, message: `一次最多导入 ${MAX_IMPORT_ROWS} 条，本文件有 ${records.length} 条，请分批导入` }] };
  }

  const placeByName = new Map(ctx.places.map((p) => [headerKey(p.name), p.id]));
  const wholeWords = new Set(['', headerKey(ctx.wholeArea), '全镇', '全乡', '全街道', '全辖区']);
  const rows: ProposalInput[] = [];
  records.forEach((record, i) => {
    const rowNo = i + 2; // the spreadsheet's row number: the header is row 1
    const rowIssues: CsvIssue[] = [];
    const bad = (field: string, message: string) => rowIssues.push({ row: rowNo, column: FIELD_HEADERS.get(field) ?? field, message });
    if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== '')) {
      rowIssues.push({ row: rowNo, column: null, message: `本行有 ${record.length} 列，多于表头的 ${header.length} 列（单元格内的逗号须加引号）` });
    }
    const raw: Record<string, string> = {};
    fields.forEach((f, col) => { if (f) raw[f] = unwrapExcelText(record[col] ?? '').trim(); });

    const category = CATEGORY_BY_LABEL.get(headerKey(raw.category ?? ''));
    if (!category) bad('category', `类别须为以下之一：${Object.values(CATEGORY_LABELS).join('、')}`);
    const sourceText = headerKey(raw.source ?? '');
    const source = sourceText === '' ? 'public' : SOURCE_BY_LABEL.get(sourceText);
    if (!source) bad('source', `来源须为以下之一：${Object.values(SOURCE_LABELS).join('、')}（不填即为群众）`);
    const placeText = headerKey(raw.place ?? '');
    const placeId = wholeWords.has(placeText) ? 'all' : placeByName.get(placeText);
    if (placeId === undefined) {
      bad('place', `“${raw.place}”不是本辖区的村/社区；可填：${[...ctx.places.map((p) => p.name), ctx.wholeArea].join('、')}`);
    }
    const cross = (raw.crossYear ?? '').toLowerCase();
    if (!YES.has(cross) && !NO.has(cross)) bad('crossYear', '是否跨年度须填“是”或“否”');
    const station = (raw.station ?? '').toLowerCase();
    if (station && !ctx.stationCodes.includes(station)) bad('station', `站点简码“${raw.station}”不存在`);

    const result = staffProposalSchema.safeParse({
      ...raw,
      category: category ?? 'other',
      source: source ?? 'public',
      place: placeId === undefined ? 'all' : String(placeId),
      crossYear: YES.has(cross) ? 'yes' : 'no',
      station: station && ctx.stationCodes.includes(station) ? station : '',
    });
    if (result.success) {
      if (rowIssues.length === 0) rows.push(result.data);
    } else {
      const reported = new Set(rowIssues.map((x) => x.column));
      for (const issue of result.error.issues) {
        const column = FIELD_HEADERS.get(String(issue.path[0] ?? '')) ?? null;
        if (!reported.has(column)) {
          reported.add(column);
          rowIssues.push({ row: rowNo, column, message: issue.message });
        }
      }
    }
    issues.push(...rowIssues);
  });
  return issues.length ? { ok: false, issues } : { ok: true, rows };
}

/** The template: the headers and nothing else, so no example row is ever imported by mistake. */
export function csvTemplateHeader(): string[] {
  return CSV_COLUMNS.map((c) => c.header);
}
