import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbConnection } from '../../db/client';

/**
 * Prepared statements kept per connection: the hot paths (every request's login, the ballot and its guards) build
 * their SQL once and then only bind values. Building a query through the query builder costs an order of magnitude
 * more than running it. A transaction object is its own key, so a statement is never shared across connections.
 */
const caches = new WeakMap<object, Map<string, unknown>>();

/** The statement `name` on this connection, built by `build` the first time (drizzle's `.prepare()` with placeholders). */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let hit = cache.get(name) as T | undefined;
  if (hit === undefined) {
    hit = build(db);
    cache.set(name, hit);
  }
  return hit;
}

/** Plain SQL the query builder cannot say (a recursive query, a pragma), prepared once per connection; null inside a transaction object. */
export function preparedSql(db: Db, source: string): Database.Statement | null {
  const client = (db as Partial<DbConnection>).$client;
  if (!client) return null;
  return prepared(db, source, () => client.prepare(source));
}

/**
 * A list of ids bound as one value (a JSON array), so one prepared statement serves a list of any length:
 * `inArray(column, idsIn('ids'))`, run with `{ ids: idList(list) }`. SQLite reads the list as a table and probes
 * the column's index once per id.
 */
export function idsIn(name: string): SQL {
  return sql`(select value from json_each(${sql.placeholder(name)}))`;
}

export function idList(ids: Iterable<number>): string {
  return JSON.stringify([...ids]);
}
