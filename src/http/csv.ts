import type { Context } from 'hono';

export type Cell = string | number | null | undefined;

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(v: Cell): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM (Excel on Chinese Windows needs it to read UTF-8), CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function csvResponse(c: Context, fileName: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return c.body(toCsv(columns, rows));
}
