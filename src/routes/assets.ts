import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { staticFile } from '../http/staticFiles';

/** The best encoding the browser accepts: brotli, then gzip, else the plain bytes. */
function encodingFor(accept: string | undefined): 'br' | 'gzip' | null {
  const listed = (accept ?? '').split(',').map((p) => p.trim().split(';'));
  const accepts = (enc: string) => listed.some(([name, q]) => name?.trim() === enc && !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''));
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** /static/:name — htmx, our CSS and JS, under names that carry their content's hash. */
export const assets = new Hono<AppEnv>().get('/:name', (c) => {
  const found = staticFile(c.req.param('name'));
  if (!found) return c.notFound();
  const { file, immutable } = found;
  c.header('ETag', file.etag);
  c.header('Vary', 'Accept-Encoding');
  c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (c.req.header('if-none-match')?.includes(file.etag)) return c.body(null, 304);
  c.header('Content-Type', file.type);
  const encoding = encodingFor(c.req.header('accept-encoding'));
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(encoding === 'br' ? file.brotli : encoding === 'gzip' ? file.gzip : file.body);
});
