import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, attendanceEvent, auditLog, participation, pollRoll } from '../../db/schema';
import { castBallot } from '../../src/data/ballots';
import { optionsOf, pollById } from '../../src/data/pollReads';
import { openPoll } from '../../src/data/polls';
import { readSelectionResult } from '../../src/data/results';
import { correctRoll, recordRollState, rollCounts } from '../../src/data/roll';
import { checkIn, quorumState } from '../../src/data/sessions';
import type { RollState } from '../../src/domain/roll';
import { cast, clerkActor, close, draftPoll, marksIn, openedPoll, valueOf, type PollCase } from '../helpers/pollCases';

const record = (t: PollCase, i: number, to: RollState, reason = '') =>
  recordRollState(t.f.db, clerkActor(t.f), t.session, t.f.roster[i]!.id, to, reason, t.f.users.qsClerk.id, new Date());
const arrive = (t: PollCase, i: number) => checkIn(t.f.db, clerkActor(t.f), t.session, t.f.roster[i]!.id, t.f.users.qsClerk.id, new Date());
const correct = (t: PollCase, i: number, reason = '误点') => correctRoll(t.f.db, clerkActor(t.f), t.session, t.f.roster[i]!.id, reason, new Date());
const castAs = (t: PollCase, i: number, marks: string[]) =>
  castBallot(t.f.db, { poll: pollById(t.f.db, t.poll.id)!, options: optionsOf(t.f.db, t.poll.id), voter: t.f.roster[i]! }, marksIn(t.ids, marks));
const placeOf = (t: PollCase, i: number) => t.f.db.select().from(attendance)
  .where(and(eq(attendance.sessionId, t.session.id), eq(attendance.representativeId, t.f.roster[i]!.id))).get()?.state ?? null;

// 12 seated → 8 needed for the quorum (三分之二以上, inclusive).
describe('roll states: the quorum follows departures and leave', () => {
  it('a departure from exactly 8 present blocks the next poll; the return lets it open', async () => {
    const t = await draftPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 8 });
    valueOf(record(t, 7, 'departed'));
    expect(quorumState(t.f.db, t.session)).toMatchObject({ seated: 12, present: 7, met: false });
    expect(openPoll(t.f.db, clerkActor(t.f), t.poll, new Date())).toMatchObject({ ok: false, error: '出席代表未达到法定人数，不能开始表决' });
    expect(valueOf(arrive(t, 7))).toEqual({ already: false });
    expect(placeOf(t, 7)).toBe('returned');
    expect(openPoll(t.f.db, clerkActor(t.f), t.poll, new Date()).ok).toBe(true);
  });

  it('leave with its reason is recorded, counted apart, and never counts as present', async () => {
    const t = await draftPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 8 });
    expect(record(t, 9, 'leave')).toMatchObject({ ok: false, field: 'reason', error: '请假须写明原因' });
    valueOf(record(t, 9, 'leave', '住院'));
    valueOf(record(t, 10, 'absent'));
    expect(rollCounts(t.f.db, t.session.id)).toEqual({ seated: 12, present: 8, leave: 1, departed: 0, absent: 3, notYet: 2 });
    const events = t.f.db.select().from(attendanceEvent).where(eq(attendanceEvent.representativeId, t.f.roster[9]!.id)).all();
    expect(events).toMatchObject([{ state: 'leave', reason: '住院', correction: false }]);
    const audit = t.f.db.select().from(auditLog).all().filter((a) => a.action === 'session.roll');
    expect(audit.map((a) => JSON.parse(a.after!).state)).toEqual(['leave', 'absent']);
  });

  it('a departed or on-leave representative cannot cast; after 返场 they can', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 10 });
    valueOf(record(t, 0, 'departed'));
    expect(castAs(t, 0, ['for', '', ''])).toMatchObject({ ok: false, reason: 'notPresent', error: '您已登记为离场，返场签到后才能投票' });
    valueOf(record(t, 1, 'leave', '临时有事'));
    expect(castAs(t, 1, ['for', '', ''])).toMatchObject({ ok: false, reason: 'notPresent' });
    expect(t.f.db.select().from(participation).all()).toHaveLength(0);
    valueOf(arrive(t, 0));
    expect(castAs(t, 0, ['for', '', '']).ok).toBe(true);
  });
});

describe('correcting a mistaken record', () => {
  it('during a poll, for someone who has not voted: the tick is withdrawn, with the reason in the history and the audit', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 10 });
    expect(correct(t, 9, ' ')).toMatchObject({ ok: false, field: 'reason' });
    expect(valueOf(correct(t, 9, '误点了同名代表'))).toEqual({ kind: 'withdraw', state: null });
    expect(placeOf(t, 9)).toBeNull();
    expect(castAs(t, 9, ['for', '', ''])).toMatchObject({ ok: false, reason: 'notPresent' });
    const history = t.f.db.select().from(attendanceEvent).where(eq(attendanceEvent.representativeId, t.f.roster[9]!.id)).all();
    expect(history.map((e) => [e.state, e.correction, e.reason])).toEqual([['present', false, ''], [null, true, '误点了同名代表']]);
    const audit = t.f.db.select().from(auditLog).all().filter((a) => a.action === 'session.roll.correct');
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ kind: 'withdraw', reason: '误点了同名代表' });
  });

  it('for someone who voted: a departure is recorded and the participation and ballot stand', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 10 });
    cast(t, 2, ['for', '', '']);
    expect(valueOf(correct(t, 2, '提前离会'))).toEqual({ kind: 'depart', state: 'departed' });
    expect(placeOf(t, 2)).toBe('departed');
    expect(t.f.db.select().from(participation).all()).toHaveLength(1);
    // The voter left after voting: the count at close still counts them as at the vote.
    const closed = close(t);
    const r = readSelectionResult(t.f.db, closed.id)!;
    expect(r.tally.present).toBe(10);
    expect(r.roll).toMatchObject({ present: 10, votedThenLeft: 1, atOpen: { present: 10 }, atClose: { present: 9, departed: 1 } });
  });

  it('a mistaken departure is withdrawn back to present; nothing to correct is refused', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 10 });
    valueOf(record(t, 3, 'departed'));
    expect(valueOf(correct(t, 3))).toEqual({ kind: 'withdraw', state: 'present' });
    expect(correct(t, 11)).toMatchObject({ ok: false, error: '该代表还没有签到记录，无需更正' });
  });
});

describe('the poll keeps its roll', () => {
  it('roster × state at opening and close; a departure after the close never changes the stored sheet', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 9 });
    valueOf(record(t, 9, 'leave', '出差'));
    valueOf(record(t, 8, 'departed'));
    const closed = close(t);
    const rows = t.f.db.select().from(pollRoll).where(eq(pollRoll.pollId, closed.id)).all();
    expect(rows.filter((r) => r.moment === 'open')).toHaveLength(12);
    expect(rows.filter((r) => r.moment === 'close')).toHaveLength(12);
    expect(rows.find((r) => r.moment === 'open' && r.representativeId === t.f.roster[8]!.id)!.state).toBe('present');
    expect(rows.find((r) => r.moment === 'close' && r.representativeId === t.f.roster[8]!.id)!.state).toBe('departed');
    expect(rows.find((r) => r.moment === 'close' && r.representativeId === t.f.roster[11]!.id)!.state).toBe('absent');
    const before = readSelectionResult(t.f.db, closed.id)!;
    expect(before.tally).toMatchObject({ seated: 12, present: 8, quorumMet: true });
    expect(before.roll?.atClose).toMatchObject({ present: 8, leave: 1, departed: 1, absent: 2 });
    for (const i of [0, 1, 2]) valueOf(record(t, i, 'departed'));
    expect(readSelectionResult(t.f.db, closed.id)).toEqual(before);
    const snapshots = t.f.db.select().from(auditLog).all().filter((a) => a.action === 'poll.roll').map((a) => JSON.parse(a.after!));
    expect(snapshots.map((s) => [s.moment, s.present])).toEqual([['open', 9], ['close', 8]]);
  });
});
