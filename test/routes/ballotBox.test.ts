import { describe, expect, it } from 'vitest';
import { ballotBox, pollResult, sessionOfficer } from '../../db/schema';
import { createApp } from '../../src/app';
import { get, post } from '../helpers/app';
import { slipsIn } from '../helpers/ballotBoxVia';
import { cast, closeSealed, draftPoll, openedPoll } from '../helpers/pollCases';
import { castVia, marksFor } from '../helpers/votingFixture';

const FIXTURE = { reps: 6, logins: 3, candidates: 3, seatsToFill: 2, present: 6 };

describe('the slips at opening and the 开箱 page', () => {
  it('opening shows the three slips once, never cached, named after the session\'s scrutineers', async () => {
    const t = await draftPoll(FIXTURE);
    const clerkId = t.f.users.qsClerk.id;
    t.f.db.insert(sessionOfficer).values([
      { sessionId: t.session.id, role: 'scrutineer', name: '王芳', assignedBy: clerkId, assignedAt: new Date() },
      { sessionId: t.session.id, role: 'chiefScrutineer', name: '张建国', assignedBy: clerkId, assignedAt: new Date() },
      { sessionId: t.session.id, role: 'teller', name: '孙涛', assignedBy: clerkId, assignedAt: new Date() },
    ]).run();
    const clerk = await t.f.login('qs.clerk');
    const res = await post(t.f.app, `/j/QS/polls/${t.poll.id}/open`, {}, clerk);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(slipsIn(html)).toHaveLength(3);
    expect(html).toContain('只显示这一次');
    expect(html).toMatch(/纸条 1 \/ 3 · 总监票人：<strong>张建国<\/strong>/);
    expect(html).toMatch(/纸条 2 \/ 3 · 监票人：<strong>王芳<\/strong>/);
    expect(html).toMatch(/纸条 3 \/ 3 · 监票人：<strong>监票人三<\/strong>/); // no third scrutineer recorded
    expect(html).not.toContain('孙涛'); // a teller holds no slip
    // The poll page afterwards shows no slip again.
    const page = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}`, clerk)).text();
    for (const slip of slipsIn(html)) expect(page).not.toContain(slip);
    // Nothing of a slip is stored anywhere.
    const dump = JSON.stringify(t.f.db.$client.prepare('select * from audit_log').all());
    for (const slip of slipsIn(html)) expect(dump).not.toContain(slip.slice(0, 9));
  });

  it('开箱: only after the close; a typo named beside its field with the values kept; two good slips count', async () => {
    const t = await openedPoll(FIXTURE);
    cast(t, 0, ['for', 'against', '']);
    cast(t, 1, ['for', 'for', '']);
    const clerk = await t.f.login('qs.clerk');
    expect((await get(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, clerk)).status).toBe(303); // still open
    closeSealed(t);
    const form = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, clerk)).text();
    expect(form).toContain('第一张纸条的开箱码');
    const typo = t.slips[2]!.replace(/^(.{11})(.)/, (_, head: string, ch: string) => head + (ch === '7' ? '8' : '7'));
    const bad = await post(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, { slipA: typo, slipB: t.slips[0]! }, clerk);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/<p class="error" id="f-slipA-error" role="alert">校验不符/);
    expect(html).toContain(`value="${typo}"`);
    expect(t.f.db.select().from(pollResult).all()).toEqual([]);
    const good = await post(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, { slipA: t.slips[2]!, slipB: t.slips[0]! }, clerk);
    expect(good.status).toBe(303);
    expect(t.f.db.select().from(pollResult).all()).toHaveLength(1);
    expect(t.f.db.select().from(ballotBox).get()).toMatchObject({ wrappedKey: null });
    const again = await get(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, clerk);
    expect(again.status).toBe(303);
  });

  it('the 开箱 routes are guarded by poll.unseal: a representative and another town\'s clerk get 403', async () => {
    const t = await openedPoll(FIXTURE);
    closeSealed(t);
    for (const who of ['qs.rep', 'lx.clerk']) {
      const cookie = await t.f.login(who);
      expect((await get(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, cookie)).status).toBe(403);
      expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/unseal`, { slipA: t.slips[0]!, slipB: t.slips[1]! }, cookie)).status).toBe(403);
      expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/box/scrub`, {}, cookie)).status).toBe(403);
    }
    expect(t.f.db.select().from(pollResult).all()).toEqual([]);
  });

  it('the access log does not say who cast a ballot when', async () => {
    const t = await openedPoll(FIXTURE);
    const lines: string[] = [];
    const app = createApp({ db: t.f.db, log: (l) => lines.push(l) });
    const cookie = await t.f.login('qs.rep');
    const me = t.f.users.qsRep.id;
    lines.length = 0;
    await get(app, '/j/QS/vote', cookie);
    expect((await castVia({ ...t.f, app }, cookie, t.poll.id, marksFor(t.ids, ['for', '', '']))).status).toBe(303);
    await get(app, '/', cookie);
    const vote = lines.filter((l) => / \/j\/QS\/vote/.test(l));
    expect(vote.length).toBeGreaterThanOrEqual(2);
    for (const l of vote) expect(l).toMatch(/ user=\*$/);
    expect(lines.find((l) => l.includes(`POST /j/QS/vote/${t.poll.id}`))).toBeDefined();
    expect(lines.find((l) => / GET \/ /.test(l))).toMatch(new RegExp(` user=${me}$`)); // elsewhere the user is kept
  });
});
