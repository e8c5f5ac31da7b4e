import { describe, expect, it } from 'vitest';
import { candidateProposal, evaluationResult, poll, project, proposal, proposalEvent } from '../../db/schema';
import { publishEvaluationPoll } from '../../src/data/evaluationPolls';
import { pollInSession } from '../../src/data/pollReads';
import { computeResult } from '../../src/data/results';
import { getSettings, saveSettings } from '../../src/data/settings';
import { publishSession } from '../../src/data/publication';
import { evaluationCounted } from '../helpers/evaluationCases';
import { clerkActor, decidedRunoff, valueOf } from '../helpers/pollCases';
import { signCertificates } from '../helpers/votingFixture';

describe('publishSession: one durable transaction, once', () => {
  it('publishes the polls and the resolution and makes each adopted candidate a project, once; a second publish is refused', async () => {
    const t = await decidedRunoff();
    const actor = clerkActor(t.f);
    signCertificates(t.f, t.session);
    expect(valueOf(publishSession(t.f.db, actor, t.f.qs, t.session, new Date()))).toEqual({ projects: 2 });
    const projects = t.f.db.select().from(project).all();
    expect(projects.map((p) => p.candidateId).sort()).toEqual([t.f.qsCycle.candidates[0]!.id, t.f.qsCycle.candidates[1]!.id].sort());
    expect(t.f.db.select().from(poll).all().map((p) => p.state)).toEqual(['published', 'published']);
    const again = publishSession(t.f.db, actor, t.f.qs, t.session, new Date());
    expect(again).toMatchObject({ ok: false, error: '不能公布：结果已经公布' });
    expect(t.f.db.select().from(project).all()).toHaveLength(2);
  });
});

describe('publishSession: what the vote did not adopt goes to the reserve pool', () => {
  it('pools the proposals behind candidates not adopted (runoff loser and selection loser), not those behind adopted ones', async () => {
    const t = await decidedRunoff();
    const [a, , c, d] = t.f.qsCycle.candidates;
    const linked = (cand: { id: number }, seq: number) => {
      const id = t.f.db.insert(proposal).values({
        cycleId: t.f.qsCycle.cycle.id, receipt: `2027-QS-90${seq}`, seq: 900 + seq, title: `提议${seq}`, description: '说明',
        category: 'transport', estimatedCost: 1000, fiscalSharePct: 100, durationMonths: 6, proposerName: '王芳', source: 'public', status: 'eligible',
      }).returning({ id: proposal.id }).get().id;
      t.f.db.insert(candidateProposal).values({ candidateId: cand.id, proposalId: id }).run();
      return id;
    };
    const ofA = linked(a!, 1), ofC = linked(c!, 2), ofD = linked(d!, 3);
    signCertificates(t.f, t.session);
    valueOf(publishSession(t.f.db, clerkActor(t.f), t.f.qs, t.session, new Date('2027-01-15T08:00:00Z')));
    const reasons = Object.fromEntries(t.f.db.select({ id: proposal.id, r: proposal.poolReason, receipt: proposal.receipt }).from(proposal).all().map((p) => [p.id, [p.r, p.receipt]]));
    expect(reasons[ofA]).toEqual([null, '2027-QS-901']);
    expect(reasons[ofC]).toEqual(['notAdopted', '2027-QS-902']);
    expect(reasons[ofD]).toEqual(['notAdopted', '2027-QS-903']);
    const notes = t.f.db.select().from(proposalEvent).all().filter((e) => e.kind === 'pooled').map((e) => e.proposalId).sort();
    expect(notes).toEqual([ofC, ofD].sort());
    expect(t.f.db.select().from(proposalEvent).all().find((e) => e.proposalId === ofC)!.note).toContain('已转入项目储备库');
  });
});

describe('publishEvaluationPoll: the rates recorded once', () => {
  it('publishes a counted evaluation and records each project\'s rate; a second publish is refused', async () => {
    const t = await evaluationCounted();
    const actor = clerkActor(t.f);
    expect(valueOf(publishEvaluationPoll(t.f.db, actor, t.poll, new Date()))).toEqual({ year: 2026, marked: 1 });
    expect(t.f.db.select().from(evaluationResult).all()).toHaveLength(3);
    expect(publishEvaluationPoll(t.f.db, actor, t.poll, new Date())).toMatchObject({ ok: false, error: '结果已公布，不能再更改；如需更正请另行发布更正说明' });
    expect(t.f.db.select().from(evaluationResult).all()).toHaveLength(3);
  });
});

describe('the 整改线 an evaluation is counted under', () => {
  it('is the one in force when it opened: raising the setting afterwards marks no more projects', async () => {
    const t = await evaluationCounted();
    const actor = clerkActor(t.f);
    expect(JSON.parse(t.poll.rule!).satisfactionThresholdPct).toBe(60);
    const j = { id: t.session.jurisdictionId, kind: 'township' as const };
    valueOf(saveSettings(t.f.db, actor, j, { ...getSettings(t.f.db, j.id), satisfactionThreshold: 85 }, new Date()));
    const result = computeResult(t.f.db, pollInSession(t.f.db, t.poll.id)!, new Date());
    expect(result.kind === 'evaluation' && [result.tally.thresholdPct, result.tally.marked]).toEqual([60, 1]);
    expect(valueOf(publishEvaluationPoll(t.f.db, actor, t.poll, new Date()))).toEqual({ year: 2026, marked: 1 });
  });
});
