import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attendance, auditLog, session, sessionRoster } from '../../db/schema';
import { get, post } from '../helpers/app';
import { votingFixture, type VotingFixture } from '../helpers/votingFixture';

const fragment = { 'HX-Request': 'true' };

describe('sessions: creation with a roster snapshot, roll and self check-in', () => {
  let f: VotingFixture;
  const cookies: Record<string, string> = {};
  let sessionId = 0;

  beforeAll(async () => {
    f = await votingFixture({ reps: 12, logins: 4 });
    for (const u of ['qs.clerk', 'lx.clerk', 'qs.rep', 'qs.r002', 'qs.unit']) cookies[u] = await f.login(u);
  });

  it('a clerk creates a session; the seated roster is snapshotted, retired representatives left out', async () => {
    const page = await (await get(f.app, '/j/QS/sessions', cookies['qs.clerk'])).text();
    expect(page).toContain('新建会议');
    expect(page).toContain('人民代表大会');
    const res = await post(f.app, '/j/QS/sessions', {
      cycleId: String(f.qsCycle.cycle.id), kind: 'startOfYear', title: '青石镇第十八届人民代表大会第三次会议',
      date: '2027-01-15', startTime: '09:00', endTime: '', place: '镇政府三楼会议室', agenda: '听取说明\n票决民生实事项目',
    }, cookies['qs.clerk']);
    expect(res.status).toBe(303);
    sessionId = Number(res.headers.get('location')!.split('/').at(-1));
    const s = f.db.select().from(session).where(eq(session.id, sessionId)).get()!;
    expect(s.body).toBe('congress');
    expect(s.checkInCode).toMatch(/^\d{6}$/);
    const roster = f.db.select().from(sessionRoster).where(eq(sessionRoster.sessionId, sessionId)).all();
    expect(roster).toHaveLength(12);
    expect(roster.map((r) => r.name)).not.toContain('已离任代表');
    expect(f.db.select().from(auditLog).all().some((a) => a.action === 'session.create')).toBe(true);
  });

  it('bad input comes back filled in, with the message beside the field', async () => {
    const res = await post(f.app, '/j/QS/sessions', {
      cycleId: String(f.qsCycle.cycle.id), kind: 'startOfYear', title: '', date: '', startTime: '9点', place: '会议室', agenda: '',
    }, cookies['qs.clerk']);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请填写会议名称');
    expect(html).toContain('请填写会议日期');
    expect(html).toContain('时间格式为 时:分');
    expect(html).toContain('value="会议室"');
  });

  it('another township\'s clerk gets 403; a missing session is 404; a representative sees no check-in code', async () => {
    expect((await get(f.app, `/j/QS/sessions/${sessionId}`, cookies['lx.clerk'])).status).toBe(403);
    expect((await post(f.app, '/j/QS/sessions', { cycleId: '1', kind: 'startOfYear', title: 'x', date: '2027-01-01' }, cookies['lx.clerk'])).status).toBe(403);
    expect((await get(f.app, `/j/QS/sessions/99999`, cookies['qs.clerk'])).status).toBe(404);
    expect((await get(f.app, `/j/LX/sessions/${sessionId}`, cookies['lx.clerk'])).status).toBe(404);
    const code = f.db.select().from(session).where(eq(session.id, sessionId)).get()!.checkInCode;
    expect((await post(f.app, `/j/QS/sessions/${sessionId}/state`, { to: 'open' }, cookies['qs.clerk'])).status).toBe(303);
    const repView = await (await get(f.app, `/j/QS/sessions/${sessionId}`, cookies['qs.rep'])).text();
    expect(repView).not.toContain(code);
    expect((await get(f.app, `/j/QS/sessions/${sessionId}/screen`, cookies['qs.rep'])).status).toBe(403);
    expect((await get(f.app, `/j/QS/sessions/${sessionId}/roll`, cookies['qs.rep'])).status).toBe(403);
    const clerkView = await (await get(f.app, `/j/QS/sessions/${sessionId}`, cookies['qs.clerk'])).text();
    expect(clerkView).toContain(code);
  });

  it('the clerk searches by name and ticks; the htmx request gets the row and the headcount back', async () => {
    const list = await (await get(f.app, `/j/QS/sessions/${sessionId}/roll?q=${encodeURIComponent('代表003')}`, cookies['qs.clerk'])).text();
    expect(list).toContain('代表003');
    expect(list).not.toContain('代表004');
    const rep3 = f.repByName('代表003')!;
    const res = await f.app.request(`/j/QS/sessions/${sessionId}/roll/${rep3.id}`, {
      method: 'POST', body: new URLSearchParams({ q: '代表003' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: cookies['qs.clerk']!, ...fragment },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<li id="rep-\d+"/);
    expect(html).toContain('出席');
    expect(html).toContain('hx-swap-oob');
    // Without htmx: a plain POST redirects back to the filtered list.
    const rep4 = f.repByName('代表004')!;
    const plain = await post(f.app, `/j/QS/sessions/${sessionId}/roll/${rep4.id}`, { q: '代表' }, cookies['qs.clerk']);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toContain('/roll?q=');
    // Ticking twice changes nothing.
    await post(f.app, `/j/QS/sessions/${sessionId}/roll/${rep4.id}`, { q: '' }, cookies['qs.clerk']);
    expect(f.db.select().from(attendance).where(eq(attendance.sessionId, sessionId)).all()).toHaveLength(2);
    const audits = f.db.select().from(auditLog).all().filter((a) => a.action === 'session.checkIn');
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({ representativeId: rep3.id, name: '代表003', self: false });
    // A mistaken tick is corrected on its own confirmation page, with a reason; no one-tap undo.
    const confirm = await (await get(f.app, `/j/QS/sessions/${sessionId}/roll/${rep4.id}/correct`, cookies['qs.clerk'])).text();
    expect(confirm).toContain('恢复为<strong>未签到</strong>');
    expect((await post(f.app, `/j/QS/sessions/${sessionId}/roll/${rep4.id}/correct`, { reason: '' }, cookies['qs.clerk'])).status).toBe(422);
    await post(f.app, `/j/QS/sessions/${sessionId}/roll/${rep4.id}/correct`, { reason: '误点了同名代表' }, cookies['qs.clerk']);
    expect(f.db.select().from(attendance).where(eq(attendance.sessionId, sessionId)).all()).toHaveLength(1);
  });

  it('a representative checks in on the phone with the projector code; a wrong code is refused beside the field', async () => {
    const s = f.db.select().from(session).where(eq(session.id, sessionId)).get()!;
    const page = await (await get(f.app, '/j/QS/vote', cookies['qs.rep'])).text();
    expect(page).toContain('签到码');
    const wrong = await post(f.app, '/j/QS/vote/checkin', { sessionId: String(sessionId), code: s.checkInCode === '000000' ? '111111' : '000000' }, cookies['qs.rep']);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('签到码不正确');
    const ok = await post(f.app, '/j/QS/vote/checkin', { sessionId: String(sessionId), code: s.checkInCode }, cookies['qs.rep']);
    expect(ok.status).toBe(303);
    const rep1 = f.roster[0]!;
    const a = f.db.select().from(attendance).where(eq(attendance.representativeId, rep1.id)).get()!;
    expect(a.checkedInBy).toBeNull();
    const audit = f.db.select().from(auditLog).all().filter((x) => x.action === 'session.checkIn').at(-1)!;
    expect(JSON.parse(audit.after!)).toMatchObject({ self: true });
    const after = await (await get(f.app, '/j/QS/vote', cookies['qs.rep'])).text();
    expect(after).toContain('已签到');
    expect(after).toContain('hx-trigger="every 3s"');
  });

  it('after five wrong codes self check-in is locked for that person', async () => {
    const s = f.db.select().from(session).where(eq(session.id, sessionId)).get()!;
    const bad = s.checkInCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await post(f.app, '/j/QS/vote/checkin', { sessionId: String(sessionId), code: bad }, cookies['qs.r002']);
    const res = await post(f.app, '/j/QS/vote/checkin', { sessionId: String(sessionId), code: s.checkInCode }, cookies['qs.r002']);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('错误次数过多');
  });

  it('an implementing unit cannot cast or check in; the projector shows the code and the quorum state', async () => {
    expect((await get(f.app, '/j/QS/vote', cookies['qs.unit'])).status).toBe(403);
    const screen = await (await get(f.app, `/j/QS/sessions/${sessionId}/screen`, cookies['qs.clerk'])).text();
    const s = f.db.select().from(session).where(eq(session.id, sessionId)).get()!;
    expect(screen).toContain(s.checkInCode);
    expect(screen).toContain('法定人数 8，还差 6 名'); // 12 seated → 8 needed; 2 present
    expect(screen).toContain('data:image/png;base64');
    const live = await f.app.request(`/j/QS/sessions/${sessionId}/screen/live`, { headers: { Cookie: cookies['qs.clerk']!, ...fragment } });
    expect(await live.text()).toMatch(/^<div id="screen-live"/);
  });

  it('check-in stops once the session is closed', async () => {
    const res = await post(f.app, `/j/QS/sessions/${sessionId}/state`, { to: 'closed' }, cookies['qs.clerk']);
    expect(res.status).toBe(303);
    const rep5 = f.repByName('代表005')!;
    const late = await post(f.app, `/j/QS/sessions/${sessionId}/roll/${rep5.id}`, { q: '' }, cookies['qs.clerk']);
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('会议已闭会');
  });
});
