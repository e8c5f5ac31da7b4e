import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { appPath } from '../appRoot';

const require = createRequire(import.meta.url);
const staticDir = appPath('views', 'static');

// Served from our own origin (halls are offline): htmx from node_modules, our CSS and JS from views/static.
const sources = {
  'htmx.min.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'app.js': { path: join(staticDir, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'forms.js': { path: join(staticDir, 'forms.js'), type: 'text/javascript; charset=utf-8' },
  'ballot.js': { path: join(staticDir, 'ballot.js'), type: 'text/javascript; charset=utf-8' },
  'app.css': { path: join(staticDir, 'app.css'), type: 'text/css; charset=utf-8' },
} as const;

export type StaticName = keyof typeof sources;

export interface StaticFile {
  name: StaticName;
  /** The URL with the content's hash in it: a new version is a new URL, so browsers may keep each one for a year. */
  url: string;
  type: string;
  etag: string;
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  brotli: Uint8Array<ArrayBuffer>;
}

/** app.css → app.1a2b3c4d5e6f.css, htmx.min.js → htmx.min.1a2b3c4d5e6f.js */
function fingerprinted(name: string, hash: string): string {
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

function load(name: StaticName): StaticFile {
  const { path, type } = sources[name];
  const body = new Uint8Array(readFileSync(path));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return {
    name, type, body, etag: `"${hash}"`,
    url: `/static/${fingerprinted(name, hash)}`,
    // Compressed once at start-up: each phone then gets the smallest form it accepts, at no cost per request.
    gzip: new Uint8Array(gzipSync(body, { level: 9 })),
    brotli: new Uint8Array(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
}

const files = new Map<string, StaticFile>();
const byUrlName = new Map<string, StaticFile>();
for (const name of Object.keys(sources) as StaticName[]) {
  const f = load(name);
  files.set(name, f);
  byUrlName.set(f.url.slice('/static/'.length), f);
}

/** The fingerprinted URL pages link to. */
export function staticUrl(name: StaticName): string {
  return files.get(name)!.url;
}

/** By the name in the URL: the fingerprinted one (immutable), or the plain one a page cached before a release asks for. */
export function staticFile(urlName: string): { file: StaticFile; immutable: boolean } | null {
  const f = byUrlName.get(urlName);
  if (f) return { file: f, immutable: true };
  const plain = Object.hasOwn(sources, urlName) ? files.get(urlName) : undefined;
  return plain ? { file: plain, immutable: false } : null;
}
