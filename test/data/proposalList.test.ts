import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { cycle, jurisdiction, proposal } from '../../db/schema';
import { seedDemo } from '../../src/demo/seed';
import { exportProposals, listProposals, type ProposalFilter } from '../../src/data/proposals';

// The intake list reads through kept statements, one per combination of filters; the CSV export builds the same
// conditions for each request. Both must find the same proposals in the same order.
const now = new Date('2026-12-20T09:00:00Z');
let db: DbConnection;
let target: Parameters<typeof exportProposals>[2];
beforeAll(() => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: 'x', now });
  const j = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
  target = { jurisdiction: j, cycle: db.select().from(cycle).where(and(eq(cycle.jurisdictionId, j.id), eq(cycle.year, 2026))).get()! };
});

const actor = { id: null, name: '测试', ip: '127.0.0.1' };

describe('the intake list with each filter', () => {
  const someOf = () => db.select().from(proposal).where(eq(proposal.cycleId, target.cycle.id)).all();
  const cases: [string, () => ProposalFilter][] = [
    ['no filter, newest first', () => ({ sort: 'new' })],
    ['oldest first', () => ({ sort: 'old' })],
    ['by receipt', () => ({ sort: 'receipt' })],
    ['costliest first', () => ({ sort: 'costDesc' })],
    ['cheapest first', () => ({ sort: 'costAsc' })],
    ['one status', () => ({ sort: 'new', status: someOf()[0]!.status })],
    ['one category', () => ({ sort: 'new', category: someOf()[1]!.category })],
    ['one place', () => ({ sort: 'new', place: someOf().find((p) => p.placeId !== null)!.placeId! })],
    ['the whole area', () => ({ sort: 'new', place: 'none' })],
    ['one source', () => ({ sort: 'old', source: someOf()[2]!.source })],
    ['cost from a bound, inclusive', () => ({ sort: 'costAsc', costMin: someOf()[3]!.estimatedCost ?? 0 })],
    ['cost up to a bound, inclusive', () => ({ sort: 'costDesc', costMax: someOf()[3]!.estimatedCost ?? 0 })],
    ['cost between equal bounds', () => ({ sort: 'new', costMin: someOf()[4]!.estimatedCost ?? 0, costMax: someOf()[4]!.estimatedCost ?? 0 })],
    ['a search', () => ({ sort: 'new', q: '道路' })],
  ];
  it.each(cases)('%s: the same proposals, in the same order, on every page', (label, filterOf) => {
    const f = filterOf();
    const all = exportProposals(db, actor, target, f, now).map((r) => r.id);
    // Every demo proposal in 青石镇 names its village: the whole-area filter finds none, and must show none.
    if (label !== 'the whole area') expect(all.length).toBeGreaterThan(0);
    const pageSize = 4;
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(all.length / pageSize) + 1; page++) {
      const { total, rows } = listProposals(db, target.cycle.id, f, { page, pageSize });
      expect(total).toBe(all.length);
      seen.push(...rows.map((r) => r.id));
    }
    expect(seen).toEqual(all);
  });
});
