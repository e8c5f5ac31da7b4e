import type Database from 'better-sqlite3';
import type { DbConnection } from '../../db/client';

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * A value that changes whenever anything was written to the database: `total_changes()` counts every row this
 * connection inserted, updated or deleted (the app's own writes, whichever data function made them), and
 * `data_version` moves when another connection committed (a script such as demo:reset, a restore, another process).
 * One cached statement, a few microseconds: cheap enough to ask on every request.
 */
export function writeGeneration(db: DbConnection): string {
  let statement = statements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare('select total_changes() as t, (select data_version from pragma_data_version) as v');
    statements.set(db.$client, statement);
  }
  const { t, v } = statement.get() as { t: number; v: number };
  return `${v}.${t}`;
}
