import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { durably, type Db, type DbConnection } from '../../db/client';
import { cycle, poll, pollOption, project } from '../../db/schema';
import { evaluationPollTitle, type EvaluableCycle } from '../domain/evaluationPoll';
import { checkPollTransition } from '../domain/pollState';
import { recordAudit, type Actor } from './audit';
import type { Cycle } from './cycles';
import { recordEvaluationResults } from './evaluation';
import { pollInSession, type Poll } from './pollReads';
import { projectsOfCycle, readResult } from './results';
import type { Session } from './sessions';
import { ok, refuse, type Result } from '../domain/result';

/** The jurisdiction's cycles with how many projects each has and whether they are already being evaluated, newest first. */
export function evaluableCycles(db: Db, jurisdictionId: number): EvaluableCycle[] {
  return db.select({ id: cycle.id, year: cycle.year, phase: cycle.phase, projects: sql<number>`count(${project.id})` })
    .from(cycle).leftJoin(project, eq(project.cycleId, cycle.id))
    .where(eq(cycle.jurisdictionId, jurisdictionId)).groupBy(cycle.id).orderBy(desc(cycle.year)).all()
    .map((c) => ({ ...c, evaluated: evaluationPollOfCycle(db, c.id) !== undefined }));
}

/** The evaluation poll (not void) that rates this cycle's projects, wherever it was held. */
export function evaluationPollOfCycle(db: Db, cycleId: number): Poll | undefined {
  return db.selectDistinct({ p: poll }).from(poll)
    .innerJoin(pollOption, eq(pollOption.pollId, poll.id)).innerJoin(project, eq(project.id, pollOption.projectId))
    .where(and(eq(project.cycleId, cycleId), eq(poll.kind, 'evaluation'), ne(poll.state, 'void'))).orderBy(asc(poll.id)).get()?.p;
}

/** The cycle whose projects an evaluation poll rates (its options' projects; one cycle per poll). */
export function evaluatedCycleOf(db: Db, pollId: number): Cycle | undefined {
  return db.select({ c: cycle }).from(pollOption).innerJoin(project, eq(project.id, pollOption.projectId))
    .innerJoin(cycle, eq(cycle.id, project.cycleId)).where(eq(pollOption.pollId, pollId)).get()?.c;
}

/**
 * 年底评议: an evaluation poll at the session over every project of the chosen cycle (one option per project), rated
 * 满意/基本满意/不满意. The session's own cycle may be next year's: the projects come from `cycleId`, which must be
 * the session's jurisdiction's. One evaluation (not void) per cycle; the year's selection poll is not affected.
 * A blank title becomes the chosen year's, so the title never names another year than the projects rated.
 */
export function createEvaluationPoll(db: Db, actor: Actor, s: Session, input: { title: string; secrecy: 'secret' | 'named'; cycleId: number }, now: Date): Result<Poll> {
  return db.transaction((tx) => {
    if (s.state === 'closed') return refuse('会议已闭会');
    const cy = tx.select().from(cycle).where(and(eq(cycle.id, input.cycleId), eq(cycle.jurisdictionId, s.jurisdictionId))).get();
    if (!cy) return refuse('请选择本辖区的年度工作', 'cycleId');
    const projects = projectsOfCycle(tx, cy.id);
    if (projects.length === 0) return refuse(`${cy.year} 年度还没有民生实事项目，无可测评的项目`, 'cycleId');
    const existing = evaluationPollOfCycle(tx, cy.id);
    if (existing) {
      return refuse(existing.state === 'published' ? `${cy.year} 年度项目的满意度测评结果已经公布` : `${cy.year} 年度项目已有一轮满意度测评；如需重新测评，请先将其作废`, 'cycleId');
    }
    const row = tx.insert(poll).values({
      sessionId: s.id, kind: 'evaluation', secrecy: input.secrecy, title: input.title || evaluationPollTitle(cy.year), seatsToFill: null, state: 'draft', createdAt: now,
    }).returning().get();
    tx.insert(pollOption).values(projects.map((p, i) => ({ pollId: row.id, projectId: p.id, label: p.title, position: i + 1 }))).run();
    recordAudit(tx, actor, {
      action: 'poll.create', targetType: 'poll', targetId: row.id, jurisdictionId: s.jurisdictionId,
      after: { sessionId: s.id, kind: 'evaluation', secrecy: input.secrecy, cycleId: cy.id, year: cy.year, projects: projects.map((p) => p.id) },
    }, now);
    return ok(row);
  });
}

/**
 * Publishes a counted evaluation poll: the poll becomes 'published' (its stored result is the snapshot) and the
 * rates go into evaluation_result, a project below the threshold in force at the close getting its follow-up
 * record — one durable transaction with the audit entries.
 */
export function publishEvaluationPoll(conn: DbConnection, actor: Actor, p: Poll, now: Date): Result<{ year: number; marked: number }> {
  return durably(conn, () => conn.transaction((tx) => {
    const { poll: fresh, session: s } = pollInSession(tx, p.id)!;
    if (fresh.kind !== 'evaluation') return refuse('项目表决的结果随决议一起公布');
    const result = readResult(tx, fresh.id);
    const check = checkPollTransition(fresh.state, 'published', { quorumMet: true, sessionOpen: true, countComplete: result !== null, reason: '' });
    if (!check.ok) return check;
    const cy = evaluatedCycleOf(tx, fresh.id);
    if (!result || result.kind !== 'evaluation' || !cy) return refuse('没有可公布的测评结果');
    tx.update(poll).set({ state: 'published', publishedAt: now }).where(eq(poll.id, fresh.id)).run();
    const t = result.tally;
    recordEvaluationResults(tx, actor, cy, fresh.id,
      t.rows.flatMap((r) => (r.projectId === null ? [] : [{ projectId: r.projectId, counts: { satisfied: r.satisfied, basic: r.basic, dissatisfied: r.dissatisfied } }])),
      t.thresholdPct, now);
    recordAudit(tx, actor, {
      action: 'result.publish', targetType: 'poll', targetId: fresh.id, jurisdictionId: s.jurisdictionId,
      after: {
        kind: 'evaluation', year: cy.year, thresholdPct: t.thresholdPct, overallPct: t.overall.ratePct,
        projects: t.rows.map((r) => ({ projectId: r.projectId, satisfied: r.satisfied, basic: r.basic, dissatisfied: r.dissatisfied, marked: r.marked })),
      },
    }, now);
    return ok({ year: cy.year, marked: t.marked });
  }, { behavior: 'immediate' }));
}
