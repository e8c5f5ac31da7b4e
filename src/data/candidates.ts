import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, candidateProposal, cycle, jurisdiction, milestone, proposal, proposalEvent, roleAssignment, user } from '../../db/schema';
import {
  checkApprove, checkListEditable, checkUnlock, isCrossYear, moveInOrder, validateSchedule, type MilestoneInput,
} from '../domain/candidateList';
import { auditFor, recordAudit, type Actor } from './audit';
import type { Cycle } from './cycles';
import { ok, refuse, refuseAll, type Result } from '../domain/result';

export type Candidate = typeof candidate.$inferSelect;
export type Milestone = typeof milestone.$inferSelect;

export interface CandidateInput {
  title: string;
  description: string;
  budget: number;
  unitName: string;
  unitUserId: number | null;
  leadOfficial: string;
  startDate: string;
  endDate: string;
  proposalIds: number[];
  milestones: MilestoneInput[];
}

/** The list in its order, each candidate with the proposals it combines and its milestones. */
export function candidateList(db: Db, cycleId: number) {
  const rows = db.select({ c: candidate, unitUserName: user.displayName }).from(candidate)
    .leftJoin(user, eq(user.id, candidate.unitUserId))
    .where(eq(candidate.cycleId, cycleId)).orderBy(asc(candidate.position), asc(candidate.id)).all();
  const ids = rows.map((r) => r.c.id);
  const links = ids.length
    ? db.select({
      candidateId: candidateProposal.candidateId, id: proposal.id, receipt: proposal.receipt, title: proposal.title,
      beneficiaries: proposal.beneficiaries, beneficiaryCount: proposal.beneficiaryCount,
    })
      .from(candidateProposal).innerJoin(proposal, eq(proposal.id, candidateProposal.proposalId))
      .where(inArray(candidateProposal.candidateId, ids)).orderBy(asc(proposal.seq)).all()
    : [];
  const steps = ids.length
    ? db.select().from(milestone).where(inArray(milestone.candidateId, ids)).orderBy(asc(milestone.dueDate), asc(milestone.position)).all()
    : [];
  return rows.map(({ c, unitUserName }) => ({
    ...c, unitUserName,
    proposals: links.filter((l) => l.candidateId === c.id),
    milestones: steps.filter((m) => m.candidateId === c.id),
  }));
}
export type CandidateView = ReturnType<typeof candidateList>[number];

export function getCandidate(db: Db, cycleId: number, id: number): CandidateView | undefined {
  return candidateList(db, cycleId).find((c) => c.id === id);
}

/** Eligible proposals of the cycle, each with the candidate already using it (if any). */
export function eligibleProposals(db: Db, cycleId: number) {
  return db.select({
    id: proposal.id, receipt: proposal.receipt, title: proposal.title, estimatedCost: proposal.estimatedCost,
    durationMonths: proposal.durationMonths, crossYear: proposal.crossYear, candidateId: candidateProposal.candidateId,
  }).from(proposal).leftJoin(candidateProposal, eq(candidateProposal.proposalId, proposal.id))
    .where(and(eq(proposal.cycleId, cycleId), eq(proposal.status, 'eligible'))).orderBy(asc(proposal.seq)).all();
}
export type EligibleProposal = ReturnType<typeof eligibleProposals>[number];

/** Implementing-unit logins of this jurisdiction: the responsible unit may be linked to one for progress reports. */
export function implementingUnits(db: Db, jurisdictionId: number) {
  return db.select({ id: user.id, displayName: user.displayName }).from(user)
    .innerJoin(roleAssignment, eq(roleAssignment.userId, user.id))
    .where(and(eq(roleAssignment.role, 'implementingUnit'), eq(roleAssignment.jurisdictionId, jurisdictionId), eq(user.active, true)))
    .orderBy(asc(user.id)).all();
}

function freshCycle(db: Db, cycleId: number): Cycle {
  return db.select().from(cycle).where(eq(cycle.id, cycleId)).get()!;
}

const locked = (cy: Cycle) => cy.candidatesLockedAt !== null;

/**
 * Creates (id null) or replaces a candidate with its proposals and milestones, audited, in one transaction: its id.
 * Every wrong field is refused at once (refuseAll); milestone errors name rows by their place in `input.milestones`.
 */
export function saveCandidate(db: Db, actor: Actor, cycleId: number, id: number | null, input: CandidateInput, now: Date): Result<number> {
  return db.transaction((tx) => {
    const cy = freshCycle(tx, cycleId);
    const editable = checkListEditable(cy.phase, locked(cy));
    if (!editable.ok) return editable;
    const before = id === null ? undefined : getCandidate(tx, cycleId, id);
    if (id !== null && !before) return refuse('候选项目不存在');

    const errors: Record<string, string> = {};
    const chosen = input.proposalIds.length
      ? tx.select({ id: proposal.id, receipt: proposal.receipt, status: proposal.status }).from(proposal)
        .where(and(eq(proposal.cycleId, cycleId), inArray(proposal.id, input.proposalIds))).all()
      : [];
    if (input.proposalIds.length === 0) errors.proposalIds = '请至少选择一项符合条件的提议';
    else if (chosen.length !== new Set(input.proposalIds).size || chosen.some((p) => p.status !== 'eligible')) {
      errors.proposalIds = '只能选择本年度审查结论为“符合条件”的提议';
    } else {
      const taken = tx.select({ receipt: proposal.receipt, title: candidate.title }).from(candidateProposal)
        .innerJoin(candidate, eq(candidate.id, candidateProposal.candidateId))
        .innerJoin(proposal, eq(proposal.id, candidateProposal.proposalId))
        .where(and(inArray(candidateProposal.proposalId, input.proposalIds), id === null ? sql`1 = 1` : ne(candidateProposal.candidateId, id))).all();
      if (taken.length > 0) errors.proposalIds = taken.map((t) => `提议 ${t.receipt} 已列入候选项目“${t.title}”`).join('；');
    }
    if (input.unitUserId !== null && !implementingUnits(tx, cy.jurisdictionId).some((u) => u.id === input.unitUserId)) {
      errors.unitUserId = '请选择本辖区的承办单位账号';
    }
    Object.assign(errors, validateSchedule({ cycleYear: cy.year, budget: input.budget, startDate: input.startDate, endDate: input.endDate, milestones: input.milestones }));
    if (Object.keys(errors).length > 0) return refuseAll(errors);

    const values = {
      title: input.title, description: input.description, budget: input.budget, unitName: input.unitName, unitUserId: input.unitUserId,
      leadOfficial: input.leadOfficial, startDate: input.startDate, endDate: input.endDate, crossYear: isCrossYear(input.startDate, input.endDate),
    };
    let candidateId: number;
    if (id === null) {
      const last = tx.select({ n: sql<number>`coalesce(max(${candidate.position}), 0)` }).from(candidate).where(eq(candidate.cycleId, cycleId)).get()?.n ?? 0;
      candidateId = tx.insert(candidate).values({ ...values, cycleId, position: last + 1, createdAt: now }).returning({ id: candidate.id }).get().id;
    } else {
      candidateId = id;
      tx.update(candidate).set(values).where(eq(candidate.id, id)).run();
      tx.delete(candidateProposal).where(eq(candidateProposal.candidateId, id)).run();
      tx.delete(milestone).where(eq(milestone.candidateId, id)).run();
    }
    tx.insert(candidateProposal).values([...new Set(input.proposalIds)].map((proposalId) => ({ candidateId, proposalId }))).run();
    if (input.milestones.length > 0) {
      tx.insert(milestone).values(input.milestones.map((m, position) => ({ candidateId, position, ...m }))).run();
    }
    recordAudit(tx, actor, {
      action: id === null ? 'candidate.create' : 'candidate.update', targetType: 'candidate', targetId: candidateId, jurisdictionId: cy.jurisdictionId,
      before: before && summary(before),
      after: { ...values, proposalIds: [...new Set(input.proposalIds)], milestones: input.milestones },
    }, now);
    return ok(candidateId);
  });
}

function summary(c: CandidateView) {
  return {
    title: c.title, budget: c.budget, unitName: c.unitName, leadOfficial: c.leadOfficial, startDate: c.startDate, endDate: c.endDate,
    proposalIds: c.proposals.map((p) => p.id), milestones: c.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, plannedPct: m.plannedPct, plannedSpend: m.plannedSpend })),
  };
}


export function deleteCandidate(db: Db, actor: Actor, cycleId: number, id: number, now: Date): Result {
  return db.transaction((tx) => {
    const cy = freshCycle(tx, cycleId);
    const editable = checkListEditable(cy.phase, locked(cy));
    if (!editable.ok) return editable;
    const c = getCandidate(tx, cycleId, id);
    if (!c) return refuse('候选项目不存在');
    tx.delete(milestone).where(eq(milestone.candidateId, id)).run();
    tx.delete(candidateProposal).where(eq(candidateProposal.candidateId, id)).run();
    tx.delete(candidate).where(eq(candidate.id, id)).run();
    renumber(tx, cycleId, candidateList(tx, cycleId).map((x) => x.id));
    recordAudit(tx, actor, { action: 'candidate.delete', targetType: 'candidate', targetId: id, jurisdictionId: cy.jurisdictionId, before: summary(c) }, now);
    return ok();
  });
}

function renumber(db: Db, cycleId: number, ids: readonly number[]) {
  ids.forEach((cid, i) => db.update(candidate).set({ position: i + 1 }).where(and(eq(candidate.id, cid), eq(candidate.cycleId, cycleId))).run());
}

export function moveCandidate(db: Db, actor: Actor, cycleId: number, id: number, direction: 'up' | 'down', now: Date): Result {
  return db.transaction((tx) => {
    const cy = freshCycle(tx, cycleId);
    const editable = checkListEditable(cy.phase, locked(cy));
    if (!editable.ok) return editable;
    const ids = candidateList(tx, cycleId).map((c) => c.id);
    if (!ids.includes(id)) return refuse('候选项目不存在');
    const order = moveInOrder(ids, id, direction);
    renumber(tx, cycleId, order);
    recordAudit(tx, actor, { action: 'candidate.move', targetType: 'cycle', targetId: cycleId, jurisdictionId: cy.jurisdictionId, before: { order: ids }, after: { order } }, now);
    return ok();
  });
}

export function setSeatsToFill(db: Db, actor: Actor, cycleId: number, seatsToFill: number, now: Date): Result {
  return db.transaction((tx) => {
    const cy = freshCycle(tx, cycleId);
    const editable = checkListEditable(cy.phase, locked(cy));
    if (!editable.ok) return editable;
    tx.update(cycle).set({ seatsToFill }).where(eq(cycle.id, cycleId)).run();
    recordAudit(tx, actor, {
      action: 'candidate.seats', targetType: 'cycle', targetId: cycleId, jurisdictionId: cy.jurisdictionId,
      before: { seatsToFill: cy.seatsToFill }, after: { seatsToFill },
    }, now);
    return ok();
  });
}

/**
 * Records the presidium's approval: locks the list and tells each proposal's timeline that it is now a candidate
 * (the public sees the list from here on).
 */
export function approveList(db: Db, actor: Actor & { id: number }, cycleId: number, note: string, now: Date): Result {
  return db.transaction((tx) => {
    const cy = freshCycle(tx, cycleId);
    const list = candidateList(tx, cycleId);
    const check = checkApprove({ phase: cy.phase, locked: locked(cy), count: list.length, seatsToFill: cy.seatsToFill });
    if (!check.ok) return check;
    tx.update(cycle).set({ candidatesLockedAt: now, candidatesLockedBy: actor.id }).where(eq(cycle.id, cycleId)).run();
    // Each proposal's timeline says where the approved list leaves it; a re-approval after an unlock adds only changes.
    // Subdistricts decide at the deliberation meeting (票选), townships at the congress (票决).
    const kind = tx.select({ kind: jurisdiction.kind }).from(jurisdiction).where(eq(jurisdiction.id, cy.jurisdictionId)).get()?.kind;
    const vote = kind === 'subdistrict' ? '提交议事代表会议票选' : '提交人民代表大会票决';
    const wanted = new Map(list.flatMap((c) => c.proposals.map((p) => [p.id, `已列入经主席团审定的${cy.year}年度民生实事候选项目“${c.title}”，将${vote}。`] as const)));
    const last = new Map<number, { kind: string; note: string }>();
    for (const e of tx.select({ proposalId: proposalEvent.proposalId, kind: proposalEvent.kind, note: proposalEvent.note }).from(proposalEvent)
      .innerJoin(proposal, eq(proposal.id, proposalEvent.proposalId))
      .where(and(eq(proposal.cycleId, cycleId), inArray(proposalEvent.kind, ['candidate', 'candidateRemoved']))).orderBy(asc(proposalEvent.id)).all()) {
      last.set(e.proposalId, e);
    }
    const events: (typeof proposalEvent.$inferInsert)[] = [];
    for (const [proposalId, note] of wanted) {
      if (last.get(proposalId)?.note !== note) events.push({ proposalId, at: now, actorId: actor.id, kind: 'candidate', note });
    }
    for (const [proposalId, e] of last) {
      if (e.kind === 'candidate' && !wanted.has(proposalId)) {
        events.push({ proposalId, at: now, actorId: actor.id, kind: 'candidateRemoved', note: '经主席团重新审定，本提议未列入候选项目名单。' });
      }
    }
    if (events.length > 0) tx.insert(proposalEvent).values(events).run();
    recordAudit(tx, actor, {
      action: 'candidate.approve', targetType: 'cycle', targetId: cycleId, jurisdictionId: cy.jurisdictionId,
      after: { note: note.trim(), seatsToFill: cy.seatsToFill, candidates: list.map((c) => ({ id: c.id, title: c.title, budget: c.budget })) },
    }, now);
    return ok();
  });
}

export function unlockList(db: Db, actor: Actor, cycleId: number, reason: string, now: Date): Result {
  return db.transaction((tx) => {
    const cy = freshCycle(tx, cycleId);
    const check = checkUnlock({ phase: cy.phase, locked: locked(cy), reason });
    if (!check.ok) return check;
    tx.update(cycle).set({ candidatesLockedAt: null, candidatesLockedBy: null }).where(eq(cycle.id, cycleId)).run();
    recordAudit(tx, actor, {
      action: 'candidate.unlock', targetType: 'cycle', targetId: cycleId, jurisdictionId: cy.jurisdictionId,
      before: { lockedAt: cy.candidatesLockedAt?.toISOString(), lockedBy: cy.candidatesLockedBy }, after: { reason: reason.trim() },
    }, now);
    return ok();
  });
}

/** Approvals and unlocks of the list, from the audit log, oldest first. */
export function lockHistory(db: Db, cycleId: number) {
  return auditFor(db, 'cycle', cycleId)
    .filter((r) => r.action === 'candidate.approve' || r.action === 'candidate.unlock')
    .map((r) => {
      const after = r.after ? (JSON.parse(r.after) as { note?: string; reason?: string }) : {};
      return { at: r.at, actorName: r.actorName, action: r.action as 'candidate.approve' | 'candidate.unlock', text: (r.action === 'candidate.unlock' ? after.reason : after.note) ?? '' };
    });
}

export function lockedByName(db: Db, cy: Cycle): string | undefined {
  return cy.candidatesLockedBy ? db.select({ n: user.displayName }).from(user).where(eq(user.id, cy.candidatesLockedBy)).get()?.n : undefined;
}
