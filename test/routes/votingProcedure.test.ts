import { unsealPoll } from '../../src/data/unseal';
import { openVia } from '../helpers/ballotBoxVia';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cycle, poll, pollResult, sessionOfficer, votingProcedure } from '../../db/schema';
import { castBallot } from '../../src/data/ballots';
import { optionsOf, pollById } from '../../src/data/pollReads';
import { closePoll, createSelectionPoll, openPoll } from '../../src/data/polls';
import { getSettings, saveSettings } from '../../src/data/settings';
import { quorumState } from '../../src/data/sessions';
import { get, post, settingsForm } from '../helpers/app';
import { clerkActor, valueOf } from '../helpers/pollCases';
import { adoptFor, openSession, votingFixture, type VotingFixture } from '../helpers/votingFixture';

const audits = (f: VotingFixture, action: string) => f.db.select().from(auditLog).all().filter((a) => a.action === action);
const dcClerk = (f: VotingFixture) => ({ id: f.users.dcClerk.id, name: f.users.dcClerk.displayName });

describe('a poll keeps the rule it opened under', () => {
  it('settings saved while a street poll is open change neither its result nor its sheet nor the projector', async () => {
    // 东城街道: 6 seated, 5 present, 3 candidates for 1 place; the poll opens under 三分之二以上 and all seated.
    const f = await votingFixture({ dcReps: 6 });
    const s = openSession(f, 5, 'DC');
    const created = valueOf(createSelectionPoll(f.db, dcClerk(f), s, { title: '2027年度民生实事项目票选', secrecy: 'secret' }, new Date()));
    adoptFor(f, s, 'DC');
    const opened = valueOf(openPoll(f.db, dcClerk(f), created, new Date()));
    expect(JSON.parse(opened.rule!)).toMatchObject({ quorum: { fraction: { num: 2, den: 3 }, comparator: 'atLeast' }, majority: { base: 'seated' }, seatsToFill: 1, candidates: 3, slate: 'competitive' });

    // While it is open the clerk saves a rule under which the same ballots would pass and the hall would be short.
    const r = saveSettings(f.db, dcClerk(f), f.dc, { ...getSettings(f.db, f.dc.id), quorumFraction: '3/4', quorumComparator: 'moreThan', majorityBase: 'present' }, new Date());
    expect(r.ok).toBe(true);
    expect(audits(f, 'settings.update')).toHaveLength(1); // the change itself is on the record
    const h = quorumState(f.db, s);
    expect(h).toMatchObject({ needed: 4, met: true, ruleWords: '三分之二以上' }); // the projector shows the poll's rule

    // 3 of 5 "for": more than half of 5 present, not of 6 seated.
    const options = optionsOf(f.db, opened.id);
    for (let i = 0; i < 5; i++) {
      const marks = { [options[0]!.id]: i < 3 ? 'for' : 'against' };
      const cast = castBallot(f.db, { poll: pollById(f.db, opened.id)!, options, voter: f.dcRoster[i]! }, marks);
      expect(cast.ok).toBe(true);
    }
    valueOf(closePoll(f.db, dcClerk(f), pollById(f.db, opened.id)!, new Date()));
    valueOf(unsealPoll(f.db, dcClerk(f), pollById(f.db, opened.id)!, [opened.slips[0]!.text, opened.slips[1]!.text], new Date()));
    const stored = JSON.parse(f.db.select().from(pollResult).where(eq(pollResult.pollId, opened.id)).get()!.result);
    expect(stored.tally).toMatchObject({ majorityBase: 'seated', baseCount: 6, minimumFor: 4, quorumNeeded: 4, quorumMet: true });
    expect(stored.tally.rows[0]).toMatchObject({ for: 3, outcome: 'failed' });
    const sheet = await (await get(f.app, `/j/DC/polls/${opened.id}/result`, await f.login('dc.clerk'))).text();
    expect(sheet).toContain('赞成票须超过全体在册议事代表 6 名的半数，即至少 4 票');
    expect(sheet).toContain('三分之二以上');
    expect(sheet).not.toContain('四分之三');
    // The sheet and the draft resolution cite the 票选办法 the meeting adopted.
    expect(sheet).toContain('会议举手表决通过的《2027年度民生实事项目票选办法》进行（赞成 5，反对 0，弃权 0）');
    const resolution = await (await get(f.app, `/j/DC/sessions/${s.id}/resolution`, await f.login('dc.clerk'))).text();
    expect(resolution).toContain('通过了《2027年度民生实事项目票选办法》，依照该办法以无记名投票方式');
    // The next poll, not this one, would be held under the new rule: the settings themselves were saved.
    expect(getSettings(f.db, f.dc.id)).toMatchObject({ quorumFraction: '3/4', majorityBase: 'present' });
  });
});

describe('lawful settings per body', () => {
  it('a township\'s quorum and majority are the statute\'s: shown fixed, and a form that changes them is refused', async () => {
    const f = await votingFixture();
    const clerk = await f.login('qs.clerk');
    const page = await (await get(f.app, '/j/QS/settings', clerk)).text();
    expect(page).toContain('由地方组织法规定');
    expect(page).not.toContain('name="majorityBase" id');
    const bad = await post(f.app, '/j/QS/settings', settingsForm({ quorumFraction: '1/2', minFiscalShare: '60' }), clerk);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('由法律规定，不能更改');
    expect(getSettings(f.db, f.qs.id).minFiscalShare).toBe(50); // nothing saved
    const okRes = await post(f.app, '/j/QS/settings', settingsForm({ allowEqualSlate: 'yes' }), clerk);
    expect(okRes.status).toBe(303);
    expect(JSON.parse(audits(f, 'settings.update')[0]!.after!)).toEqual({ allowEqualSlate: 'yes' });
  });

  it('a street chooses among the combinations streets use; "二分之一以上" is refused beside its field', async () => {
    const f = await votingFixture({ dcReps: 6 });
    const clerk = await f.login('dc.clerk');
    const bad = await post(f.app, '/j/DC/settings', settingsForm({ quorumFraction: '1/2', quorumComparator: 'atLeast' }), clerk);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('恰好半数出席不构成多数');
    const good = await post(f.app, '/j/DC/settings', settingsForm({ quorumFraction: '2/3', quorumComparator: 'moreThan', majorityBase: 'present' }), clerk);
    expect(good.status).toBe(303);
    expect(getSettings(f.db, f.dc.id)).toMatchObject({ quorumComparator: 'moreThan', majorityBase: 'present' });
    expect(JSON.parse(audits(f, 'settings.update')[0]!.after!)).toEqual({ quorumComparator: 'moreThan', majorityBase: 'present' });
  });
});

describe('等额 polls only where the rule allows', () => {
  it('4 candidates for 4 places is refused with the reason, and allowed once the town\'s rule says so', async () => {
    const f = await votingFixture({ candidates: 4, seatsToFill: 4 });
    const s = openSession(f, 10);
    const refused = createSelectionPoll(f.db, clerkActor(f), s, { title: '票决', secrecy: 'secret' }, new Date());
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { error: string }).error).toContain('要求差额票决');
    valueOf(saveSettings(f.db, clerkActor(f), f.qs, { ...getSettings(f.db, f.qs.id), allowEqualSlate: 'yes' }, new Date()));
    const p = valueOf(createSelectionPoll(f.db, clerkActor(f), s, { title: '票决', secrecy: 'secret' }, new Date()));
    const text = f.db.select().from(votingProcedure).all();
    expect(text).toHaveLength(0);
    adoptFor(f, s);
    expect(f.db.select().from(votingProcedure).get()!.text).toContain('实行等额票决');
    expect(JSON.parse(valueOf(openPoll(f.db, clerkActor(f), p, new Date())).rule!).slate).toBe('equal');
  });
});

describe('票决办法: generated, adopted by show of hands, frozen, printed, required before the first 票决', () => {
  async function setup() {
    const f = await votingFixture({ reps: 12, logins: 3, candidates: 4, seatsToFill: 2 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 9);
    const p = valueOf(createSelectionPoll(f.db, clerkActor(f), s, { title: '2027年度民生实事项目票决', secrecy: 'secret' }, new Date()));
    const at = new Date('2027-01-15T01:30:00Z');
    f.db.insert(sessionOfficer).values([
      { sessionId: s.id, role: 'teller', name: '孙涛', userId: f.teller.id, assignedBy: f.users.qsClerk.id, assignedAt: at },
      { sessionId: s.id, role: 'chiefScrutineer', name: '李强', representativeId: f.roster[0]!.id, assignedBy: f.users.qsClerk.id, assignedAt: at },
      { sessionId: s.id, role: 'scrutineer', name: '代表002', representativeId: f.roster[1]!.id, assignedBy: f.users.qsClerk.id, assignedAt: at },
    ]).run();
    return { f, clerk, s, p, url: `/j/QS/sessions/${s.id}/procedure` };
  }

  it('the first poll cannot open before adoption; the page explains and links to the procedure', async () => {
    const { f, clerk, p } = await setup();
    const page = await (await get(f.app, `/j/QS/polls/${p.id}`, clerk)).text();
    expect(page).toContain('会议尚未通过票决办法，不能开始表决');
    const res = await post(f.app, `/j/QS/polls/${p.id}/open`, {}, clerk);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('本次会议尚未通过票决办法');
    expect(f.db.select().from(poll).where(eq(poll.id, p.id)).get()!.state).toBe('draft');
  });

  it('shows the generated text with N, the 差额 number, the rules and the officers by role', async () => {
    const { f, clerk, url } = await setup();
    const html = await (await get(f.app, url, clerk)).text();
    for (const words of [
      '2027年度民生实事项目票决办法', '（草案，待会议举手表决通过）', '候选项目 4 个，应选 2 项', '差额数为 2 项', '无记名投票',
      '赞成超过 2 个的选票为无效票', '三分之二以上（含本数）', '全体在册代表的过半数', '另行投票', '按第一轮票决时的顺序另行票决',
      '总监票人：李强；监票人：代表002；计票人：孙涛', '总监票人向会议报告计票结果',
    ]) expect(html).toContain(words);
  });

  it('hands that do not add up or do not pass are refused beside the field; nothing is stored', async () => {
    const { f, clerk, url } = await setup();
    const over = await post(f.app, url, { for: '8', against: '1', abstain: '1' }, clerk);
    expect(over.status).toBe(422);
    expect(await over.text()).toContain('多于出席人数 9');
    const short = await post(f.app, url, { for: '6', against: '3', abstain: '0' }, clerk); // 6 of 12 seated is not more than half
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('票决办法未获通过');
    const junk = await post(f.app, url, { for: 'x', against: '0', abstain: '0' }, clerk);
    expect(junk.status).toBe(422);
    expect(await junk.text()).toContain('请填写人数（整数）');
    expect(f.db.select().from(votingProcedure).all()).toHaveLength(0);
    expect((await post(f.app, url, { for: '9', against: '0', abstain: '0' }, await f.login('lx.clerk'))).status).toBe(403);
    expect((await post(f.app, url, { for: '9', against: '0', abstain: '0' }, await f.login('qs.rep'))).status).toBe(403);
  });

  it('adopted: recorded with the hands and the time, audited, frozen, printable; then the poll opens and cites it', async () => {
    const { f, clerk, url, p, s } = await setup();
    const res = await post(f.app, url, { for: '8', against: '1', abstain: '0' }, clerk);
    expect(res.status).toBe(303);
    const row = f.db.select().from(votingProcedure).get()!;
    expect(row).toMatchObject({ sessionId: s.id, forVotes: 8, againstVotes: 1, abstentions: 0, adoptedBy: f.users.qsClerk.id });
    expect(row.text).toContain('经会议举手表决通过：赞成 8，反对 1，弃权 0');
    expect(JSON.parse(row.rule)).toMatchObject({ seatsToFill: 2, candidates: 4, ballotForm: 'perItem' });
    expect(JSON.parse(audits(f, 'votingProcedure.adopt')[0]!.after!)).toMatchObject({ for: 8, against: 1, abstain: 0, seated: 12, present: 9 });
    // Frozen: a second show of hands is refused, and the database itself refuses an edit.
    const again = await post(f.app, url, { for: '9', against: '0', abstain: '0' }, clerk);
    expect(again.status).toBe(409);
    expect(() => f.db.$client.prepare('update voting_procedure set text = ?').run('改过')).toThrow(/frozen/);
    expect(() => f.db.$client.prepare('delete from voting_procedure').run()).toThrow(/frozen/);
    // The officers recorded later do not rewrite it.
    f.db.insert(sessionOfficer).values({ sessionId: s.id, role: 'teller', name: '后来者', assignedBy: f.users.qsClerk.id, assignedAt: new Date() }).run();
    expect((await (await get(f.app, url, clerk)).text())).not.toContain('后来者');
    const print = await (await get(f.app, `${url}/print`, await f.login('qs.rep'))).text();
    expect(print).toContain('class="print-sheet"');
    expect(print).toContain('经会议举手表决通过');
    expect(print).not.toContain('草案');
    await openVia(f.app, p.id, clerk); // the page with the box's three slips, shown once
    const page = await (await get(f.app, `/j/QS/polls/${p.id}`, clerk)).text();
    expect(page).toContain('会议通过的<a href="/j/QS/sessions/');
  });

  it('a street\'s settings changed after adoption: the poll does not open under a rule the meeting did not adopt', async () => {
    const f = await votingFixture({ dcReps: 6 });
    const s = openSession(f, 5, 'DC');
    const p = valueOf(createSelectionPoll(f.db, dcClerk(f), s, { title: '票选', secrecy: 'secret' }, new Date()));
    adoptFor(f, s, 'DC');
    valueOf(saveSettings(f.db, dcClerk(f), f.dc, { ...getSettings(f.db, f.dc.id), majorityBase: 'present' }, new Date()));
    const r = openPoll(f.db, dcClerk(f), p, new Date());
    expect(r).toMatchObject({ ok: false });
    expect((r as { error: string }).error).toContain('通过标准：票决办法规定以全体在册代表为基数，现行设置为出席代表');
  });

  it('a poll whose N differs from the adopted procedure does not open', async () => {
    const { f, clerk, url, p } = await setup();
    expect((await post(f.app, url, { for: '9', against: '0', abstain: '0' }, clerk)).status).toBe(303);
    // The candidate list's N changes after adoption (an unlocked and re-locked list): the poll no longer agrees.
    f.db.update(poll).set({ seatsToFill: 3 }).where(eq(poll.id, p.id)).run();
    const res = await post(f.app, `/j/QS/polls/${p.id}/open`, {}, clerk);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('与会议通过的票决办法不一致');
  });

  it('the procedure needs a locked list and an open session', async () => {
    const f = await votingFixture({ locked: false });
    const s = openSession(f, 10);
    const html = await (await get(f.app, `/j/QS/sessions/${s.id}/procedure`, await f.login('qs.clerk'))).text();
    expect(html).toContain('候选项目清单尚未经审定锁定');
    f.db.update(cycle).set({ candidatesLockedAt: new Date(), candidatesLockedBy: f.users.qsClerk.id }).where(eq(cycle.id, f.qsCycle.cycle.id)).run();
    expect((await post(f.app, `/j/QS/sessions/${s.id}/procedure`, { for: '10', against: '0', abstain: '0' }, await f.login('qs.clerk'))).status).toBe(303);
  });
});
