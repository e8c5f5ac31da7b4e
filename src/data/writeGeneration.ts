import type Database from 'better-sqlite3';
import type { DbConnection } from '../../db/client';

const statements = new WeakMap<Database.Database, { changes: Database.Statement; version: Database.Statement }>();

/**
 * A value that changes whenever anything was written to the database: `total_changes()` counts every row this
 * connection inserted, updated or deleted (the app's own writes, whichever data function made them), and
 * `data_version` moves when another connection committed (a script such as demo:reset, a restore, another process).
 * Two cached single-value statements, well under a microsecond: cheap enough to ask several times per request
 * (the pragma is asked directly, a fifth of the cost of reading it as a table in one select).
 */
export function writeGeneration(db: DbConnection): string {
  let s = statements.get(db.$client);
  if (!s) {
    s = { changes: db.$client.prepare('select total_changes()').pluck(), version: db.$client.prepare('pragma data_version').pluck() };
    statements.set(db.$client, s);
  }
  return `${s.version.get() as number}.${s.changes.get() as number}`;
}
