/**
 * CSV for Excel on a Chinese Windows PC: a UTF-8 byte-order mark (without it Excel reads GBK and shows mojibake),
 * CRLF line ends, and every cell quoted when it must be.
 */
export const BOM = '\uFEFF';

/** A cell starting with = + - @ (or a tab/CR) would run as a formula in Excel: prefix it so it stays text. */
function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A value Excel must keep as text: a phone (13912345678 would open as 1.39E+10) or a receipt. */
export interface ExcelText { readonly excelText: string }
export const excelText = (value: string): ExcelText => ({ excelText: value });

/**
 * ="…" is the CSV form Excel and WPS open as text, showing neither quotes nor a mark, keeping leading zeros.
 * Only for letters, digits and dashes, so the formula can never do more than return its own string.
 */
function textCell(value: string): string {
  return /^[0-9A-Za-z-]+$/.test(value) ? `="${value}"` : guardFormula(value);
}

/** A cell read back from a file we wrote: the ="…" wrapper taken off, so the import accepts our own export. */
export function unwrapExcelText(cell: string): string {
  const m = /^\s*="([^"]*)"\s*$/.exec(cell);
  return m ? m[1]! : cell;
}

export type CsvValue = string | number | null | undefined | ExcelText;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? guardFormula(value) : textCell(value.excelText);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * An uploaded file's text: UTF-8 (with or without BOM), else GB18030 — what Excel on Chinese Windows writes by
 * "另存为 CSV". Null when it is neither (a binary file, a spreadsheet uploaded as is).
 */
export function decodeUpload(bytes: Uint8Array): string | null {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return text.includes('\u0000') ? null : text; // NUL: a binary file, e.g. an .xlsx
    } catch {
      // not this encoding: try the next
    }
  }
  return null;
}
