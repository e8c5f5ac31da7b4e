import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppEnv } from '../env';

const require = createRequire(import.meta.url);
const staticDir = join(dirname(fileURLToPath(import.meta.url)), '../../views/static');

// Served from our own origin (halls are offline): htmx from node_modules, our CSS and JS from views/static.
const files: Record<string, { path: string; type: string }> = {
  'htmx.min.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'app.js': { path: join(staticDir, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'ballot.js': { path: join(staticDir, 'ballot.js'), type: 'text/javascript; charset=utf-8' },
  'app.css': { path: join(staticDir, 'app.css'), type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, { body: Buffer; etag: string; type: string }>();
function load(name: string) {
  let hit = cache.get(name);
  if (!hit) {
    const f = files[name]!;
    const body = readFileSync(f.path);
    hit = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, type: f.type };
    cache.set(name, hit);
  }
  return hit;
}

/** /static/:name — htmx, our CSS and JS. */
export const assets = new Hono<AppEnv>().get('/:name', (c) => {
  const name = c.req.param('name');
  if (!Object.hasOwn(files, name)) return c.notFound();
  const a = load(name);
  c.header('ETag', a.etag);
  c.header('Cache-Control', 'no-cache');
  if (c.req.header('if-none-match') === a.etag) return c.body(null, 304);
  c.header('Content-Type', a.type);
  return c.body(new Uint8Array(a.body));
});
