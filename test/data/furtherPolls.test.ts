import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, poll } from '../../db/schema';
import { chainPlan, createFurtherPoll } from '../../src/data/furtherPolls';
import { optionsOf, pollById, type Poll } from '../../src/data/pollReads';
import { createRunoff } from '../../src/data/polls';
import { generateResolution, publishSession } from '../../src/data/publication';
import { projectsOfCycle, sessionOutcome } from '../../src/data/results';
import { CANDIDATE_TITLES, signCertificates } from '../helpers/votingFixture';
import { cast, clerkActor, close, opened, openedPoll, tiedPoll, valueOf, type PollCase } from '../helpers/pollCases';

const [A, B, C, D] = CANDIDATE_TITLES;

/** Opens a poll that follows in the chain and has every one of the 12 cast the marks the plan gives them. */
function hold(t: PollCase, created: Poll, plan: (i: number) => string[]): PollCase {
  const r: PollCase = opened(t, created);
  for (let i = 0; i < 12; i++) cast(r, i, plan(i));
  return { ...r, poll: close(r) };
}

/** After the first-round tie (A adopted; B and C tied for one place), the runoff splits 6 : 6 — nobody over half of 12. */
async function runoffTiedAgain() {
  const t = await tiedPoll();
  const runoff = hold(t, valueOf(createRunoff(t.f.db, clerkActor(t.f), t.poll, new Date())), (i) => (i < 6 ? ['for', 'against'] : ['against', 'for']));
  return { t, runoff };
}

describe('the shortfall chain: 另行票决 for places still empty', () => {
  it('tie → runoff tied again → further poll among the remaining in first-round order → adopted', async () => {
    const { t, runoff } = await runoffTiedAgain();
    // A first-round tie goes to a runoff first: no further poll straight after the selection.
    expect(createFurtherPoll(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, new Date())).toMatchObject({ ok: false });
    const plan = chainPlan(t.f.db, runoff.poll)!;
    expect(plan).toMatchObject({ places: 1, steps: { runoff: false, further: true } });
    const further = valueOf(createFurtherPoll(t.f.db, clerkActor(t.f), runoff.poll, new Date()));
    expect(further).toMatchObject({ kind: 'further', seatsToFill: 1, parentPollId: runoff.poll.id, state: 'draft', title: '2027年度民生实事项目票决（另行票决）' });
    expect(optionsOf(t.f.db, further.id).map((o) => o.label)).toEqual([B, C, D]);
    expect(createFurtherPoll(t.f.db, clerkActor(t.f), runoff.poll, new Date())).toMatchObject({ ok: false, error: '此轮表决之后已经发起了另行投票或另行票决' });
    const done = hold(runoff, further, (i) => (i < 9 ? ['', '', 'for'] : ['for', '', '']));
    const outcome = sessionOutcome(t.f.db, t.session.id)!;
    expect(outcome.polls.map((x) => x.poll.kind)).toEqual(['selection', 'runoff', 'further']);
    expect(outcome.adopted.map((a) => [a.title, a.pollId])).toEqual([[A, t.poll.id], [D, done.poll.id]]);
    expect(outcome.emptySeats).toBe(0);
    const text = generateResolution(t.f.db, t.f.qs, t.session)!.body;
    expect(text).toContain(`第3轮就1个名额在其余3个候选项目中另行票决，通过1项：${D}。`);
    expect(text).not.toContain('未产生');
    // No counted poll was voided to make room.
    expect(t.f.db.select().from(poll).where(eq(poll.state, 'void')).all()).toHaveLength(0);
    signCertificates(t.f, t.session);
    valueOf(publishSession(t.f.db, { id: t.f.users.qsClerk.id, name: 'x' }, t.f.qs, t.session, new Date()));
    expect(projectsOfCycle(t.f.db, t.f.qsCycle.cycle.id).map((p) => p.title)).toEqual([A, D]);
  });

  it('nobody else over half in the first round → a further poll for the empty place, no runoff', async () => {
    const t = await openedPoll({ reps: 12, logins: 12, candidates: 4, seatsToFill: 2, present: 12 });
    // A 8 "for"; B 4, C 4, D 0: one place empty.
    for (let i = 0; i < 12; i++) cast(t, i, i < 8 ? ['for', i < 4 ? 'for' : '', i >= 4 ? 'for' : '', ''] : ['', '', '', 'against']);
    const first = { ...t, poll: close(t) };
    const plan = chainPlan(t.f.db, first.poll)!;
    expect(plan.steps).toEqual({ runoff: false, further: true });
    const further = valueOf(createFurtherPoll(t.f.db, clerkActor(t.f), first.poll, new Date()));
    expect(optionsOf(t.f.db, further.id).map((o) => o.label)).toEqual([B, C, D]);
    expect(further.seatsToFill).toBe(1);
    const audit = t.f.db.select().from(auditLog).all().filter((a) => a.action === 'poll.create').at(-1)!;
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'further', parentPollId: first.poll.id, seatsToFill: 1 });
  });

  it('further polls chain as often as needed; when the clerk ends, the resolution says why the place stayed empty', async () => {
    const { t, runoff } = await runoffTiedAgain();
    const f1 = hold(runoff, valueOf(createFurtherPoll(t.f.db, clerkActor(t.f), runoff.poll, new Date())), () => ['for', '', '']);
    expect(sessionOutcome(t.f.db, t.session.id)!.emptySeats).toBe(0); // B 12 → adopted
    // Another session of the same shape, ended after the tied runoff.
    const { t: t2, runoff: r2 } = await runoffTiedAgain();
    signCertificates(t2.f, t2.session);
    valueOf(publishSession(t2.f.db, { id: t2.f.users.qsClerk.id, name: 'x' }, t2.f.qs, t2.session, new Date()));
    const outcome = sessionOutcome(t2.f.db, t2.session.id)!;
    expect(outcome).toMatchObject({ emptySeats: 1 });
    const body = generateResolution(t2.f.db, t2.f.qs, t2.session)!.body;
    expect(body).toContain('应选2项中尚有1项未产生：另行投票中赞成票过半数的项目少于应选数，会议未再另行票决，该名额空缺。');
    expect(createFurtherPoll(t2.f.db, clerkActor(t2.f), pollById(t2.f.db, r2.poll.id)!, new Date())).toMatchObject({ ok: false, error: '本次会议的结果已公布' });
    expect(f1.poll.kind).toBe('further');
  });

  it('a second further poll after a first that fell short again', async () => {
    const { t, runoff } = await runoffTiedAgain();
    const f1 = hold(runoff, valueOf(createFurtherPoll(t.f.db, clerkActor(t.f), runoff.poll, new Date())), (i) => (i < 4 ? ['for', '', ''] : ['', '', 'against']));
    const f2 = valueOf(createFurtherPoll(t.f.db, clerkActor(t.f), f1.poll, new Date()));
    expect(f2.title).toBe('2027年度民生实事项目票决（第2次另行票决）');
    expect(optionsOf(t.f.db, f2.id).map((o) => o.label)).toEqual([B, C, D]);
  });
});
