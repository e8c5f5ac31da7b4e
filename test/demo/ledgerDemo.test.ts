import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { auditLog, dutyActivity, jurisdiction } from '../../db/schema';
import { ledgerRows } from '../../src/data/dutyLedger';
import { sumCounts } from '../../src/domain/dutyLedger';
import { seedDemo } from '../../src/demo/seed';

// Three weeks into the year: the demo's activities of recent weeks fall on both sides of New Year.
const now = new Date('2026-01-20T02:00:00Z');
let db: DbConnection;

beforeAll(() => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: 'x', now });
}, 300_000);

describe('ledger demo: 青石镇’s activities recorded by hand', () => {
  it('records five activities through the page’s data function, each with its audit entry', () => {
    expect(db.select().from(dutyActivity).all()).toHaveLength(5);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'ledger.activity.record')).all()).toHaveLength(5);
  });

  it('counts each in the year of its day: 2025-12-10, 12-24 and 12-31 last year, 2026-01-08 and 01-14 this year', () => {
    const qs = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
    expect(sumCounts(ledgerRows(db, qs.id, 2025).map((r) => r.counts)).activity).toBe(3);
    expect(sumCounts(ledgerRows(db, qs.id, 2026).map((r) => r.counts)).activity).toBe(2);
  });
});
