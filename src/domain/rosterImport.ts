import { parse } from 'csv-parse/sync';
import { chinaDateOf, formatChinaDate, parseChinaDate, type ChinaDate } from './chinaDate';
import { normalizePhone } from './phone';
import { RETIRE_REASON_LABELS, ROSTER_TERMS } from './roster';
import type { RepBody, RetireReason } from './vocabulary';

/**
 * A roster as a clerk keeps it — a CSV saved by Excel or WPS, or the .xlsx itself — read into checked rows.
 * One pure checker for both: the file readers only turn bytes into rows of cells (strings from CSV; strings,
 * numbers, dates from a workbook). All or nothing, and every problem of every row in one pass, so the clerk
 * fixes the file once.
 */

/** A cell as a file gives it: CSV gives text; a workbook gives numbers and dates too. */
export type SheetCell = string | number | boolean | Date | null;
export interface SheetRow { line: number; cells: SheetCell[] }

/** `field` is the column's name as the file's header writes it ('' for the row or the file as a whole). */
export interface ImportError { line: number; field: string; message: string }

export type RepStatus = 'seated' | 'retired';

export interface RosterImportRow {
  line: number;
  name: string;
  community: string;
  sector: string;
  phone: string;
  termFrom: ChinaDate | null;
  termTo: ChinaDate | null;
  byElection: boolean;
  seatedOn: ChinaDate | null;
  status: RepStatus;
  retiredOn: ChinaDate | null;
  retireReason: RetireReason | null;
  retireNote: string;
}

export type RosterCheck = { ok: true; rows: RosterImportRow[] } | { ok: false; errors: ImportError[] };

export interface RosterContext {
  body: RepBody;
  /** The jurisdiction's own villages/communities; empty: the column is free text. */
  places: readonly string[];
  /** “本镇”: how a refusal names the jurisdiction. */
  owner: string;
  /** The seated roster already there: importing the same people twice is refused, not doubled. */
  existing: readonly { name: string; community: string }[];
  today: ChinaDate;
  /**
   * CSV: a row shorter than the header lost a comma, so its values may sit under the wrong columns — refused,
   * naming the missing column. A workbook's cells stay in their columns, and trailing empty cells are not stored.
   */
  strictWidth: boolean;
}

export const MAX_IMPORT_ROWS = 1000;

export const COLUMN_KEYS = [
  'name', 'community', 'sector', 'phone', 'termFrom', 'termTo', 'status', 'byElection', 'seatedOn',
  'retiredOn', 'retireReason', 'retireNote', 'username',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** The header each column is written with: the export's, the template's, and the name errors use. */
export function columnLabels(body: RepBody): Record<ColumnKey, string> {
  const t = ROSTER_TERMS[body];
  return {
    name: '姓名', community: t.place, sector: t.sector, phone: '联系电话', termFrom: '任期开始', termTo: '任期结束',
    status: '状态', byElection: t.byElection, seatedOn: t.seatedOn, retiredOn: '离任日期', retireReason: '离任原因',
    retireNote: '离任说明', username: '登录账号',
  };
}

/** Headers clerks actually write, compared after `headerKey` (full-width brackets, spaces and * ignored). */
const ALIASES: Record<ColumnKey, string[]> = {
  name: ['姓名', '代表姓名', '议事代表姓名', '名字'],
  community: [
    '所在村(社区)', '所在村(居)', '所在村社区', '所在村/社区', '所在村、社区', '村(社区)', '村/社区', '村社区', '村居', '所在村', '所在社区',
    '村', '社区', '所属村(社区)', '所属村', '所属社区', '选区', '所在选区',
  ],
  sector: ['界别/职业', '界别', '职业', '职业/界别', '界别(职业)', '职业(界别)', '代表界别', '身份'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系电话(手机)'],
  termFrom: ['任期开始', '任期起', '任期开始日期', '任期起始', '任期起始日期', '任期自'],
  termTo: ['任期结束', '任期止', '任期结束日期', '任期截止', '任期届满', '任期届满日期', '任期至', '任期终止'],
  status: ['状态', '在册状态', '代表状态'],
  byElection: ['补选', '是否补选', '增补', '是否增补'],
  seatedOn: ['当选日期', '当选时间', '补选日期', '推选日期', '增补日期', '在册日期', '就任日期', '任职日期'],
  retiredOn: ['离任日期', '离任时间', '终止日期', '资格终止日期'],
  retireReason: ['离任原因', '终止原因', '资格终止原因'],
  retireNote: ['离任说明', '离任备注'],
  username: ['登录账号', '账号', '用户名'],
};

/** '所在村（社区）*' and ' 所在村(社区) ' are one header. */
export function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/[\s*＊:：]/g, '').replace(/\((必填|选填|可选|可不填)\)$/, '');
}

const HEADER_INDEX = new Map<string, ColumnKey>(
  COLUMN_KEYS.flatMap((k) => ALIASES[k].map((a): [string, ColumnKey] => [headerKey(a), k])),
);

/**
 * Names are compared and stored without any whitespace: clerks pad two-character names to line them up
 * (“王　伟” with a full-width space, or a non-breaking space pasted from a web page).
 */
export function normalizeName(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '');
}

/** Village and community names compare the same way, with full-width and ASCII brackets alike. */
export const normalizePlace = normalizeName;

/**
 * A village or community as written, matched to one of the jurisdiction's own (stored as the jurisdiction
 * writes it). With none registered the column is free text.
 */
export function matchPlace(value: string, places: readonly string[], owner: string): CellCheck<string> {
  const v = normalizePlace(value);
  if (v === '') return { ok: true, value: '' };
  if (places.length === 0) return [...v].length > 40 ? fail('不能超过40个字') : { ok: true, value: v };
  const found = places.find((p) => normalizePlace(p) === v);
  return found ? { ok: true, value: found } : fail(`“${v}”不是${owner}的村（社区），${owner}有：${places.join('、')}`);
}

/** The cell as the clerk sees it: numbers without exponent, dates as YYYY-MM-DD, text trimmed. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : dateOfCell(cell);
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return cell.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

// A workbook's date cell is midnight UTC of the calendar date shown in Excel.
const dateOfCell = (d: Date): ChinaDate => formatChinaDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

/** Excel's day numbers count from 1899-12-30 (day 60 is its 1900-02-29, which never was). */
function excelSerialDate(serial: number): ChinaDate | null {
  const day = Math.floor(serial);
  if (day < 61 || day > 2_958_465) return null;
  const t = new Date(Date.UTC(1899, 11, 30) + day * 86_400_000);
  return dateOfCell(t);
}

export type CellCheck<T> = { ok: true; value: T } | { ok: false; message: string };
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

const DATE_HINT = '请写作 2026-01-01、2026/1/1 或 2026年1月1日';
const TIME_PART = '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?';
const SEPARATED = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME_PART}$`);
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A date as Excel or a person writes it: 2026/1/1, 2026-1-1, 2026.1.1, 2026年1月1日, 20260101, ISO, a workbook's
 * date cell or its day number. A day that does not exist (2026-02-30) is refused, never rolled over.
 */
export function parseDateCell(cell: SheetCell): CellCheck<ChinaDate | null> {
  if (cell === null || cell === '') return { ok: true, value: null };
  let ymd: [number, number, number] | null = null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail(`不是日期：${DATE_HINT}`);
    ymd = [cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()];
  } else if (typeof cell === 'number') {
    const d = excelSerialDate(cell);
    if (!d) return fail(`不是日期：${DATE_HINT}`);
    ymd = d.split('-').map(Number) as [number, number, number];
  } else {
    const t = cellText(String(cell)).normalize('NFKC');
    if (t === '') return { ok: true, value: null };
    const m = SEPARATED.exec(t);
    const c = CHINESE.exec(t) ?? COMPACT.exec(t);
    if (m) ymd = [Number(m[1]), Number(m[3]), Number(m[4])];
    else if (c) ymd = [Number(c[1]), Number(c[2]), Number(c[3])];
    else if (ZONED_ISO.test(t) && !Number.isNaN(Date.parse(t))) return checkedDate(chinaDateOf(new Date(t)));
    else if (/^\d{5}(\.\d+)?$/.test(t)) {
      // A date column left as "General" in Excel is saved to CSV as its day number.
      const d = excelSerialDate(Number(t));
      if (!d) return fail(`不是日期：${DATE_HINT}`);
      return checkedDate(d);
    } else return fail(`“${t}”不是日期：${DATE_HINT}`);
  }
  const [y, mo, d] = ymd;
  if (mo < 1 || mo > 12) return fail(`${y}年${mo}月不存在：${DATE_HINT}`);
  const iso = formatChinaDate(y, mo, d);
  if (!parseChinaDate(iso)) return fail(`${y}年${mo}月没有${d}日`);
  return checkedDate(iso);
}

function checkedDate(iso: ChinaDate): CellCheck<ChinaDate> {
  const y = Number(iso.slice(0, 4));
  if (y < 1949 || y > 2100) return fail(`年份 ${y} 不对：${DATE_HINT}`);
  return { ok: true, value: iso };
}

export const PHONE_FORMAT = '电话格式不对：手机为11位数字，座机如 023-12345678';
export const PHONE_SCIENTIFIC = '电话号码已被 Excel 改成科学计数法（如 1.38E+10），后几位数字已经丢失：请在 Excel 中把该列设为“文本”，重新输入号码后再导入';
const PHONE_LOST_ZERO = '座机号码开头的 0 被 Excel 去掉了：请在 Excel 中把该列设为“文本”，输入带区号的号码（如 023-12345678）后再导入';

/**
 * One contact number, in the stored form of normalizePhone. A workbook's number cell is the digits themselves;
 * text that Excel turned into 1.38E+10 has lost digits and is refused with what to do about it.
 */
export function parsePhoneCell(cell: SheetCell): CellCheck<string> {
  if (cell === null || cell === '') return { ok: true, value: '' };
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0) return fail(PHONE_FORMAT);
    return phoneFromText(cell.toFixed(0));
  }
  if (cell instanceof Date || typeof cell === 'boolean') return fail(PHONE_FORMAT);
  let t = cellText(cell).normalize('NFKC').replace(/\s/g, '');
  const formula = /^="(.*)"$/.exec(t); // our own CSV export keeps numbers as text this way
  if (formula) t = formula[1]!;
  t = t.replace(/^'/, '');
  if (t === '') return { ok: true, value: '' };
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(t)) return fail(PHONE_SCIENTIFIC);
  if (/^\d+\.0+$/.test(t)) t = t.replace(/\.0+$/, ''); // 13800000000.0: a number cell saved as text, digits intact
  if (/\d[/,，、;；]\s*\+?\d/.test(t)) return fail('只能填一个号码');
  return phoneFromText(t);
}

function phoneFromText(t: string): CellCheck<string> {
  const phone = normalizePhone(t);
  if (phone) return { ok: true, value: phone };
  if (/^[2-9]\d{8,10}$/.test(t) && normalizePhone(`0${t}`)) return fail(PHONE_LOST_ZERO);
  return fail(PHONE_FORMAT);
}

const YES = new Set(['是', '√', '✓', '✔', 'y', 'yes', '1', 'true', '补选', '增补']);
const NO = new Set(['', '否', '×', 'n', 'no', '0', 'false']);

const STATUS_WORDS: Record<string, RepStatus> = { 在册: 'seated', 离任: 'retired', 已离任: 'retired' };

const REASON_WORDS: Record<string, RetireReason> = {
  ...Object.fromEntries(Object.entries(RETIRE_REASON_LABELS).map(([k, v]) => [v, k as RetireReason])),
  去世: 'death', 病故: 'death', 逝世: 'death', 辞去代表职务: 'resignation', 被罢免: 'recall', 迁出本镇: 'movedAway',
  迁出本乡: 'movedAway', 迁出本街道: 'movedAway', 调离: 'movedAway', 工作调动: 'movedAway',
};

interface Header { line: number; columns: (ColumnKey | null)[]; texts: string[] }

/** The header is the first of the top rows holding a 姓名 column: a title row above it (名册的标题) is skipped. */
function findHeader(rows: readonly SheetRow[], labels: Record<ColumnKey, string>): Header | ImportError[] {
  const candidates = rows.slice(0, 10);
  const at = candidates.findIndex((r) => r.cells.some((c) => HEADER_INDEX.get(headerKey(cellText(c))) === 'name'));
  if (at < 0) {
    const known = COLUMN_KEYS.filter((k) => k !== 'username').map((k) => labels[k]).join('、');
    return [{ line: rows[0]?.line ?? 1, field: '', message: `第一行须为表头，至少包含“姓名”列；可用的列：${known}` }];
  }
  const row = candidates[at]!;
  const texts = row.cells.map(cellText);
  const columns = texts.map((t) => HEADER_INDEX.get(headerKey(t)) ?? null);
  const errors: ImportError[] = [];
  columns.forEach((k, i) => {
    const first = columns.indexOf(k);
    if (k && first !== i) {
      errors.push({ line: row.line, field: texts[i]!, message: `表头中“${texts[first]}”和“${texts[i]}”都是${labels[k]}，请只保留一列` });
    }
  });
  return errors.length ? errors : { line: row.line, columns, texts };
}

const isBlank = (cells: readonly SheetCell[]) => cells.every((c) => cellText(c) === '');

/**
 * Checks a whole roster file. `rows` are the file's rows as read, with their line numbers (blank lines may be
 * missing: the numbers are the file's own, so “第 5 行” is the line the clerk sees).
 */
export function checkRoster(rows: readonly SheetRow[], ctx: RosterContext): RosterCheck {
  const labels = columnLabels(ctx.body);
  const header = findHeader(rows, labels);
  if (Array.isArray(header)) return { ok: false, errors: header };
  const body = rows.filter((r) => r.line > header.line && !isBlank(r.cells));
  if (body.length === 0) return { ok: false, errors: [{ line: header.line, field: '', message: '表头下面没有代表' }] };
  if (body.length > MAX_IMPORT_ROWS) {
    return { ok: false, errors: [{ line: header.line, field: '', message: `一次最多导入 ${MAX_IMPORT_ROWS} 名，本文件有 ${body.length} 行` }] };
  }
  const errors: ImportError[] = [];
  const out: RosterImportRow[] = [];
  const seen: { name: string; community: string; line: number | null }[] = ctx.existing
    .map((r) => ({ name: normalizeName(r.name), community: normalizePlace(r.community), line: null }));
  for (const row of body) {
    const before = errors.length;
    const problem = (key: ColumnKey | '', message: string) => {
      const i = key ? header.columns.indexOf(key) : -1;
      errors.push({ line: row.line, field: i >= 0 ? header.texts[i]! : key ? labels[key] : '', message });
    };
    checkWidth(row, header, ctx.strictWidth, (field, message) => errors.push({ line: row.line, field, message }));
    const raw = (key: ColumnKey): SheetCell => {
      const i = header.columns.indexOf(key);
      return i < 0 ? null : row.cells[i] ?? null;
    };
    const text = (key: ColumnKey) => cellText(raw(key));
    const date = (key: ColumnKey): ChinaDate | null => {
      const r = parseDateCell(raw(key));
      if (r.ok) return r.value;
      problem(key, r.message);
      return null;
    };

    const name = normalizeName(text('name'));
    if (!name) problem('name', '请填写姓名');
    else if ([...name].length > 20) problem('name', '姓名不能超过20个字');

    const place = matchPlace(text('community'), ctx.places, ctx.owner);
    if (!place.ok) problem('community', place.message);
    const community = place.ok ? place.value : '';

    const sector = text('sector');
    if ([...sector].length > 40) problem('sector', `${labels.sector}不能超过40个字`);

    const phone = parsePhoneCell(raw('phone'));
    if (!phone.ok) problem('phone', phone.message);

    const termFrom = date('termFrom');
    const termTo = date('termTo');
    if (termFrom && termTo && termTo < termFrom) problem('termTo', '任期结束不能早于任期开始');

    const by = text('byElection').toLowerCase();
    const byElection = YES.has(by);
    if (!byElection && !NO.has(by)) problem('byElection', `${labels.byElection}只能填“是”或“否”，不填为否`);
    const seatedOnGiven = date('seatedOn');
    if (byElection && text('seatedOn') === '') problem('seatedOn', `${labels.byElection}的代表须填写${labels.seatedOn}`);
    if (seatedOnGiven && termTo && seatedOnGiven > termTo) problem('seatedOn', `${labels.seatedOn}不能晚于任期结束`);

    const retiredOn = date('retiredOn');
    const statusText = text('status');
    let status: RepStatus | undefined = statusText === '' ? (retiredOn ? 'retired' : 'seated') : STATUS_WORDS[statusText];
    if (!status) problem('status', '状态只能填“在册”或“离任”，不填为在册');
    const reasonText = text('retireReason');
    const retireReason = reasonText === '' ? null : REASON_WORDS[reasonText] ?? null;
    if (reasonText !== '' && !retireReason) {
      problem('retireReason', `离任原因只能填：${Object.values(RETIRE_REASON_LABELS).join('、')}`);
    }
    const retireNote = text('retireNote');
    if ([...retireNote].length > 200) problem('retireNote', '离任说明不能超过200个字');
    if (status === 'seated' && (retiredOn || reasonText || retireNote)) {
      problem('status', '在册代表不应填写离任日期、原因或说明；已离任的请把“状态”填为“离任”');
      status = undefined;
    }
    if (retiredOn && retiredOn > ctx.today) problem('retiredOn', '离任日期不能晚于今天');
    const seatedOn = seatedOnGiven ?? termFrom;
    if (retiredOn && seatedOn && retiredOn < seatedOn) problem('retiredOn', `离任日期不能早于${seatedOnGiven ? labels.seatedOn : '任期开始'}`);

    if (errors.length > before || !status) continue;
    if (status === 'seated') {
      // Two people may share a name in different villages; with either village left blank we cannot tell them apart.
      const twin = seen.find((s) => s.name === name && (s.community === community || !s.community || !community));
      if (twin) {
        const what = twin.community && community ? `同名、同${labels.community.replace(/^所在/, '')}` : '同名';
        problem('name', twin.line === null
          ? `名册中已有${what}的在册代表：${name}${twin.community ? `（${twin.community}）` : ''}`
          : `与第 ${twin.line} 行重复（${what}：${name}）`);
        continue;
      }
      seen.push({ name, community, line: row.line });
    }
    out.push({
      line: row.line, name, community, sector, phone: phone.ok ? phone.value : '', termFrom, termTo, byElection,
      seatedOn, status, retiredOn: status === 'retired' ? retiredOn : null, retireReason: status === 'retired' ? retireReason : null,
      retireNote: status === 'retired' ? retireNote : '',
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows: out };
}

function checkWidth(row: SheetRow, header: Header, strict: boolean, report: (field: string, message: string) => void): void {
  const n = row.cells.length;
  const m = header.texts.length;
  if (strict && n < m) {
    for (let i = n; i < m; i++) {
      if (!header.texts[i]) continue;
      report(header.texts[i]!, `第 ${row.line} 行缺少“${header.texts[i]}”列（本行只有 ${n} 列，表头有 ${m} 列）：不会把后面的值挪到别的列，请补齐后再导入`);
    }
  }
  const extra = row.cells.slice(m).findIndex((c) => cellText(c) !== '');
  if (extra >= 0) {
    report('', strict
      ? `第 ${row.line} 行比表头多出 ${n - m} 列：某个单元格里可能有没加引号的逗号，请检查`
      : `第 ${row.line} 行第 ${m + extra + 1} 列有内容，但这一列没有表头`);
  }
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合（某个单元格以 " 开头却没有结束的 "）',
  CSV_INVALID_CLOSING_QUOTE: '引号位置有误（单元格内的 " 须写成 ""）',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '引号位置有误（单元格内的 " 须写成 ""）',
};

/** A CSV's rows with the line each ends on (blank lines skipped but counted). */
export function csvRows(text: string): { ok: true; rows: SheetRow[] } | { ok: false; errors: ImportError[] } {
  try {
    const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as
      { record: string[]; info: { lines: number } }[];
    return { ok: true, rows: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (e) {
    const err = e as { lines?: number; code?: string };
    const why = (err.code && CSV_ERRORS[err.code]) ?? '请在表格软件中“另存为 CSV”后再导入';
    return { ok: false, errors: [{ line: err.lines ?? 1, field: '', message: `文件不是有效的 CSV：${why}` }] };
  }
}

/** A workbook's roster: the first sheet with a 姓名 header near its top (a cover or notes sheet may come first). */
export function rosterSheet(sheets: readonly (readonly SheetRow[])[]): readonly SheetRow[] {
  const hasHeader = (rows: readonly SheetRow[]) =>
    rows.slice(0, 10).some((r) => r.cells.some((c) => HEADER_INDEX.get(headerKey(cellText(c))) === 'name'));
  return sheets.find(hasHeader) ?? sheets[0] ?? [];
}
