import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What `npm start` runs: the server built into one file. Everything it reads at run time — the migrations, our
 * static files, htmx from node_modules — must be found from the built file as from the sources.
 */
const out = `dist/test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'minsheng-built-'));
const dbPath = join(dir, 'minsheng.db');
const port = 40_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

function start(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', NO_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

describe('the built server', () => {
  it('migrates a new database, serves the setup page and every static file it links, htmx included', async () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', `${out}/server.js`], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    server = await start(`${out}/server.js`);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    const db = new Database(dbPath, { readonly: true });
    expect((db.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
    db.close();

    // No account yet: the login page links the same static files as every page.
    const page = await fetch(`${base}/login`);
    expect(page.status).toBe(200);
    const urls = [...new Set([...(await page.text()).matchAll(/\/static\/[\w.-]+\.(?:js|css)/g)].map((m) => m[0]))];
    expect(urls.some((u) => u.startsWith('/static/htmx.min.'))).toBe(true);
    expect(urls.some((u) => u.startsWith('/static/app.') && u.endsWith('.css'))).toBe(true);
    for (const u of urls) {
      const res = await fetch(base + u);
      expect(res.status, u).toBe(200);
      expect((await res.arrayBuffer()).byteLength, u).toBeGreaterThan(500);
    }
  });
});
