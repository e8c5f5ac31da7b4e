import type { Context } from 'hono';
import type ExcelJS from 'exceljs';
import { decodeUpload } from '../domain/csv';
import type { ExportTable } from '../domain/rosterExport';
import { csvRows, type ImportError, type SheetCell, type SheetRow } from '../domain/rosterImport';
import { contentDisposition } from './download';

/**
 * .xlsx in and out, through exceljs. Reading turns each worksheet into rows of plain cells (text, numbers, dates)
 * for the pure checkers; writing keeps digit columns as text cells, so Excel never shows 1.38E+10.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Zip files start with PK\3\4; an .xlsx is one. The old binary .xls starts with D0 CF 11 E0. */
export function fileKind(bytes: Uint8Array): 'xlsx' | 'xls' | 'text' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'text';
}

const MAX_SHEET_ROWS = 5000;

/** exceljs (about 25 MB once loaded) only with the first spreadsheet read or written, never at start-up. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

function plain(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

/** Every visible worksheet's rows, numbered as Excel numbers them; null when the file is not a readable workbook. */
export async function readWorkbook(bytes: Uint8Array): Promise<{ ok: true; sheets: SheetRow[][] } | { ok: false; error: string }> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    return { ok: false, error: '无法读取这个 .xlsx 文件：请在 Excel 中打开后重新“另存为” .xlsx 再导入' };
  }
  const sheets: SheetRow[][] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') continue;
    if (ws.actualRowCount > MAX_SHEET_ROWS) return { ok: false, error: `工作表“${ws.name}”有 ${ws.actualRowCount} 行，超过 ${MAX_SHEET_ROWS} 行` };
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: SheetCell[] = [];
      for (let i = 1; i <= row.cellCount; i++) cells.push(plain(row.getCell(i).value));
      rows.push({ line: row.number, cells });
    });
    sheets.push(rows);
  }
  return { ok: true, sheets };
}

const widthOf = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);

/** One worksheet with a frozen bold header; text columns formatted as text, date columns as real dates. */
export async function workbookBytes(sheetName: string, table: ExportTable): Promise<Uint8Array> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.header.map((h, i) => ({
    header: h,
    width: Math.max(8, ...[h, ...table.rows.map((r) => r[i] ?? '')].map(widthOf)) + 2,
    style: table.kinds[i] === 'text' ? { numFmt: '@' } : table.kinds[i] === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of table.rows) {
    ws.addRow(r.map((v, i): ExcelJS.CellValue => {
      if (v === '') return null;
      if (table.kinds[i] === 'date') {
        const [y, m, d] = v.split('-').map(Number);
        return new Date(Date.UTC(y!, m! - 1, d!));
      }
      if (table.kinds[i] === 'number' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v); // counts Excel can sum
      return v; // text cells stay strings: Excel keeps their digits
    }));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A download with a Chinese file name, never cached: a roster holds phone numbers. */
export function xlsxDownload(c: Context, fileName: string, bytes: Uint8Array): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': contentDisposition('attachment', fileName),
    'Cache-Control': 'no-store',
  });
}

export type Upload = { ok: true; sheets: SheetRow[][]; strictWidth: boolean } | { ok: false; fileError?: string; errors?: ImportError[] };

/**
 * An uploaded table, whatever Excel or WPS saved: .xlsx as it is, CSV in UTF-8 (with or without BOM) or GBK,
 * CRLF or LF. The old binary .xls is named as such rather than read as garbage.
 */
export async function readUpload(bytes: Uint8Array): Promise<Upload> {
  const kind = fileKind(bytes);
  if (kind === 'xls') return { ok: false, fileError: '这是旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 或 CSV 后再导入' };
  if (kind === 'xlsx') {
    const book = await readWorkbook(bytes);
    return book.ok ? { ok: true, sheets: book.sheets, strictWidth: false } : { ok: false, fileError: book.error };
  }
  const text = decodeUpload(bytes);
  if (text === null) return { ok: false, fileError: '文件既不是 Excel 表格（.xlsx）也不是 CSV' };
  const csv = csvRows(text);
  return csv.ok ? { ok: true, sheets: [csv.rows], strictWidth: true } : { ok: false, errors: csv.errors };
}
