import type Database from 'better-sqlite3';
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
