import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { encodingFor } from '../http/encoding';
import { staticFile } from '../http/staticFiles';

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
  // Brotli first: compressed once at start-up, at its best level.
  const encoding = encodingFor(c.req.header('accept-encoding'), ['br', 'gzip']);
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(encoding === 'br' ? file.brotli : encoding === 'gzip' ? file.gzip : file.body);
});
