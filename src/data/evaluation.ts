import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, carryOver, cycle, evaluationFollowUp, evaluationResult, milestone, project } from '../../db/schema';
import { carryOverPlan } from '../domain/carryOver';
import { ok, refuse, type Result } from '../domain/result';
import { evaluate, type RatingCounts } from '../domain/satisfaction';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';
import { getCycle, type Cycle } from './cycles';
import { currentPlan, type Project } from './projects';

export type EvaluationResult = typeof evaluationResult.$inferSelect;
export type FollowUp = typeof evaluationFollowUp.$inferSelect;

/**
 * Records the year-end evaluation's outcome (the tally of an evaluation poll, counted by the voting mechanism),
 * marks projects below the jurisdiction's threshold and opens a follow-up record for each — one transaction.
 * Recording again (a re-run poll) replaces the outcome; an existing follow-up is kept.
 */
export function recordEvaluationResults(db: Db, actor: Actor, cycle: Cycle, pollId: number | null,
  counts: readonly { projectId: number; counts: RatingCounts }[], thresholdPct: number, now: Date) {
  const outcome = evaluate(counts, thresholdPct);
  db.transaction((tx) => {
    for (const p of outcome.projects) {
      const values = { pollId, ...p.counts, thresholdPct, marked: p.marked, recordedAt: now };
      tx.insert(evaluationResult).values({ projectId: p.projectId, ...values })
        .onConflictDoUpdate({ target: evaluationResult.projectId, set: values }).run();
      if (p.marked) tx.insert(evaluationFollowUp).values({ projectId: p.projectId, createdAt: now }).onConflictDoNothing().run();
    }
    recordAudit(tx, actor, {
      action: 'evaluation.record', targetType: 'cycle', targetId: cycle.id, jurisdictionId: cycle.jurisdictionId,
      after: { pollId, thresholdPct, projects: outcome.projects.map((p) => ({ projectId: p.projectId, ...p.counts, marked: p.marked })) },
    }, now);
  });
  return outcome;
}

export function evaluationsOf(db: Db, projectIds: readonly number[]): { results: Map<number, EvaluationResult>; followUps: Map<number, FollowUp> } {
  if (projectIds.length === 0) return { results: new Map(), followUps: new Map() };
  const ids = idList(projectIds);
  const results = prepared(db, 'evaluationResultsOf', (db) => db.select().from(evaluationResult).where(inArray(evaluationResult.projectId, idsIn('ids'))).prepare());
  const followUps = prepared(db, 'evaluationFollowUpsOf', (db) => db.select().from(evaluationFollowUp).where(inArray(evaluationFollowUp.projectId, idsIn('ids'))).prepare());
  return {
    results: new Map(results.all({ ids }).map((r) => [r.projectId, r])),
    followUps: new Map(followUps.all({ ids }).map((f) => [f.projectId, f])),
  };
}

/**
 * The jurisdiction's open 测评整改 follow-ups, in every year — the follow-up outlives the year it was decided in
 * (a closed year's project must still be put right) — with what the unit and the clerk need to list them.
 */
export function openFollowUps(db: Db, jurisdictionId: number): { followUp: FollowUp; projectId: number; title: string; unitUserId: number | null; year: number }[] {
  return prepared(db, 'openFollowUps', (db) => db.select({ followUp: evaluationFollowUp, projectId: project.id, title: candidate.title, unitUserId: candidate.unitUserId, year: cycle.year })
    .from(evaluationFollowUp)
    .innerJoin(project, eq(project.id, evaluationFollowUp.projectId))
    .innerJoin(candidate, eq(candidate.id, project.candidateId))
    .innerJoin(cycle, eq(cycle.id, project.cycleId))
    .where(and(eq(cycle.jurisdictionId, sql.placeholder('jurisdictionId')), eq(evaluationFollowUp.state, 'open')))
    .orderBy(evaluationFollowUp.id).prepare()).all({ jurisdictionId });
}

export function updateFollowUp(db: Db, actor: Actor & { id: number }, projectId: number, jurisdictionId: number,
  input: { measures: string; deadline: string | null; state: 'open' | 'done'; outcome: string }, now: Date): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(evaluationFollowUp).where(eq(evaluationFollowUp.projectId, projectId)).get();
    if (!before) return false;
    tx.update(evaluationFollowUp).set({ ...input, updatedBy: actor.id, updatedAt: now }).where(eq(evaluationFollowUp.projectId, projectId)).run();
    recordAudit(tx, actor, {
      action: 'evaluation.followUp', targetType: 'project', targetId: projectId, jurisdictionId,
      before: { measures: before.measures, deadline: before.deadline, state: before.state, outcome: before.outcome }, after: input,
    }, now);
    return true;
  });
}

export function carriedTo(db: Db, fromProjectId: number): number | undefined {
  return db.select().from(carryOver).where(eq(carryOver.fromProjectId, fromProjectId)).get()?.toProjectId;
}

export function carriedFrom(db: Db, toProjectId: number): number | undefined {
  return db.select().from(carryOver).where(eq(carryOver.toProjectId, toProjectId)).get()?.fromProjectId;
}

/**
 * 跨年度项目结转: the remaining plan becomes a project of the next year's cycle — its candidate (the same unit,
 * lead and title), milestones from the remaining plan, and the project row — without a new vote.
 * The value is the new project and the year it now belongs to.
 */
export function carryOverProject(db: Db, actor: Actor & { id: number }, from: Project, fromCycle: Cycle, now: Date):
  Result<{ projectId: number; year: number }> {
  return db.transaction((tx) => {
    const toCycle = getCycle(tx, fromCycle.jurisdictionId, fromCycle.year + 1);
    if (!toCycle) return refuse(`请先创建 ${fromCycle.year + 1} 年度工作，再结转`);
    if (carriedTo(tx, from.id)) return refuse('该项目已结转到下一年度');
    const carried = carryOverPlan(currentPlan(tx, from), fromCycle.year);
    if (!carried.ok) return carried;
    const plan = carried.value;
    const src = tx.select().from(candidate).where(eq(candidate.id, from.candidateId)).get()!;
    const pos = (tx.select({ m: max(candidate.position) }).from(candidate).where(eq(candidate.cycleId, toCycle.id)).get()?.m ?? 0) + 1;
    const cand = tx.insert(candidate).values({
      cycleId: toCycle.id, title: src.title, description: src.description, budget: plan.budget, unitName: src.unitName,
      unitUserId: src.unitUserId, leadOfficial: src.leadOfficial, startDate: plan.startDate, endDate: plan.endDate,
      crossYear: true, position: pos, createdAt: now,
    }).returning().get();
    plan.milestones.forEach((m, i) => tx.insert(milestone).values({ candidateId: cand.id, ...m, position: i + 1 }).run());
    const p = tx.insert(project).values({ cycleId: toCycle.id, candidateId: cand.id, status: 'inProgress', createdAt: now }).returning().get();
    tx.insert(carryOver).values({ fromProjectId: from.id, toProjectId: p.id, by: actor.id, at: now }).run();
    recordAudit(tx, actor, {
      action: 'project.carryOver', targetType: 'project', targetId: from.id, jurisdictionId: fromCycle.jurisdictionId,
      after: { toProjectId: p.id, toYear: toCycle.year, plan },
    }, now);
    return ok({ projectId: p.id, year: toCycle.year });
  });
}
