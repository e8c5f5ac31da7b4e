import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { jurisdiction } from '../../db/schema';
import { keptUntilWrite } from '../../src/data/keptUntilWrite';
import { freshDb } from '../helpers/app';

const addTown = (db: ReturnType<typeof freshDb>, code: string) =>
  db.insert(jurisdiction).values({ kind: 'township', code, name: code }).run();

describe('a value kept until the next write', () => {
  it('is computed once per key while nothing is written, and again after any write', () => {
    const db = freshDb();
    let computed = 0;
    const count = () => keptUntilWrite(db, 'towns', () => (computed++, db.select().from(jurisdiction).all().length));
    expect(count()).toBe(0);
    expect(count()).toBe(0);
    expect(computed).toBe(1);
    // Another key (another user, another day) is its own value.
    expect(keptUntilWrite(db, 'towns|2026-06-11', () => (computed++, -1))).toBe(-1);
    expect(computed).toBe(2);
    addTown(db, 'AA');
    expect(count()).toBe(1);
    expect(computed).toBe(3);
    expect(count()).toBe(1);
    expect(computed).toBe(3);
  });

  it('is computed again after another connection (another process) commits a write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kept-'));
    try {
      const db = openDb(join(dir, 'db.sqlite'));
      const count = () => keptUntilWrite(db, 'towns', () => db.select().from(jurisdiction).all().length);
      expect(count()).toBe(0);
      const other = new Database(join(dir, 'db.sqlite'));
      other.prepare(`insert into jurisdiction (kind, code, name) values ('township', 'BB', 'BB')`).run();
      other.close();
      expect(count()).toBe(1);
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps nothing inside a transaction', () => {
    const db = freshDb();
    let computed = 0;
    db.transaction((tx) => {
      keptUntilWrite(tx, 'towns', () => computed++);
      keptUntilWrite(tx, 'towns', () => computed++);
    });
    expect(computed).toBe(2);
  });
});
