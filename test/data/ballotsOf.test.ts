import { describe, expect, it } from 'vitest';
import { ballotsOf } from '../../src/data/ballots';
import { encodeMarks } from '../../src/domain/compactMarks';
import { cast, close, openedPoll } from '../helpers/pollCases';

describe('ballotsOf: a poll\'s ballots packed for the count', () => {
  it('reads the poll\'s anonymous ballots only, the valid ones\' marks in option order and the invalid ones by reason', async () => {
    const t = await openedPoll({ reps: 8, logins: 0, candidates: 3, seatsToFill: 2, present: 8 });
    cast(t, 0, ['for', 'against', '']);
    cast(t, 1, ['', '', '']);
    cast(t, 2, ['for', 'for', 'against']);
    close(t);
    const sqlite = t.f.db.$client;
    sqlite.pragma('foreign_keys = OFF');
    const insert = sqlite.prepare('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, ?, ?)');
    insert.run('i1', t.poll.id, 'FFF', 0, '赞成票超过应选数');
    insert.run('i2', t.poll.id, 'FFF', 0, '赞成票超过应选数');
    insert.run('i3', t.poll.id, '...', 0, '无法辨认');
    insert.run('o1', t.poll.id + 1, 'AAAA', 1, ''); // another poll's ballot, of another width
    const pack = ballotsOf(t.f.db, t.poll.id, 'secret');
    expect(pack).toMatchObject({ width: 3, valid: 3 });
    expect([...pack.codes.match(/.{3}/g)!].sort()).toEqual([encodeMarks(t.ids, { [t.ids[0]!]: 'for', [t.ids[1]!]: 'against', [t.ids[2]!]: 'abstain' }), 'FFA', 'QQQ'].sort());
    expect(pack.invalid).toEqual([{ reason: '无法辨认', count: 1 }, { reason: '赞成票超过应选数', count: 2 }]);
  });

  it('a reason that holds the separator the read joins reasons with is still counted as one reason', async () => {
    const t = await openedPoll({ reps: 8, logins: 0, candidates: 2, seatsToFill: 1, present: 8 });
    close(t);
    const insert = t.f.db.$client.prepare('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, ?, ?)');
    insert.run('a', t.poll.id, 'FF', 0, 'a\x1fb');
    insert.run('b', t.poll.id, 'FF', 0, 'a\x1fb');
    insert.run('c', t.poll.id, 'FA', 1, '');
    expect(ballotsOf(t.f.db, t.poll.id, 'secret')).toEqual({ width: 2, valid: 1, codes: 'FA', invalid: [{ reason: 'a\x1fb', count: 2 }] });
  });

  it('a named poll\'s ballots, from the named table, packed the same way', async () => {
    const t = await openedPoll({ reps: 8, logins: 0, candidates: 3, seatsToFill: 2, present: 8, secrecy: 'named' });
    cast(t, 0, ['for', 'against', '']);
    cast(t, 1, ['against', '', 'for']);
    close(t);
    expect(ballotsOf(t.f.db, t.poll.id, 'named')).toEqual({ width: 3, valid: 2, codes: 'FAQAQF', invalid: [] });
  });
});
