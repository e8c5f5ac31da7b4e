import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidate, candidateProposal, cycle, proposal, proposalEvent } from '../../db/schema';
import { checkNomination, POOL_REASON_LABELS } from '../domain/pool';
import { ok, refuse, type Result } from '../domain/result';
import type { PoolReason, ProposalCategory, ProposalSource } from '../domain/vocabulary';
import { recordAudit, type Actor } from './audit';
import { getCycle } from './cycles';

/** Puts an item in the reserve pool inside a transaction: its receipt, proposers and timeline stay as they are. */
export function addToPool(tx: Db, actor: Actor & { id: number | null }, proposalId: number, reason: PoolReason, jurisdictionId: number, now: Date) {
  tx.update(proposal).set({ poolReason: reason, pooledAt: now }).where(eq(proposal.id, proposalId)).run();
  tx.insert(proposalEvent).values({ proposalId, at: now, actorId: actor.id, kind: 'pooled', note: `已转入项目储备库（${POOL_REASON_LABELS[reason]}），以后年度可从储备库中选用。` }).run();
  recordAudit(tx, actor, { action: 'proposal.pool', targetType: 'proposal', targetId: proposalId, jurisdictionId, after: { poolReason: reason } }, now);
}

/** The clerk puts one item (found by its receipt) in the pool: a vote loser, an unselected or a late one. */
export function poolByReceipt(db: Db, actor: Actor & { id: number }, jurisdictionId: number, receipt: string, reason: PoolReason, now: Date): Result<string, 'receipt'> {
  return db.transaction((tx) => {
    const row = tx.select({ id: proposal.id, poolReason: proposal.poolReason, status: proposal.status }).from(proposal)
      .innerJoin(cycle, eq(cycle.id, proposal.cycleId))
      .where(and(eq(proposal.receipt, receipt.trim().toUpperCase()), eq(cycle.jurisdictionId, jurisdictionId))).get();
    if (!row) return refuse('本辖区没有这个回执号的提议', 'receipt');
    if (row.poolReason) return refuse('该提议已在项目储备库中', 'receipt');
    if (row.status === 'merged' || row.status === 'redirected' || row.status === 'ineligible') {
      return refuse('已合并、已转办或不符合条件的提议不转入储备库', 'receipt');
    }
    addToPool(tx, actor, row.id, reason, jurisdictionId, now);
    return ok(receipt);
  });
}

/** After the list is approved, every eligible item of the year left off it goes to the pool in one step. */
export function poolUnselected(db: Db, actor: Actor & { id: number }, cycleId: number, jurisdictionId: number, now: Date): number {
  return db.transaction((tx) => {
    const left = tx.select({ id: proposal.id }).from(proposal)
      .where(and(eq(proposal.cycleId, cycleId), eq(proposal.status, 'eligible'), sql`${proposal.poolReason} is null`,
        sql`not exists (select 1 from ${candidateProposal} where ${candidateProposal.proposalId} = ${proposal.id})`)).all();
    for (const p of left) addToPool(tx, actor, p.id, 'unselected', jurisdictionId, now);
    return left.length;
  });
}

/**
 * When a session's result is published, the proposals behind every candidate on its ballots that was not adopted
 * go to the pool (inside the publishing transaction): they keep their receipts, proposers and tracking.
 */
export function poolNotAdopted(tx: Db, actor: Actor & { id: number | null }, jurisdictionId: number, balloted: number[], adopted: number[], now: Date): number {
  const losers = [...new Set(balloted)].filter((id) => !adopted.includes(id));
  if (!losers.length) return 0;
  const rows = tx.selectDistinct({ id: proposal.id }).from(proposal)
    .innerJoin(candidateProposal, eq(candidateProposal.proposalId, proposal.id))
    .where(and(inArray(candidateProposal.candidateId, losers), isNull(proposal.poolReason))).all();
  for (const p of rows) addToPool(tx, actor, p.id, 'notAdopted', jurisdictionId, now);
  return rows.length;
}

export interface PoolFilter { source?: ProposalSource; category?: ProposalCategory; year?: number; reason?: PoolReason }

/** The pool of a jurisdiction, newest first, with what the clerk filters on. */
export function poolItems(db: Db, jurisdictionId: number, f: PoolFilter) {
  const where: SQL[] = [eq(cycle.jurisdictionId, jurisdictionId), isNotNull(proposal.poolReason)];
  if (f.source) where.push(eq(proposal.source, f.source));
  if (f.category) where.push(eq(proposal.category, f.category));
  if (f.year) where.push(eq(cycle.year, f.year));
  if (f.reason) where.push(eq(proposal.poolReason, f.reason));
  return db.select({
    id: proposal.id, receipt: proposal.receipt, title: proposal.title, category: proposal.category, source: proposal.source,
    status: proposal.status, estimatedCost: proposal.estimatedCost, proposerName: proposal.proposerName,
    poolReason: proposal.poolReason, pooledAt: proposal.pooledAt, year: cycle.year,
  }).from(proposal).innerJoin(cycle, eq(cycle.id, proposal.cycleId))
    .where(and(...where)).orderBy(desc(proposal.pooledAt), desc(proposal.id)).all();
}

/**
 * Nominates a pooled item into a later year's cycle in one step. It moves with its receipt, proposers and timeline
 * (the receipt keeps its first year; the tracking page follows the item). An eligible item becomes a candidate on
 * that year's list, its unit, official and schedule to be completed by the clerk; an unscreened one joins the intake.
 */
export function nominateFromPool(db: Db, actor: Actor & { id: number }, jurisdictionId: number, proposalId: number, year: number, now: Date): Result<{ asCandidate: boolean }, 'year'> {
  return db.transaction((tx) => {
    const item = tx.select({ p: proposal, year: cycle.year }).from(proposal).innerJoin(cycle, eq(cycle.id, proposal.cycleId))
      .where(and(eq(proposal.id, proposalId), eq(cycle.jurisdictionId, jurisdictionId))).get();
    if (!item) return refuse('提议不存在', 'year');
    const target = getCycle(tx, jurisdictionId, year);
    if (!target) return refuse(`${year}年度的票决工作尚未创建`, 'year');
    const check = checkNomination(
      { year: item.year, status: item.p.status, inPool: item.p.poolReason !== null },
      { year: target.year, phase: target.phase, locked: target.candidatesLockedAt !== null },
    );
    if (!check.ok) return check;
    const seq = (tx.select({ n: sql<number>`coalesce(max(${proposal.seq}), 0)` }).from(proposal).where(eq(proposal.cycleId, target.id)).get()?.n ?? 0) + 1;
    tx.update(proposal).set({ cycleId: target.id, seq, poolReason: null }).where(eq(proposal.id, proposalId)).run();
    let candidateId: number | null = null;
    if (check.value.asCandidate) {
      const last = tx.select({ n: sql<number>`coalesce(max(${candidate.position}), 0)` }).from(candidate).where(eq(candidate.cycleId, target.id)).get()?.n ?? 0;
      candidateId = tx.insert(candidate).values({
        cycleId: target.id, title: item.p.title, description: item.p.description, budget: item.p.estimatedCost,
        unitName: '', leadOfficial: '', startDate: `${year}-01-01`, endDate: `${year}-12-31`, position: last + 1, createdAt: now,
      }).returning({ id: candidate.id }).get().id;
      tx.insert(candidateProposal).values({ candidateId, proposalId }).run();
    }
    tx.insert(proposalEvent).values({
      proposalId, at: now, actorId: actor.id, kind: 'nominated',
      note: check.value.asCandidate ? `已列入${year}年度候选项目` : `已从项目储备库转入${year}年度项目征集，将进行资格审查`,
    }).run();
    recordAudit(tx, actor, {
      action: 'proposal.nominate', targetType: 'proposal', targetId: proposalId, jurisdictionId,
      before: { year: item.year, poolReason: item.p.poolReason }, after: { year, candidateId },
    }, now);
    return ok(check.value);
  });
}
