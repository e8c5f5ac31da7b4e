import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isChinaDate } from './chinaDate';

/** One deliberation representative as the clerk types it (form) or lists it (CSV): the same rules for both. */
const optionalDate = (msg: string) => z.string().trim().refine((v) => v === '' || isChinaDate(v), msg);

export const repFields = {
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名不能超过20个字'),
  community: z.string().trim().max(40, '所在社区不能超过40个字'),
  sector: z.string().trim().max(40, '界别不能超过40个字'),
  // Mobile 11 digits, or a landline with its area code; never shown publicly.
  phone: z.string().trim().refine((v) => v === '' || /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(v), '电话格式不对：手机为11位数字，座机如 023-12345678'),
  termFrom: optionalDate('任期开始须为日期，如 2026-01-01'),
  termTo: optionalDate('任期结束须为日期，如 2030-12-31'),
};

/** For .refine on any schema holding the term dates. */
export const termOrder: [(r: { termFrom: string; termTo: string }) => boolean, { path: string[]; message: string }] = [
  (r) => !r.termFrom || !r.termTo || r.termTo >= r.termFrom,
  { path: ['termTo'], message: '任期结束不能早于任期开始' },
];

export const repInputSchema = z.object(repFields).refine(...termOrder);

export type RepInput = z.infer<typeof repInputSchema>;

export const REP_FIELD_LABELS: Record<keyof RepInput | 'status', string> = {
  name: '姓名',
  community: '所在社区',
  sector: '界别',
  phone: '联系电话',
  termFrom: '任期开始',
  termTo: '任期结束',
  status: '状态',
};

export const REP_STATUS_LABELS = { seated: '在册', retired: '离任' } as const;
export type RepStatus = keyof typeof REP_STATUS_LABELS;

/** The CSV's columns, in export order; import accepts them in any order and ignores columns it does not know. */
export const CSV_COLUMNS: (keyof RepInput | 'status')[] = ['name', 'community', 'sector', 'phone', 'termFrom', 'termTo', 'status'];

export interface ImportError { line: number; field: string; message: string }
export type ImportRow = RepInput & { status: RepStatus; line: number };
export type ImportResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] };

export const MAX_IMPORT_ROWS = 1000;

/** Spreadsheets in China often save CSV as GBK: take UTF-8 when the bytes are valid UTF-8, else GBK. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

const key = (name: string, community: string) => `${name}\u0000${community}`;

/**
 * Reads a roster CSV and checks every row. All or nothing: any error anywhere means no row is returned, and
 * every error found is reported by its line in the file and the column's name, so the clerk fixes them in one go.
 * `existing` is the seated roster (name + community): importing the same list twice is caught, not doubled.
 */
export function parseRosterCsv(text: string, existing: readonly { name: string; community: string }[]): ImportResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ line, field: '', message: '文件不是有效的 CSV：请在表格软件中“另存为 CSV”后再导入' }] };
  }
  const header = records[0];
  if (!header) return { ok: false, errors: [{ line: 1, field: '', message: '文件是空的' }] };
  const columns = header.record.map((h) => CSV_COLUMNS.find((c) => REP_FIELD_LABELS[c] === h.replace(/\s/g, '')));
  if (!columns.includes('name')) {
    return { ok: false, errors: [{ line: header.info.lines, field: '', message: `第一行须为表头，至少包含“姓名”列；可用的列：${CSV_COLUMNS.map((c) => REP_FIELD_LABELS[c]).join('、')}` }] };
  }
  const body = records.slice(1);
  if (body.length === 0) return { ok: false, errors: [{ line: header.info.lines, field: '', message: '表头下面没有代表' }] };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, errors: [{ line: 1, field: '', message: `一次最多导入 ${MAX_IMPORT_ROWS} 名` }] };

  const errors: ImportError[] = [];
  const rows: ImportRow[] = [];
  const seen = new Map(existing.map((r) => [key(r.name, r.community), 0]));
  for (const { record, info } of body) {
    const raw: Record<string, string> = { name: '', community: '', sector: '', phone: '', termFrom: '', termTo: '', status: '' };
    columns.forEach((c, i) => { if (c) raw[c] = record[i] ?? ''; });
    const line = info.lines;
    const parsed = repInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name') as keyof typeof REP_FIELD_LABELS;
        errors.push({ line, field: REP_FIELD_LABELS[field] ?? '', message: issue.message });
      }
    }
    const statusText = raw.status!.trim();
    const status = (Object.keys(REP_STATUS_LABELS) as RepStatus[]).find((s) => REP_STATUS_LABELS[s] === statusText) ?? (statusText === '' ? 'seated' : undefined);
    if (!status) errors.push({ line, field: REP_FIELD_LABELS.status, message: '状态只能填“在册”或“离任”，不填为在册' });
    if (!parsed.success || !status) continue;
    const k = key(parsed.data.name, parsed.data.community);
    const before = seen.get(k);
    if (before !== undefined && status === 'seated') {
      errors.push({
        line, field: REP_FIELD_LABELS.name,
        message: before === 0 ? '名册中已有同名、同社区的在册代表' : `与第 ${before} 行重复（同名、同社区）`,
      });
      continue;
    }
    if (status === 'seated') seen.set(k, line);
    rows.push({ ...parsed.data, status, line });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
