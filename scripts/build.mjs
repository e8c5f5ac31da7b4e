// Run by `npm start` before the server: the server and everything it imports become one plain JavaScript file,
// dist/server.js, run by node itself. Compiling TypeScript on the fly at every start cost about 40 MB of memory
// and a second of start-up, on the laptop that serves a whole hall.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Another output file (inside the project, so the server still finds its files from it) for the test of the build.
const outfile = process.argv[2] ?? 'dist/server.js';

await build({
  absWorkingDir: root,
  entryPoints: ['src/server.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  // Native addons load their compiled binaries relative to their own package: they stay in node_modules. So does
  // exceljs, imported only when a spreadsheet is read or written.
  external: ['better-sqlite3', '@node-rs/argon2', 'sharp', 'exceljs'],
  // Bundled CommonJS packages still call require() for node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
