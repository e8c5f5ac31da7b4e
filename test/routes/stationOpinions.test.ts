import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, opinionItem, proposal } from '../../db/schema';
import { get, post } from '../helpers/app';
import { opinionCase, opinionForm } from '../helpers/stationOpinionCases';

const items = (t: Awaited<ReturnType<typeof opinionCase>>) => t.db.select().from(opinionItem).all();

describe('a resident’s opinion from a station’s QR code', () => {
  it('opens with the station fixed, takes the opinion without login and gives a receipt the public page reads', async () => {
    const t = await opinionCase();
    const form = await (await get(t.app, '/p/QS/opinions/new?station=qs-home')).text();
    expect(form).toContain('青石镇人大代表之家');
    expect(form).toContain('<input type="hidden" name="station" value="qs-home"');
    expect(form).toMatch(/<div class="hp" aria-hidden="true">/);
    const res = await post(t.app, '/p/QS/opinions/new', opinionForm());
    expect(res.status).toBe(303);
    const row = items(t)[0]!;
    expect(row).toMatchObject({ channel: 'resident', recordedBy: null, raisedById: null, state: 'recorded', contactPhone: '13912345678', stationId: t.f.stations.qsHome.id });
    expect(row.receipt).toMatch(/^2027-QS-0001-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(res.headers.get('location')).toBe(`/opinion/${row.receipt}?sent=1`);
    const page = await (await get(t.app, `/opinion/${row.receipt}`)).text();
    expect(page).toContain('已收到，正在登记处理');
    expect(page).not.toContain('13912345678');
    expect(page).not.toContain('王大妈');
    // The general lookup finds it too.
    const track = await get(t.app, `/track/${row.receipt}`);
    expect(track.status).toBe(303);
    expect(track.headers.get('location')).toBe(`/opinion/${row.receipt}`);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'opinion.register')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).not.toContain('13912345678');
  });

  it('bad input comes back 422 with the text kept and the Chinese error beside the field', async () => {
    const t = await opinionCase();
    const res = await post(t.app, '/p/QS/opinions/new', opinionForm({ title: '', contactPhone: '123', text: '路灯坏了很久' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('请用一句话写明反映的问题');
    expect(html).toContain('请填写正确的手机号');
    expect(html).toContain('路灯坏了很久');
    expect(items(t)).toHaveLength(0);
  });

  it('a station of another town is refused; a subdistrict or unknown town has no form', async () => {
    const t = await opinionCase();
    expect((await post(t.app, '/p/QS/opinions/new', opinionForm({ station: 'lx-home' }))).status).toBe(422);
    expect((await get(t.app, '/p/DC/opinions/new')).status).toBe(404);
    expect((await get(t.app, '/p/ZZ/opinions/new')).status).toBe(404);
  });

  it('the honeypot refuses silently; the rate limit answers 429 keeping every word typed', async () => {
    const t = await opinionCase();
    expect((await post(t.app, '/p/QS/opinions/new', opinionForm({ website: 'http://spam' }))).status).toBe(422);
    expect(items(t)).toHaveLength(0);
    for (let i = 0; i < 9; i++) expect((await post(t.app, '/p/QS/opinions/new', opinionForm())).status).toBe(303);
    const res = await post(t.app, '/p/QS/opinions/new', opinionForm({ text: '第十一条，内容保留' }));
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('第十一条，内容保留');
    expect(items(t)).toHaveLength(9);
  });
});

describe('a representative’s QR code (亮数字身份)', () => {
  it('reaches the representative by a random token; their id does not', async () => {
    const t = await opinionCase();
    expect(t.token).toMatch(/^[a-z0-9]{12}$/);
    const page = await get(t.app, `/r/${t.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('给人大代表李强留言');
    expect((await get(t.app, `/r/${t.reps.li.id}`)).status).toBe(404);
    expect((await get(t.app, '/r/aaaaaaaaaaaa')).status).toBe(404);
  });

  it('a message lands on the station addressed to the representative, who answers it; the resident reads the answer', async () => {
    const t = await opinionCase();
    const sent = await post(t.app, `/r/${t.token}`, opinionForm({ contactPhone: '' }));
    expect(sent.status).toBe(303);
    const row = items(t)[0]!;
    expect(row).toMatchObject({ channel: 'repCode', addressedToRepId: t.reps.li.id, stationId: t.f.stations.qsHome.id });
    const rep = await t.as('qs.rep');
    const home = await (await get(t.app, '/', rep)).text();
    expect(home).toContain('群众留言“村口路灯坏了”等待您答复');
    expect((await post(t.app, `/j/QS/opinions/${row.id}/answer`, { response: '已联系村委会，本周修好。' }, rep)).status).toBe(303);
    const page = await (await get(t.app, `/opinion/${row.receipt}`)).text();
    expect(page).toContain('已联系村委会，本周修好。');
    expect(page).toContain('已答复');
  });

  it('another representative can neither open nor answer it (403)', async () => {
    const t = await opinionCase();
    const row = t.register({}, t.reps.liu.id);
    const rep = await t.as('qs.rep');
    expect((await get(t.app, `/j/QS/opinions/${row.id}`, rep)).status).toBe(403);
    expect((await post(t.app, `/j/QS/opinions/${row.id}/answer`, { response: 'x' }, rep)).status).toBe(403);
    expect(items(t)[0]!.state).toBe('recorded');
  });
});

describe('handling by level', () => {
  it('the clerk refers to the district with a deadline; past it the referral is overdue on the list and the home page', async () => {
    const t = await opinionCase();
    const row = t.register();
    const clerk = await t.as('qs.clerk');
    const bad = await post(t.app, `/j/QS/opinions/${row.id}/refer`, { level: 'district', department: '区交通局', dueOn: '2027-06-30', note: '' }, clerk);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('最长 60 天');
    expect((await post(t.app, `/j/QS/opinions/${row.id}/refer`, { level: 'district', department: '区交通局', dueOn: '2027-04-09', note: '' }, clerk)).status).toBe(303);
    expect(items(t)[0]).toMatchObject({ state: 'referred', referralLevel: 'district', referredOn: '2027-03-10', dueOn: '2027-04-09' });
    const later = await opinionCaseAt(t, new Date('2027-04-10T02:00:00Z'));
    const list = await (await get(later.app, '/j/QS/opinions?overdue=1', await later.as('qs.clerk'))).text();
    expect(list).toContain('村口路灯坏了');
    const home = await (await get(later.app, '/', await later.as('qs.clerk'))).text();
    expect(home).toContain('已逾期：群众意见');
  });

  it('a referral cannot be answered before it is referred (409/422), and an unknown id is 404, another town 403', async () => {
    const t = await opinionCase();
    const row = t.register();
    const clerk = await t.as('qs.clerk');
    const early = await post(t.app, `/j/QS/opinions/${row.id}/reply`, { reply: '答复', repliedOn: '2027-03-10' }, clerk);
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('请先登记交办');
    expect((await get(t.app, '/j/QS/opinions/999', clerk)).status).toBe(404);
    expect((await get(t.app, `/j/QS/opinions/${row.id}`, await t.as('lx.clerk'))).status).toBe(403);
    expect((await post(t.app, `/j/QS/opinions/${row.id}/refer`, { level: 'township', department: 'x', dueOn: '2027-03-20', note: '' }, await t.as('qs.rep'))).status).toBe(403);
  });

  it('turned into a proposal: the proposal exists with its receipt and both pages link to each other', async () => {
    const t = await opinionCase();
    const row = t.register();
    const clerk = await t.as('qs.clerk');
    const res = await post(t.app, `/j/QS/opinions/${row.id}/propose`, {
      title: '青石村口路灯改造', description: '更换村口路灯 6 盏', category: 'safety', estimatedCost: '30000', fiscalSharePct: '100', beneficiaries: '青石村村民', durationMonths: '2',
    }, clerk);
    expect(res.status).toBe(303);
    const p = t.db.select().from(proposal).all();
    expect(p).toHaveLength(1);
    expect(items(t)[0]).toMatchObject({ state: 'proposed', proposalId: p[0]!.id });
    expect(await (await get(t.app, `/j/QS/opinions/${row.id}`, clerk)).text()).toContain(p[0]!.receipt);
    const proposalPage = await (await get(t.app, `/j/QS/cycles/2027/proposals/${p[0]!.id}`, clerk)).text();
    expect(proposalPage).toContain(`/j/QS/opinions/${row.id}`);
  });
});

async function opinionCaseAt(t: Awaited<ReturnType<typeof opinionCase>>, at: Date) {
  const { testApp } = await import('../helpers/app');
  const { app } = testApp(t.db, { now: () => at });
  const { login } = await import('../helpers/app');
  const cookies = new Map<string, string>();
  return { app, as: async (u: string) => cookies.get(u) ?? (cookies.set(u, await login(app, u)), cookies.get(u)!) };
}
