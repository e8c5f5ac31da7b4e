import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { cycle, jurisdiction, progressReport, rectification, supervisionGroupMember, supervisionVisit } from '../../db/schema';
import { assessCycle } from '../../src/data/delivery';
import { getSettings } from '../../src/data/settings';
import { seedDemo } from '../../src/demo/seed';

const now = new Date('2026-01-20T02:00:00Z');
let db: DbConnection;

beforeAll(() => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: 'x', now });
});

describe('delivery demo: last year in 青石镇', () => {
  it('is last year’s cycle, in delivery, with six projects', () => {
    const qs = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
    const cy = db.select().from(cycle).where(eq(cycle.jurisdictionId, qs.id)).get()!;
    expect(cy).toMatchObject({ year: 2025, phase: 'delivery' });
    const items = assessCycle(db, cy, '2026-01-20', getSettings(db, qs.id));
    expect(items).toHaveLength(6);
    // every colour of the scale shows up, and the story is there
    expect(new Set(items.map((a) => a.assessment.colour))).toEqual(new Set(['blue', 'green', 'yellow', 'orange', 'red']));
    expect(items.flatMap((a) => a.assessment.standings).filter((s) => s.standing === 'late').length).toBeGreaterThanOrEqual(3);
    expect(items.flatMap((a) => a.assessment.standings).filter((s) => s.standing === 'overdue')).toHaveLength(1);
    expect(items.some((a) => a.reports.some((r) => r.reported.some((m) => m.state === 'late' && m.expectedDate)))).toBe(true);
    expect(items.filter((a) => a.project.crossYear)).toHaveLength(1);
  });

  it('has a supervision group with observers, visits, an accepted and a reopened demand', () => {
    expect(db.select().from(supervisionGroupMember).all().filter((m) => m.observer)).toHaveLength(2);
    expect(db.select().from(supervisionVisit).all().length).toBeGreaterThanOrEqual(5);
    expect(db.select().from(rectification).all().map((r) => r.state).sort()).toEqual(['accepted', 'reopened']);
    const reports = db.select().from(progressReport).all();
    for (const r of reports) expect(r.spent).toBeGreaterThanOrEqual(0);
  });
});
