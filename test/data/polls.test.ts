import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ballot, participation, poll, pollResult } from '../../db/schema';
import { pollById } from '../../src/data/pollReads';
import { closePoll, createRunoff, voidPoll } from '../../src/data/polls';
import { readResult } from '../../src/data/results';
import { cast, clerkActor, close, draftPoll, openedPoll, tiedPoll, valueOf } from '../helpers/pollCases';

const FIXTURE = { reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6 };

describe('closePoll: the count is stored in the same transaction', () => {
  it('stores the result; ballots counted equal participation rows equal the ballots issued', async () => {
    const t = await openedPoll(FIXTURE);
    for (let i = 0; i < 5; i++) cast(t, i, ['for', i < 4 ? 'for' : 'against', '']);
    const closed = close(t);
    expect(closed.state).toBe('closed');
    const r = readResult(t.f.db, t.poll.id)!;
    const ballots = t.f.db.select().from(ballot).where(eq(ballot.pollId, t.poll.id)).all().length;
    const voters = t.f.db.select().from(participation).where(eq(participation.pollId, t.poll.id)).all().length;
    expect([ballots, voters, r.ballots.issued, r.ballots.returned, r.tally.ballots.total]).toEqual([5, 5, 5, 5, 5]);
    expect(r.kind !== 'evaluation' && r.tally.rows.map((x) => [x.for, x.outcome])).toEqual([[5, 'adopted'], [4, 'adopted'], [0, 'failed']]);
  });

  it('refuses to close a poll that is not open, and stores nothing', async () => {
    const t = await draftPoll(FIXTURE);
    expect(closePoll(t.f.db, clerkActor(t.f), t.poll, new Date())).toMatchObject({ ok: false, error: '本轮表决尚未开始' });
    expect(t.f.db.select().from(pollResult).all()).toHaveLength(0);
  });
});

describe('voidPoll: a reason, recorded; the count dropped; a runoff standing on it goes too', () => {
  it('records the reason on the poll and in the audit log, and drops the stored result', async () => {
    const t = await openedPoll(FIXTURE);
    cast(t, 0, ['for', '', '']);
    close(t);
    valueOf(voidPoll(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, '  候选项目名称有误  ', new Date()));
    expect(pollById(t.f.db, t.poll.id)).toMatchObject({ state: 'void', voidReason: '候选项目名称有误' });
    const audit = t.f.db.select().from(auditLog).where(eq(auditLog.action, 'poll.void')).all();
    expect(audit.map((a) => JSON.parse(a.after!))).toEqual([{ state: 'void', reason: '候选项目名称有误' }]);
    expect(readResult(t.f.db, t.poll.id)).toBeNull();
  });

  it('refuses without a reason, beside the reason field', async () => {
    const t = await openedPoll(FIXTURE);
    expect(voidPoll(t.f.db, clerkActor(t.f), t.poll, ' ', new Date())).toMatchObject({ ok: false, field: 'reason', error: '作废必须写明原因' });
    expect(pollById(t.f.db, t.poll.id)!.state).toBe('open');
  });

  it('voids the runoff created on a tie with its parent', async () => {
    const t = await tiedPoll();
    const runoff = valueOf(createRunoff(t.f.db, clerkActor(t.f), t.poll, new Date()));
    valueOf(voidPoll(t.f.db, clerkActor(t.f), t.poll, '计票有误', new Date()));
    expect(t.f.db.select().from(poll).where(eq(poll.id, runoff.id)).get()).toMatchObject({ state: 'void', voidReason: `原表决“${t.poll.title}”已作废` });
  });
});
