import { eq } from 'drizzle-orm';
import { cycle, jurisdiction, meetingItem, opinionAttachment, opinionItem, representative, roleAssignment, suggestion, user } from '../../db/schema';
import { retireRep } from '../../src/data/representatives';
import { removeFiles, uploadsDir } from '../../src/data/uploads';
import { get, login, ORIGIN, post, testApp } from './app';
import { seedDeliberation } from './deliberationFixture';

/**
 * Street deliberation, one case at a time: each case is a fresh app and database (seedDeliberation) with its own
 * clock; logins happen on first use. The builders below walk an item or a meeting through the real app to the
 * state a test starts from, and fail loudly when a step does not go through.
 */

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);

export type Form = Record<string, string | string[]>;
export interface Upload { name: string; bytes: Uint8Array<ArrayBuffer>; type: string }

export async function deliberationCase(start = '2026-01-31T02:00:00Z') {
  let clock = new Date(start);
  const t = testApp(undefined, { now: () => clock });
  const fx = await seedDeliberation(t.db);
  const cookies = new Map<string, string>();
  const cookie = async (who: string) => {
    let c = cookies.get(who);
    if (!c) cookies.set(who, c = await login(t.app, who));
    return c;
  };
  /** A same-origin POST; repeated fields (a list of checkboxes) as arrays. */
  const send = async (path: string, form: Form, who: string) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    return t.app.request(path, {
      method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, Cookie: await cookie(who) },
    });
  };
  return {
    ...t, fx, cookie,
    /** Moves the clock; login sessions expire after a working day, so everyone logs in again. */
    advanceTo(iso: string) {
      clock = new Date(iso);
      cookies.clear();
    },
    now: () => clock,
    get: async (path: string, who?: string) => get(t.app, path, who ? await cookie(who) : undefined),
    post: async (path: string, body: Record<string, string>, who: string) => post(t.app, path, body, await cookie(who)),
    send,
    async multipart(path: string, fields: Record<string, string>, files: Upload[], who: string) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const f of files) form.append('attachments', new Blob([f.bytes], { type: f.type }), f.name);
      return t.app.request(path, { method: 'POST', body: form, headers: { Origin: ORIGIN, Cookie: await cookie(who) } });
    },
    item: (id: number) => t.db.select().from(opinionItem).where(eq(opinionItem.id, id)).get()!,
    sugg: (itemId: number) => t.db.select().from(suggestion).where(eq(suggestion.opinionItemId, itemId)).get(),
    /** The case's uploaded files go with it. */
    removeFiles: () => removeFiles(uploadsDir(t.db), t.db.select().from(opinionAttachment).all()),
  };
}
export type DeliberationCase = Awaited<ReturnType<typeof deliberationCase>>;

/** The step went through (a 303), or the test stops here with what the app said instead. */
export async function done(res: Response | Promise<Response>): Promise<Response> {
  const r = await res;
  if (r.status !== 303) throw new Error(`expected 303, got ${r.status}: ${(await r.text()).slice(0, 300)}`);
  return r;
}

export const idFrom = (res: Response) => Number(res.headers.get('location')!.split(/[/#]/).filter(Boolean).pop());

// ---------------------------------------------------------------- opinion items and suggestions

export const itemForm = (extra: Record<string, string> = {}) => ({
  title: '滨江路路灯不亮', text: '滨江路 3 栋到 8 栋之间的路灯坏了两个月，老人晚上出门不方便。', place: '滨江社区 3 栋旁', affected: '200', category: 'facilities', ...extra,
});

export const FIRST_SUGGESTION = { title: '修复滨江路路灯', text: '建议尽快修复。', unitName: '东城街道城市管理办', assignedOn: '2026-01-31' };

/** 刘一 (dc.drep1) records the street-light item with a photo on 31 January: 2026-DC-001. */
export async function recordedItem(c: DeliberationCase): Promise<number> {
  return idFrom(await done(c.multipart('/j/DC/deliberation/items', itemForm(), [{ name: '路灯.png', bytes: PNG, type: 'image/png' }], 'dc.drep1')));
}

/** …and the clerk hands it to 刘一's district representative, 区代表王五 (yc.rep1). */
export async function handedItem(c: DeliberationCase): Promise<number> {
  const id = await recordedItem(c);
  await done(c.post(`/j/DC/deliberation/items/${id}/triage`, { step: 'hand', handNote: '请关注' }, 'dc.clerk'));
  return id;
}

/** …who makes it a suggestion to the city-management office (dc.unit1) the same day: due 30 April. */
export async function suggestionMade(c: DeliberationCase): Promise<number> {
  const id = await handedItem(c);
  await done(c.post(`/j/DC/deliberation/items/${id}/convert`, { ...FIRST_SUGGESTION, unitUserId: String(c.fx.unit1) }, 'yc.rep1'));
  return id;
}

/** …extended on 20 April, with approval, to 31 July. */
export async function extendedSuggestion(c: DeliberationCase): Promise<number> {
  const id = await suggestionMade(c);
  c.advanceTo('2026-04-20T02:00:00Z');
  await done(c.post(`/j/DC/deliberation/items/${id}/extend`, {
    approvedBy: '区人大常委会代表工作委员会', approvedOn: '2026-04-20', reason: '涉及管线改造，需协调供电部门', extendedTo: '2026-07-31',
  }, 'dc.clerk'));
  return id;
}

/** …answered by the unit on 1 August, a day late. */
export async function answeredLate(c: DeliberationCase): Promise<number> {
  const id = await extendedSuggestion(c);
  c.advanceTo('2026-08-01T02:00:00Z');
  await done(c.post(`/j/DC/deliberation/items/${id}/answer`, { answer: '已更换 2 盏路灯并检修线路。', answeredOn: '2026-08-01' }, 'dc.unit1'));
  return id;
}

/** …and rated "basically satisfied" by the representative. */
export async function ratedSuggestion(c: DeliberationCase): Promise<number> {
  const id = await answeredLate(c);
  await done(c.post(`/j/DC/deliberation/items/${id}/rate`, { satisfaction: 'basicallySatisfied', note: '修得慢了' }, 'yc.rep1'));
  return id;
}

/**
 * On 1 September: the clerk records 陈二's "楼道堆放杂物" at a meeting and refers it to a department; 陈二's
 * "小区门口缺少斑马线" goes to 区代表赵六 (yc.rep2), becomes a suggestion without a unit login, and the clerk
 * enters the answer received on paper the same day.
 */
export async function clerkHandledItems(c: DeliberationCase) {
  c.advanceTo('2026-09-01T02:00:00Z');
  const referred = idFrom(await done(c.post('/j/DC/deliberation/items', { ...itemForm({ title: '楼道堆放杂物' }), raisedById: String(c.fx.drep2.id), channel: 'meeting' }, 'dc.clerk')));
  await done(c.post(`/j/DC/deliberation/items/${referred}/triage`, { step: 'refer', department: '社区服务中心', referNote: '一周内清理' }, 'dc.clerk'));
  const crossing = idFrom(await done(c.post('/j/DC/deliberation/items', itemForm({ title: '小区门口缺少斑马线' }), 'dc.drep2')));
  await done(c.post(`/j/DC/deliberation/items/${crossing}/triage`, { step: 'hand' }, 'dc.clerk'));
  await done(c.post(`/j/DC/deliberation/items/${crossing}/convert`, { title: '增设斑马线', text: '建议增设。', unitName: '区交通局', assignedOn: '2026-09-01' }, 'yc.rep2'));
  await done(c.post(`/j/DC/deliberation/items/${crossing}/answer`, { answer: '已列入计划（书面答复）', answeredOn: '2026-09-01' }, 'dc.clerk'));
  return { referred, crossing };
}

/** Moves a deliberation representative to another district representative from `fromDate`, through the links page. */
export function relink(c: DeliberationCase, deliberationRepId: number, districtRepId: number, fromDate: string) {
  return done(c.post('/j/DC/deliberation/links', { deliberationRepId: String(deliberationRepId), districtRepId: String(districtRepId), fromDate }, 'dc.clerk'));
}

/** On 1 September 刘一's "菜市场噪音" is handed to 区代表王五; 刘一 then moves to 区代表赵六 and the item follows. */
export async function rehandedItem(c: DeliberationCase): Promise<number> {
  c.advanceTo('2026-09-01T02:00:00Z');
  const id = idFrom(await done(c.post('/j/DC/deliberation/items', itemForm({ title: '菜市场噪音' }), 'dc.drep1')));
  await done(c.post(`/j/DC/deliberation/items/${id}/triage`, { step: 'hand' }, 'dc.clerk'));
  await relink(c, c.fx.drep1.id, c.fx.rep2.id, '2026-09-01');
  await done(c.post(`/j/DC/deliberation/items/${id}/triage`, { step: 'rehand' }, 'dc.clerk'));
  return id;
}

/** The year 2026 of 东城街道's items: four items, two suggestions (one answered late and rated, one on time). */
export async function yearOfItems(c: DeliberationCase) {
  const first = await ratedSuggestion(c);
  return { first, ...await clerkHandledItems(c), rehanded: await rehandedItem(c) };
}

// ---------------------------------------------------------------- meetings

/**
 * 东城街道 on 10 July 2026, 09:00 in China: seven seated deliberation representatives (seedDeliberation's three and
 * four more), the 2026 cycle, an opinion item of 刘一's, and a second subdistrict 南湖街道 (NH) with its own clerk
 * and item, to show that nothing crosses between subdistricts.
 */
export async function meetingCase() {
  const c = await deliberationCase('2026-07-10T01:00:00Z');
  const { db, fx } = c;
  const ph = db.select().from(user).where(eq(user.username, 'dc.clerk')).get()!.passwordHash;
  const extraReps = [['周四', '解放社区'], ['吴五', '解放社区'], ['郑六', '滨江社区'], ['王七', '滨江社区']].map(([name, community]) =>
    db.insert(representative).values({ jurisdictionId: fx.dc.id, body: 'deliberation', name: name!, community: community!, phone: '13900000099' }).returning().get().id);
  const nh = db.insert(jurisdiction).values({ kind: 'subdistrict', code: 'NH', name: '南湖街道', parentId: fx.district.id }).returning().get();
  const nhClerk = db.insert(user).values({ username: 'nh.clerk', displayName: '南湖街道 黄丽', passwordHash: ph }).returning().get();
  db.insert(roleAssignment).values({ userId: nhClerk.id, role: 'clerk', jurisdictionId: nh.id }).run();
  const nhRep = db.insert(representative).values({ jurisdictionId: nh.id, body: 'deliberation', name: '南湖代表', community: '南湖社区' }).returning().get();
  const dcCycle = db.insert(cycle).values({ jurisdictionId: fx.dc.id, year: 2026, phase: 'delivery', createdBy: fx.users.dcClerk.id }).returning().get().id;
  const opinion = (jurisdictionId: number, raisedById: number, title: string, recordedBy: number) => db.insert(opinionItem).values({
    jurisdictionId, year: 2026, seq: 1, raisedById, recordedBy, channel: 'meeting', title, text: '居民反映的情况', category: 'facilities', recordedAt: c.now(),
  }).returning().get().id;
  const dcItem = opinion(fx.dc.id, fx.drep1.id, '滨江路路灯不亮', fx.users.dcClerk.id);
  const nhItem = opinion(nh.id, nhRep.id, '南湖公园厕所维修', nhClerk.id);
  return {
    ...c, extraReps, dcCycle, dcItem, nhItem,
    items: (sessionId: number) => db.select().from(meetingItem).where(eq(meetingItem.sessionId, sessionId)).orderBy(meetingItem.position).all(),
    async createMeeting(kind: string, title: string, date: string, startTime: string, endTime: string) {
      const res = await done(c.post('/j/DC/sessions', { cycleId: String(dcCycle), kind, title, date, startTime, endTime, place: '街道会议室' }, 'dc.clerk'));
      return { id: idFrom(res), flash: decodeURIComponent(res.headers.get('set-cookie') ?? '') };
    },
    async checkIn(sessionId: number, repIds: number[]) {
      for (const id of repIds) await done(c.post(`/j/DC/sessions/${sessionId}/roll/${id}`, { q: '', undo: '' }, 'dc.clerk'));
    },
    state: (sessionId: number, to: 'open' | 'closed') => c.post(`/j/DC/sessions/${sessionId}/state`, { to }, 'dc.clerk'),
    saveItem: (sessionId: number, itemId: number, form: Form, who = 'dc.clerk') => c.send(`/j/DC/sessions/${sessionId}/agenda/${itemId}`, form, who),
  };
}
export type MeetingCase = Awaited<ReturnType<typeof meetingCase>>;

/** 王七 leaves on 30 June, between the year's two ordinary meetings. */
export function retireWangQi(c: MeetingCase) {
  const rep = c.db.select().from(representative).where(eq(representative.id, c.extraReps[3]!)).get()!;
  return retireRep(c.db, { id: c.fx.users.dcClerk.id, name: 'dc.clerk' }, rep, { onDate: '2026-06-30', reason: 'other', note: '迁出本街道' }, c.now());
}

/** The year's meetings: start of year (20 January, roster of 7), mid-year (today, roster of 6, short) and a planned extraordinary one. */
export async function theMeetings(c: MeetingCase) {
  const start = (await c.createMeeting('startOfYear', '东城街道2026年年初议事代表会议', '2026-01-20', '09:00', '12:00')).id;
  retireWangQi(c);
  const mid = (await c.createMeeting('midYear', '东城街道2026年年中议事代表会议', '2026-07-10', '14:00', '16:30')).id;
  await c.createMeeting('extraordinary', '东城街道2026年临时议事代表会议', '2026-09-01', '09:00', '12:00');
  return { start, mid };
}

export async function addAgendaItem(c: MeetingCase, sessionId: number, kind: string, title = '') {
  return idFrom(await done(c.post(`/j/DC/sessions/${sessionId}/agenda`, { kind, title }, 'dc.clerk')));
}

/**
 * The mid-year meeting's agenda as the clerk leaves it: the mid-term report heard first, then 刘一's item with
 * the discussion written down; no decisions yet.
 */
export async function midYearAgenda(c: MeetingCase) {
  const m = await theMeetings(c);
  const opinions = await addAgendaItem(c, m.mid, 'opinionItems');
  const report = await addAgendaItem(c, m.mid, 'reportHearing', '听取2026年度民生实事项目期中报告');
  const selection = await addAgendaItem(c, m.mid, 'projectSelection');
  await done(c.saveItem(m.mid, opinions, {
    title: '议决民意事项', opinionItemIds: [String(c.dcItem)], minutes: '刘一介绍了滨江路路灯损坏的情况，城市管理办当场说明了维修安排。', decision: '',
  }));
  await done(c.saveItem(m.mid, report, { title: '听取2026年度民生实事项目期中报告', cycleId: String(c.dcCycle) }));
  await done(c.post(`/j/DC/sessions/${m.mid}/agenda/${report}/up`, {}, 'dc.clerk'));
  await done(c.post(`/j/DC/sessions/${m.mid}/agenda/${selection}/delete`, {}, 'dc.clerk'));
  return { ...m, report, opinions };
}

/** Both ordinary meetings held and closed: 5 of 7 at the start of the year, 3 of 6 at mid-year. */
export async function heldMeetings(c: MeetingCase) {
  const m = await midYearAgenda(c);
  const { fx, extraReps } = c;
  await done(c.state(m.start, 'open'));
  await c.checkIn(m.start, [fx.drep1.id, fx.drep2.id, fx.drep3.id, extraReps[0]!, extraReps[3]!]);
  await done(c.state(m.start, 'closed'));
  await done(c.state(m.mid, 'open'));
  await c.checkIn(m.mid, [fx.drep1.id, fx.drep2.id, extraReps[1]!]);
  await done(c.state(m.mid, 'closed'));
  return m;
}

/** Every mid-year item decided, the chair and the recorder named: ready to sign off. */
export async function decidedMeeting(c: MeetingCase) {
  const m = await heldMeetings(c);
  await done(c.saveItem(m.mid, m.report, { title: '听取2026年度民生实事项目期中报告', cycleId: String(c.dcCycle), decision: '会议听取并同意街道办事处的期中报告。' }));
  await done(c.saveItem(m.mid, m.opinions, {
    title: '议决民意事项', opinionItemIds: [String(c.dcItem)], minutes: '刘一介绍了滨江路路灯损坏的情况，城市管理办当场说明了维修安排。',
    decision: '请城市管理办于 8 月底前修复滨江路路灯。',
  }));
  await done(c.post(`/j/DC/sessions/${m.mid}/minutes/header`, { chair: '赵丽', recorder: '孙记录' }, 'dc.clerk'));
  return m;
}

/** The mid-year minutes signed off by the clerk. */
export async function signedOffMeeting(c: MeetingCase) {
  const m = await decidedMeeting(c);
  await done(c.post(`/j/DC/sessions/${m.mid}/minutes/sign-off`, {}, 'dc.clerk'));
  return m;
}
