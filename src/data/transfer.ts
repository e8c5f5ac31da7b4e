import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, proposal, proposalEvent } from '../../db/schema';
import { ok, type Result } from '../domain/result';
import { DUPLICATE_THRESHOLD, rankBySimilarity } from '../domain/similarity';
import { checkTransfer } from '../domain/transfer';
import { recordAudit, type Actor } from './audit';
import { getCycle } from './cycles';
import type { Jurisdiction } from './jurisdictions';

/** Where a jurisdiction's proposals can be transferred: its district, or (for the district) its townships. */
export function transferTargets(db: Db, from: Jurisdiction): Jurisdiction[] {
  if (from.kind === 'district') {
    return db.select().from(jurisdiction).where(and(eq(jurisdiction.parentId, from.id), eq(jurisdiction.active, true))).all()
      .filter((j) => j.kind === 'township' || j.kind === 'subdistrict');
  }
  if (from.parentId === null) return [];
  return db.select().from(jurisdiction).where(and(eq(jurisdiction.id, from.parentId), eq(jurisdiction.kind, 'district'))).all();
}

/** The other level's items of the same year that look like this one, most similar first. */
export function duplicatesAt(db: Db, target: Jurisdiction, year: number, item: { id: number; title: string; description: string; placeId: number | null }) {
  const cy = getCycle(db, target.id, year);
  if (!cy) return [];
  const others = db.select({ id: proposal.id, receipt: proposal.receipt, title: proposal.title, description: proposal.description, placeId: proposal.placeId })
    .from(proposal).where(eq(proposal.cycleId, cy.id)).all();
  return rankBySimilarity(item, others).filter((s) => s.score >= DUPLICATE_THRESHOLD);
}

/**
 * Transfers a proposal to the other level's cycle of the same year: the receipt, proposers and timeline go with it,
 * it waits there for screening, and its tracking page says where it went.
 */
export function transferProposal(
  db: Db, actor: Actor & { id: number }, from: Jurisdiction, year: number, proposalId: number, targetId: number, note: string, now: Date,
): Result<{ receipt: string; targetName: string }, 'target'> {
  return db.transaction((tx) => {
    const p = tx.select().from(proposal).where(eq(proposal.id, proposalId)).get()!;
    const to = transferTargets(tx, from).find((j) => j.id === targetId);
    const cy = to ? getCycle(tx, to.id, year) : undefined;
    const check = checkTransfer(from, to, p.status, cy);
    if (!check.ok) return check;
    const seq = (tx.select({ n: sql<number>`coalesce(max(${proposal.seq}), 0)` }).from(proposal).where(eq(proposal.cycleId, cy!.id)).get()?.n ?? 0) + 1;
    // The place was a village of the old level; the receiving level reads the description.
    tx.update(proposal).set({ cycleId: cy!.id, seq, status: 'submitted', placeId: null, stationId: null, poolReason: null }).where(eq(proposal.id, proposalId)).run();
    tx.insert(proposalEvent).values({
      proposalId, at: now, actorId: actor.id, kind: 'transferred',
      note: `已移交${to!.name}办理，回执号不变。${note.trim() ? `说明：${note.trim()}` : ''}`,
    }).run();
    recordAudit(tx, actor, {
      action: 'proposal.transfer', targetType: 'proposal', targetId: proposalId, jurisdictionId: from.id,
      before: { jurisdictionId: from.id, cycleId: p.cycleId, status: p.status }, after: { jurisdictionId: to!.id, cycleId: cy!.id, note: note.trim() },
    }, now);
    return ok({ receipt: p.receipt, targetName: to!.name });
  });
}
