import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, dutyActivity, poll } from '../../db/schema';
import { dutyActivitiesOf, recordDutyActivity, withdrawDutyActivity } from '../../src/data/dutyActivities';
import {
  activitiesRecorded, ledgerEntries, ledgerRows, opinionsTaken, pollsAttended, receptionsHeld, repLedger, sessionsAttended, suggestionsMade,
} from '../../src/data/dutyLedger';
import { getReception, planReception, recordOutcome } from '../../src/data/receptions';
import { assignReps } from '../../src/data/stationPeople';
import { seedStations, stationRow } from '../helpers/stationCases';
import { recordItem, triageItem } from '../../src/data/opinionItems';
import { correctRoll, recordRollState } from '../../src/data/roll';
import { convertItem } from '../../src/data/suggestions';
import { seedDeliberation } from '../helpers/deliberationFixture';
import { freshDb } from '../helpers/app';
import { clerkActor, close, openedPoll, valueOf } from '../helpers/pollCases';

const NOW = new Date('2027-03-01T02:00:00Z');

describe('votes attended: the session roll and each poll’s own roll', () => {
  it('counts a session for those the roll had in the hall, not for leave, absence or a withdrawn tick', async () => {
    // Session dated 2027-01-15, the first 10 of 12 checked in.
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 10 });
    const actor = clerkActor(t.f);
    valueOf(recordRollState(t.f.db, actor, t.session, t.f.roster[1]!.id, 'departed', '', t.f.users.qsClerk.id, new Date()));
    valueOf(recordRollState(t.f.db, actor, t.session, t.f.roster[10]!.id, 'leave', '住院', t.f.users.qsClerk.id, new Date()));
    valueOf(correctRoll(t.f.db, actor, t.session, t.f.roster[9]!.id, '误点了同名代表', new Date()));
    close(t);
    const attended = (i: number, year = 2027) => sessionsAttended(t.f.db, t.f.roster[i]!.id, year).length;
    expect(attended(0)).toBe(1);
    expect(attended(1)).toBe(1); // present, then left: attended
    expect(attended(9)).toBe(0); // the tick withdrawn
    expect(attended(10)).toBe(0); // on leave
    expect(attended(11)).toBe(0); // never arrived
    expect(attended(0, 2026)).toBe(0); // another year
    expect(sessionsAttended(t.f.db, t.f.roster[0]!.id, 2027)[0]).toMatchObject({ kind: 'session', date: '2027-01-15' });
  });

  it('counts a closed poll for those in the hall at its opening or close, by the China day it opened', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 9 });
    valueOf(recordRollState(t.f.db, clerkActor(t.f), t.session, t.f.roster[9]!.id, 'present', '', t.f.users.qsClerk.id, new Date())); // came in after the opening
    close(t);
    // 2026-12-31 16:30 UTC is 2027-01-01 00:30 in China: the poll counts in 2027.
    t.f.db.update(poll).set({ openedAt: new Date('2026-12-31T16:30:00Z') }).where(eq(poll.id, t.poll.id)).run();
    const polls = (i: number, year: number) => pollsAttended(t.f.db, t.f.roster[i]!.id, year);
    expect(polls(0, 2027)).toMatchObject([{ kind: 'poll', date: '2027-01-01' }]);
    expect(polls(0, 2026)).toEqual([]);
    expect(polls(9, 2027)).toHaveLength(1); // in the hall at the close
    expect(polls(10, 2027)).toHaveLength(0);
  });

  it('leaves out a poll that is still open: it has not been counted yet', async () => {
    const t = await openedPoll({ reps: 12, logins: 0, candidates: 3, seatsToFill: 2, present: 9 });
    t.f.db.update(poll).set({ openedAt: new Date('2027-01-15T02:00:00Z') }).where(eq(poll.id, t.poll.id)).run();
    expect(pollsAttended(t.f.db, t.f.roster[0]!.id, 2027)).toEqual([]);
    close(t);
    expect(pollsAttended(t.f.db, t.f.roster[0]!.id, 2027)).toHaveLength(1);
  });
});

describe('opinions taken and suggestions made', () => {
  async function deliberation() {
    const db = freshDb();
    const f = await seedDeliberation(db);
    const clerk = { id: f.users.dcClerk.id, name: f.users.dcClerk.displayName };
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const item = (title: string, at: Date) => valueOf(recordItem(db, dir, clerk, f.dc, 2027, {
      raisedById: f.drep1.id, channel: 'office', title, text: `${title}。`, place: '', affected: null, category: 'roads',
    }, [], at));
    return { db, f, clerk, item };
  }

  it('places an opinion on the China day it was recorded: 12-31 16:00 UTC is the next year', async () => {
    const { db, f, item } = await deliberation();
    item('路灯不亮', new Date('2026-12-31T15:59:00Z')); // 23:59 on 12-31 in China
    item('井盖松动', new Date('2026-12-31T16:00:00Z')); // 00:00 on 01-01 in China
    expect(opinionsTaken(db, f.drep1.id, 2026).map((e) => e.detail)).toEqual(['路灯不亮']);
    expect(opinionsTaken(db, f.drep1.id, 2027).map((e) => [e.date, e.detail])).toEqual([['2027-01-01', '井盖松动']]);
    expect(ledgerOfYear(db, f.drep1.id, 2026)).toEqual({ opinion: 1 });
    expect(ledgerOfYear(db, f.drep1.id, 2027)).toEqual({ opinion: 1 });
    expect(opinionsTaken(db, f.drep2.id, 2027)).toEqual([]);
  });

  it('counts a suggestion for the district representative who made it, in the year it was assigned', async () => {
    const { db, f, clerk, item } = await deliberation();
    const it1 = item('小区停车难', new Date('2027-02-01T02:00:00Z'));
    valueOf(triageItem(db, clerk, f.dc, it1.id, 'hand', { response: '', department: '' }, new Date('2027-02-02T02:00:00Z')));
    const rep1User = { id: f.rep1.userId!, name: '区代表王五' };
    valueOf(convertItem(db, rep1User, f.dc, it1.id, [f.rep1.id], {
      title: '关于增设停车位的建议', text: '建议增设停车位。', unitName: '城市管理办', unitUserId: null, assignedOn: '2027-02-10',
    }, new Date('2027-02-10T02:00:00Z')));
    expect(suggestionsMade(db, f.rep1.id, 2027)).toMatchObject([{ kind: 'suggestion', date: '2027-02-10', detail: '关于增设停车位的建议（交城市管理办办理）' }]);
    expect(suggestionsMade(db, f.rep2.id, 2027)).toEqual([]);
    expect(suggestionsMade(db, f.rep1.id, 2026)).toEqual([]);
  });
});

/** The year's non-zero counts of one representative. */
function ledgerOfYear(db: Parameters<typeof ledgerEntries>[0], repId: number, year: number) {
  const { total: _t, activities: _a, ...counts } = repLedger(db, { id: repId } as Parameters<typeof repLedger>[1], year).counts;
  return Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0));
}

describe('activities recorded by hand', () => {
  async function qs() {
    const t = await openedPoll({ reps: 3, logins: 0, candidates: 2, seatsToFill: 1, present: 3 });
    const actor = clerkActor(t.f);
    return { t, actor, rep: t.f.roster[0]! };
  }

  it('records an activity with its audit entry and refuses an empty note or a day after today', async () => {
    const { t, actor, rep } = await qs();
    expect(recordDutyActivity(t.f.db, actor, rep, { kind: 'visit', date: '2027-03-02', place: '', detail: '走访' }, '2027-03-01', NOW))
      .toMatchObject({ ok: false, field: 'date' });
    expect(recordDutyActivity(t.f.db, actor, rep, { kind: 'visit', date: '2027-02-20', place: '', detail: '  ' }, '2027-03-01', NOW))
      .toMatchObject({ ok: false, field: 'detail' });
    const a = valueOf(recordDutyActivity(t.f.db, actor, rep, { kind: 'survey', date: '2027-02-20', place: '青石村', detail: '调研饮水管网' }, '2027-03-01', NOW));
    expect(activitiesRecorded(t.f.db, rep.id, 2027)).toEqual([
      { kind: 'activity', date: '2027-02-20', representativeId: rep.id, activity: 'survey', detail: '调研饮水管网（青石村）', sourceId: a.id },
    ]);
    const audit = t.f.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.activity.record')).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ representativeId: rep.id, kind: '调研', detail: '调研饮水管网' });
  });

  it('a withdrawn activity leaves the counts but stays in the table with its reason; twice is refused', async () => {
    const { t, actor, rep } = await qs();
    const a = valueOf(recordDutyActivity(t.f.db, actor, rep, { kind: 'training', date: '2027-01-05', place: '', detail: '履职培训' }, '2027-03-01', NOW));
    expect(withdrawDutyActivity(t.f.db, actor, rep, a.id, ' ', NOW)).toMatchObject({ ok: false, field: 'reason' });
    valueOf(withdrawDutyActivity(t.f.db, actor, rep, a.id, '记错了代表', NOW));
    expect(dutyActivitiesOf(t.f.db, rep.id, 2027)).toEqual([]);
    expect(t.f.db.select().from(dutyActivity).all()).toMatchObject([{ withdrawReason: '记错了代表' }]);
    expect(withdrawDutyActivity(t.f.db, actor, rep, a.id, '再撤一次', NOW)).toMatchObject({ ok: false, status: 409 });
    expect(withdrawDutyActivity(t.f.db, actor, t.f.roster[1]!, a.id, '别人的', NOW)).toMatchObject({ ok: false, status: 409 });
  });

  it('the year’s rows: every seated representative, counts from every source', async () => {
    const { t, actor, rep } = await qs();
    close(t);
    t.f.db.update(poll).set({ openedAt: new Date('2027-01-15T02:00:00Z') }).where(eq(poll.id, t.poll.id)).run();
    valueOf(recordDutyActivity(t.f.db, actor, rep, { kind: 'inspection', date: '2027-02-01', place: '', detail: '视察道路' }, '2027-03-01', NOW));
    valueOf(recordDutyActivity(t.f.db, actor, rep, { kind: 'visit', date: '2026-12-31', place: '', detail: '去年的走访' }, '2027-03-01', NOW));
    const rows = ledgerRows(t.f.db, t.f.qs.id, 2027);
    expect(rows.map((r) => r.rep.name)).toEqual(['李强', '代表002', '代表003']); // the retired one without a date is not listed
    expect(rows[0]!.counts).toMatchObject({ session: 1, poll: 1, activity: 1, total: 3, activities: { inspection: 1, visit: 0 } });
    expect(rows[1]!.counts).toMatchObject({ session: 1, poll: 1, activity: 0, total: 2 });
    expect(rows[2]!.counts).toMatchObject({ session: 1, poll: 1, total: 2 });
    expect(repLedger(t.f.db, rep, 2026).counts).toMatchObject({ activity: 1, total: 1 });
  });
});

describe('receptions held: the station schedule feeds the ledger', () => {
  it('counts the reception days a representative held in the year, not those planned or not held', async () => {
    const db = freshDb();
    const f = await seedStations(db);
    const s = stationRow(db, f.home.id);
    const at = new Date('2026-06-30T08:00:00Z');
    valueOf(assignReps(db, f.clerk, s, [f.wang.id], at));
    const plan = (date: string) => getReception(db, s.id, valueOf(planReception(db, f.clerk, s, { date, startTime: '09:00', endTime: '11:00', representativeIds: [f.wang.id] }, at)).id)!;
    const held = plan('2026-04-10');
    const notHeld = plan('2026-05-10');
    plan('2026-09-10'); // still planned
    plan('2027-01-08'); // next year
    valueOf(recordOutcome(db, f.clerk, s, held, { held: true, residents: 12 }, '2026-06-30', at));
    valueOf(recordOutcome(db, f.clerk, s, notHeld, { held: false, reason: '暴雨停课' }, '2026-06-30', at));
    const entries = receptionsHeld(db, f.wang.id, 2026);
    expect(entries).toEqual([expect.objectContaining({ kind: 'reception', date: '2026-04-10', sourceId: held.id })]);
    expect(entries[0]!.detail).toContain('接待群众 12 人次');
    expect(ledgerEntries(db, f.wang.id, 2026).filter((e) => e.kind === 'reception')).toHaveLength(1);
    expect(receptionsHeld(db, f.wang.id, 2027)).toEqual([]);
  });
});
