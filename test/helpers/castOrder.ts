import { readFileSync } from 'node:fs';
import type { Db } from '../../db/client';
import { ballot } from '../../db/schema';

/**
 * In each round, voter A cast `markA` on the round's option before voter B cast `markB`. These count the rounds
 * in which A's ballot still comes first — in a query without ORDER BY, and in the database file's bytes.
 * About half means the order is gone; all (or none) means it can be read back.
 */
export function castOrderProbe(db: Db, path: string, rounds: readonly number[], markA: string, markB: string) {
  return {
    aFirstInQuery(): number {
      const rows = db.select({ marks: ballot.marks }).from(ballot).all(); // storage order: no ORDER BY
      return rounds.filter((o) => rows.find((r) => r.marks.includes(`"${o}"`))!.marks.includes(`"${markA}"`)).length;
    },
    aFirstInFile(): number {
      const bytes = readFileSync(path).toString('latin1');
      return rounds.filter((o) => bytes.indexOf(`{"${o}":"${markA}"}`) < bytes.indexOf(`{"${o}":"${markB}"}`)).length;
    },
  };
}
