import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ballot, ballotBox, paperEntry, participation, poll, pollOption, pollResult, sealedBallot, session } from '../../db/schema';
import { get, post } from '../helpers/app';
import { openVia, unsealVia } from '../helpers/ballotBoxVia';
import { optionsOf } from '../../src/data/pollReads';
import { enter, paperClosed, paperIssued, paperPoll } from '../helpers/pollCases';
import { adoptFor, castVia, marksFor, openSession, optionIds, votingFixture, type VotingFixture } from '../helpers/votingFixture';

const audits = (f: VotingFixture, action: string) => f.db.select().from(auditLog).all().filter((a) => a.action === action);

async function setup(present: number) {
  const f = await votingFixture({ reps: 12, logins: 6, candidates: 3, seatsToFill: 2 });
  const clerk = await f.login('qs.clerk');
  const teller = await f.login('qs.teller');
  const reps = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => f.login(f.usernameOf(i))));
  const sessionId = openSession(f, present).id;
  const res = await post(f.app, `/j/QS/sessions/${sessionId}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' }, clerk);
  const pollId = Number(res.headers.get('location')!.split('/').at(-1));
  adoptFor(f, f.db.select().from(session).where(eq(session.id, sessionId)).get()!);
  const slips = await openVia(f.app, pollId, clerk);
  const optionLabels = f.db.select().from(pollOption).where(eq(pollOption.pollId, pollId)).orderBy(pollOption.position).all().map((o) => o.label);
  return { f, clerk, teller, reps, sessionId, pollId, ids: optionIds(f, pollId), optionLabels, slips };
}

const entry = (ids: number[], serial: string, marks: string[], extra: Record<string, string> = {}) => ({ serial, ...marksFor(ids, marks), ...extra });

describe('paper ballots beside phones: issue, print, double entry by two tellers, reconcile', () => {
  it('prints one numbered A4 ballot per seated representative, with the instructions and the N limit', async () => {
    const t = await paperPoll();
    const html = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}/paper/print`, await t.f.login('qs.clerk'))).text();
    expect(html.match(/class="paper-ballot"/g)).toHaveLength(12);
    expect(html).toContain('编号 No. 001');
    expect(html).toContain('编号 No. 012');
    expect(html).toContain('不得超过 2 项');
    expect(html).toContain('不划的项目视为弃权');
    expect(html).not.toContain('李强'); // no names on ballots
  });

  it('issuing a paper ballot records participation (not the serial) and blocks a phone vote by the same person', async () => {
    const t = await paperPoll();
    const { f, ids } = t;
    const pollId = t.poll.id;
    const clerk = await f.login('qs.clerk');
    const reps = await Promise.all([0, 1, 2, 3, 4].map((i) => f.login(f.usernameOf(i))));
    // Four vote on phones first.
    for (let i = 0; i < 4; i++) expect((await castVia(f, reps[i]!, pollId, marksFor(ids, ['for', 'for', 'against']))).status).toBe(303);
    const page = await (await get(f.app, `/j/QS/polls/${pollId}/paper`, clerk)).text();
    expect(page).not.toContain(`name="rep" value="${f.roster[0]!.id}"`); // already voted: not offered a paper ballot
    expect(page).toContain(`name="rep" value="${f.roster[4]!.id}"`);
    const issue = await f.app.request(`/j/QS/polls/${pollId}/paper/issue`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: clerk },
      body: `rep=${f.roster[4]!.id}&rep=${f.roster[6]!.id}&rep=${f.roster[7]!.id}&rep=${f.roster[0]!.id}&rep=${f.roster[11]!.id}`,
    });
    expect(issue.status).toBe(303);
    const p = f.db.select().from(poll).where(eq(poll.id, pollId)).get()!;
    expect(p.paperBallotsIssued).toBe(3); // roster[0] voted already, roster[11] is absent: skipped
    const paper = f.db.select().from(participation).where(eq(participation.channel, 'paper')).all();
    expect(paper.map((x) => x.representativeId).sort()).toEqual([f.roster[4]!.id, f.roster[6]!.id, f.roster[7]!.id].sort());
    const phone = await castVia(f, reps[4]!, pollId, marksFor(ids, ['for', '', '']));
    expect(phone.status).toBe(409);
    expect(await phone.text()).toContain('您已领取纸质选票');
    expect(JSON.parse(audits(f, 'poll.paper.issue')[0]!.after!)).toMatchObject({ issued: 3, totalIssued: 3 });
  });

  it('issuing ballots takes poll.manage: a representative gets 403 for a bad form as for a good one', async () => {
    const t = await paperPoll();
    for (const body of [{ rep: 'x' }, { rep: String(t.f.roster[4]!.id) }]) {
      expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/paper/issue`, body, await t.f.login('qs.rep'))).status).toBe(403);
    }
    expect(t.f.db.select().from(participation).all()).toHaveLength(0);
  });

  it('closing with paper out leaves the count open: no result until the tellers finish', async () => {
    const t = await paperIssued();
    const clerk = await t.f.login('qs.clerk');
    expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/close`, {}, clerk)).status).toBe(303);
    expect(t.f.db.select().from(pollResult).all()).toHaveLength(0);
    const page = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}`, clerk)).text();
    expect(page).toContain('纸质选票计票中');
  });

  it('two different tellers enter each ballot; the same teller cannot do both passes; a bad serial is refused', async () => {
    const t = await paperClosed();
    const pollId = t.poll.id;
    const [clerk, teller] = [await t.f.login('qs.clerk'), await t.f.login('qs.teller')];
    const first = await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '1', ['for', 'against', '']), clerk);
    expect(first.status).toBe(303);
    const same = await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '001', ['for', 'against', '']), clerk);
    expect(same.status).toBe(422);
    expect(await same.text()).toContain('第二遍须由另一位计票人录入');
    expect((await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '001', ['for', 'against', '']), teller)).status).toBe(303);
    const bad = await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '13', ['for', '', '']), clerk);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('不在本轮印制的选票范围内');
    expect(html).toContain('value="13"');
    const third = await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '1', ['for', 'against', '']), clerk);
    expect(third.status).toBe(422);
  });

  it('a mark outside the choice set is refused beside its line, the entry kept', async () => {
    const t = await paperClosed();
    const res = await post(t.f.app, `/j/QS/polls/${t.poll.id}/paper/entries`, entry(t.ids, '4', ['for', 'maybe', '']), await t.f.login('qs.clerk'));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('选票内容无法识别');
    expect(html).toContain('value="4"');
    expect(t.f.db.select().from(paperEntry).all()).toHaveLength(0);
  });

  it('a mismatch between the passes is listed and blocks the count until re-entered', async () => {
    const t = await paperClosed();
    const pollId = t.poll.id;
    const [clerk, teller] = [await t.f.login('qs.clerk'), await t.f.login('qs.teller')];
    const optionLabels = optionsOf(t.f.db, pollId).map((o) => o.label);
    await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '2', ['for', 'for', '']), clerk);
    await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '2', ['for', 'against', '']), teller);
    // Over N: invalid by rule, for both tellers alike.
    await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '3', ['for', 'for', 'for']), teller);
    await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '3', ['for', 'for', 'for']), clerk);
    const page = await (await get(t.f.app, `/j/QS/polls/${pollId}/paper`, clerk)).text();
    expect(page).toContain('两遍录入不一致（1）');
    // The tellers are told which line differs, not left to compare the whole ballot by eye.
    expect(page).toContain(`<td data-label="不一致之处"><strong>${optionLabels[1]}（第一遍 赞成，第二遍 反对）</strong>`);
    expect(page).toContain('无效：赞成票 3 个，超过应选数 2 个');
    const finish = await post(t.f.app, `/j/QS/polls/${pollId}/paper/finish`, {}, clerk);
    expect(finish.status).toBe(422);
    expect(await finish.text()).toContain('两遍录入不一致：002');
    expect((await post(t.f.app, `/j/QS/polls/${pollId}/paper/discard`, { serial: '002' }, teller)).status).toBe(303);
    expect(audits(t.f, 'poll.tally.discard')).toHaveLength(1);
    await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '2', ['for', 'for', '']), clerk);
    const pending = await post(t.f.app, `/j/QS/polls/${pollId}/paper/finish`, {}, clerk);
    expect(await pending.text()).toContain('只录入了一遍：002');
  });

  it('an invalid ballot needs a reason', async () => {
    const t = await paperClosed();
    const res = await post(t.f.app, `/j/QS/polls/${t.poll.id}/paper/entries`, entry(t.ids, '4', ['', '', ''], { invalid: '1', invalidReason: '' }), await t.f.login('qs.clerk'));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('无效票须写明原因');
  });

  it('finishing turns agreed entries into anonymous ballots and counts them with the phone ballots', async () => {
    const t = await paperClosed();
    const pollId = t.poll.id;
    // 001 and 002 agreed (the clerk first), 003 over N and so invalid (the teller first).
    for (const [serial, marks] of [['1', ['for', 'against', '']], ['2', ['for', 'for', '']]] as const) {
      enter(t, 'clerk', serial, [...marks]);
      enter(t, 'teller', serial, [...marks]);
    }
    enter(t, 'teller', '3', ['for', 'for', 'for']);
    enter(t, 'clerk', '3', ['for', 'for', 'for']);
    const [clerk, teller] = [await t.f.login('qs.clerk'), await t.f.login('qs.teller')];
    const res = await post(t.f.app, `/j/QS/polls/${pollId}/paper/finish`, {}, teller);
    expect(res.status).toBe(303);
    expect(t.f.db.select().from(ballot).all()).toHaveLength(4 + 3);
    const sheet = await (await get(t.f.app, `/j/QS/polls/${pollId}/result`, clerk)).text();
    expect(sheet).toContain('发出选票</th><td class="num">7 张');
    expect(sheet).toContain('收回选票</th><td class="num">7 张');
    expect(sheet).toContain('纸质选票发出 / 收回</th><td class="num">3 / 3 张');
    expect(sheet).toContain('无效票</th><td class="num">1 张');
    expect(sheet).toContain('无效票原因：赞成票 3 个，超过应选数 2 个（1 张）');
    const r = JSON.parse(t.f.db.select().from(pollResult).get()!.result);
    // A: 4 phones + 2 valid paper = 6 for; every candidate shows the one invalid ballot.
    expect(r.tally.rows.map((x: { for: number; invalid: number }) => [x.for, x.invalid])).toEqual([[6, 1], [5, 1], [0, 1]]);
    const tally = JSON.parse(audits(t.f, 'poll.tally')[0]!.after!);
    expect(tally).toMatchObject({ issued: 3, returned: 3, invalid: 1 });
    expect(tally.tellers).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: '青石镇 陈敏', firstPass: 2, secondPass: 1 }),
      expect.objectContaining({ name: '青石镇 计票人 孙涛', firstPass: 1, secondPass: 2 }),
    ]));
    // Counting is over: no more entries.
    expect((await post(t.f.app, `/j/QS/polls/${pollId}/paper/entries`, entry(t.ids, '5', ['for', '', '']), clerk)).status).toBe(422);
  });
});

describe('收回的选票多于发出的选票: the poll is void, with the reason recorded', () => {
  it('two issued, three returned → void', async () => {
    const t = await setup(9);
    const issue = await t.f.app.request(`/j/QS/polls/${t.pollId}/paper/issue`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: t.clerk },
      body: `rep=${t.f.roster[6]!.id}&rep=${t.f.roster[7]!.id}`,
    });
    expect(issue.status).toBe(303);
    await post(t.f.app, `/j/QS/polls/${t.pollId}/close`, {}, t.clerk);
    for (const serial of ['1', '2', '3']) {
      await post(t.f.app, `/j/QS/polls/${t.pollId}/paper/entries`, entry(t.ids, serial, ['for', '', '']), t.clerk);
      await post(t.f.app, `/j/QS/polls/${t.pollId}/paper/entries`, entry(t.ids, serial, ['for', '', '']), t.teller);
    }
    const page = await (await get(t.f.app, `/j/QS/polls/${t.pollId}/paper`, t.clerk)).text();
    expect(page).toContain('多于发出的 2 张');
    expect((await post(t.f.app, `/j/QS/polls/${t.pollId}/paper/finish`, {}, t.teller)).status).toBe(303);
    const p = t.f.db.select().from(poll).where(eq(poll.id, t.pollId)).get()!;
    expect(p.state).toBe('void');
    expect(p.voidReason).toBe('收回纸质选票 3 张，多于发出的 2 张，本轮表决无效');
    expect(t.f.db.select().from(ballot).all()).toHaveLength(0);
    expect(t.f.db.select().from(pollResult).all()).toHaveLength(0);
    expect(t.f.db.select().from(ballotBox).all()).toHaveLength(0); // the sealed box destroyed with the poll
    expect(t.f.db.select().from(sealedBallot).all()).toHaveLength(0);
    expect(JSON.parse(audits(t.f, 'poll.void')[0]!.after!).reason).toContain('多于发出的 2 张');
    expect(t.f.db.select().from(paperEntry).all()).toHaveLength(6); // the tellers' entries stay as evidence
    const sessionPage = await (await get(t.f.app, `/j/QS/sessions/${t.sessionId}`, t.clerk)).text();
    expect(sessionPage).toContain('收回纸质选票 3 张，多于发出的 2 张，本轮表决无效');
  });

  it('exactly as many returned as issued is valid', async () => {
    const t = await setup(9);
    await t.f.app.request(`/j/QS/polls/${t.pollId}/paper/issue`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', Cookie: t.clerk }, body: 'all=1',
    });
    expect(t.f.db.select().from(poll).where(eq(poll.id, t.pollId)).get()!.paperBallotsIssued).toBe(9);
    await post(t.f.app, `/j/QS/polls/${t.pollId}/close`, {}, t.clerk);
    for (let i = 1; i <= 9; i++) {
      await post(t.f.app, `/j/QS/polls/${t.pollId}/paper/entries`, entry(t.ids, String(i), ['for', 'for', 'against']), t.clerk);
      await post(t.f.app, `/j/QS/polls/${t.pollId}/paper/entries`, entry(t.ids, String(i), ['for', 'for', 'against']), t.teller);
    }
    expect((await post(t.f.app, `/j/QS/polls/${t.pollId}/paper/finish`, {}, t.teller)).status).toBe(303);
    expect(t.f.db.select().from(poll).where(eq(poll.id, t.pollId)).get()!.state).toBe('closed');
    // The paper count came first; the result waits for the box (empty here: everyone voted on paper).
    expect(t.f.db.select().from(pollResult).all()).toHaveLength(0);
    expect(await (await get(t.f.app, `/j/QS/polls/${t.pollId}`, t.clerk)).text()).toContain('纸质选票已计票');
    await unsealVia(t.f.app, t.pollId, t.slips, t.clerk, 'QS', [1, 2]);
    const r = JSON.parse(t.f.db.select().from(pollResult).get()!.result);
    expect(r.tally.rows.map((x: { outcome: string }) => x.outcome)).toEqual(['adopted', 'adopted', 'failed']);
  });
});
