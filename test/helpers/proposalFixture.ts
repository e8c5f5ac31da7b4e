// Proposals inserted directly (the public form lives elsewhere): just enough rows for screening and candidates.
import { eq, sql } from 'drizzle-orm';
import type { DbConnection } from '../../db/client';
import { cycle, jurisdiction, proposal, proposalEvent } from '../../db/schema';
import { type Phase } from '../../src/domain/vocabulary';

export function addCycle(db: DbConnection, jurisdictionId: number, year: number, phase: Phase, createdBy: number) {
  return db.insert(cycle).values({ jurisdictionId, year, phase, createdBy }).returning().get();
}

export function setPhase(db: DbConnection, cycleId: number, phase: Phase) {
  db.update(cycle).set({ phase }).where(eq(cycle.id, cycleId)).run();
}

export type ProposalRow = typeof proposal.$inferSelect;

/** A plain, eligible-looking proposal of the cycle; override any field. Receipt: year-code-seq, like the real ones. */
export function addProposal(db: DbConnection, cycleId: number, over: Partial<typeof proposal.$inferInsert> = {}): ProposalRow {
  const cy = db.select({ year: cycle.year, code: jurisdiction.code }).from(cycle)
    .innerJoin(jurisdiction, eq(jurisdiction.id, cycle.jurisdictionId)).where(eq(cycle.id, cycleId)).get()!;
  const seq = (db.select({ n: sql<number>`coalesce(max(${proposal.seq}), 0)` }).from(proposal).where(eq(proposal.cycleId, cycleId)).get()?.n ?? 0) + 1;
  const row = db.insert(proposal).values({
    cycleId, seq, receipt: `${cy.year}-${cy.code}-${String(seq).padStart(4, '0')}`,
    title: '青石村老年食堂', description: '在村委会旁建设老年食堂，为七十岁以上老人提供午餐。', placeId: null,
    category: 'elderly', estimatedCost: 800_000, fundingSource: '镇财政', fiscalSharePct: 80,
    beneficiaries: '本村老人', beneficiaryCount: 260, durationMonths: 6, crossYear: false,
    proposerName: '张秀英', proposerPhone: '13900001111', source: 'public',
    ...over,
  }).returning().get();
  db.insert(proposalEvent).values({ proposalId: row.id, at: row.createdAt, kind: 'submitted', note: '提议已收到' }).run();
  return row;
}

export function getProposal(db: DbConnection, id: number): ProposalRow {
  return db.select().from(proposal).where(eq(proposal.id, id)).get()!;
}

/** A same-origin form POST with repeated fields (checkbox groups), as a browser sends it. */
export function postForm(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, path: string, pairs: [string, string][], cookie: string) {
  return app.request(path, {
    method: 'POST',
    body: new URLSearchParams(pairs),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: cookie },
  });
}
