import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendance, participation } from '../../db/schema';
import { recordRollState } from '../../src/data/roll';
import { get, post } from '../helpers/app';
import { cast, clerkActor, close, draftPoll, openedPoll } from '../helpers/pollCases';
import { castVia, marksFor } from '../helpers/votingFixture';

const fragment = { 'HX-Request': 'true' };

describe('roll call page: counts on top, search, filters, states, correction', () => {
  it('shows 在册/出席/请假/缺席/离场 and the quorum line; filters 未签到 and searches by community', async () => {
    const t = await draftPoll({ reps: 12, logins: 1, candidates: 3, seatsToFill: 2, present: 8 });
    recordRollState(t.f.db, clerkActor(t.f), t.session, t.f.roster[8]!.id, 'leave', '住院', t.f.users.qsClerk.id, new Date());
    const clerk = await t.f.login('qs.clerk');
    const base = `/j/QS/sessions/${t.session.id}/roll`;
    const page = await (await get(t.f.app, base, clerk)).text();
    expect(page).toMatch(/<dt>在册<\/dt><dd>12<\/dd>/);
    expect(page).toMatch(/<dt>出席<\/dt><dd>8<\/dd>/);
    expect(page).toMatch(/<dt>请假<\/dt><dd>1<\/dd>/);
    expect(page).toMatch(/<dt>缺席<\/dt><dd>3<\/dd>/);
    expect(page).toContain('已达到（出席 8 名）');
    expect(page).toMatch(/请假 \d\d:\d\d<span class="roll-reason">：住院/); // the leave with its time and reason
    // Accessible names start with the visible label ("签到 代表010"), never a different wording.
    expect(page).toContain('签到<span class="sr-only"> 代表010</span>');
    expect(page.slice(page.indexOf('<ul class="roll-list">'))).not.toContain('aria-label');
    const notYet = await (await get(t.f.app, `${base}?show=notYet`, clerk)).text();
    expect(notYet).toContain('代表010');
    expect(notYet).not.toContain('代表002');
    expect(notYet).not.toContain('>代表009<'); // on leave, not 未签到
    expect(notYet).toMatch(/aria-current="page">未签到 3</);
    const byPlace = await (await get(t.f.app, `${base}?q=${encodeURIComponent('青石村')}`, clerk)).text();
    expect(byPlace).toContain('“青石村”：全部 12 人');
  });

  it('departure and return through the page, with and without htmx; the headcount follows live', async () => {
    const t = await draftPoll({ reps: 12, logins: 1, candidates: 3, seatsToFill: 2, present: 8 });
    const clerk = await t.f.login('qs.clerk');
    const rep = t.f.roster[2]!;
    const base = `/j/QS/sessions/${t.session.id}/roll`;
    const res = await post(t.f.app, `${base}/${rep.id}/state`, { to: 'departed', q: '', show: 'present' }, clerk, fragment);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<li id="rep-\d+"/);
    expect(html).toContain('离场');
    expect(html).toContain('返场<span class="sr-only"> ');
    expect(html).toMatch(/id="roll-head"[^>]*hx-swap-oob="true"/);
    expect(html).toContain('未达到，还差 1 名');
    // The poll cannot open now.
    const open = await post(t.f.app, `/j/QS/polls/${t.poll.id}/open`, {}, clerk);
    expect(open.status).toBe(422);
    expect(await open.text()).toContain('出席代表未达到法定人数');
    // Plain POST: back to the same filter.
    const back = await post(t.f.app, `${base}/${rep.id}`, { q: '', show: 'departed' }, clerk);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${base}?show=departed#rep-${rep.id}`);
    const row = t.f.db.select().from(attendance).where(and(eq(attendance.sessionId, t.session.id), eq(attendance.representativeId, rep.id))).get()!;
    expect(row.state).toBe('returned');
    // Leave without a reason is refused beside the list; an unknown state is refused too.
    const noReason = await post(t.f.app, `${base}/${t.f.roster[10]!.id}/state`, { to: 'leave', reason: '' }, clerk);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('请假须写明原因');
    expect((await post(t.f.app, `${base}/${t.f.roster[10]!.id}/state`, { to: 'present' }, clerk)).status).toBe(422);
  });

  it('a representative cannot use the roll; another town\'s clerk gets 403', async () => {
    const t = await draftPoll({ reps: 12, logins: 2, candidates: 3, seatsToFill: 2, present: 8 });
    const rep = await t.f.login('qs.rep');
    const other = await t.f.login('lx.clerk');
    const path = `/j/QS/sessions/${t.session.id}/roll/${t.f.roster[5]!.id}/state`;
    expect((await post(t.f.app, path, { to: 'departed' }, rep)).status).toBe(403);
    expect((await post(t.f.app, path, { to: 'departed' }, other)).status).toBe(403);
    expect((await get(t.f.app, `/j/QS/sessions/${t.session.id}/roll/${t.f.roster[5]!.id}/correct`, rep)).status).toBe(403);
  });

  it('correction of a voter during a poll: the page says so, a departure is recorded, the vote stands', async () => {
    const t = await openedPoll({ reps: 12, logins: 1, candidates: 3, seatsToFill: 2, present: 10 });
    cast(t, 4, ['for', '', '']);
    const clerk = await t.f.login('qs.clerk');
    const path = `/j/QS/sessions/${t.session.id}/roll/${t.f.roster[4]!.id}/correct`;
    const page = await (await get(t.f.app, path, clerk)).text();
    expect(page).toContain('投票记录不会撤销');
    expect(page).toContain('确认更正');
    const missing = await post(t.f.app, path, { reason: '' }, clerk);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('请填写更正原因');
    const done = await post(t.f.app, path, { reason: '误点' }, clerk);
    expect(done.status).toBe(303);
    expect(t.f.db.select().from(participation).where(eq(participation.representativeId, t.f.roster[4]!.id)).all()).toHaveLength(1);
    expect(t.f.db.select().from(attendance).where(eq(attendance.representativeId, t.f.roster[4]!.id)).get()!.state).toBe('departed');
    // The sheet of the poll keeps its own roll.
    close(t);
    const sheet = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}/result`, clerk)).text();
    expect(sheet).toContain('开始表决时：出席代表 10 名');
    expect(sheet).toContain('结束表决时：出席代表 9 名，请假 0 名，离场 1 名，缺席 2 名（另有 1 名投票后离场，计入出席）');
  });
});

describe('no proxy voting, by construction', () => {
  it('only a representative\'s own login casts, and always for that representative', async () => {
    const t = await openedPoll({ reps: 12, logins: 3, candidates: 3, seatsToFill: 2, present: 10 });
    const clerk = await t.f.login('qs.clerk');
    const marks = marksFor(t.ids, ['for', '', '']);
    // A clerk has no ballot to cast.
    expect((await castVia(t.f, clerk, t.poll.id, marks)).status).toBe(403);
    // A representative naming someone else casts only their own ballot.
    const rep2 = await t.f.login(t.f.usernameOf(1));
    const res = await castVia(t.f, rep2, t.poll.id, { ...marks, representativeId: String(t.f.roster[2]!.id), voter: String(t.f.roster[2]!.id) });
    expect(res.status).toBe(303);
    const rows = t.f.db.select().from(participation).all();
    expect(rows.map((r) => r.representativeId)).toEqual([t.f.roster[1]!.id]);
  });
});
