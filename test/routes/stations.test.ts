import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { reception, station, stationGoal, stationLiaison, stationMember } from '../../db/schema';
import { assignReps } from '../../src/data/stationPeople';
import { planReception } from '../../src/data/receptions';
import { get, login, post, testApp } from '../helpers/app';
import { seedStations } from '../helpers/stationCases';

type T = ReturnType<typeof testApp>;
let t: T;
let f: Awaited<ReturnType<typeof seedStations>>;
const now = new Date('2026-04-20T02:00:00Z');
beforeEach(async () => {
  t = testApp(undefined, { now: () => now });
  f = await seedStations(t.db);
});
const desk = () => `/j/QS/stations/${f.home.id}`;

describe('the clerk\'s station page', () => {
  it('is the town clerk\'s; another town\'s clerk and a representative get 403, another town\'s station id a 404', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const page = await get(t.app, desk(), clerk);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const s of ['青石镇人大代表之家', '王伟', '孙立', '区人大代表（可加入本镇街的站点）', '联络员']) expect(html).toContain(s);
    expect(html).not.toContain('赵敏'); // retired

    const lx = await login(t.app, 'lx.clerk');
    expect((await get(t.app, desk(), lx)).status).toBe(403);
    expect((await post(t.app, `${desk()}/members`, { reps: String(f.wang.id) }, lx)).status).toBe(403);
    expect((await get(t.app, desk(), await login(t.app, 'qs.rep'))).status).toBe(403);
    expect((await get(t.app, `/j/QS/stations/${f.lxHome.id}`, clerk)).status).toBe(404);
    expect((await get(t.app, '/j/QS/stations/999999', clerk)).status).toBe(404);
    const admin = await login(t.app, 'admin');
    expect((await get(t.app, desk(), admin)).status).toBe(200); // reads
    expect((await post(t.app, `${desk()}/liaison`, { liaisonName: '何晓燕', liaisonPhone: '13908234100' }, admin)).status).toBe(403);
  });

  it('places representatives, names conveners and a liaison, with Chinese errors beside the fields', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const placed = await post(t.app, `${desk()}/members`, { reps: String(f.wang.id) }, clerk);
    expect(placed.status).toBe(303);
    const body = new URLSearchParams([['reps', String(f.li.id)], ['reps', String(f.sun.id)]]);
    const two = await t.app.request(`${desk()}/members`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: clerk } });
    expect(two.status).toBe(303);
    expect(t.db.select().from(stationMember).all()).toHaveLength(3);

    const empty = await post(t.app, `${desk()}/members`, {}, clerk);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请勾选要编入本站的代表');
    const other = await post(t.app, `/j/QS/stations/${f.liaisonStation.id}/members`, { reps: String(f.wang.id) }, clerk);
    expect(other.status).toBe(409);
    expect(await other.text()).toContain('王伟已编入青石镇人大代表之家');

    const tooMany = new URLSearchParams([['conveners', String(f.wang.id)], ['conveners', String(f.li.id)], ['conveners', String(f.sun.id)]]);
    const conv = await t.app.request(`${desk()}/conveners`, { method: 'POST', body: tooMany, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: clerk } });
    expect(conv.status).toBe(422);
    expect(await conv.text()).toContain('召集人为 1–2 名，已选 3 名');

    const badPhone = await post(t.app, `${desk()}/liaison`, { liaisonName: '何晓燕', liaisonPhone: '12345', liaisonUsername: '' }, clerk);
    expect(badPhone.status).toBe(422);
    const html = await badPhone.text();
    expect(html).toContain('请填写正确的手机号');
    expect(html).toContain('value="何晓燕"');
    const noUser = await post(t.app, `${desk()}/liaison`, { liaisonName: '何晓燕', liaisonPhone: '13908234100', liaisonUsername: 'nobody' }, clerk);
    expect(noUser.status).toBe(422);
    expect(await noUser.text()).toContain('没有这个账号');
    expect((await post(t.app, `${desk()}/liaison`, { liaisonName: '何晓燕', liaisonPhone: '139 0823 4100', liaisonUsername: 'qs.sup' }, clerk)).status).toBe(303);
    expect(t.db.select().from(stationLiaison).get()).toMatchObject({ name: '何晓燕', phone: '13908234100', userId: f.users.qsSup.id });
  });

  it('keeps yearly goals and their completion; partly done needs a note and a date', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    expect((await post(t.app, `${desk()}/goals`, { year: '2026', goalText: '' }, clerk)).status).toBe(422);
    expect((await post(t.app, `${desk()}/goals`, { year: '2026', goalText: '每季度开展接待群众日' }, clerk)).status).toBe(303);
    const goal = t.db.select().from(stationGoal).get()!;
    const partly = await post(t.app, `${desk()}/goals/${goal.id}`, { text: goal.text, state: 'partly', note: '', reportedOn: '2026-04-01' }, clerk);
    expect(partly.status).toBe(422);
    expect(await partly.text()).toContain('请说明完成了哪些');
    const noDate = await post(t.app, `${desk()}/goals/${goal.id}`, { text: goal.text, state: 'done', note: '', reportedOn: '2026-02-30' }, clerk);
    expect(noDate.status).toBe(422);
    expect(await noDate.text()).toContain('请填写完成情况的日期');
    expect((await post(t.app, `${desk()}/goals/${goal.id}`, { text: goal.text, state: 'done', note: '四次全部开展', reportedOn: '2026-04-01' }, clerk)).status).toBe(303);
    expect(t.db.select().from(stationGoal).get()).toMatchObject({ state: 'done', reportedOn: '2026-04-01' });
    expect((await get(t.app, `/j/QS/stations/${f.liaisonStation.id}/goals/${goal.id}`, clerk)).status).toBe(404); // another station's goal
  });
});

describe('reception days', () => {
  beforeEach(() => {
    assignReps(t.db, f.clerk, f.home, [f.wang.id, f.li.id], now);
  });

  it('the clerk plans one; a clash is refused beside the representatives with the form kept; a bad time beside its field', async () => {
    const clerk = await login(t.app, 'qs.clerk');
    const base = `${desk()}/receptions`;
    expect((await post(t.app, base, { date: '2026-05-15', startTime: '09:00', endTime: '11:30', reps: String(f.wang.id) }, clerk)).status).toBe(303);
    const clash = await post(t.app, base, { date: '2026-05-15', startTime: '10:00', endTime: '12:00', reps: String(f.wang.id) }, clerk);
    expect(clash.status).toBe(409);
    const html = await clash.text();
    expect(html).toContain('王伟在 2026-05-15 10:00–12:00 已有接待安排');
    expect(html).toContain('value="10:00"');
    const late = await post(t.app, base, { date: '2026-05-16', startTime: '11:00', endTime: '09:00', reps: String(f.wang.id) }, clerk);
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('结束时间须晚于开始时间');
    expect(t.db.select().from(reception).all()).toHaveLength(1);
    expect((await post(t.app, base, { date: '2026-05-15', startTime: '09:00', endTime: '11:30', reps: String(f.wang.id) }, await login(t.app, 'lx.clerk'))).status).toBe(403);
    expect((await get(t.app, `${base}/999999`, clerk)).status).toBe(404);
  });

  it('the quarter list, the A4 notice, the public page and the representative\'s home page show it; held is recorded afterwards', async () => {
    const planned = planReception(t.db, f.clerk, f.home, { date: '2026-05-15', startTime: '09:00', endTime: '11:30', representativeIds: [f.wang.id, f.li.id] }, now);
    const past = planReception(t.db, f.clerk, f.home, { date: '2026-04-15', startTime: '09:00', endTime: '11:30', representativeIds: [f.li.id] }, now);
    if (!planned.ok || !past.ok) throw new Error('plan');
    const clerk = await login(t.app, 'qs.clerk');
    const list = await (await get(t.app, `${desk()}/receptions?quarter=2026-Q2`, clerk)).text();
    expect(list).toContain('5月15日（周五）');
    const notice = await (await get(t.app, `${desk()}/receptions/notice?quarter=2026-Q2`, clerk)).text();
    for (const s of ['人大代表接待群众日安排', '2026年第二季度', '王伟、李秀英', '青石路18号二楼']) expect(notice).toContain(s);
    expect(notice).not.toContain('13812345601');

    const pub = await get(t.app, '/p/QS/stations/qs-home');
    expect(pub.status).toBe(200);
    const ph = await pub.text();
    for (const s of ['5月15日（周五） 09:00–11:30', '138****5601', 'href="/p/QS/propose?station=qs-home"', 'href="/p/QS/opinions/new?station=qs-home"', 'href="/track"']) expect(ph).toContain(s);
    expect(ph).not.toContain('13812345601');
    expect(ph).not.toContain('4月15日'); // past

    const home = await (await get(t.app, '/', await login(t.app, 'qs.rep'))).text();
    expect(home).toContain('我的接待群众日');
    expect(home).toContain('5月15日（周五） 09:00–11:30');

    const early = await post(t.app, `${desk()}/receptions/${planned.value.id}/outcome`, { held: 'yes', residents: '5' }, clerk);
    expect(early.status).toBe(409);
    const badCount = await post(t.app, `${desk()}/receptions/${past.value.id}/outcome`, { held: 'yes', residents: 'abc' }, clerk);
    expect(badCount.status).toBe(422);
    expect((await post(t.app, `${desk()}/receptions/${past.value.id}/outcome`, { held: 'yes', residents: '6' }, clerk)).status).toBe(303);
    expect(t.db.select().from(reception).where(eq(reception.id, past.value.id)).get()).toMatchObject({ state: 'held', residents: 6 });
  });

  it('the town\'s quarter copies forward; the public page of another town\'s or a retired station is a 404', async () => {
    planReception(t.db, f.clerk, f.home, { date: '2026-05-15', startTime: '09:00', endTime: '11:30', representativeIds: [f.wang.id] }, now);
    const clerk = await login(t.app, 'qs.clerk');
    expect((await get(t.app, '/j/QS/receptions?quarter=2026-Q2', clerk)).status).toBe(200);
    const copy = await post(t.app, '/j/QS/receptions/copy', { quarter: '2026-Q2' }, clerk);
    expect(copy.status).toBe(303);
    expect(copy.headers.get('location')).toBe('/j/QS/receptions?quarter=2026-Q3');
    expect(t.db.select().from(reception).all().map((r) => r.date).sort()).toEqual(['2026-05-15', '2026-08-15']);
    expect((await post(t.app, '/j/QS/receptions/copy', { quarter: '2026-Q2' }, await login(t.app, 'qs.rep'))).status).toBe(403);

    expect((await get(t.app, '/p/LX/stations/qs-home')).status).toBe(404);
    expect((await get(t.app, '/p/QS/stations/nope')).status).toBe(404);
    expect((await get(t.app, '/p/QS/stations/QS01-LX')).status).toBe(200);
    t.db.update(station).set({ active: false }).where(eq(station.id, f.liaisonStation.id)).run();
    expect((await get(t.app, '/p/QS/stations/qs01-lx')).status).toBe(404);
    expect((await get(t.app, '/s/qs01-lx')).headers.get('location')).toBe('/p/QS/propose'); // a retired poster still reaches the form
  });
});
