import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { appPath } from '../src/appRoot';
import * as schema from './schema';

/** What data functions take: the database or a transaction on it. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;
/** The open connection (pragmas, backups, closing). */
export type DbConnection = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = appPath('db', 'migrations');

/** Opens (creating if needed) and migrates the database. ':memory:' gives a private test database. */
export function openDb(path: string): DbConnection {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Freed bytes are overwritten with zeros, on every delete and every page split: no stale copy of a sealed
  // ballot or a destroyed key lingers in unused space of a page (see src/data/ballotBox.ts).
  sqlite.pragma('secure_delete = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db as DbConnection;
}

const syncPragmas = new WeakMap<Database.Database, { full: Database.Statement; normal: Database.Statement }>();

/** Runs fn with synchronous=FULL so a confirmed write survives power loss (ballots, published results). */
export function durably<T>(db: DbConnection, fn: () => T): T {
  // Prepared once per connection: every ballot batch switches twice.
  let sync = syncPragmas.get(db.$client);
  if (!sync) {
    sync = { full: db.$client.prepare('PRAGMA synchronous = FULL'), normal: db.$client.prepare('PRAGMA synchronous = NORMAL') };
    syncPragmas.set(db.$client, sync);
  }
  sync.full.run();
  try {
    return fn();
  } finally {
    sync.normal.run();
  }
}

export function isDbHealthy(db: DbConnection): boolean {
  try {
    return db.$client.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}
