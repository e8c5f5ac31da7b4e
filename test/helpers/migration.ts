import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db, DbConnection } from '../../db/client';

/**
 * Runs one migration file again on a database already migrated (its name ends with `suffix`), statement by
 * statement as drizzle splits them: how a test puts rows back into an older form and checks a data migration.
 */
export function runMigration(db: Db, suffix: string): void {
  const dir = join(__dirname, '../../db/migrations');
  const file = readdirSync(dir).find((f) => f.endsWith(suffix));
  if (!file) throw new Error(`no migration ending in ${suffix}`);
  for (const statement of readFileSync(join(dir, file), 'utf8').split('--> statement-breakpoint')) (db as DbConnection).$client.exec(statement);
}
