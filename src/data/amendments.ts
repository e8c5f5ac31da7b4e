import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, planAdjustment, poll, session, user } from '../../db/schema';
import {
  checkAmendmentKind, checkDecision, haltOf, type AmendmentKind, type AmendmentReason, type DecidingBody, type Halt,
} from '../domain/amendment';
import { ok, refuse, type Result } from '../domain/result';
import type { Plan, PlannedMilestone } from '../domain/schedule';
import { recordAudit, type Actor } from './audit';
import { idList, idsIn, prepared } from './statements';
import { currentPlan, type Project } from './projects';
import { getSettings } from './settings';

/** 项目调整、暂停、终止 as requested and decided; a decided one is the next plan version (the voted plan is v1). */
export interface Amendment {
  id: number;
  projectId: number;
  kind: AmendmentKind;
  state: 'requested' | 'decided' | 'rejected';
  reasonCategory: AmendmentReason | null;
  reason: string;
  evidence: string;
  plan: Plan;
  requestedAt: Date;
  requestedByName: string;
  decidedBody: DecidingBody | null;
  sessionId: number | null;
  sessionTitle: string | null;
  agendaItem: string;
  pollId: number | null;
  decidedOn: string | null;
  announcement: string;
  /** Plan version this decision made (2, 3 …); null until decided. */
  version: number | null;
}

export function amendmentsOf(db: Db, projectIds: readonly number[]): Amendment[] {
  if (projectIds.length === 0) return [];
  const rows = prepared(db, 'amendmentsOf', (db) => db.select({ a: planAdjustment, byName: user.displayName, sessionTitle: session.title }).from(planAdjustment)
    .innerJoin(user, eq(user.id, planAdjustment.adjustedBy))
    .leftJoin(session, eq(session.id, planAdjustment.sessionId))
    .where(inArray(planAdjustment.projectId, idsIn('ids'))).orderBy(asc(planAdjustment.id)).prepare()).all({ ids: idList(projectIds) });
  const versions = new Map<number, number>();
  return rows.map(({ a, byName, sessionTitle }) => {
    let version: number | null = null;
    if (a.state === 'decided') {
      version = (versions.get(a.projectId) ?? 1) + 1;
      versions.set(a.projectId, version);
    }
    return {
      id: a.id, projectId: a.projectId, kind: a.kind, state: a.state, reasonCategory: a.reasonCategory, reason: a.reason,
      evidence: a.evidence, requestedAt: a.at, requestedByName: byName, decidedBody: a.decidedBody, sessionId: a.sessionId,
      sessionTitle, agendaItem: a.agendaItem, pollId: a.pollId, decidedOn: a.decidedOn, announcement: a.announcement, version,
      plan: { budget: a.budget, startDate: a.startDate, endDate: a.endDate, milestones: JSON.parse(a.milestones) as PlannedMilestone[] },
    };
  });
}

/** Suspended or terminated projects among these, by their decided amendments in order. */
export function haltsOf(db: Db, projectIds: readonly number[]): Map<number, Halt> {
  return haltsFrom(amendmentsOf(db, projectIds));
}

/** The halts the decided ones among these amendments (in id order) put on their projects. */
export function haltsFrom(amendments: readonly Amendment[]): Map<number, Halt> {
  const decided = new Map<number, Amendment[]>();
  for (const a of amendments) {
    if (a.state !== 'decided') continue;
    const list = decided.get(a.projectId);
    if (list) list.push(a);
    else decided.set(a.projectId, [a]);
  }
  const out = new Map<number, Halt>();
  for (const [id, list] of decided) {
    const h = haltOf(list.map((a) => ({ kind: a.kind, decidedOn: a.decidedOn ?? '', reason: a.reason })));
    if (h) out.set(id, h);
  }
  return out;
}

export interface AmendmentRequest {
  kind: AmendmentKind;
  reasonCategory: AmendmentReason;
  reason: string;
  evidence: string;
  /** The new plan for an adjustment; suspension, resumption and termination keep the plan in force. */
  plan: Plan | null;
}

/** The unit or clerk asks; nothing changes until the competent body decides. */
export function requestAmendment(db: Db, actor: Actor & { id: number }, p: Project, jurisdictionId: number, r: AmendmentRequest, now: Date): Result<number> {
  if (!r.evidence.trim()) return refuse('请提供依据材料（文件名称、文号或说明）', 'evidence');
  return db.transaction((tx) => {
    const check = checkAmendmentKind(haltsOf(tx, [p.id]).get(p.id), r.kind);
    if (!check.ok) return check;
    if (tx.select({ id: planAdjustment.id }).from(planAdjustment).where(and(eq(planAdjustment.projectId, p.id), eq(planAdjustment.state, 'requested'))).get()) {
      return refuse('该项目已有待决定的调整申请', '_form', 409);
    }
    const plan = r.kind === 'adjust' && r.plan ? r.plan : currentPlan(tx, p);
    const row = tx.insert(planAdjustment).values({
      projectId: p.id, budget: plan.budget, startDate: plan.startDate, endDate: plan.endDate, milestones: JSON.stringify(plan.milestones),
      reason: r.reason, adjustedBy: actor.id, at: now, kind: r.kind, state: 'requested', reasonCategory: r.reasonCategory, evidence: r.evidence,
    }).returning().get();
    recordAudit(tx, actor, { action: 'project.amendment.request', targetType: 'project', targetId: p.id, jurisdictionId, after: { ...r, plan, amendmentId: row.id } }, now);
    return ok(row.id);
  });
}

export interface DecisionRecord {
  body: DecidingBody;
  sessionId: number | null;
  agendaItem: string;
  pollId: number | null;
  decidedOn: string;
  approved: boolean;
  announcement: string;
}

/**
 * The competent body's decision, recorded with its session, agenda item and (where voted) poll; approved, it is
 * the next plan version and its 公告 goes on the portal. The voted record (candidate, milestones) is never touched.
 */
export function decideAmendment(db: Db, actor: Actor & { id: number }, p: Project, j: { id: number; kind: typeof jurisdiction.$inferSelect['kind'] }, amendmentId: number, d: DecisionRecord, now: Date): Result {
  return db.transaction((tx) => {
    const a = tx.select().from(planAdjustment).where(and(eq(planAdjustment.id, amendmentId), eq(planAdjustment.projectId, p.id))).get();
    if (!a) return refuse('找不到该调整申请', '_form', 409);
    if (a.state !== 'requested') return refuse('该申请已作出决定', '_form', 409);
    const s = d.sessionId === null ? undefined : tx.select().from(session).where(and(eq(session.id, d.sessionId), eq(session.jurisdictionId, j.id))).get();
    if (d.sessionId !== null && !s) return refuse('请选择本辖区的会议', 'sessionId');
    if (d.pollId !== null && !tx.select({ id: poll.id }).from(poll).where(and(eq(poll.id, d.pollId), eq(poll.sessionId, d.sessionId ?? -1))).get()) {
      return refuse('表决须为该次会议的表决', 'pollId');
    }
    const presidium = getSettings(tx, j.id).presidiumMayAmend === 'yes';
    const check = checkDecision(j.kind, presidium, { body: d.body, session: s ? { kind: s.kind, date: s.date } : null, agendaItem: d.agendaItem, decidedOn: d.decidedOn });
    if (!check.ok) return check;
    if (d.approved && !d.announcement.trim()) return refuse('请填写公告内容', 'announcement');
    if (d.approved) {
      const halt = haltsOf(tx, [p.id]).get(p.id);
      const kindCheck = checkAmendmentKind(halt, a.kind);
      if (!kindCheck.ok) return kindCheck;
    }
    tx.update(planAdjustment).set({
      state: d.approved ? 'decided' : 'rejected', decidedBody: d.body, sessionId: d.sessionId, agendaItem: d.agendaItem,
      pollId: d.pollId, decidedOn: d.decidedOn, decidedBy: actor.id, announcement: d.approved ? d.announcement : '',
    }).where(eq(planAdjustment.id, a.id)).run();
    recordAudit(tx, actor, { action: d.approved ? 'project.amendment.decide' : 'project.amendment.reject', targetType: 'project', targetId: p.id, jurisdictionId: j.id, after: { amendmentId: a.id, ...d } }, now);
    return ok();
  });
}

/** 公告 of decided amendments for the portal, newest first. */
export function announcementsOf(db: Db, projectIds: readonly number[]): Amendment[] {
  return amendmentsOf(db, projectIds).filter((a) => a.state === 'decided' && a.announcement).reverse();
}
