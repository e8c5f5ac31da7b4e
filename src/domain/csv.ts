/**
 * CSV for Excel on a Chinese Windows PC: a UTF-8 byte-order mark (without it Excel reads GBK and shows mojibake),
 * CRLF line ends, and every cell quoted when it must be.
 */
export const BOM = '\uFEFF';

/** A cell starting with = + - @ (or a tab/CR) would run as a formula in Excel: prefix it so it stays text. */
function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : guardFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
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
