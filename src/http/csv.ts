import type { Context } from 'hono';
import { toCsv } from '../domain/csv';
import { contentDisposition } from './download';

export type Cell = string | number | null | undefined;

/** A download with a Chinese file name (RFC 6266 filename*), never cached: it may hold contact details. */
export function csvDownload(c: Context, fileName: string, text: string): Response {
  return c.body(text, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': contentDisposition('attachment', fileName),
    'Cache-Control': 'no-store',
  });
}

export function csvResponse(c: Context, fileName: string, rows: readonly (readonly Cell[])[]): Response {
  return csvDownload(c, fileName, toCsv(rows));
}
