import { aliasedTable, and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidateProposal, cycle, jurisdiction, proposal, proposalEvent, screening, station, user } from '../../db/schema';
import { type ProposalStatus } from '../domain/vocabulary';
import { evaluateEligibility, type EligibilityContext, type RuleResult } from '../domain/eligibility';
import {
  checkMerge, checkScreeningAllowed, followMerges, mergedIntoNote, screeningNote, statusAfter, unmergedNote,
  validateDecision, type DecisionInput,
} from '../domain/screening';
import { suggestDuplicates, type DuplicateSuggestion } from '../domain/similarity';
import { ok, refuse, refuseAll, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import { descendantIds, type Jurisdiction } from './jurisdictions';
import { getSettings } from './settings';

export type Proposal = typeof proposal.$inferSelect;

export function getProposalInCycle(db: Db, cycleId: number, id: number): Proposal | undefined {
  return db.select().from(proposal).where(and(eq(proposal.id, id), eq(proposal.cycleId, cycleId))).get();
}

/** The proposal with the names its ids point to, for the staff screening page (it shows personal data). */
export function proposalDetail(db: Db, cycleId: number, id: number) {
  const submitter = aliasedTable(user, 'submitter');
  const row = db.select({ p: proposal, placeName: jurisdiction.name, stationName: station.name, submittedByName: submitter.displayName })
    .from(proposal)
    .leftJoin(jurisdiction, eq(jurisdiction.id, proposal.placeId))
    .leftJoin(station, eq(station.id, proposal.stationId))
    .leftJoin(submitter, eq(submitter.id, proposal.submittedBy))
    .where(and(eq(proposal.id, id), eq(proposal.cycleId, cycleId))).get();
  return row && { ...row.p, placeName: row.placeName, stationName: row.stationName, submittedByName: row.submittedByName };
}
export type ProposalDetail = NonNullable<ReturnType<typeof proposalDetail>>;

/** This jurisdiction's parameters and places, read once for any number of evaluations. */
export function eligibilityContext(db: Db, j: Jurisdiction): EligibilityContext {
  return { params: getSettings(db, j.id), jurisdictionName: j.name, placeIds: new Set(descendantIds(db, j.id)) };
}

/** The automatic evaluation, with this jurisdiction's parameters and places. */
export function evaluateProposal(db: Db, j: Jurisdiction, p: Proposal & { placeName?: string | null }, ctx = eligibilityContext(db, j)): RuleResult[] {
  const placeName = p.placeName ?? (p.placeId ? db.select({ name: jurisdiction.name }).from(jurisdiction).where(eq(jurisdiction.id, p.placeId)).get()?.name : undefined);
  return evaluateEligibility({ ...p, placeName: placeName ?? undefined }, ctx);
}

/** Where a proposal's receipt leads now: the end of its merge chain (A → B → C shows C). */
export function finalProposalId(db: Db, id: number): number {
  const chain = followMerges(id, (x) => db.select({ m: proposal.mergedIntoId }).from(proposal).where(eq(proposal.id, x)).get()?.m);
  return chain?.finalId ?? id;
}

/** Every proposal whose merge chain ends here (directly or through another), with its proposer: staff only. */
export function mergedMembers(db: Db, id: number) {
  return db.all<{ id: number; receipt: string; title: string; proposerName: string; proposerPhone: string; mergedIntoId: number }>(sql`
    with recursive m(id) as (
      select id from proposal where merged_into_id = ${id}
      union
      select p.id from proposal p join m on p.merged_into_id = m.id
    )
    select p.id, p.receipt, p.title, p.proposer_name as proposerName, p.proposer_phone as proposerPhone, p.merged_into_id as mergedIntoId
    from proposal p join m on m.id = p.id order by p.seq`);
}

export function screeningHistory(db: Db, proposalId: number) {
  return db.select({ s: screening, decidedByName: user.displayName }).from(screening)
    .innerJoin(user, eq(user.id, screening.decidedBy))
    .where(eq(screening.proposalId, proposalId)).orderBy(desc(screening.id)).all()
    .map(({ s, decidedByName }) => ({
      ...s, decidedByName,
      ruleResults: JSON.parse(s.ruleResults) as RuleResult[],
      failedRules: JSON.parse(s.failedRules) as string[],
    }));
}
export type ScreeningRow = ReturnType<typeof screeningHistory>[number];

export function eventsOf(db: Db, proposalId: number) {
  return db.select({ id: proposalEvent.id, at: proposalEvent.at, kind: proposalEvent.kind, note: proposalEvent.note, actorName: user.displayName })
    .from(proposalEvent).leftJoin(user, eq(user.id, proposalEvent.actorId))
    .where(eq(proposalEvent.proposalId, proposalId)).orderBy(asc(proposalEvent.id)).all();
}

/** Items of the same cycle a proposal may be merged into: not itself, not already merged elsewhere. */
export function mergeTargets(db: Db, cycleId: number, excludeId: number) {
  return db.select({ id: proposal.id, receipt: proposal.receipt, title: proposal.title, status: proposal.status, placeId: proposal.placeId, description: proposal.description })
    .from(proposal)
    .where(and(eq(proposal.cycleId, cycleId), ne(proposal.id, excludeId), ne(proposal.status, 'merged')))
    .orderBy(asc(proposal.seq)).all();
}
export type MergeOption = ReturnType<typeof mergeTargets>[number];

export function duplicateSuggestions(db: Db, p: Proposal, threshold: number): DuplicateSuggestion<MergeOption>[] {
  return suggestDuplicates(p, mergeTargets(db, p.cycleId, p.id), threshold);
}

export function isInCandidate(db: Db, proposalId: number): boolean {
  return db.select({ c: candidateProposal.candidateId }).from(candidateProposal).where(eq(candidateProposal.proposalId, proposalId)).get() !== undefined;
}

/** The screening queue: every proposal of the cycle, oldest first, with where its place is. */
export function cycleProposals(db: Db, cycleId: number, status?: ProposalStatus) {
  return db.select({ p: proposal, placeName: jurisdiction.name }).from(proposal)
    .leftJoin(jurisdiction, eq(jurisdiction.id, proposal.placeId))
    .where(status ? and(eq(proposal.cycleId, cycleId), eq(proposal.status, status)) : eq(proposal.cycleId, cycleId))
    .orderBy(asc(proposal.seq)).all()
    .map((r) => ({ ...r.p, placeName: r.placeName }));
}

export function statusCounts(db: Db, cycleId: number): Partial<Record<ProposalStatus, number>> {
  const rows = db.select({ status: proposal.status, n: sql<number>`count(*)` }).from(proposal)
    .where(eq(proposal.cycleId, cycleId)).groupBy(proposal.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * Records a screening decision: a new screening row (earlier ones stay as history), the proposal's status and
 * merge link, public timeline entries on it and on any item it joins or leaves, and the audit entry — one
 * transaction. Kinds: 'screened' | 'redirected' | 'merged' on the decided item, 'mergedInto' on the item it
 * joined, 'unmerged' on an item it leaves. The new screening's id; a decision missing several things is refused
 * on every field at once (refuseAll).
 */
export function decideScreening(
  db: Db, actor: Actor & { id: number }, j: Jurisdiction, cycleId: number, proposalId: number, input: DecisionInput, now: Date,
): Result<number> {
  return db.transaction((tx) => {
    const p = getProposalInCycle(tx, cycleId, proposalId);
    const cy = tx.select().from(cycle).where(eq(cycle.id, cycleId)).get();
    if (!p || !cy) return refuse('提议不存在');
    const allowed = checkScreeningAllowed({ phase: cy.phase, listLocked: cy.candidatesLockedAt !== null, inCandidate: isInCandidate(tx, p.id) }, input.decision);
    if (!allowed.ok) return allowed;
    const results = evaluateProposal(tx, j, p);
    const errors = validateDecision(input, results);
    if (Object.keys(errors).length > 0) return refuseAll(errors);

    let target: Proposal | undefined;
    if (input.decision === 'merged') {
      target = tx.select().from(proposal).where(eq(proposal.id, input.mergeIntoId!)).get();
      const chain = target ? followMerges(target.id, (x) => (x === p.id ? null : tx.select({ m: proposal.mergedIntoId }).from(proposal).where(eq(proposal.id, x)).get()?.m)) : null;
      const merge = checkMerge(p, target, chain?.path ?? null);
      if (!merge.ok) return merge;
    }

    const revised = tx.select({ id: screening.id }).from(screening).where(eq(screening.proposalId, p.id)).limit(1).get() !== undefined;
    const failedRules = input.decision === 'ineligible' ? [...input.failedRules] : [];
    const explanation = input.explanation.trim();
    const overrideReason = input.decision === 'eligible' ? input.overrideReason.trim() : '';
    const redirectTarget = input.decision === 'redirected' ? input.redirectTarget! : null;
    const row = tx.insert(screening).values({
      proposalId: p.id, decision: input.decision, ruleResults: JSON.stringify(results), failedRules: JSON.stringify(failedRules),
      explanation, overrideReason, redirectTarget, decidedBy: actor.id, at: now,
    }).returning({ id: screening.id }).get();

    const mergedIntoId = target?.id ?? null;
    tx.update(proposal).set({ status: statusAfter(input.decision), mergedIntoId }).where(eq(proposal.id, p.id)).run();

    const note = screeningNote({
      decision: input.decision, revised, failedRules, explanation, redirectTarget: redirectTarget ?? undefined,
      mergedInto: target && { receipt: target.receipt, title: target.title },
    });
    const kind = input.decision === 'merged' ? 'merged' : input.decision === 'redirected' ? 'redirected' : 'screened';
    const events: (typeof proposalEvent.$inferInsert)[] = [{ proposalId: p.id, at: now, actorId: actor.id, kind, note }];
    if (p.mergedIntoId !== null && p.mergedIntoId !== mergedIntoId) {
      events.push({ proposalId: p.mergedIntoId, at: now, actorId: actor.id, kind: 'unmerged', note: unmergedNote(p) });
    }
    if (target && p.mergedIntoId !== target.id) {
      events.push({ proposalId: target.id, at: now, actorId: actor.id, kind: 'mergedInto', note: mergedIntoNote(p) });
    }
    tx.insert(proposalEvent).values(events).run();

    recordAudit(tx, actor, {
      action: 'proposal.screen', targetType: 'proposal', targetId: p.id, jurisdictionId: j.id,
      before: { status: p.status, mergedIntoId: p.mergedIntoId },
      after: {
        receipt: p.receipt, decision: input.decision, status: statusAfter(input.decision), mergedIntoId, failedRules,
        overrideReason: overrideReason || undefined, redirectTarget: redirectTarget ?? undefined, screeningId: row.id,
      },
    }, now);
    return ok(row.id);
  });
}

/** Proposals of these ids in the cycle (for candidate forms). */
export function proposalsByIds(db: Db, cycleId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(proposal).where(and(eq(proposal.cycleId, cycleId), inArray(proposal.id, ids))).all();
}
