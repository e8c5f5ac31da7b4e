import { isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { opinionItem, proposal } from '../../db/schema';
import { seedDemo } from '../../src/demo/seed';
import { isReferralOverdue } from '../../src/domain/stationOpinion';
import { chinaDateOf } from '../../src/domain/chinaDate';

describe('the demo’s station opinions', () => {
  const now = new Date('2026-12-06T02:00:00Z');
  let db: DbConnection;
  beforeAll(() => {
    db = openDb(':memory:');
    seedDemo(db, { passwordHash: 'x', now });
  });

  it('has opinions in each state, one overdue, and one turned into a reserve-pool proposal', () => {
    const items = db.select().from(opinionItem).where(isNotNull(opinionItem.stationId)).all();
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(['recorded', 'answered', 'referred', 'replied', 'proposed']));
    expect(items.filter((i) => isReferralOverdue(i, chinaDateOf(now)))).toHaveLength(1);
    expect(items.every((i) => i.receipt !== null)).toBe(true);
    const proposed = items.find((i) => i.state === 'proposed')!;
    const p = db.select().from(proposal).all().find((x) => x.id === proposed.proposalId)!;
    expect(p.poolReason).not.toBeNull();
    expect(items.some((i) => i.addressedToRepId !== null && i.state === 'recorded')).toBe(true);
  });
});
