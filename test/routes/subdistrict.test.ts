import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { session, sessionRoster } from '../../db/schema';
import { get, post } from '../helpers/app';
import { closeVia, openVia } from '../helpers/ballotBoxVia';
import { castVia, marksFor, openSession, optionIds, signCertificates, votingFixture } from '../helpers/votingFixture';

describe('a subdistrict: the deliberation meeting (议事代表会议) runs the same mechanics with its own roster', () => {
  it('creates a deliberation meeting, votes (票选) and publishes with the subdistrict\'s words', async () => {
    const f = await votingFixture({ reps: 4, logins: 1, dcReps: 6 });
    const clerk = await f.login('dc.clerk');
    const list = await (await get(f.app, '/j/DC/sessions', clerk)).text();
    expect(list).toContain('东城街道议事代表会议');
    const res = await post(f.app, '/j/DC/sessions', {
      cycleId: String(f.dcCycle!.cycle.id), kind: 'startOfYear', title: '东城街道2027年年初议事代表会议', date: '2027-02-03', startTime: '14:00',
    }, clerk);
    expect(res.status).toBe(303);
    const created = f.db.select().from(session).where(eq(session.jurisdictionId, f.dc.id)).get()!;
    expect(created.body).toBe('deliberation');
    expect(f.db.select().from(sessionRoster).where(eq(sessionRoster.sessionId, created.id)).all()).toHaveLength(6);

    const s = openSession(f, 5, 'DC');
    const make = await post(f.app, `/j/DC/sessions/${s.id}/polls`, { title: '2027年度民生实事项目票选', secrecy: 'secret' }, clerk);
    expect(make.status).toBe(303);
    const pollId = Number(make.headers.get('location')!.split('/').at(-1));
    const page = await (await get(f.app, `/j/DC/polls/${pollId}`, clerk)).text();
    expect(page).toContain('民生实事项目票选');
    expect(page).toContain('在册议事代表');
    // Before the first 票选 the meeting adopts its 票选办法 by show of hands, in the subdistrict's words.
    const procedure = await (await get(f.app, `/j/DC/sessions/${s.id}/procedure`, clerk)).text();
    expect(procedure).toContain('2027年度民生实事项目票选办法');
    expect(procedure).toContain('东城街道办事处提出');
    expect((await post(f.app, `/j/DC/sessions/${s.id}/procedure`, { for: '5', against: '0', abstain: '0' }, clerk)).status).toBe(303);
    const slips = await openVia(f.app, pollId, clerk, 'DC');
    const ids = optionIds(f, pollId);
    for (let i = 0; i < 5; i++) {
      const c = await f.login(`dc.d${String(i + 1).padStart(3, '0')}`);
      expect((await castVia(f, c, pollId, marksFor(ids, [i < 4 ? 'for' : 'against', '', '']), 'DC')).status).toBe(303);
    }
    await closeVia(f.app, pollId, clerk, slips, 'DC');
    const sheet = await (await get(f.app, `/j/DC/polls/${pollId}/result`, clerk)).text();
    expect(sheet).toContain('在册议事代表</th><td class="num">6 名');
    expect(sheet).toContain('赞成票须超过全体在册议事代表 6 名的半数，即至少 4 票');
    const draft = await (await get(f.app, `/j/DC/sessions/${s.id}/resolution`, clerk)).text();
    expect(draft).toContain('应到议事代表6名');
    expect(draft).toContain('东城街道办事处');
    signCertificates(f, s);
    expect((await post(f.app, `/j/DC/sessions/${s.id}/publish`, {}, clerk)).status).toBe(303);
    const pub = await (await get(f.app, '/p/DC/2027/results')).text();
    expect(pub).toContain('东城街道2027年度民生实事项目票选结果');
    // A township representative has no business here.
    const qsRep = await f.login('qs.rep');
    expect((await get(f.app, '/j/DC/vote', qsRep)).status).toBe(403);
  });
});
