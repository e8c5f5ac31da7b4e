import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { cycle, jurisdiction, proposal, proposalEvent } from '../../db/schema';
import { seedDemo } from '../../src/demo/seed';
import { listProposals } from '../../src/data/proposals';
import { collectionState } from '../../src/domain/collection';
import { chinaDateOf } from '../../src/domain/chinaDate';

const now = new Date('2026-12-20T09:00:00Z'); // late in the year: the window must still end within it
let db: DbConnection;
beforeAll(() => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: 'x', now });
});

describe('demo collection', () => {
  it('gives every township and subdistrict this year\'s cycle, collecting, with the window open today', () => {
    const towns = db.select().from(jurisdiction).all().filter((j) => j.kind === 'township' || j.kind === 'subdistrict');
    expect(towns.length).toBe(6);
    for (const t of towns) {
      const cy = db.select().from(cycle).where(and(eq(cycle.jurisdictionId, t.id), eq(cycle.year, 2026))).get()!;
      if (t.code === 'SM') { // 石门镇 is ready to vote (readyToVote.ts): its window closed a month ago
        expect(cy).toMatchObject({ year: 2026, phase: 'voting', collectionCloses: '2026-11-20' });
        expect(collectionState(cy, chinaDateOf(now)).kind).toBe('phaseOver');
      } else {
        expect(cy).toMatchObject({ year: 2026, phase: 'collection', collectionCloses: '2026-12-31' });
        expect(collectionState(cy, chinaDateOf(now)).kind).toBe('open');
      }
      const rows = db.select().from(proposal).where(eq(proposal.cycleId, cy.id)).orderBy(proposal.seq).all();
      expect(rows.length).toBeGreaterThanOrEqual(10);
      expect(rows.length).toBeLessThanOrEqual(25);
      rows.forEach((r, i) => expect(r.receipt).toMatch(new RegExp(`^2026-${t.code}-${String(i + 1).padStart(4, '0')}-[2-9A-HJKMNP-TV-Z]{4}$`)));
    }
  });

  it('is varied: categories, sources, channels, stations, costs on both sides of the threshold', () => {
    const all = db.select().from(proposal).all();
    expect(new Set(all.map((p) => p.category)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(all.map((p) => p.source))).toEqual(new Set(['public', 'representative', 'deliberationRep', 'villageCommittee', 'department']));
    expect(new Set(all.map((p) => p.entryChannel))).toEqual(new Set(['online', 'paper']));
    expect(all.some((p) => p.stationId !== null)).toBe(true);
    expect(all.some((p) => p.estimatedCost > 5_000_000)).toBe(true);
    expect(all.filter((p) => p.source === 'representative').every((p) => p.submittedBy !== null)).toBe(true);
    // One 'submitted' entry each; only 石门镇's screened proposals (and 青石镇's of last year, voted on since) have more.
    expect(db.select({ n: sql<number>`count(*)` }).from(proposalEvent).where(eq(proposalEvent.kind, 'submitted')).get()!.n).toBe(all.length);
    const sm = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'SM')).get()!;
    const others = all.filter((p) => {
      const cy = db.select().from(cycle).where(eq(cycle.id, p.cycleId)).get()!;
      return cy.year === 2026 && cy.jurisdictionId !== sm.id;
    });
    expect(others.every((p) => db.select().from(proposalEvent).where(eq(proposalEvent.proposalId, p.id)).all().length === 1)).toBe(true);
  });

  it('is searchable, two-character words included', () => {
    const qs = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
    const cy = db.select().from(cycle).where(and(eq(cycle.jurisdictionId, qs.id), eq(cycle.year, 2026))).get()!;
    const total = listProposals(db, cy.id, { sort: 'new' }, { page: 1, pageSize: 100 }).total;
    const hits = (q: string) => listProposals(db, cy.id, { q, sort: 'new' }, { page: 1, pageSize: 100 }).total;
    expect(hits('村')).toBeGreaterThan(0);
    expect(hits('村民')).toBeLessThanOrEqual(total);
    expect(hits('不存在的词语')).toBe(0);
  });
});
