import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, repContactCode } from '../../db/schema';
import { issueCodesAtStations, issueContactCode } from '../../src/data/repContactCodes';
import { assignReps } from '../../src/data/stationPeople';
import { freshDb } from '../helpers/app';
import { seedStations, stationRow } from '../helpers/stationCases';

const NOW = new Date('2026-03-02T02:00:00Z');

async function placed() {
  const db = freshDb();
  const f = await seedStations(db);
  const home = stationRow(db, f.home.id);
  const lx = stationRow(db, f.liaisonStation.id);
  expect(assignReps(db, f.clerk, home, [f.li.id], NOW).ok).toBe(true);
  expect(assignReps(db, f.clerk, lx, [f.wang.id], NOW).ok).toBe(true);
  return { db, f, home, lx };
}

describe('a representative’s QR card hangs at the station they sit at', () => {
  it('takes the representative’s own station when none is chosen, and refuses one who sits nowhere', async () => {
    const { db, f, lx } = await placed();
    const r = issueContactCode(db, f.clerk, f.qs, f.wang.id, undefined, NOW);
    expect(r.ok && r.value.stationId).toBe(lx.id);
    const nowhere = issueContactCode(db, f.clerk, f.qs, f.zhang.id, undefined, NOW);
    expect(nowhere).toMatchObject({ ok: false, field: 'stationId' });
    expect(db.select().from(repContactCode).where(eq(repContactCode.representativeId, f.zhang.id)).all()).toEqual([]);
  });

  it('issues the whole wall at once: every placed representative without a card, at their station, in one audit entry', async () => {
    const { db, f, home, lx } = await placed();
    const before = issueContactCode(db, f.clerk, f.qs, f.li.id, lx.id, NOW); // already carries one, elsewhere: kept as it is
    expect(before.ok).toBe(true);
    expect(assignReps(db, f.clerk, home, [f.zhang.id], NOW).ok).toBe(true);
    expect(issueCodesAtStations(db, f.clerk, f.qs, NOW)).toBe(2);
    const codes = new Map(db.select().from(repContactCode).all().map((c) => [c.representativeId, c.stationId]));
    expect(codes).toEqual(new Map([[f.li.id, lx.id], [f.zhang.id, home.id], [f.wang.id, lx.id]]));
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'repCode.issueAll')).all()).toHaveLength(1);
    expect(issueCodesAtStations(db, f.clerk, f.qs, NOW)).toBe(0); // nothing left: no second entry
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'repCode.issueAll')).all()).toHaveLength(1);
  });
});
