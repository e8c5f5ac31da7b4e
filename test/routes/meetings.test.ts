import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cycle, meetingItemOpinion, meetingMinutes, session } from '../../db/schema';
import {
  addAgendaItem, heldMeetings, meetingCase, midYearAgenda, retireWangQi, signedOffMeeting, theMeetings, type MeetingCase,
} from '../helpers/deliberationCases';

/**
 * 东城街道's year of deliberation meetings, through the app: the start-of-year meeting (7 seated, 5 present), the
 * mid-year one (6 seated after a representative retired, 3 present) and a planned extraordinary one.
 * Hand count: 8 present of 13 seated at the two held meetings = 61.5%; 5/7 = 71.4%; 3/6 = 50.0%.
 * Each case starts from its own database on 10 July 2026 and builds the year as far as it needs.
 */
describe('deliberation meetings: agenda, minutes, sign-off, attendance, public decisions', () => {
  const text = async (c: MeetingCase, path: string, who?: string) => {
    const res = await c.get(path, who);
    expect(res.status, `${who} GET ${path}`).toBe(200);
    return res.text();
  };

  it('warns while the year lacks its two ordinary meetings, on the meeting list, the overview and the create form', async () => {
    const c = await meetingCase();
    for (const path of ['/j/DC/deliberation/meetings', '/j/DC/deliberation', '/j/DC/sessions']) {
      const page = await text(c, path, 'dc.clerk');
      expect(page).toContain('2026年还没有年初例会');
      expect(page).toContain('2026年还没有年中例会');
    }
    expect(await text(c, '/j/DC/sessions', 'dc.clerk')).toContain('每次会期不少于半天（3 小时）');
    // A township's congress is not held to the subdistrict practice.
    const qs = await text(c, '/j/QS/sessions', 'qs.clerk');
    expect(qs).not.toContain('例会');
  });

  it('creates the meetings as sessions; a meeting planned shorter than half a day is flagged, not refused', async () => {
    const c = await meetingCase();
    const a = await c.createMeeting('startOfYear', '东城街道2026年年初议事代表会议', '2026-01-20', '09:00', '12:00');
    expect(a.flash).not.toContain('会期不足半天');
    // 王七 leaves before the mid-year meeting: its roster has six.
    expect(retireWangQi(c).ok).toBe(true);
    const b = await c.createMeeting('midYear', '东城街道2026年年中议事代表会议', '2026-07-10', '14:00', '16:30');
    expect(b.flash).toContain('会期不足半天');
    await c.createMeeting('extraordinary', '东城街道2026年临时议事代表会议', '2026-09-01', '09:00', '12:00');
    expect(c.db.select().from(session).where(eq(session.id, b.id)).get()).toMatchObject({ body: 'deliberation', kind: 'midYear' });
    const list = await text(c, '/j/DC/deliberation/meetings?year=2026', 'dc.clerk');
    expect(list).not.toContain('还没有年初例会');
    expect(list).not.toContain('还没有年中例会');
    expect(list).toContain('2026-07-10 的会议会期不足半天');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-7-10'])('refuses a meeting dated %s: not a day on the calendar', async (date) => {
    const c = await meetingCase();
    const res = await c.post('/j/DC/sessions', { cycleId: String(c.dcCycle), kind: 'midYear', title: '东城街道2026年年中议事代表会议', date, startTime: '09:00', endTime: '12:00' }, 'dc.clerk');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请填写会议日期');
    expect(c.db.select().from(session).all()).toHaveLength(0);
  });

  it('only the clerk of this subdistrict edits the agenda and minutes; others may read or get 403', async () => {
    const c = await meetingCase();
    const { mid } = await theMeetings(c);
    for (const who of ['dc.drep1', 'yc.rep1', 'dc.unit1', 'admin', 'nh.clerk', 'qs.clerk']) {
      expect((await c.post(`/j/DC/sessions/${mid}/agenda`, { kind: 'opinionItems', title: '' }, who)).status, who).toBe(403);
    }
    expect((await c.get(`/j/DC/sessions/${mid}/agenda`, 'nh.clerk')).status).toBe(403);
    expect((await c.get(`/j/DC/sessions/${mid}/minutes`, 'nh.clerk')).status).toBe(403);
    expect((await c.get('/j/DC/deliberation/meetings', 'nh.clerk')).status).toBe(403);
    expect(c.items(mid)).toHaveLength(0);

    for (const [kind, title] of [['opinionItems', ''], ['reportHearing', '听取2026年度民生实事项目期中报告'], ['projectSelection', '']]) {
      const res = await c.post(`/j/DC/sessions/${mid}/agenda`, { kind: kind!, title: title! }, 'dc.clerk');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(new RegExp(`/j/DC/sessions/${mid}/agenda/\\d+$`));
    }
    const [opinions, report, selection] = c.items(mid);
    expect(opinions).toMatchObject({ kind: 'opinionItems', title: '议决议事代表提出的民意事项', position: 1 });
    expect(selection).toMatchObject({ title: '票选2026年度民生实事项目', position: 3 });
    expect((await c.post(`/j/DC/sessions/${mid}/agenda`, { kind: 'speech', title: '' }, 'dc.clerk')).status).toBe(422);

    // A deliberation representative reads the agenda, without the forms.
    const asRep = await text(c, `/j/DC/sessions/${mid}/agenda`, 'dc.drep1');
    expect(asRep).toContain('议决议事代表提出的民意事项');
    expect(asRep).not.toContain('添加议程事项');
    expect((await c.saveItem(mid, opinions!.id, { title: 'x', decision: 'y' }, 'dc.drep1')).status).toBe(403);
    expect((await c.saveItem(mid, opinions!.id, { title: 'x', decision: 'y' }, 'nh.clerk')).status).toBe(403);
    expect((await c.post(`/j/DC/sessions/${mid}/minutes/sign-off`, {}, 'dc.drep1')).status).toBe(403);
    expect((await c.post(`/j/DC/sessions/${mid}/minutes/sign-off`, {}, 'nh.clerk')).status).toBe(403);

    // Links stay inside the subdistrict and the meeting.
    const bad = await c.saveItem(mid, opinions!.id, { title: '议决民意事项', opinionItemIds: [String(c.dcItem), String(c.nhItem)] });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('只能选择本街道的民意事项');
    expect(c.db.select().from(meetingItemOpinion).all()).toHaveLength(0);
    const ok = await c.saveItem(mid, opinions!.id, {
      title: '议决民意事项', opinionItemIds: [String(c.dcItem)], minutes: '刘一介绍了滨江路路灯损坏的情况，城市管理办当场说明了维修安排。', decision: '',
    });
    expect(ok.status).toBe(303);
    expect(c.db.select().from(meetingItemOpinion).all()).toEqual([{ meetingItemId: opinions!.id, opinionItemId: c.dcItem }]);
    expect((await c.saveItem(mid, report!.id, { title: report!.title, cycleId: String(c.dcCycle) })).status).toBe(303);
    expect((await c.saveItem(mid, selection!.id, { title: selection!.title, pollId: '999' })).status).toBe(422);
    const blank = await c.saveItem(mid, report!.id, { title: ' ', minutes: '已写的讨论情况', cycleId: String(c.dcCycle) });
    expect(blank.status).toBe(422);
    const blankPage = await blank.text();
    expect(blankPage).toContain('请填写事项名称');
    expect(blankPage).toContain('已写的讨论情况'); // nothing typed is lost
    const page = await text(c, `/j/DC/sessions/${mid}/agenda`, 'dc.clerk');
    expect(page).toContain('2026-DC-001 滨江路路灯不亮');
    expect(page).toContain(`/j/DC/deliberation/items/${c.dcItem}`);
    expect(page).toContain('/j/DC/cycles/2026/midterm');
    expect((await c.get('/j/DC/cycles/2026/midterm', 'dc.clerk')).status).toBe(200); // the report heard is one click away
    // Move the report up: it comes first.
    expect((await c.post(`/j/DC/sessions/${mid}/agenda/${report!.id}/up`, {}, 'dc.clerk')).status).toBe(303);
    expect(c.items(mid).map((i) => i.id)).toEqual([report!.id, opinions!.id, selection!.id]);
    expect((await c.post(`/j/DC/sessions/${mid}/agenda/${selection!.id}/delete`, {}, 'dc.clerk')).status).toBe(303);
    expect(c.items(mid)).toHaveLength(2);
  });

  it('takes attendance from the session roll and refuses sign-off until the meeting has closed and every item is decided', async () => {
    const c = await meetingCase();
    const { start, mid } = await midYearAgenda(c);
    const { fx, extraReps } = c;
    expect((await c.state(start, 'open')).status).toBe(303);
    await c.checkIn(start, [fx.drep1.id, fx.drep2.id, fx.drep3.id, extraReps[0]!, extraReps[3]!]); // 5 of 7
    expect((await c.state(start, 'closed')).status).toBe(303);
    expect((await c.state(mid, 'open')).status).toBe(303);
    await c.checkIn(mid, [fx.drep1.id, fx.drep2.id, extraReps[1]!]); // 3 of 6

    const early = await c.post(`/j/DC/sessions/${mid}/minutes/sign-off`, {}, 'dc.clerk');
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('会议闭会后才能签发纪要');
    expect((await c.state(mid, 'closed')).status).toBe(303);
    const undecided = await c.post(`/j/DC/sessions/${mid}/minutes/sign-off`, {}, 'dc.clerk');
    expect(undecided.status).toBe(422);
    expect(await undecided.text()).toContain('第 1 项“听取2026年度民生实事项目期中报告”还没有填写会议决定');
    expect(c.db.select().from(meetingMinutes).all()).toHaveLength(0);
  });

  it('shows the decisions on the public page only once the clerk signs the minutes off', async () => {
    const c = await meetingCase();
    const { mid } = await heldMeetings(c);
    const [report, opinions] = c.items(mid);
    await c.saveItem(mid, report!.id, { title: report!.title, cycleId: String(c.dcCycle), decision: '会议听取并同意街道办事处的期中报告。' });
    await c.saveItem(mid, opinions!.id, {
      title: opinions!.title, opinionItemIds: [String(c.dcItem)], minutes: opinions!.minutes, decision: '请城市管理办于 8 月底前修复滨江路路灯。',
    });
    expect((await c.post(`/j/DC/sessions/${mid}/minutes/header`, { chair: '赵丽', recorder: '孙记录' }, 'dc.clerk')).status).toBe(303);

    const before = await text(c, '/p/DC/deliberation');
    expect(before).toContain('东城街道2026年年中议事代表会议');
    expect(before).toContain('2026-07-10');
    expect(before).toContain('会议纪要尚未签发');
    expect(before).not.toContain('请城市管理办于 8 月底前修复滨江路路灯');

    const res = await c.post(`/j/DC/sessions/${mid}/minutes/sign-off`, {}, 'dc.clerk');
    expect(res.status).toBe(303);
    expect(c.db.select().from(meetingMinutes).where(eq(meetingMinutes.sessionId, mid)).get()).toMatchObject({ signedOffBy: c.fx.users.dcClerk.id, chair: '赵丽' });
    const audit = c.db.select().from(auditLog).where(eq(auditLog.action, 'meeting.minutes.signOff')).get()!;
    expect(JSON.parse(audit.after!)).toMatchObject({ seated: 6, present: 3 });

    const after = await text(c, '/p/DC/deliberation');
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
    const c = await meetingCase();
    const { mid } = await signedOffMeeting(c);
    const [report, opinions] = c.items(mid);
    const snapshot = JSON.stringify([c.items(mid), c.db.select().from(meetingItemOpinion).all(), c.db.select().from(meetingMinutes).all()]);
    const attempts = [
      () => c.saveItem(mid, report!.id, { title: '改过的标题', decision: '改过的决定' }),
      () => c.saveItem(mid, report!.id, { title: '' }), // even a malformed one
      () => c.post(`/j/DC/sessions/${mid}/agenda`, { kind: 'opinionItems', title: '' }, 'dc.clerk'),
      () => c.post(`/j/DC/sessions/${mid}/agenda/${opinions!.id}/delete`, {}, 'dc.clerk'),
      () => c.post(`/j/DC/sessions/${mid}/agenda/${opinions!.id}/up`, {}, 'dc.clerk'),
      () => c.post(`/j/DC/sessions/${mid}/minutes/header`, { chair: '别人', recorder: '' }, 'dc.clerk'),
      () => c.post(`/j/DC/sessions/${mid}/minutes/sign-off`, {}, 'dc.clerk'),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('纪要已签发');
    }
    expect(JSON.stringify([c.items(mid), c.db.select().from(meetingItemOpinion).all(), c.db.select().from(meetingMinutes).all()])).toBe(snapshot);
    const edit = await c.get(`/j/DC/sessions/${mid}/agenda/${report!.id}`, 'dc.clerk');
    expect(edit.status).toBe(303);
    const page = await text(c, `/j/DC/sessions/${mid}/agenda`, 'dc.clerk');
    expect(page).toContain('不能再修改');
    expect(page).not.toContain('编辑纪要');
    expect(page).not.toContain('签发纪要</button>');
  });

  it('prints one minutes page per meeting with the roll’s numbers', async () => {
    const c = await meetingCase();
    const { start, mid } = await signedOffMeeting(c);
    const minutes = await text(c, `/j/DC/sessions/${mid}/minutes`, 'dc.drep1');
    expect(minutes).toContain('东城街道2026年年中议事代表会议纪要');
    expect(minutes).toContain('<th>在册议事代表</th><td>6 名</td>');
    expect(minutes).toContain('3 名，出席率 50.0%');
    expect(minutes).toContain('主持人</th><td>赵丽');
    expect(minutes).toContain('一、听取2026年度民生实事项目期中报告');
    expect(minutes).toContain('二、议决民意事项');
    expect(minutes).toContain('签发：东城街道 赵丽');
    expect(minutes).not.toContain('草稿');
    const draft = await text(c, `/j/DC/sessions/${start}/minutes`, 'dc.clerk');
    expect(draft).toContain('草稿 · 尚未签发');
    expect(draft).toContain('<th>在册议事代表</th><td>7 名</td>');
    expect(draft).toContain('5 名，出席率 71.4%');
    // The session page points to the agenda and minutes.
    expect(await text(c, `/j/DC/sessions/${mid}`, 'dc.clerk')).toContain(`/j/DC/sessions/${mid}/agenda`);
  });

  it('counts attendance in the statistics, the CSV and the annual report as by hand: 8 of 13 = 61.5%', async () => {
    const c = await meetingCase();
    await signedOffMeeting(c);
    const stats = await text(c, '/j/DC/deliberation/stats?year=2026', 'dc.clerk');
    expect(stats).toContain('会议出席率');
    expect(stats).toContain('61.5%');
    expect(stats).toContain('71.4%');
    expect(stats).toContain('50.0%');
    expect(stats).toContain('尚未召开'); // the planned extraordinary meeting
    const csv = await text(c, '/j/DC/deliberation/stats.csv?year=2026', 'dc.clerk');
    expect(csv).toContain('东城街道2026年年初议事代表会议,年初会议,2026-01-20,7,5,71.4%');
    expect(csv).toContain('东城街道2026年年中议事代表会议,年中会议,2026-07-10,6,3,50.0%');
    expect(csv).toContain('合计（已召开 2 次）,,,13,8,61.5%');
    // Each representative: meetings attended of those expected. 王七 retired but sat on the first roster.
    expect(csv).toMatch(/刘一,解放社区,在册,1,0,0,2,2/);
    expect(csv).toMatch(/张三,滨江社区,在册,0,0,0,1,2/);
    expect(csv).toMatch(/王七,滨江社区,离任,0,0,0,1,1/);
    const report = await text(c, '/j/DC/deliberation/report?year=2026', 'dc.clerk');
    expect(report).toContain('全年召开议事代表会议 2 次，出席率 61.5%');
    expect(report).toContain('三、议事代表会议召开和出席情况');
    const list = await text(c, '/j/DC/deliberation/meetings?year=2026', 'dc.clerk');
    expect(list).toContain('3 / 6（50.0%）');
    expect(list).toContain('已召开会议 2 次，应出席 13 人次，实际出席 8 人次，出席率 61.5%');
  });

  it('has no agenda for a township session and no meeting list for a township', async () => {
    const c = await meetingCase();
    await theMeetings(c);
    const { fx } = c;
    const qsCycle = c.db.insert(cycle).values({ jurisdictionId: fx.qs.id, year: 2026, createdBy: fx.users.qsClerk.id }).returning().get();
    const s = c.db.insert(session).values({
      jurisdictionId: fx.qs.id, cycleId: qsCycle.id, body: 'congress', kind: 'startOfYear', title: '青石镇人代会', date: '2026-01-10', checkInCode: '123456', createdBy: fx.users.qsClerk.id,
    }).returning().get();
    expect((await c.get(`/j/QS/sessions/${s.id}/agenda`, 'qs.clerk')).status).toBe(404);
    expect((await c.get('/j/QS/deliberation/meetings', 'qs.clerk')).status).toBe(404);
    // Another subdistrict's session id under DC's code is not found either.
    expect((await c.get(`/j/DC/sessions/${s.id}/agenda`, 'dc.clerk')).status).toBe(404);
    expect(c.db.select().from(session).where(and(eq(session.body, 'deliberation'))).all()).toHaveLength(3);
    // The township's session itself is untouched by the meeting routes beside it.
    expect((await c.get(`/j/QS/sessions/${s.id}`, 'qs.clerk')).status).toBe(200);
  });

  it('an agenda item of another meeting is not found under this one', async () => {
    const c = await meetingCase();
    const { start, mid } = await theMeetings(c);
    const item = await addAgendaItem(c, start, 'opinionItems');
    expect((await c.get(`/j/DC/sessions/${mid}/agenda/${item}`, 'dc.clerk')).status).toBe(404);
    expect((await c.post(`/j/DC/sessions/${mid}/agenda/${item}/delete`, {}, 'dc.clerk')).status).toBe(404);
    expect(c.items(start)).toHaveLength(1);
  });
});
