import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSelectionResult } from '../../src/data/results';
import { post } from '../helpers/app';
import { enter, paperClosed } from '../helpers/pollCases';

describe('the tellers finish after the box was opened', () => {
  it('the result counts the phones\' ballots already opened and the paper ones, and no other poll\'s', async () => {
    // Four phones (for, for, against), opened at the close; three paper ballots out.
    const t = await paperClosed();
    expect(readSelectionResult(t.f.db, t.poll.id)).toBeNull();
    // Other polls' ballots around them in the anonymous table, all 'for': the count must read this poll's alone.
    const sqlite = t.f.db.$client;
    sqlite.pragma('foreign_keys = OFF');
    const decoy = sqlite.prepare('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, 1, \'\')');
    const marks = 'F'.repeat(t.ids.length); // compact marks: one character per option
    sqlite.transaction(() => { for (let i = 0; i < 9000; i++) decoy.run(randomBytes(16).toString('hex'), t.poll.id + 1000, marks); })();
    sqlite.pragma('foreign_keys = ON');
    for (const serial of ['1', '2', '3']) {
      enter(t, 'clerk', serial, ['against', 'for', 'for']);
      enter(t, 'teller', serial, ['against', 'for', 'for']);
    }
    const res = await post(t.f.app, `/j/QS/polls/${t.poll.id}/paper/finish`, {}, await t.f.login('qs.clerk'));
    expect(res.status).toBe(303);
    const r = readSelectionResult(t.f.db, t.poll.id)!;
    expect(r.ballots).toMatchObject({ electronic: 4, paperIssued: 3, paperReturned: 3, returned: 7 });
    expect(r.tally.rows.map((row) => row.for)).toEqual([4, 7, 3]);
    expect(r.blank).toBe(0);
  });
});
