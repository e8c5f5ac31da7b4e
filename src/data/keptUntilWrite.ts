import type { Db, DbConnection } from '../../db/client';
import { writeGeneration } from './writeGeneration';

const kept = new WeakMap<object, { generation: string; values: Map<string, unknown> }>();
const MAX = 256;

/**
 * A value derived only from the database (and what `key` names), kept until the next write to it by any process:
 * the first read after a write computes again. The key must name everything else the value depends on — the user,
 * the jurisdiction, the year and the China date of `now` (overdue states turn with the day). Inside a transaction
 * nothing is kept. The value is shared by the requests that read it: callers only read it, never change it.
 * `keep` may refuse a value (e.g. a miss an anonymous caller could ask for under endless keys).
 */
export function keptUntilWrite<T>(db: Db, key: string, compute: () => T, keep?: (value: T) => boolean): T {
  const client = (db as Partial<DbConnection>).$client;
  if (!client || client.inTransaction) return compute();
  const generation = writeGeneration(db as DbConnection);
  let entry = kept.get(client);
  if (!entry || entry.generation !== generation) kept.set(client, (entry = { generation, values: new Map() }));
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  // The computation only reads; should it have written, the value is not kept.
  if (writeGeneration(db as DbConnection) !== generation || (keep && !keep(value))) return value;
  if (entry.values.size >= MAX) entry.values.delete(entry.values.keys().next().value!);
  entry.values.set(key, value);
  return value;
}
