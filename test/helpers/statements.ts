import type Database from 'better-sqlite3';
import type { DbConnection } from '../../db/client';

export interface Execution { source: string; params: unknown[] }

type Run = (this: Database.Statement, ...params: unknown[]) => unknown;
const METHODS = ['run', 'get', 'all', 'iterate'] as const;
/**
 * Transaction control, pragmas and the write-generation check (src/data/writeGeneration.ts, a counter asked before
 * a kept value is used): not reads or writes of rows.
 */
const CONTROL = /^\s*(pragma|begin|commit|end|rollback|savepoint|release)\b|^select total_changes\(\)$/i;

/**
 * Records every SQL statement the code under test runs on this connection, with its parameters — each execution,
 * whether the statement was prepared just now or long ago and kept. Not counted: BEGIN/COMMIT/SAVEPOINT of a
 * transaction (better-sqlite3 runs them itself), PRAGMAs and the write-generation check. A structural measure of
 * how often rows are read and written, not a timing.
 */
export async function executionsOf<T>(db: DbConnection, fn: () => T | Promise<T>): Promise<{ result: T; executions: Execution[] }> {
  const client = db.$client;
  const proto = Object.getPrototypeOf(client.prepare('select 1')) as Record<(typeof METHODS)[number], Run>;
  const originals = METHODS.map((m) => proto[m]);
  const executions: Execution[] = [];
  METHODS.forEach((m, i) => {
    const original = originals[i]!;
    proto[m] = function (this: Database.Statement, ...params: unknown[]) {
      if (this.database === client && !CONTROL.test(this.source)) executions.push({ source: this.source, params });
      return original.apply(this, params);
    };
  });
  try {
    const result = await fn();
    return { result, executions };
  } finally {
    METHODS.forEach((m, i) => { proto[m] = originals[i]!; });
  }
}

/** The SQL of every statement run (see executionsOf). */
export async function statementsOf<T>(db: DbConnection, fn: () => T | Promise<T>): Promise<{ result: T; statements: string[] }> {
  const { result, executions } = await executionsOf(db, fn);
  return { result, statements: executions.map((e) => e.source) };
}
