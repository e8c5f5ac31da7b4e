import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { cycle, jurisdiction, poll, project, proposal, progressReport, rectification, session, supervisionGroupMember, supervisionVisit } from '../../db/schema';
import { assessCycle } from '../../src/data/delivery';
import { resolutionOf, sessionOutcome } from '../../src/data/results';
import { getSettings } from '../../src/data/settings';
import { seedDemo } from '../../src/demo/seed';
import { get, testApp } from '../helpers/app';

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
    // One December report missing, and the months the two projects running past their end dates still owe.
    const overdue = items.flatMap((a) => a.assessment.standings.filter((s) => s.standing === 'overdue').map((s) => `${a.project.title} ${s.month}`));
    expect(overdue.sort()).toEqual([
      '白果村饮水安全提升工程 2025-10', '白果村饮水安全提升工程 2025-11', '白果村饮水安全提升工程 2025-12',
      '青石镇卫生院老年人健康服务中心 2025-12', '龙井村便民桥改建 2025-12',
    ].sort());
    expect(items.filter((a) => a.assessment.overrunMonths > 0).map((a) => a.assessment.overrunMonths).sort()).toEqual([1, 2, 4]);
    expect(items.some((a) => a.reports.some((r) => r.reported.some((m) => m.state === 'late' && m.expectedDate)))).toBe(true);
    expect(items.filter((a) => a.project.crossYear)).toHaveLength(1);
  });

  it('came from last February\'s congress: proposals screened, the list approved, the vote counted and published', async () => {
    const qs = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'QS')).get()!;
    const cy = db.select().from(cycle).where(and(eq(cycle.jurisdictionId, qs.id), eq(cycle.year, 2025))).get()!;
    expect(db.select().from(proposal).where(eq(proposal.cycleId, cy.id)).all().map((p) => p.status)).toEqual(Array(6).fill('eligible'));
    const s = db.select().from(session).where(eq(session.cycleId, cy.id)).get()!;
    expect(s).toMatchObject({ date: '2025-02-10', state: 'closed', body: 'congress' });
    const outcome = sessionOutcome(db, s.id)!;
    expect(outcome).toMatchObject({ seated: 86, seatsToFill: 6, emptySeats: 0, secrecy: 'secret' });
    expect(outcome.present * 3).toBeGreaterThanOrEqual(outcome.seated * 2);
    expect(outcome.adopted.every((a) => a.for * 2 > outcome.seated)).toBe(true);
    expect(db.select().from(poll).where(eq(poll.sessionId, s.id)).get()!.state).toBe('published');
    expect(resolutionOf(db, s.id)!.publishedAt).not.toBeNull();
    expect(db.select().from(project).where(eq(project.cycleId, cy.id)).all().map((p) => p.candidateId).sort())
      .toEqual(outcome.adopted.map((a) => a.candidateId).sort());
    const res = await get(testApp(db, { now: () => now }).app, '/p/QS/2025/results');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('龙井村便民桥改建');
  });

  it('has a supervision group with observers, visits, an accepted and a reopened demand', () => {
    expect(db.select().from(supervisionGroupMember).all().filter((m) => m.observer)).toHaveLength(2);
    expect(db.select().from(supervisionVisit).all().length).toBeGreaterThanOrEqual(5);
    expect(db.select().from(rectification).all().map((r) => r.state).sort()).toEqual(['accepted', 'reopened']);
    const reports = db.select().from(progressReport).all();
    for (const r of reports) expect(r.spent).toBeGreaterThanOrEqual(0);
  });
});
