import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { jurisdiction, opinionItem, repLink, suggestion } from '../../db/schema';
import { seedDemo } from '../../scripts/demo/seed';
import { chinaDateOf } from '../../src/domain/chinaDate';
import { checkExtension, dueDate } from '../../src/domain/suggestionDeadline';
import { suggestionStatus } from '../../src/domain/suggestionStatus';

describe('the demo’s street deliberation in 东城街道', () => {
  const now = new Date('2026-01-05T09:00:00Z');
  const today = chinaDateOf(now);
  let db: DbConnection;
  beforeAll(() => {
    db = openDb(':memory:');
    seedDemo(db, { passwordHash: 'x', now });
  });

  it('has about ten items in every state, all in DC', () => {
    const dc = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'DC')).get()!;
    const items = db.select().from(opinionItem).all();
    expect(items).toHaveLength(10);
    expect(items.every((i) => i.jurisdictionId === dc.id)).toBe(true);
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(['recorded', 'answered', 'referred', 'handedToRep', 'converted']));
    const numbers = items.map((i) => `${i.year}-${i.seq}`);
    expect(new Set(numbers).size).toBe(items.length);
  });

  it('hands items only to the raiser’s linked district representative', () => {
    for (const i of db.select().from(opinionItem).all().filter((x) => x.handedToRepId !== null)) {
      const link = db.select().from(repLink).where(eq(repLink.deliberationRepId, i.raisedById)).get()!;
      expect(i.handedToRepId).toBe(link.districtRepId);
    }
  });

  it('keeps the suggestion rules: due dates, one extension within six months, answered late, overdue', () => {
    const all = db.select().from(suggestion).all();
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const s of all) {
      expect(s.dueOn).toBe(dueDate(s.assignedOn));
      if (s.extendedTo) {
        const r = checkExtension({ ...s, extendedTo: null, answeredOn: null }, { extendedTo: s.extendedTo, approvedOn: s.extensionApprovedOn! }, today);
        expect(r).toEqual({ ok: true });
      }
    }
    const statuses = all.map((s) => suggestionStatus(s, today));
    for (const st of ['answered', 'answeredLate', 'extended', 'overdue', 'handling'] as const) expect(statuses).toContain(st);
  });
});
