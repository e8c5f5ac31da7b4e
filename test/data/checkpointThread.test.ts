import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { checkpointOffLoop, checkpointThreads, scrubLogOffLoop } from '../../src/data/ballotBox';

// The log is copied into the file in place for a township's small file, on a thread of its own for a large one:
// both ways must leave the log empty.
describe.each([
  ['in place (a small file)', Number.MAX_SAFE_INTEGER],
  ['on a thread (a large file)', 0],
])('checkpoint %s', (_label, fromBytes) => {
  let dir = '';
  let db: DbConnection | undefined;
  const original = checkpointThreads.fromBytes;
  afterEach(() => {
    db?.$client.close();
    rmSync(dir, { recursive: true, force: true });
    checkpointThreads.fromBytes = original;
  });

  function withWrites(): { file: string; db: DbConnection } {
    checkpointThreads.fromBytes = fromBytes;
    dir = mkdtempSync(join(tmpdir(), 'minsheng-checkpoint-'));
    const file = join(dir, 'minsheng.db');
    db = openDb(file);
    db.$client.pragma('wal_autocheckpoint = 0');
    db.$client.exec('create table scratch (x text)');
    for (let i = 0; i < 50; i++) db.$client.prepare('insert into scratch values (?)').run('x'.repeat(2000));
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    return { file, db };
  }

  it('scrubbing empties the log and says it completed', async () => {
    const { file, db } = withWrites();
    const scrub = await scrubLogOffLoop(db);
    expect(scrub.completed).toBe(true);
    expect(scrub.checkpointed).toBe(scrub.log);
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
    expect(db.$client.prepare('select count(*) as n from scratch').get()).toEqual({ n: 50 });
  });

  it('the checkpoint before a short write copies every frame into the file', async () => {
    const { file, db } = withWrites();
    const before = statSync(file).size;
    await checkpointOffLoop(db);
    // The rows (50 × 2 kB) were only in the log; now the file itself holds them.
    expect(statSync(file).size - before).toBeGreaterThan(100_000);
    expect(db.$client.prepare('select count(*) as n from scratch').get()).toEqual({ n: 50 });
  });
});
