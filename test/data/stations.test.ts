import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, reception } from '../../db/schema';
import { copyQuarterForward, planReception, receptionsInQuarter, receptionsOf, recordOutcome, removeReception, getReception } from '../../src/data/receptions';
import { assignReps, placeableReps, removeRep, setConveners, stationReps } from '../../src/data/stationPeople';
import { publicStation } from '../../src/data/stationPublic';
import { freshDb } from '../helpers/app';
import { seedStations } from '../helpers/stationCases';

type Fx = Awaited<ReturnType<typeof seedStations>>;
const now = new Date('2026-04-20T02:00:00Z');
let db: ReturnType<typeof freshDb>;
let f: Fx;
beforeEach(async () => {
  db = freshDb();
  f = await seedStations(db);
});
const slot = (date: string, startTime: string, endTime: string, representativeIds: number[]) => ({ date, startTime, endTime, representativeIds });
const audits = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('who sits at a station', () => {
  it('offers the town\'s seated representatives and the district\'s, each placed at one station only', () => {
    const names = (xs: { name: string }[]) => xs.map((x) => x.name);
    expect(names(placeableReps(db, f.qs))).toEqual(['王伟', '李秀英', '张建国', '孙立']); // 赵敏 retired
    expect(placeableReps(db, f.qs).find((r) => r.name === '孙立')!.level).toBe('district');

    expect(assignReps(db, f.clerk, f.liaisonStation, [f.wang.id, f.sun.id], now)).toEqual({ ok: true, value: 2 });
    const again = assignReps(db, f.clerk, f.home, [f.wang.id], now);
    expect(again).toMatchObject({ ok: false, field: 'reps', status: 409, error: '王伟已编入青石村人大代表联络站，请先从该站移出' });
    expect(assignReps(db, f.clerk, f.home, [f.zhao.id], now)).toMatchObject({ ok: false, field: 'reps' }); // retired
    expect(stationReps(db, f.home.id)).toEqual([]);
    expect(audits('station.assignReps')).toHaveLength(1);

    expect(removeRep(db, f.clerk, f.liaisonStation, f.wang.id, now).ok).toBe(true);
    expect(assignReps(db, f.clerk, f.home, [f.wang.id], now).ok).toBe(true);
  });

  it('has at most two conveners, both of its own representatives', () => {
    assignReps(db, f.clerk, f.home, [f.wang.id, f.li.id, f.zhang.id], now);
    expect(setConveners(db, f.clerk, f.home, [f.wang.id, f.li.id, f.zhang.id], now)).toMatchObject({ ok: false, field: 'conveners' });
    expect(setConveners(db, f.clerk, f.home, [f.sun.id], now)).toMatchObject({ ok: false, error: '召集人须是本站的代表' });
    expect(setConveners(db, f.clerk, f.home, [f.li.id], now).ok).toBe(true);
    expect(stationReps(db, f.home.id).filter((r) => r.role === 'convener').map((r) => r.name)).toEqual(['李秀英']);
  });
});

describe('reception days', () => {
  beforeEach(() => {
    assignReps(db, f.clerk, f.home, [f.wang.id, f.li.id], now);
    assignReps(db, f.clerk, f.liaisonStation, [f.zhang.id, f.sun.id], now);
  });

  it('refuses a representative in two receptions at once, across stations, and one from another station', () => {
    expect(planReception(db, f.clerk, f.home, slot('2026-05-15', '09:00', '11:00', [f.wang.id]), now).ok).toBe(true);
    expect(planReception(db, f.clerk, f.home, slot('2026-05-15', '10:30', '12:00', [f.wang.id, f.li.id]), now))
      .toMatchObject({ ok: false, field: 'reps', status: 409, error: '王伟在 2026-05-15 10:30–12:00 已有接待安排，同一时间不能安排两处' });
    expect(planReception(db, f.clerk, f.home, slot('2026-05-15', '11:00', '12:00', [f.wang.id]), now).ok).toBe(true); // back to back
    expect(planReception(db, f.clerk, f.home, slot('2026-05-15', '10:00', '10:30', [f.zhang.id]), now)).toMatchObject({ ok: false, error: '接待代表须是本站的代表' });
    expect(db.select().from(reception).all()).toHaveLength(2);
  });

  it('a representative\'s receptions of a year, every state, for the duty ledger', () => {
    const held = planReception(db, f.clerk, f.home, slot('2026-03-31', '09:00', '11:00', [f.wang.id, f.li.id]), now);
    planReception(db, f.clerk, f.home, slot('2026-05-15', '09:00', '11:00', [f.wang.id]), now);
    planReception(db, f.clerk, f.home, slot('2025-12-31', '09:00', '11:00', [f.wang.id]), now); // last year
    planReception(db, f.clerk, f.home, slot('2027-01-01', '09:00', '11:00', [f.wang.id]), now); // next year
    const r = getReception(db, f.home.id, held.ok ? held.value.id : 0)!;
    expect(recordOutcome(db, f.clerk, f.home, r, { held: true, residents: 7 }, '2026-04-20', now).ok).toBe(true);
    const mine = receptionsOf(db, f.wang.id, 2026);
    expect(mine.map((x) => [x.date, x.state, x.residents, x.stationName])).toEqual([
      ['2026-03-31', 'held', 7, '青石镇人大代表之家'],
      ['2026-05-15', 'scheduled', null, '青石镇人大代表之家'],
    ]);
    expect(receptionsOf(db, f.li.id, 2026).map((x) => x.date)).toEqual(['2026-03-31']);
    expect(receptionsOf(db, f.zhang.id, 2026)).toEqual([]);
  });

  it('records an outcome only from the day itself on, and a settled reception can no longer be moved or removed', () => {
    const planned = planReception(db, f.clerk, f.home, slot('2026-04-21', '09:00', '11:00', [f.wang.id]), now);
    const r = getReception(db, f.home.id, planned.ok ? planned.value.id : 0)!;
    expect(recordOutcome(db, f.clerk, f.home, r, { held: true, residents: 3 }, '2026-04-20', now)).toMatchObject({ ok: false, status: 409 });
    expect(recordOutcome(db, f.clerk, f.home, r, { held: false, reason: '' }, '2026-04-21', now)).toMatchObject({ ok: false, field: 'reason' });
    expect(recordOutcome(db, f.clerk, f.home, r, { held: false, reason: '暴雨改期' }, '2026-04-21', now).ok).toBe(true);
    const settled = getReception(db, f.home.id, r.id)!;
    expect(settled).toMatchObject({ state: 'notHeld', notHeldReason: '暴雨改期', residents: null });
    expect(removeReception(db, f.clerk, f.home, settled, now)).toMatchObject({ ok: false, status: 409 });
    expect(audits('reception.outcome')).toHaveLength(1);
  });

  it('copies a quarter into the next, skipping what would clash', () => {
    planReception(db, f.clerk, f.home, slot('2026-04-15', '09:00', '11:00', [f.wang.id]), now);
    planReception(db, f.clerk, f.liaisonStation, slot('2026-06-30', '14:00', '16:00', [f.zhang.id, f.sun.id]), now);
    planReception(db, f.clerk, f.home, slot('2026-07-15', '10:00', '12:00', [f.wang.id]), now); // already there, overlapping
    const report = copyQuarterForward(db, f.clerk, f.qs.id, [f.home, f.liaisonStation], { year: 2026, q: 2 }, now);
    expect(report.copied).toBe(1);
    expect(report.skipped).toEqual([{ date: '2026-07-15', stationName: '青石镇人大代表之家', reason: expect.stringContaining('王伟') }]);
    const q3 = receptionsInQuarter(db, [f.home.id, f.liaisonStation.id], { year: 2026, q: 3 });
    expect(q3.map((x) => [x.date, x.startTime, x.reps.map((r) => r.name)])).toEqual([
      ['2026-07-15', '10:00', ['王伟']],
      ['2026-09-30', '14:00', ['张建国', '孙立']],
    ]);
  });

  it('the public view masks every phone and lists only what is still to come', () => {
    setConveners(db, f.clerk, f.home, [f.li.id], now);
    planReception(db, f.clerk, f.home, slot('2026-04-19', '09:00', '11:00', [f.wang.id]), now);
    planReception(db, f.clerk, f.home, slot('2026-04-20', '09:00', '11:00', [f.li.id]), now);
    const p = publicStation(db, f.home, '2026-04-20');
    expect(p.reps).toEqual([
      { name: '李秀英', community: '杨柳村', phone: '138****5602', convener: true },
      { name: '王伟', community: '青石村', phone: '138****5601', convener: false },
    ]);
    expect(p.upcoming.map((r) => r.date)).toEqual(['2026-04-20']);
    expect(JSON.stringify(p)).not.toMatch(/13812345/);
  });
});
