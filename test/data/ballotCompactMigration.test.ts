import { describe, expect, it } from 'vitest';
import { ballotsOf } from '../../src/data/ballots';
import { decodeMarks } from '../../src/domain/compactMarks';
import { runMigration } from '../helpers/migration';
import { cast, close, openedPoll, type PollCase } from '../helpers/pollCases';

interface Row { id: string; poll_id: number; marks: string; valid: number; invalid_reason: string }

/** The anonymous table as the migration before the compact marks left it: keyed by (poll, id), marks as JSON. */
function asBeforeCompactMarks(t: PollCase, extra: Row[]): Row[] {
  const sqlite = t.f.db.$client;
  sqlite.pragma('foreign_keys = OFF'); // the extra rows include one of a poll with no options (no such poll here)
  const rows = sqlite.prepare('select id, poll_id, marks, valid, invalid_reason from ballot order by poll_id, id').all() as Row[];
  sqlite.exec('drop table ballot');
  sqlite.exec(`create table ballot (id text not null, poll_id integer not null, marks text not null, valid integer not null,
    invalid_reason text default '' not null, primary key (poll_id, id), foreign key (poll_id) references poll(id))`);
  const insert = sqlite.prepare('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(r.id, r.poll_id, JSON.stringify(decodeMarks(t.ids, r.marks)), r.valid, r.invalid_reason);
  for (const r of extra) insert.run(r.id, r.poll_id, r.marks, r.valid, r.invalid_reason);
  return rows;
}

function migrate(t: PollCase): void {
  runMigration(t.f.db, '_ballot_compact_marks.sql');
}

describe('the migration to compact marks', () => {
  it('stores every JSON ballot as one character per option in position order, and the table keeps no rowid', async () => {
    const t = await openedPoll({ reps: 8, logins: 0, candidates: 3, seatsToFill: 2, present: 8 });
    cast(t, 0, ['for', 'against', '']);
    cast(t, 1, ['', '', '']);
    cast(t, 2, ['for', 'for', 'against']);
    close(t);
    const [a, b, c] = t.ids as [number, number, number];
    // The options' positions need not follow their ids: the order is the position's.
    t.f.db.$client.prepare('update poll_option set position = 10 - position where poll_id = ?').run(t.poll.id);
    const byPosition = [c, b, a];
    const extra: Row[] = [
      { id: 'e1', poll_id: t.poll.id, marks: JSON.stringify({ [a]: 'satisfied', [b]: 'basicallySatisfied', [c]: 'dissatisfied' }), valid: 1, invalid_reason: '' },
      { id: 'e2', poll_id: t.poll.id, marks: JSON.stringify({ [a]: 'spoiled', [c]: 'none' }), valid: 1, invalid_reason: '' },
      { id: 'e3', poll_id: t.poll.id, marks: JSON.stringify({ [a]: 'for', [b]: 'for', [c]: 'for' }), valid: 0, invalid_reason: '赞成票 3 个，超过应选数 2 个' },
      { id: 'e4', poll_id: t.poll.id + 1000, marks: '{}', valid: 1, invalid_reason: '' }, // a poll without options
    ];
    const before = asBeforeCompactMarks(t, extra);
    const want = new Map([
      ...before.map((r) => [r.id, JSON.stringify(decodeMarks(t.ids, r.marks))] as const),
      ...extra.map((r) => [r.id, r.marks] as const),
    ]);
    migrate(t);

    const sqlite = t.f.db.$client;
    expect((sqlite.prepare("select sql from sqlite_master where name = 'ballot'").get() as { sql: string }).sql).toMatch(/WITHOUT ROWID/i);
    expect(() => sqlite.prepare('select rowid from ballot').all()).toThrow(/no such column: rowid/);
    const after = sqlite.prepare('select id, poll_id, marks, valid, invalid_reason from ballot').all() as Row[];
    expect(after).toHaveLength(before.length + extra.length);
    for (const r of after) {
      if (r.poll_id !== t.poll.id) continue;
      expect(r.marks).toHaveLength(3);
      expect(decodeMarks(byPosition, r.marks)).toEqual(JSON.parse(want.get(r.id)!));
    }
    expect(after.find((r) => r.id === 'e1')!.marks).toBe('DBS');
    expect(after.find((r) => r.id === 'e2')!.marks).toBe('N.X');
    expect(after.find((r) => r.id === 'e3')).toMatchObject({ marks: 'FFF', valid: 0, invalid_reason: '赞成票 3 个，超过应选数 2 个' });
    expect(after.find((r) => r.id === 'e4')!.marks).toBe('');
    // The count reads them: three cast, two more valid and one invalid.
    expect(ballotsOf(t.f.db, t.poll.id, 'secret')).toMatchObject({ width: 3, valid: 5, invalid: [{ reason: '赞成票 3 个，超过应选数 2 个', count: 1 }] });
  });
});
