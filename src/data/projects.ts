import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, cycle, jurisdiction, milestone, planAdjustment, project, user } from '../../db/schema';
import { checkAcceptance, type ProjectStatus } from '../domain/projectStatus';
import { ok, type Result } from '../domain/result';
import type { Plan, PlannedMilestone } from '../domain/schedule';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';

/** An adopted project with the candidate it came from (title, unit, lead, budget, dates). */
export interface Project {
  id: number;
  cycleId: number;
  candidateId: number;
  status: ProjectStatus;
  title: string;
  description: string;
  unitName: string;
  unitUserId: number | null;
  leadOfficial: string;
  crossYear: boolean;
  position: number;
}

const projectColumns = {
  id: project.id, cycleId: project.cycleId, candidateId: project.candidateId, status: project.status,
  title: candidate.title, description: candidate.description, unitName: candidate.unitName, unitUserId: candidate.unitUserId,
  leadOfficial: candidate.leadOfficial, crossYear: candidate.crossYear, position: candidate.position,
};

export function projectsOfCycle(db: Db, cycleId: number): Project[] {
  return projectsOfCycles(db, [cycleId]);
}

/** The projects of several cycles in one read, each cycle's in its list order. */
export function projectsOfCycles(db: Db, cycleIds: readonly number[]): Project[] {
  if (cycleIds.length === 0) return [];
  return prepared(db, 'projectsOfCycles', (db) => db.select(projectColumns).from(project).innerJoin(candidate, eq(candidate.id, project.candidateId))
    .where(inArray(project.cycleId, idsIn('ids'))).orderBy(asc(candidate.position), asc(project.id)).prepare()).all({ ids: idList(cycleIds) });
}

/** The project, only if it belongs to this cycle (a URL naming another town's project is a 404). */
export function getProject(db: Db, cycleId: number, projectId: number): Project | undefined {
  return db.select(projectColumns).from(project).innerJoin(candidate, eq(candidate.id, project.candidateId))
    .where(and(eq(project.id, projectId), eq(project.cycleId, cycleId))).get();
}

/** The plan voted on: the candidate and its milestones. */
export function originalPlan(db: Db, candidateId: number): Plan {
  const c = db.select().from(candidate).where(eq(candidate.id, candidateId)).get()!;
  const ms = db.select().from(milestone).where(eq(milestone.candidateId, candidateId)).orderBy(asc(milestone.position), asc(milestone.id)).all();
  return {
    budget: c.budget, startDate: c.startDate, endDate: c.endDate,
    milestones: ms.map((m) => ({ title: m.title, dueDate: m.dueDate, plannedPct: m.plannedPct, plannedSpend: m.plannedSpend })),
  };
}

/** Only a decided amendment changes the plan in force; a request waits for its decision. */
const inForce = eq(planAdjustment.state, 'decided');

export interface PlanAdjustmentRow { id: number; plan: Plan; reason: string; at: Date; byName: string }

export function planAdjustmentsOf(db: Db, projectId: number): PlanAdjustmentRow[] {
  return db.select({ a: planAdjustment, byName: user.displayName }).from(planAdjustment)
    .innerJoin(user, eq(user.id, planAdjustment.adjustedBy))
    .where(and(eq(planAdjustment.projectId, projectId), inForce)).orderBy(asc(planAdjustment.id)).all()
    .map(({ a, byName }) => ({
      id: a.id, reason: a.reason, at: a.at, byName,
      plan: { budget: a.budget, startDate: a.startDate, endDate: a.endDate, milestones: JSON.parse(a.milestones) as PlannedMilestone[] },
    }));
}

/** The plan in force: the latest decided adjustment, or the original. */
export function currentPlan(db: Db, p: Pick<Project, 'id' | 'candidateId'>): Plan {
  const last = db.select().from(planAdjustment).where(and(eq(planAdjustment.projectId, p.id), inForce)).orderBy(desc(planAdjustment.id)).limit(1).get();
  if (!last) return originalPlan(db, p.candidateId);
  return { budget: last.budget, startDate: last.startDate, endDate: last.endDate, milestones: JSON.parse(last.milestones) as PlannedMilestone[] };
}

/** Current plans of many projects at once (dashboards, notice boards). */
export function currentPlans(db: Db, ps: readonly Pick<Project, 'id' | 'candidateId'>[]): Map<number, Plan> {
  const out = new Map<number, Plan>();
  if (ps.length === 0) return out;
  const candidateIds = idList(ps.map((p) => p.candidateId));
  const cands = new Map(prepared(db, 'plannedCandidates', (db) => db.select({ id: candidate.id, budget: candidate.budget, startDate: candidate.startDate, endDate: candidate.endDate })
    .from(candidate).where(inArray(candidate.id, idsIn('ids'))).prepare()).all({ ids: candidateIds }).map((c) => [c.id, c]));
  const ms = new Map<number, PlannedMilestone[]>();
  for (const m of prepared(db, 'plannedMilestones', (db) => db.select().from(milestone).where(inArray(milestone.candidateId, idsIn('ids')))
    .orderBy(asc(milestone.position), asc(milestone.id)).prepare()).all({ ids: candidateIds })) {
    const planned = { title: m.title, dueDate: m.dueDate, plannedPct: m.plannedPct, plannedSpend: m.plannedSpend };
    const list = ms.get(m.candidateId);
    if (list) list.push(planned);
    else ms.set(m.candidateId, [planned]);
  }
  // In id order: the last adjustment of a project is the one in force.
  const lastAdjustment = new Map<number, typeof planAdjustment.$inferSelect>();
  const adjustments = prepared(db, 'adjustmentsInForce', (db) => db.select().from(planAdjustment)
    .where(and(inArray(planAdjustment.projectId, idsIn('ids')), inForce)).orderBy(asc(planAdjustment.id)).prepare());
  for (const a of adjustments.all({ ids: idList(ps.map((p) => p.id)) })) {
    lastAdjustment.set(a.projectId, a);
  }
  for (const p of ps) {
    const last = lastAdjustment.get(p.id);
    if (last) {
      out.set(p.id, { budget: last.budget, startDate: last.startDate, endDate: last.endDate, milestones: JSON.parse(last.milestones) as PlannedMilestone[] });
      continue;
    }
    const c = cands.get(p.candidateId)!;
    out.set(p.id, { budget: c.budget, startDate: c.startDate, endDate: c.endDate, milestones: ms.get(c.id) ?? [] });
  }
  return out;
}

/** A new plan in force, with its reason; the original and every earlier adjustment stay. */
export function adjustPlan(db: Db, actor: Actor & { id: number }, p: Project, jurisdictionId: number, plan: Plan, reason: string, now: Date): void {
  db.transaction((tx) => {
    const before = currentPlan(tx, p);
    const row = tx.insert(planAdjustment).values({
      projectId: p.id, budget: plan.budget, startDate: plan.startDate, endDate: plan.endDate,
      milestones: JSON.stringify(plan.milestones), reason, adjustedBy: actor.id, at: now,
    }).returning().get();
    recordAudit(tx, actor, {
      action: 'project.plan.adjust', targetType: 'project', targetId: p.id, jurisdictionId,
      before, after: { ...plan, reason, adjustmentId: row.id },
    }, now);
  });
}

export function acceptProject(db: Db, actor: Actor, p: Project, jurisdictionId: number, now: Date): Result {
  return db.transaction((tx) => {
    const fresh = tx.select().from(project).where(eq(project.id, p.id)).get()!;
    const check = checkAcceptance(fresh.status);
    if (!check.ok) return check;
    tx.update(project).set({ status: 'accepted' }).where(eq(project.id, p.id)).run();
    recordAudit(tx, actor, { action: 'project.accept', targetType: 'project', targetId: p.id, jurisdictionId, before: { status: fresh.status }, after: { status: 'accepted' } }, now);
    return ok();
  });
}

/** Where a project lives (its jurisdiction's code and cycle year), for links between carried-over projects. */
export function projectHref(db: Db, projectId: number): string | undefined {
  const r = db.select({ code: jurisdiction.code, year: cycle.year }).from(project)
    .innerJoin(cycle, eq(cycle.id, project.cycleId)).innerJoin(jurisdiction, eq(jurisdiction.id, cycle.jurisdictionId))
    .where(eq(project.id, projectId)).get();
  return r ? `/j/${r.code}/cycles/${r.year}/projects/${projectId}` : undefined;
}
