import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConnection } from '../../db/client';
import { attendance, jurisdiction, meetingItem, meetingItemOpinion, meetingMinutes, opinionItem, repLink, session, sessionRoster, suggestion } from '../../db/schema';
import { seedDemo } from '../../src/demo/seed';
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
    // Townships' stations' opinions share the table (src/demo/stationOpinions.ts); a subdistrict's have no station.
    const items = db.select().from(opinionItem).all().filter((i) => i.stationId === null);
    expect(items).toHaveLength(10);
    expect(items.every((i) => i.jurisdictionId === dc.id)).toBe(true);
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(['recorded', 'answered', 'referred', 'handedToRep', 'converted']));
    const numbers = items.map((i) => `${i.year}-${i.seq}`);
    expect(new Set(numbers).size).toBe(items.length);
  });

  it('hands items only to the raiser’s linked district representative', () => {
    for (const i of db.select().from(opinionItem).all().filter((x) => x.handedToRepId !== null)) {
      const link = db.select().from(repLink).where(eq(repLink.deliberationRepId, i.raisedById!)).get()!;
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
        expect(r).toEqual({ ok: true, value: null });
      }
    }
    const statuses = all.map((s) => suggestionStatus(s, today));
    for (const st of ['answered', 'answeredLate', 'extended', 'overdue', 'handling'] as const) expect(statuses).toContain(st);
  });

  it('has this year’s start-of-year meeting held, with attendance above two thirds and signed-off minutes', () => {
    const dc = db.select().from(jurisdiction).where(eq(jurisdiction.code, 'DC')).get()!;
    const meetings = db.select().from(session).where(eq(session.jurisdictionId, dc.id)).all();
    expect(meetings).toHaveLength(1);
    const m = meetings[0]!;
    expect(m).toMatchObject({ body: 'deliberation', kind: 'startOfYear', state: 'closed', startTime: '09:00', endTime: '12:00' });
    expect(m.date.slice(0, 4)).toBe(today.slice(0, 4));
    expect(m.date < today).toBe(true);
    const seated = db.select().from(sessionRoster).where(eq(sessionRoster.sessionId, m.id)).all().length;
    const present = db.select().from(attendance).where(eq(attendance.sessionId, m.id)).all().length;
    expect(seated).toBe(52);
    expect(present * 3).toBeGreaterThanOrEqual(seated * 2);
    expect(present).toBeLessThan(seated);
    const items = db.select().from(meetingItem).where(eq(meetingItem.sessionId, m.id)).all();
    expect(items.map((i) => i.kind)).toEqual(['reportHearing', 'opinionItems']);
    expect(items.every((i) => i.decision.length > 0)).toBe(true);
    const linked = db.select().from(meetingItemOpinion).all();
    expect(linked.length).toBeGreaterThan(0);
    for (const l of linked) {
      const item = db.select().from(opinionItem).where(eq(opinionItem.id, l.opinionItemId)).get()!;
      expect(item.jurisdictionId).toBe(dc.id);
      expect(chinaDateOf(item.recordedAt) <= m.date).toBe(true);
    }
    expect(db.select().from(meetingMinutes).where(eq(meetingMinutes.sessionId, m.id)).get()!.signedOffAt).not.toBeNull();
  });
});
