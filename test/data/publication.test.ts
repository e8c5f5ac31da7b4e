import { describe, expect, it } from 'vitest';
import { evaluationResult, poll, project } from '../../db/schema';
import { publishEvaluationPoll } from '../../src/data/evaluationPolls';
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
