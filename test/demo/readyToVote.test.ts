import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { cycle, jurisdiction, phaseTransition, poll, proposal, screening, session, sessionRoster } from '../../db/schema';
import { hashPassword } from '../../src/auth/password';
import { candidateList } from '../../src/data/candidates';
import { seedDemo } from '../../src/demo/seed';
import { get, login, PASSWORD, testApp } from '../helpers/app';

const now = new Date('2026-03-02T01:00:00Z'); // 09:00 in China
let db: DbConnection;
let sm: typeof jurisdiction.$inferSelect;
let cy: typeof cycle.$inferSelect;

beforeAll(async () => {
  db = openDb(':memory:');
  seedDemo(db, { passwordHash: await hashPassword(PASSWORD), now });
  sm = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'SM')).get()!;
  cy = db.select().from(cycle).where(and(eq(cycle.jurisdictionId, sm.id), eq(cycle.year, 2026))).get()!;
});

describe('石门镇 in the demo is ready to vote', () => {
  it('has its cycle in the voting phase, reached step by step, with collection over', () => {
    expect(cy.phase).toBe('voting');
    expect(cy.collectionCloses! < '2026-03-02').toBe(true);
    const steps = db.select().from(phaseTransition).where(eq(phaseTransition.cycleId, cy.id)).orderBy(phaseTransition.id).all();
    expect(steps.map((s) => s.toPhase)).toEqual(['collection', 'screening', 'candidates', 'voting']);
    expect(steps.every((s) => s.note !== '')).toBe(true);
  });

  it('has every proposal screened, mostly eligible, the others with a public reason', () => {
    // The reserve pool waits for a later year (a station's opinion turned into a proposal, src/demo/stationOpinions.ts).
    const rows = db.select().from(proposal).where(eq(proposal.cycleId, cy.id)).all().filter((p) => p.poolReason === null);
    const by = (s: string) => rows.filter((p) => p.status === s);
    expect(by('submitted')).toHaveLength(0);
    expect(by('eligible').length).toBeGreaterThan(rows.length / 2);
    for (const s of ['ineligible', 'merged', 'redirected']) expect(by(s).length).toBeGreaterThan(0);
    for (const p of [...by('ineligible'), ...by('redirected')]) {
      expect(db.select().from(screening).where(eq(screening.proposalId, p.id)).get()!.explanation.length).toBeGreaterThan(20);
    }
  });

  it('has 8–9 candidates with budget, unit, lead and milestones, N = 6, locked by sm.clerk', () => {
    const list = candidateList(db, cy.id);
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list.length).toBeLessThanOrEqual(9);
    expect(cy.seatsToFill).toBe(6);
    expect(cy.candidatesLockedAt).not.toBeNull();
    const clerk = db.$client.prepare("select id from user where username = 'sm.clerk'").get() as { id: number };
    expect(cy.candidatesLockedBy).toBe(clerk.id);
    for (const c of list) {
      expect(c.budget).toBeGreaterThan(0);
      expect(c.unitUserId).not.toBeNull();
      expect(c.leadOfficial).not.toBe('');
      expect(c.milestones.length).toBeGreaterThanOrEqual(3);
      expect(c.proposals.length).toBeGreaterThan(0);
    }
  });

  it('has one planned congress session today with all 112 representatives on its roster and no poll', () => {
    const rows = db.select().from(session).where(eq(session.jurisdictionId, sm.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'planned', kind: 'startOfYear', body: 'congress', date: '2026-03-02', place: '石门镇人民政府三楼会议室', cycleId: cy.id });
    expect(rows[0]!.checkInCode).toMatch(/^\d{6}$/);
    expect(db.select().from(sessionRoster).where(eq(sessionRoster.sessionId, rows[0]!.id)).all()).toHaveLength(112);
    expect(db.select().from(poll).where(eq(poll.sessionId, rows[0]!.id)).all()).toHaveLength(0);
  });

  it('lets sm.clerk open the session page and create the vote from the locked list', async () => {
    const { app } = testApp(db, { now: () => now });
    const s = db.select().from(session).where(eq(session.jurisdictionId, sm.id)).get()!;
    const res = await get(app, `/j/SM/sessions/${s.id}`, await login(app, 'sm.clerk'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(s.title);
    expect(html).toContain('发起民生实事项目票决');
    expect(html).not.toContain('不能发起项目');
  });
});
