import type { DbConnection } from '../../db/client';

/**
 * Records every SQL statement the code under test prepares on this connection (drizzle prepares each query
 * it runs). Not counted: the BEGIN/COMMIT of a transaction and PRAGMAs, which better-sqlite3 runs without
 * going through `prepare`. A structural measure of how often rows are read, not a timing.
 */
export async function statementsOf<T>(db: DbConnection, fn: () => T | Promise<T>): Promise<{ result: T; statements: string[] }> {
  const client = db.$client;
  const original = client.prepare;
  const statements: string[] = [];
  client.prepare = function (this: typeof client, source: string) {
    statements.push(source);
    return original.call(this, source);
  } as typeof client.prepare;
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    client.prepare = original;
  }
}
