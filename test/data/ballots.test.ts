import { describe, expect, it } from 'vitest';
import { decodeMarks } from '../../src/domain/compactMarks';
import { ballot, namedBallot, participation, sealedBallot } from '../../db/schema';
import { castBallot } from '../../src/data/ballots';
import { optionsOf } from '../../src/data/pollReads';
import { cast, close, marksIn, openedPoll, type PollCase } from '../helpers/pollCases';
import { statementsOf } from '../helpers/statements';
import { castVia, marksFor } from '../helpers/votingFixture';

// 6 seated, all present, 3 candidates, N = 2.
const FIXTURE = { reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6 };

const castAs = (t: PollCase, i: number, marks: string[]) =>
  castBallot(t.f.db, { poll: t.poll, options: optionsOf(t.f.db, t.poll.id), voter: t.f.roster[i]! }, marksIn(t.ids, marks));

describe('castBallot: one ballot per representative, in one durable transaction', () => {
  it('accepts a ballot: a receipt, one participation row, one sealed ballot; at 开箱 an anonymous ballot with every option marked', async () => {
    const t = await openedPoll(FIXTURE);
    const r = castAs(t, 0, ['for', 'against', '']);
    expect(r.ok && r.value.receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(t.f.db.select().from(participation).all()).toMatchObject([{ pollId: t.poll.id, representativeId: t.f.roster[0]!.id, channel: 'electronic' }]);
    expect(t.f.db.select().from(sealedBallot).all()).toHaveLength(1);
    expect(t.f.db.select().from(ballot).all()).toHaveLength(0);
    close(t);
    const stored = t.f.db.select().from(ballot).all();
    expect(stored).toHaveLength(1);
    expect(decodeMarks(t.ids, stored[0]!.marks)).toEqual({ [t.ids[0]!]: 'for', [t.ids[1]!]: 'against', [t.ids[2]!]: 'abstain' });
  });

  it('refuses a second ballot from the same representative with the first receipt, and stores nothing more', async () => {
    const t = await openedPoll(FIXTURE);
    const receipt = cast(t, 0, ['for', '', '']);
    const again = castAs(t, 0, ['against', '', '']);
    expect(again).toMatchObject({ ok: false, reason: 'already', receipt, channel: 'electronic', status: 409 });
    expect(t.f.db.select().from(participation).all()).toHaveLength(1);
    expect(t.f.db.select().from(sealedBallot).all()).toHaveLength(1);
  });

  it('refuses a ballot for a closed poll', async () => {
    const t = await openedPoll(FIXTURE);
    close(t);
    expect(castAs(t, 0, ['for', '', ''])).toMatchObject({ ok: false, reason: 'closed', status: 409 });
    expect(t.f.db.select().from(participation).all()).toHaveLength(0);
  });

  it('refuses more "for" than places (N = 2), never storing it as an invalid ballot', async () => {
    const t = await openedPoll(FIXTURE);
    const r = castAs(t, 0, ['for', 'for', 'for']);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', error: '赞成票 3 个，超过应选数 2 个。请把多出的改为反对或弃权后再提交' });
    expect(t.f.db.select().from(participation).all()).toHaveLength(0);
    expect(t.f.db.select().from(sealedBallot).all()).toHaveLength(0);
  });

  it('refuses a mark for an option the poll does not have', async () => {
    const t = await openedPoll(FIXTURE);
    const r = castBallot(t.f.db, { poll: t.poll, options: optionsOf(t.f.db, t.poll.id), voter: t.f.roster[0]! }, { 99999: 'for' });
    expect(r).toMatchObject({ ok: false, reason: 'invalid', error: '选票内容无法识别，请刷新页面后重新填写' });
  });

  it('refuses a representative who has not checked in', async () => {
    const t = await openedPoll({ ...FIXTURE, present: 5 });
    expect(castAs(t, 5, ['for', '', ''])).toMatchObject({ ok: false, reason: 'notPresent', error: '请先签到，签到后才能投票' });
  });

  it('a named poll keeps the voter with the marks, openly, and nothing in the anonymous table', async () => {
    const t = await openedPoll({ ...FIXTURE, secrecy: 'named' });
    cast(t, 0, ['for', '', '']);
    expect(t.f.db.select().from(namedBallot).all()).toMatchObject([{ representativeId: t.f.roster[0]!.id }]);
    expect(t.f.db.select().from(ballot).all()).toHaveLength(0);
  });

  // Structural, not timing: the rows the route's subject read (poll, options, the voter's roster place) are passed in;
  // inside the transaction one read re-checks the poll's state, the check-in and any participation, then two inserts.
  // Before this shape a cast read the poll, the roster row and the options twice over: 6 statements here, 16 per request.
  it('casting reads once: at most 3 statements inside castBallot', async () => {
    const t = await openedPoll(FIXTURE);
    const options = optionsOf(t.f.db, t.poll.id);
    const { result, statements } = await statementsOf(t.f.db, () =>
      castBallot(t.f.db, { poll: t.poll, options, voter: t.f.roster[0]! }, marksIn(t.ids, ['for', '', ''])));
    expect(result.ok).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(3);
  });

  // The whole request: the login (2), the jurisdiction (1) and its parents for allow() (1), the voter's seat (1), the
  // ballot's subject — poll, session and roster place in one read, then the options (2) — and the cast (3).
  // Counted per execution, so a kept (prepared) statement counts each time it runs.
  it('a cast through the app: at most 10 statements for the whole request', async () => {
    const t = await openedPoll({ ...FIXTURE, logins: 1 });
    const cookie = await t.f.login('qs.rep');
    const { result, statements } = await statementsOf(t.f.db, () => castVia(t.f, cookie, t.poll.id, marksFor(t.ids, ['for', '', ''])));
    expect(result.status).toBe(303);
    expect(statements.length).toBeLessThanOrEqual(10);
  });

  it('the cast path runs on kept statements: a second voter\'s cast prepares no SQL at all', async () => {
    const t = await openedPoll({ ...FIXTURE, logins: 2 });
    const cookies = [await t.f.login('qs.rep'), await t.f.login(t.f.usernameOf(1))];
    expect((await castVia(t.f, cookies[0]!, t.poll.id, marksFor(t.ids, ['for', '', '']))).status).toBe(303);
    const client = t.f.db.$client;
    const original = client.prepare;
    const prepared: string[] = [];
    client.prepare = function (this: typeof client, source: string) {
      prepared.push(source);
      return original.call(this, source);
    } as typeof client.prepare;
    try {
      expect((await castVia(t.f, cookies[1]!, t.poll.id, marksFor(t.ids, ['', 'for', '']))).status).toBe(303);
    } finally {
      client.prepare = original;
    }
    expect(prepared).toEqual([]);
  });
});
