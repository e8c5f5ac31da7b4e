import type { Context } from 'hono';

export type Cell = string | number | null | undefined;

/**
 * RFC 4180 text with a UTF-8 byte-order mark, so Excel on a Chinese Windows opens it as UTF-8 rather than GBK.
 * A cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
 */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  const cell = (v: Cell) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A download with a Chinese file name (RFC 6266 filename*), never cached: it may hold contact details. */
export function csvResponse(c: Context, fileName: string, rows: readonly (readonly Cell[])[]): Response {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return c.body(csvText(rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
  });
}
