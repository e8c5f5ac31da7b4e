import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { implementationPlan } from '../../db/schema';
import { ok, refuse, type Result } from '../domain/result';
import { checkSoftTarget, type SoftTarget } from '../domain/softTarget';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';
import type { Project } from './projects';

/** One source of a project's funds (区级财政、镇级财政、社会资金 …), in yuan. */
export interface FundLine { source: string; amount: number }

export interface PlanDraft {
  responsibleUnit: string;
  responsibleOfficial: string;
  yearlyTargets: string;
  funds: FundLine[];
  safeguards: string;
  /** Set for a soft project (政策、服务类): progress is counted in these units. */
  target: SoftTarget | null;
}

export interface ImplementationPlan extends PlanDraft {
  projectId: number;
  publishBy: string | null;
  publishedAt: Date | null;
}

type Row = typeof implementationPlan.$inferSelect;

function fromRow(r: Row): ImplementationPlan {
  return {
    projectId: r.projectId, responsibleUnit: r.responsibleUnit, responsibleOfficial: r.responsibleOfficial,
    yearlyTargets: r.yearlyTargets, funds: JSON.parse(r.funds) as FundLine[], safeguards: r.safeguards,
    target: r.targetUnit && r.targetQuantity ? { unit: r.targetUnit, quantity: r.targetQuantity } : null,
    publishBy: r.publishBy, publishedAt: r.publishedAt,
  };
}

export function implementationPlanOf(db: Db, projectId: number): ImplementationPlan | undefined {
  const r = db.select().from(implementationPlan).where(eq(implementationPlan.projectId, projectId)).get();
  return r && fromRow(r);
}

export function implementationPlansOf(db: Db, projectIds: readonly number[]): Map<number, ImplementationPlan> {
  if (projectIds.length === 0) return new Map();
  return new Map(prepared(db, 'implementationPlansOf', (db) => db.select().from(implementationPlan).where(inArray(implementationPlan.projectId, idsIn('ids'))).prepare())
    .all({ ids: idList(projectIds) }).map((r) => [r.projectId, fromRow(r)]));
}

/** A soft project's target, or null for works measured in %. */
export function softTargetsOf(db: Db, projectIds: readonly number[]): Map<number, SoftTarget> {
  const out = new Map<number, SoftTarget>();
  for (const [id, p] of implementationPlansOf(db, projectIds)) if (p.target) out.set(id, p.target);
  return out;
}

/** A new plan starts from what the candidate already says: its unit and lead official. */
function ensureRow(db: Db, p: Project): void {
  db.insert(implementationPlan).values({ projectId: p.id, responsibleUnit: p.unitName, responsibleOfficial: p.leadOfficial })
    .onConflictDoNothing().run();
}

/** The clerk's deadline for publication (overdue then shows on the clerk's home). */
export function setPublishDeadline(db: Db, actor: Actor, p: Project, jurisdictionId: number, publishBy: string, now: Date): void {
  db.transaction((tx) => {
    ensureRow(tx, p);
    const before = implementationPlanOf(tx, p.id)!;
    tx.update(implementationPlan).set({ publishBy }).where(eq(implementationPlan.projectId, p.id)).run();
    recordAudit(tx, actor, { action: 'project.implementationPlan.deadline', targetType: 'project', targetId: p.id, jurisdictionId, before: { publishBy: before.publishBy }, after: { publishBy } }, now);
  });
}

/**
 * The unit's or clerk's draft. A published plan is the public record: it changes only by an amendment, except
 * a soft target set before the first report (none exists then) — so the draft is refused once published.
 */
export function saveImplementationPlan(db: Db, actor: Actor & { id: number }, p: Project, jurisdictionId: number, d: PlanDraft, now: Date): Result {
  if (d.target) {
    const bad = checkSoftTarget(d.target.unit, d.target.quantity);
    if (bad) return refuse(bad, 'targetQuantity');
  }
  return db.transaction((tx) => {
    ensureRow(tx, p);
    const before = implementationPlanOf(tx, p.id)!;
    if (before.publishedAt) return refuse('实施方案已公布，如需变更请按程序提出调整申请', '_form', 409);
    tx.update(implementationPlan).set({
      responsibleUnit: d.responsibleUnit, responsibleOfficial: d.responsibleOfficial, yearlyTargets: d.yearlyTargets,
      funds: JSON.stringify(d.funds), safeguards: d.safeguards,
      targetUnit: d.target?.unit ?? null, targetQuantity: d.target?.quantity ?? null, updatedBy: actor.id, updatedAt: now,
    }).where(eq(implementationPlan.projectId, p.id)).run();
    recordAudit(tx, actor, { action: 'project.implementationPlan.save', targetType: 'project', targetId: p.id, jurisdictionId, before, after: d }, now);
    return ok();
  });
}

/** What a plan must say before the public sees it. */
export function missingForPublication(plan: ImplementationPlan | undefined): string | null {
  if (!plan) return '请先填写实施方案';
  if (!plan.responsibleUnit.trim() || !plan.responsibleOfficial.trim()) return '请填写责任单位和责任人';
  if (!plan.yearlyTargets.trim()) return '请填写年度目标';
  if (plan.funds.length === 0) return '请填写资金来源';
  return null;
}

export function publishImplementationPlan(db: Db, actor: Actor, p: Project, jurisdictionId: number, now: Date): Result {
  return db.transaction((tx) => {
    const plan = implementationPlanOf(tx, p.id);
    const missing = missingForPublication(plan);
    if (missing) return refuse(missing);
    if (plan!.publishedAt) return refuse('实施方案已公布', '_form', 409);
    tx.update(implementationPlan).set({ publishedAt: now }).where(eq(implementationPlan.projectId, p.id)).run();
    recordAudit(tx, actor, { action: 'project.implementationPlan.publish', targetType: 'project', targetId: p.id, jurisdictionId, after: { publishedAt: now.toISOString() } }, now);
    return ok();
  });
}

/** Unpublished plans whose deadline has passed: the clerk's home lists them. */
export function overduePlans(db: Db, projectIds: readonly number[], today: string): number[] {
  return [...implementationPlansOf(db, projectIds).values()].filter((p) => !p.publishedAt && p.publishBy !== null && today > p.publishBy).map((p) => p.projectId);
}
