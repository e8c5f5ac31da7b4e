import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cycle, jurisdiction, meetingItem, meetingItemOpinion, meetingMinutes, opinionItem, representative, roleAssignment, session, user } from '../../db/schema';
import { retireRep } from '../../src/data/deliberationReps';
import { get, login, post, testApp } from '../helpers/app';
import { seedDeliberation } from '../helpers/deliberationFixture';

type Fx = Awaited<ReturnType<typeof seedDeliberation>>;

/**
 * 东城街道's year of deliberation meetings, through the app: the start-of-year meeting (7 seated, 5 present), the
 * mid-year one (6 seated after a representative retired, 3 present) and a planned extraordinary one.
 * Hand count: 8 present of 13 seated at the two held meetings = 61.5%; 5/7 = 71.4%; 3/6 = 50.0%.
 */
describe('deliberation meetings: agenda, minutes, sign-off, attendance, public decisions', () => {
  const clock = new Date('2026-07-10T01:00:00Z'); // 09:00 in China
  const t = testApp(undefined, { now: () => clock });
  const cookies: Record<string, string> = {};
  let fx: Fx;
  let dcCycle = 0;
  let dcItem = 0;
  let nhItem = 0;
  let start = 0;
  let mid = 0;
  const extraReps: number[] = [];
  const items = (sessionId: number) => t.db.select().from(meetingItem).where(eq(meetingItem.sessionId, sessionId)).orderBy(meetingItem.position).all();
  const text = async (path: string, who: string) => {
    const res = await get(t.app, path, cookies[who]);
    expect(res.status, `${who} GET ${path}`).toBe(200);
    return res.text();
  };
  const createMeeting = async (kind: string, title: string, date: string, startTime: string, endTime: string) => {
    const res = await post(t.app, '/j/DC/sessions', { cycleId: String(dcCycle), kind, title, date, startTime, endTime, place: '街道会议室' }, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    return { id: Number(res.headers.get('location')!.split('/').pop()), flash: decodeURIComponent(res.headers.get('set-cookie') ?? '') };
  };
  const checkIn = async (sessionId: number, repIds: number[]) => {
    for (const id of repIds) expect((await post(t.app, `/j/DC/sessions/${sessionId}/roll/${id}`, { q: '', undo: '' }, cookies['dc.clerk'])).status).toBe(303);
  };
  const state = (sessionId: number, to: 'open' | 'closed') => post(t.app, `/j/DC/sessions/${sessionId}/state`, { to }, cookies['dc.clerk']);
  const saveItem = (sessionId: number, itemId: number, form: Record<string, string | string[]>, who = 'dc.clerk') => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return t.app.request(`/j/DC/sessions/${sessionId}/agenda/${itemId}`, {
      method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: cookies[who]! },
    });
  };

  beforeAll(async () => {
    fx = await seedDeliberation(t.db);
    const ph = t.db.select().from(user).where(eq(user.username, 'dc.clerk')).get()!.passwordHash;
    // Four more seated deliberation representatives: seven in all.
    for (const [name, community] of [['周四', '解放社区'], ['吴五', '解放社区'], ['郑六', '滨江社区'], ['王七', '滨江社区']]) {
      extraReps.push(t.db.insert(representative).values({ jurisdictionId: fx.dc.id, body: 'deliberation', name: name!, community: community!, phone: '13900000099' }).returning().get().id);
    }
    // A second subdistrict with its own clerk and item.
    const nh = t.db.insert(jurisdiction).values({ kind: 'subdistrict', code: 'NH', name: '南湖街道', parentId: fx.district.id }).returning().get();
    const nhClerk = t.db.insert(user).values({ username: 'nh.clerk', displayName: '南湖街道 黄丽', passwordHash: ph }).returning().get();
    t.db.insert(roleAssignment).values({ userId: nhClerk.id, role: 'clerk', jurisdictionId: nh.id }).run();
    const nhRep = t.db.insert(representative).values({ jurisdictionId: nh.id, body: 'deliberation', name: '南湖代表', community: '南湖社区' }).returning().get();
    dcCycle = t.db.insert(cycle).values({ jurisdictionId: fx.dc.id, year: 2026, phase: 'delivery', createdBy: fx.users.dcClerk.id }).returning().get().id;
    const opinion = (jurisdictionId: number, raisedById: number, title: string, recordedBy: number) => t.db.insert(opinionItem).values({
      jurisdictionId, year: 2026, seq: 1, raisedById, recordedBy, channel: 'meeting', title, text: '居民反映的情况', category: 'facilities', recordedAt: clock,
    }).returning().get().id;
    dcItem = opinion(fx.dc.id, fx.drep1.id, '滨江路路灯不亮', fx.users.dcClerk.id);
    nhItem = opinion(nh.id, nhRep.id, '南湖公园厕所维修', nhClerk.id);
    for (const u of ['dc.clerk', 'nh.clerk', 'qs.clerk', 'dc.drep1', 'yc.rep1', 'dc.unit1', 'admin']) cookies[u] = await login(t.app, u);
  });

  it('warns while the year lacks its two ordinary meetings, on the meeting list, the overview and the create form', async () => {
    for (const path of ['/j/DC/deliberation/meetings', '/j/DC/deliberation', '/j/DC/sessions']) {
      const page = await text(path, 'dc.clerk');
      expect(page).toContain('2026年还没有年初例会');
      expect(page).toContain('2026年还没有年中例会');
    }
    expect(await text('/j/DC/sessions', 'dc.clerk')).toContain('每次会期不少于半天（3 小时）');
    // A township's congress is not held to the subdistrict practice.
    const qs = await text('/j/QS/sessions', 'qs.clerk');
    expect(qs).not.toContain('例会');
  });

  it('creates the meetings as sessions; a meeting planned shorter than half a day is flagged, not refused', async () => {
    const a = await createMeeting('startOfYear', '东城街道2026年年初议事代表会议', '2026-01-20', '09:00', '12:00');
    start = a.id;
    expect(a.flash).not.toContain('会期不足半天');
    // 王七 leaves before the mid-year meeting: its roster has six.
    const r = retireRep(t.db, { id: fx.users.dcClerk.id, name: 'dc.clerk' }, t.db.select().from(representative).where(eq(representative.id, extraReps[3]!)).get()!, '2026-06-30', '迁出本街道', clock);
    expect(r.ok).toBe(true);
    const b = await createMeeting('midYear', '东城街道2026年年中议事代表会议', '2026-07-10', '14:00', '16:30');
    mid = b.id;
    expect(b.flash).toContain('会期不足半天');
    await createMeeting('extraordinary', '东城街道2026年临时议事代表会议', '2026-09-01', '09:00', '12:00');
    expect(t.db.select().from(session).where(eq(session.id, mid)).get()).toMatchObject({ body: 'deliberation', kind: 'midYear' });
    const list = await text('/j/DC/deliberation/meetings?year=2026', 'dc.clerk');
    expect(list).not.toContain('还没有年初例会');
    expect(list).not.toContain('还没有年中例会');
    expect(list).toContain('2026-07-10 的会议会期不足半天');
  });

  it('only the clerk of this subdistrict edits the agenda and minutes; others may read or get 403', async () => {
    for (const who of ['dc.drep1', 'yc.rep1', 'dc.unit1', 'admin', 'nh.clerk', 'qs.clerk']) {
      expect((await post(t.app, `/j/DC/sessions/${mid}/agenda`, { kind: 'opinionItems', title: '' }, cookies[who])).status, who).toBe(403);
    }
    expect((await get(t.app, `/j/DC/sessions/${mid}/agenda`, cookies['nh.clerk'])).status).toBe(403);
    expect((await get(t.app, `/j/DC/sessions/${mid}/minutes`, cookies['nh.clerk'])).status).toBe(403);
    expect((await get(t.app, '/j/DC/deliberation/meetings', cookies['nh.clerk'])).status).toBe(403);
    expect(items(mid)).toHaveLength(0);

    for (const [kind, title] of [['opinionItems', ''], ['reportHearing', '听取2026年度民生实事项目期中报告'], ['projectSelection', '']]) {
      const res = await post(t.app, `/j/DC/sessions/${mid}/agenda`, { kind: kind!, title: title! }, cookies['dc.clerk']);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(new RegExp(`/j/DC/sessions/${mid}/agenda/\\d+$`));
    }
    const [opinions, report, selection] = items(mid);
    expect(opinions).toMatchObject({ kind: 'opinionItems', title: '议决议事代表提出的民意事项', position: 1 });
    expect(selection).toMatchObject({ title: '票选2026年度民生实事项目', position: 3 });
    expect((await post(t.app, `/j/DC/sessions/${mid}/agenda`, { kind: 'speech', title: '' }, cookies['dc.clerk'])).status).toBe(422);

    // A deliberation representative reads the agenda, without the forms.
    const asRep = await text(`/j/DC/sessions/${mid}/agenda`, 'dc.drep1');
    expect(asRep).toContain('议决议事代表提出的民意事项');
    expect(asRep).not.toContain('添加议程事项');
    expect((await saveItem(mid, opinions!.id, { title: 'x', decision: 'y' }, 'dc.drep1')).status).toBe(403);
    expect((await saveItem(mid, opinions!.id, { title: 'x', decision: 'y' }, 'nh.clerk')).status).toBe(403);
    expect((await post(t.app, `/j/DC/sessions/${mid}/minutes/sign-off`, {}, cookies['dc.drep1'])).status).toBe(403);
    expect((await post(t.app, `/j/DC/sessions/${mid}/minutes/sign-off`, {}, cookies['nh.clerk'])).status).toBe(403);

    // Links stay inside the subdistrict and the meeting.
    const bad = await saveItem(mid, opinions!.id, { title: '议决民意事项', opinionItemIds: [String(dcItem), String(nhItem)] });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('只能选择本街道的民意事项');
    expect(t.db.select().from(meetingItemOpinion).all()).toHaveLength(0);
    const ok = await saveItem(mid, opinions!.id, {
      title: '议决民意事项', opinionItemIds: [String(dcItem)], minutes: '刘一介绍了滨江路路灯损坏的情况，城市管理办当场说明了维修安排。', decision: '',
    });
    expect(ok.status).toBe(303);
    expect(t.db.select().from(meetingItemOpinion).all()).toEqual([{ meetingItemId: opinions!.id, opinionItemId: dcItem }]);
    expect((await saveItem(mid, report!.id, { title: report!.title, cycleId: String(dcCycle) })).status).toBe(303);
    expect((await saveItem(mid, selection!.id, { title: selection!.title, pollId: '999' })).status).toBe(422);
    const blank = await saveItem(mid, report!.id, { title: ' ', minutes: '已写的讨论情况', cycleId: String(dcCycle) });
    expect(blank.status).toBe(422);
    const blankPage = await blank.text();
    expect(blankPage).toContain('请填写事项名称');
    expect(blankPage).toContain('已写的讨论情况'); // nothing typed is lost
    const page = await text(`/j/DC/sessions/${mid}/agenda`, 'dc.clerk');
    expect(page).toContain('2026-DC-001 滨江路路灯不亮');
    expect(page).toContain(`/j/DC/deliberation/items/${dcItem}`);
    expect(page).toContain('/j/DC/cycles/2026/midterm');
    expect((await get(t.app, '/j/DC/cycles/2026/midterm', cookies['dc.clerk'])).status).toBe(200); // the report heard is one click away
    // Move the report up: it comes first.
    expect((await post(t.app, `/j/DC/sessions/${mid}/agenda/${report!.id}/up`, {}, cookies['dc.clerk'])).status).toBe(303);
    expect(items(mid).map((i) => i.id)).toEqual([report!.id, opinions!.id, selection!.id]);
    expect((await post(t.app, `/j/DC/sessions/${mid}/agenda/${selection!.id}/delete`, {}, cookies['dc.clerk'])).status).toBe(303);
    expect(items(mid)).toHaveLength(2);
  });

  it('takes attendance from the session roll and refuses sign-off until the meeting has closed and every item is decided', async () => {
    expect((await state(start, 'open')).status).toBe(303);
    await checkIn(start, [fx.drep1.id, fx.drep2.id, fx.drep3.id, extraReps[0]!, extraReps[3]!]); // 5 of 7
    expect((await state(start, 'closed')).status).toBe(303);
    expect((await state(mid, 'open')).status).toBe(303);
    await checkIn(mid, [fx.drep1.id, fx.drep2.id, extraReps[1]!]); // 3 of 6

    const early = await post(t.app, `/j/DC/sessions/${mid}/minutes/sign-off`, {}, cookies['dc.clerk']);
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('会议闭会后才能签发纪要');
    expect((await state(mid, 'closed')).status).toBe(303);
    const undecided = await post(t.app, `/j/DC/sessions/${mid}/minutes/sign-off`, {}, cookies['dc.clerk']);
    expect(undecided.status).toBe(422);
    expect(await undecided.text()).toContain('第 1 项“听取2026年度民生实事项目期中报告”还没有填写会议决定');
    expect(t.db.select().from(meetingMinutes).all()).toHaveLength(0);
  });

  it('shows the decisions on the public page only once the clerk signs the minutes off', async () => {
    const [report, opinions] = items(mid);
    await saveItem(mid, report!.id, { title: report!.title, cycleId: String(dcCycle), decision: '会议听取并同意街道办事处的期中报告。' });
    await saveItem(mid, opinions!.id, {
      title: opinions!.title, opinionItemIds: [String(dcItem)], minutes: opinions!.minutes, decision: '请城市管理办于 8 月底前修复滨江路路灯。',
    });
    expect((await post(t.app, `/j/DC/sessions/${mid}/minutes/header`, { chair: '赵丽', recorder: '孙记录' }, cookies['dc.clerk'])).status).toBe(303);

    const before = await text('/p/DC/deliberation', 'nobody');
    expect(before).toContain('东城街道2026年年中议事代表会议');
    expect(before).toContain('2026-07-10');
    expect(before).toContain('会议纪要尚未签发');
    expect(before).not.toContain('请城市管理办于 8 月底前修复滨江路路灯');

    const res = await post(t.app, `/j/DC/sessions/${mid}/minutes/sign-off`, {}, cookies['dc.clerk']);
    expect(res.status).toBe(303);
    expect(t.db.select().from(meetingMinutes).where(eq(meetingMinutes.sessionId, mid)).get()).toMatchObject({ signedOffBy: fx.users.dcClerk.id, chair: '赵丽' });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'meeting.minutes.signOff')).get()!;
    expect(JSON.parse(audit.after!)).toMatchObject({ seated: 6, present: 3 });

    const after = await text('/p/DC/deliberation', 'nobody');
    expect(after).toContain('请城市管理办于 8 月底前修复滨江路路灯。');
    expect(after).toContain('会议听取并同意街道办事处的期中报告。');
    expect(after).toContain('应到议事代表 6 名，实到 3 名');
    // Decisions only: not the discussion, the chair or the recorder, nor anyone's phone.
    expect(after).not.toContain('刘一介绍了');
    expect(after).not.toContain('孙记录');
    expect(after).not.toContain('139000000');
    // The start-of-year meeting was held but its minutes are not signed off.
    expect(after.split('东城街道2026年年初议事代表会议')[1]).toContain('会议纪要尚未签发');
  });

  it('refuses every change to signed-off minutes with 409 and says why', async () => {
    const [report, opinions] = items(mid);
    const snapshot = JSON.stringify([items(mid), t.db.select().from(meetingItemOpinion).all(), t.db.select().from(meetingMinutes).all()]);
    const attempts = [
      () => saveItem(mid, report!.id, { title: '改过的标题', decision: '改过的决定' }),
      () => saveItem(mid, report!.id, { title: '' }), // even a malformed one
      () => post(t.app, `/j/DC/sessions/${mid}/agenda`, { kind: 'opinionItems', title: '' }, cookies['dc.clerk']),
      () => post(t.app, `/j/DC/sessions/${mid}/agenda/${opinions!.id}/delete`, {}, cookies['dc.clerk']),
      () => post(t.app, `/j/DC/sessions/${mid}/agenda/${opinions!.id}/up`, {}, cookies['dc.clerk']),
      () => post(t.app, `/j/DC/sessions/${mid}/minutes/header`, { chair: '别人', recorder: '' }, cookies['dc.clerk']),
      () => post(t.app, `/j/DC/sessions/${mid}/minutes/sign-off`, {}, cookies['dc.clerk']),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('纪要已签发');
    }
    expect(JSON.stringify([items(mid), t.db.select().from(meetingItemOpinion).all(), t.db.select().from(meetingMinutes).all()])).toBe(snapshot);
    const edit = await get(t.app, `/j/DC/sessions/${mid}/agenda/${report!.id}`, cookies['dc.clerk']);
    expect(edit.status).toBe(303);
    const page = await text(`/j/DC/sessions/${mid}/agenda`, 'dc.clerk');
    expect(page).toContain('不能再修改');
    expect(page).not.toContain('编辑纪要');
    expect(page).not.toContain('签发纪要</button>');
  });

  it('prints one minutes page per meeting with the roll’s numbers', async () => {
    const minutes = await text(`/j/DC/sessions/${mid}/minutes`, 'dc.drep1');
    expect(minutes).toContain('东城街道2026年年中议事代表会议纪要');
    expect(minutes).toContain('<th>在册议事代表</th><td>6 名</td>');
    expect(minutes).toContain('3 名，出席率 50.0%');
    expect(minutes).toContain('主持人</th><td>赵丽');
    expect(minutes).toContain('一、听取2026年度民生实事项目期中报告');
    expect(minutes).toContain('二、议决民意事项');
    expect(minutes).toContain('签发：东城街道 赵丽');
    expect(minutes).not.toContain('草稿');
    const draft = await text(`/j/DC/sessions/${start}/minutes`, 'dc.clerk');
    expect(draft).toContain('草稿 · 尚未签发');
    expect(draft).toContain('<th>在册议事代表</th><td>7 名</td>');
    expect(draft).toContain('5 名，出席率 71.4%');
    // The session page points to the agenda and minutes.
    expect(await text(`/j/DC/sessions/${mid}`, 'dc.clerk')).toContain(`/j/DC/sessions/${mid}/agenda`);
  });

  it('counts attendance in the statistics, the CSV and the annual report as by hand: 8 of 13 = 61.5%', async () => {
    const stats = await text('/j/DC/deliberation/stats?year=2026', 'dc.clerk');
    expect(stats).toContain('会议出席率');
    expect(stats).toContain('61.5%');
    expect(stats).toContain('71.4%');
    expect(stats).toContain('50.0%');
    expect(stats).toContain('尚未召开'); // the planned extraordinary meeting
    const csv = await text('/j/DC/deliberation/stats.csv?year=2026', 'dc.clerk');
    expect(csv).toContain('东城街道2026年年初议事代表会议,年初会议,2026-01-20,7,5,71.4%');
    expect(csv).toContain('东城街道2026年年中议事代表会议,年中会议,2026-07-10,6,3,50.0%');
    expect(csv).toContain('合计（已召开 2 次）,,,13,8,61.5%');
    // Each representative: meetings attended of those expected. 王七 retired but sat on the first roster.
    expect(csv).toMatch(/刘一,解放社区,在册,1,0,0,2,2/);
    expect(csv).toMatch(/张三,滨江社区,在册,0,0,0,1,2/);
    expect(csv).toMatch(/王七,滨江社区,离任,0,0,0,1,1/);
    const report = await text('/j/DC/deliberation/report?year=2026', 'dc.clerk');
    expect(report).toContain('全年召开议事代表会议 2 次，出席率 61.5%');
    expect(report).toContain('三、议事代表会议召开和出席情况');
    const list = await text('/j/DC/deliberation/meetings?year=2026', 'dc.clerk');
    expect(list).toContain('3 / 6（50.0%）');
    expect(list).toContain('已召开会议 2 次，应出席 13 人次，实际出席 8 人次，出席率 61.5%');
  });

  it('has no agenda for a township session and no meeting list for a township', async () => {
    const qsCycle = t.db.insert(cycle).values({ jurisdictionId: fx.qs.id, year: 2026, createdBy: fx.users.qsClerk.id }).returning().get();
    const s = t.db.insert(session).values({
      jurisdictionId: fx.qs.id, cycleId: qsCycle.id, body: 'congress', kind: 'startOfYear', title: '青石镇人代会', date: '2026-01-10', checkInCode: '123456', createdBy: fx.users.qsClerk.id,
    }).returning().get();
    expect((await get(t.app, `/j/QS/sessions/${s.id}/agenda`, cookies['qs.clerk'])).status).toBe(404);
    expect((await get(t.app, '/j/QS/deliberation/meetings', cookies['qs.clerk'])).status).toBe(404);
    // Another subdistrict's session id under DC's code is not found either.
    expect((await get(t.app, `/j/DC/sessions/${s.id}/agenda`, cookies['dc.clerk'])).status).toBe(404);
    expect(t.db.select().from(session).where(and(eq(session.body, 'deliberation'))).all()).toHaveLength(3);
  });
});
