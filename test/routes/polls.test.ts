import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decodeMarks } from '../../src/domain/compactMarks';
import { auditLog, ballot, candidate, participation, poll, pollOption, pollResult, project, resolution, sealedBallot } from '../../db/schema';
import { checkIn } from '../../src/data/sessions';
import { get, post } from '../helpers/app';
import { closeVia, openVia, slipsIn, unsealVia } from '../helpers/ballotBoxVia';
import {
  cast, close, decidedRunoff, draftPoll, EDITED_RESOLUTION, openedPoll, publishedSession, TIE_PLAN, tiedPoll,
} from '../helpers/pollCases';
import { adoptFor, castVia, marksFor, openSession, optionIds, signCertificates, votingFixture, type VotingFixture } from '../helpers/votingFixture';


const audits = (f: VotingFixture, action: string) => f.db.select().from(auditLog).all().filter((a) => a.action === action);
const pollRow = (f: VotingFixture, id: number) => f.db.select().from(poll).where(eq(poll.id, id)).get()!;

describe('a selection poll: quorum to open, ballots on phones, close, result sheet', () => {
  // 12 seated, 4 candidates, N = 2; qs.rep and qs.r002 … qs.r009 have logins (qs.r009 never checks in).
  const FIXTURE = { reps: 12, logins: 9, candidates: 4, seatsToFill: 2 };

  it('the clerk creates a secret poll from the locked list: options = candidates, N = seatsToFill', async () => {
    const f = await votingFixture(FIXTURE);
    const clerk = await f.login('qs.clerk');
    const sessionId = openSession(f, 7).id;
    const res = await post(f.app, `/j/QS/sessions/${sessionId}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' }, clerk);
    expect(res.status).toBe(303);
    const pollId = Number(res.headers.get('location')!.split('/').at(-1));
    const p = f.db.select().from(poll).where(eq(poll.id, pollId)).get()!;
    expect(p).toMatchObject({ kind: 'selection', secrecy: 'secret', seatsToFill: 2, state: 'draft' });
    expect(optionIds(f, pollId)).toHaveLength(4);
    expect(f.db.select().from(pollOption).where(eq(pollOption.pollId, pollId)).all().map((o) => o.label))
      .toEqual(f.qsCycle.candidates.map((c) => c.title));
    // One selection poll per cycle: a second is refused until the first is voided.
    const again = await post(f.app, `/j/QS/sessions/${sessionId}/polls`, { title: '再来一次', secrecy: 'secret' }, clerk);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('本年度已有一轮项目表决');
  });

  it('a poll cannot open without a quorum (7 of 12 present, 8 needed)', async () => {
    const { f, poll: p } = await draftPoll({ ...FIXTURE, present: 7 });
    const clerk = await f.login('qs.clerk');
    const page = await (await get(f.app, `/j/QS/polls/${p.id}`, clerk)).text();
    expect(page).toContain('未达到法定人数（7/8）');
    const res = await post(f.app, `/j/QS/polls/${p.id}/open`, {}, clerk);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('出席代表未达到法定人数，不能开始表决');
    expect(pollRow(f, p.id).state).toBe('draft');
  });

  it('with exactly two thirds present (8 of 12) it opens; another town\'s clerk cannot', async () => {
    const { f, session: s, poll: p } = await draftPoll({ ...FIXTURE, present: 7 });
    checkIn(f.db, { id: f.users.qsClerk.id, name: 'x' }, s, f.roster[7]!.id, f.users.qsClerk.id, new Date());
    adoptFor(f, s); // with the quorum now present, the session adopts its 票决办法
    expect((await post(f.app, `/j/QS/polls/${p.id}/open`, {}, await f.login('lx.clerk'))).status).toBe(403);
    const res = await post(f.app, `/j/QS/polls/${p.id}/open`, {}, await f.login('qs.clerk'));
    expect(res.status).toBe(200); // the page with the box's three slips, shown once
    expect(slipsIn(await res.text())).toHaveLength(3);
    expect(pollRow(f, p.id).state).toBe('open');
    expect(JSON.parse(audits(f, 'poll.open')[0]!.after!)).toMatchObject({ seated: 12, present: 8, quorumFraction: '2/3' });
  });

  it('the representative\'s page shows the open poll: secret, N stated, three choices per candidate, the script', async () => {
    const { f, ids } = await openedPoll({ ...FIXTURE, present: 8 });
    const rep = await f.login('qs.rep');
    const html = await (await get(f.app, '/j/QS/vote', rep)).text();
    expect(html).toContain('无记名投票');
    expect(html).toContain('应选 <strong>2</strong> 项');
    expect(html).toContain(`name="m${ids[0]}" value="for"`);
    expect(html).toContain(`name="m${ids[3]}" value="abstain"`);
    expect(html).toContain('data-limit="2"');
    const script = /<script src="(\/static\/ballot\.[0-9a-f]{12}\.js)" defer="">/.exec(html);
    expect(script).not.toBeNull();
    expect(html).not.toContain('hx-trigger="every 3s"'); // a ballot on screen is never refreshed away
    const js = await get(f.app, script![1]!);
    expect(js.status).toBe(200);
    // A boosted navigation is turned into a full page load so the script runs.
    const boosted = await f.app.request('/j/QS/vote', { headers: { Cookie: rep, 'HX-Request': 'true', 'HX-Boosted': 'true' } });
    expect(boosted.headers.get('HX-Redirect')).toBe('/j/QS/vote');
  });

  it('more "for" than N is refused on review with a clear message and the marks kept', async () => {
    const { f, poll: p, ids } = await openedPoll({ ...FIXTURE, present: 8 });
    const rep = await f.login('qs.rep');
    const res = await post(f.app, `/j/QS/vote/${p.id}/review`, marksFor(ids, ['for', 'for', 'for', '']), rep);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('赞成票 3 个，超过应选数 2 个');
    expect(html).toMatch(new RegExp(`name="m${ids[2]}" value="for" checked`));
    // …and by the cast endpoint itself, whatever the client did.
    const over = await castVia(f, rep, p.id, marksFor(ids, ['for', 'for', 'for', 'for']));
    expect(over.status).toBe(422);
    expect(f.db.select().from(participation).all()).toHaveLength(0);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(0);
  });

  it('the confirm step shows unmarked candidates as abstentions before anything is stored', async () => {
    const { f, poll: p, ids } = await openedPoll({ ...FIXTURE, present: 8 });
    const rep = await f.login('qs.rep');
    const res = await post(f.app, `/j/QS/vote/${p.id}/review`, marksFor(ids, ['for', 'against', '', '']), rep);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('请确认您的选票');
    expect(html.match(/（未选择，按弃权计）/g)).toHaveLength(2);
    expect(f.db.select().from(participation).all()).toHaveLength(0);
    const back = await post(f.app, `/j/QS/vote/${p.id}/edit`, marksFor(ids, ['for', 'against', '', '']), rep);
    expect(await back.text()).toMatch(new RegExp(`name="m${ids[1]}" value="against" checked`));
  });

  it('casts once: a receipt code; a second submission is refused politely and changes nothing', async () => {
    const t = await openedPoll({ ...FIXTURE, present: 8 });
    const { f, poll: p, ids } = t;
    const rep = await f.login('qs.rep');
    const res = await castVia(f, rep, p.id, marksFor(ids, ['for', 'against', '', '']));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/j/QS/vote/${p.id}/receipt`);
    const receipt = await (await get(f.app, res.headers.get('location')!, rep)).text();
    const code = /回执码 <strong>([A-Z0-9-]+)<\/strong>/.exec(receipt)![1]!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const again = await castVia(f, rep, p.id, marksFor(ids, ['against', 'for', '', '']));
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('您已经投过票了');
    expect(html).toContain(code);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(1);
    const live = await (await get(f.app, '/j/QS/vote', rep)).text();
    expect(live).toContain('✓ 已投票');
    close(t); // 开箱: the one ballot, as cast
    expect(f.db.select().from(ballot).all()).toHaveLength(1);
    const stored = f.db.select().from(ballot).get()!;
    expect(decodeMarks(ids, stored.marks)).toEqual({ [ids[0]!]: 'for', [ids[1]!]: 'against', [ids[2]!]: 'abstain', [ids[3]!]: 'abstain' });
    expect(stored.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a representative who has not checked in cannot vote', async () => {
    const t = await openedPoll({ ...FIXTURE, present: 8 });
    const { f, poll: p, ids } = t;
    cast(t, 0, ['for', 'against', '', '']); // someone else has voted: the refusal must add nothing to it
    const absent = await f.login('qs.r009'); // roster[8]: has a login, never checked in
    const page = await (await get(f.app, '/j/QS/vote', absent)).text();
    expect(page).toContain('请输入会场大屏上显示的 6 位签到码');
    expect(page).not.toContain('value="for"');
    // Opening the ballot by its address sends them to check in first, not to fill a ballot that will be refused.
    const direct = await get(f.app, `/j/QS/vote/${p.id}`, absent);
    expect(direct.status).toBe(303);
    expect(direct.headers.get('location')).toBe('/j/QS/vote');
    const res = await castVia(f, absent, p.id, marksFor(ids, ['for', '', '', '']));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请先签到，签到后才能投票');
    expect(f.db.select().from(participation).all()).toHaveLength(1);
  });

  it('while open, the clerk and the projector see turnout only — never a running tally', async () => {
    const t = await openedPoll({ ...FIXTURE, present: 8 });
    const { f, session: s, poll: p } = t;
    cast(t, 0, ['for', 'against', '', '']);
    const clerk = await f.login('qs.clerk');
    const page = await (await get(f.app, `/j/QS/polls/${p.id}`, clerk)).text();
    expect(page).toContain('已投票 1</strong> / 出席 8');
    expect(page).not.toContain('class="result');
    const screen = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(screen).toContain('已投票 <strong>1</strong> / 出席 8');
    expect(screen).not.toContain('class="result');
    const sheet = await get(f.app, `/j/QS/polls/${p.id}/result`, clerk);
    expect(sheet.status).toBe(303); // no result sheet before close
  });

  it('closing and 开箱 store the result; the sheet prints every number and the rule', async () => {
    const t = await openedPoll({ ...FIXTURE, present: 8 });
    const { f, poll: p, ids, slips } = t;
    cast(t, 0, ['for', 'against', '', '']);
    for (let i = 1; i < 6; i++) {
      const m = i < 5 ? ['for', 'for', 'against', ''] : ['against', 'for', 'for', 'against'];
      expect((await castVia(f, await f.login(f.usernameOf(i)), p.id, marksFor(ids, m))).status).toBe(303);
    }
    const clerk = await f.login('qs.clerk');
    const res = await post(f.app, `/j/QS/polls/${p.id}/close`, {}, clerk);
    expect(res.status).toBe(303);
    // Closed, the box still sealed: no count yet, for anyone.
    expect(f.db.select().from(pollResult).where(eq(pollResult.pollId, p.id)).get()).toBeUndefined();
    expect(await (await get(f.app, `/j/QS/polls/${p.id}`, clerk)).text()).toContain('电子票箱密封中');
    await unsealVia(f.app, p.id, slips, clerk);
    expect(f.db.select().from(pollResult).where(eq(pollResult.pollId, p.id)).get()).toBeTruthy();
    const sheet = await (await get(f.app, `/j/QS/polls/${p.id}/result`, clerk)).text();
    expect(sheet).toContain('在册代表</th><td class="num">12 名');
    expect(sheet).toContain('出席代表</th><td class="num">8 名');
    expect(sheet).toContain('发出选票</th><td class="num">6 张');
    expect(sheet).toContain('收回选票</th><td class="num">6 张');
    expect(sheet).toContain('至少 7 票');
    expect(sheet).toContain('赞成票须超过全体在册代表 12 名的半数，即至少 7 票');
    // 6 ballots: nobody reaches 7 "for": places stay empty.
    expect(sheet).toContain('应选 2 项，通过 0 项');
    expect(sheet).toContain('2 个名额空缺');
    // The quorum fraction is said one way on the sheet: in words.
    expect(sheet).toContain('三分之二以上');
    expect(sheet).not.toContain('2/3');
    expect(JSON.parse(audits(f, 'poll.close')[0]!.after!)).toMatchObject({ seated: 12, present: 8, electronicBallots: 6, paperBallotsIssued: 0 });
    const late = await castVia(f, await f.login('qs.r006'), p.id, marksFor(ids, ['for', '', '', '']));
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe('/j/QS/vote');
  });

  it('a closed poll cannot be reopened; voiding needs a reason; a voided poll frees the cycle for a new one', async () => {
    const t = await openedPoll({ ...FIXTURE, present: 8 });
    const { f, session: s, poll: p } = t;
    cast(t, 0, ['for', 'against', '', '']);
    close(t);
    const clerk = await f.login('qs.clerk');
    const reopen = await post(f.app, `/j/QS/polls/${p.id}/open`, {}, clerk);
    expect(reopen.status).toBe(422);
    expect(await reopen.text()).toContain('本轮表决已结束，不能重新开始');
    const noReason = await post(f.app, `/j/QS/polls/${p.id}/void`, { reason: ' ' }, clerk);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('作废必须写明原因');
    expect((await post(f.app, `/j/QS/polls/${p.id}/void`, { reason: '候选项目名称有误，重新表决' }, clerk)).status).toBe(303);
    expect(pollRow(f, p.id)).toMatchObject({ state: 'void', voidReason: '候选项目名称有误，重新表决' });
    expect(JSON.parse(audits(f, 'poll.void')[0]!.after!)).toMatchObject({ reason: '候选项目名称有误，重新表决' });
    expect((await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '重新表决', secrecy: 'secret' }, clerk)).status).toBe(303);
  });

  it('a void form from someone without poll.manage is a 403 whatever it says, never the form again', async () => {
    const { f, poll: p } = await openedPoll({ ...FIXTURE, present: 8 });
    for (const body of [{ reason: '' }, { reason: '想作废' }]) {
      expect((await post(f.app, `/j/QS/polls/${p.id}/void`, body, await f.login('qs.rep'))).status).toBe(403);
      expect((await post(f.app, `/j/QS/polls/${p.id}/void`, body, await f.login('lx.clerk'))).status).toBe(403);
    }
    expect(pollRow(f, p.id).state).toBe('open');
  });
});

describe('ties at the cut, a runoff, the resolution and publication', () => {
  it('A 8, B 7, C 7 of 12 seated, N = 2: A adopted, B and C tied at the cut → runoff for one place', async () => {
    const { f, poll: p, ids, slips } = await openedPoll({ reps: 12, logins: 12, candidates: 4, seatsToFill: 2, present: 12 });
    const cookies = await Promise.all(TIE_PLAN.map((_, i) => f.login(f.usernameOf(i))));
    const clerk = await f.login('qs.clerk');
    const results = await Promise.all(TIE_PLAN.map((m, i) => castVia(f, cookies[i]!, p.id, marksFor(ids, m))));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(303));
    await closeVia(f.app, p.id, clerk, slips);
    const page = await (await get(f.app, `/j/QS/polls/${p.id}`, clerk)).text();
    expect(page).toContain('2 个项目赞成票相同，须就剩余 1 个名额另行投票');
    expect(page).toContain('就剩余 1 个名额发起另行投票');
    const stored = JSON.parse(f.db.select().from(pollResult).where(eq(pollResult.pollId, p.id)).get()!.result);
    expect(stored.tally.rows.map((r: { for: number; outcome: string }) => [r.for, r.outcome]))
      .toEqual([[8, 'adopted'], [7, 'runoff'], [7, 'runoff'], [0, 'failed']]);
  });

  it('the runoff is among the tied candidates for the remaining place, and decides it', async () => {
    const { f, poll: p } = await tiedPoll();
    const clerk = await f.login('qs.clerk');
    const res = await post(f.app, `/j/QS/polls/${p.id}/runoff`, {}, clerk);
    expect(res.status).toBe(303);
    const runoffId = Number(res.headers.get('location')!.split('/').at(-1));
    expect(pollRow(f, runoffId)).toMatchObject({ kind: 'runoff', seatsToFill: 1, parentPollId: p.id, secrecy: 'secret' });
    const rids = optionIds(f, runoffId);
    expect(f.db.select().from(pollOption).where(eq(pollOption.pollId, runoffId)).all().map((o) => o.candidateId))
      .toEqual([f.qsCycle.candidates[1]!.id, f.qsCycle.candidates[2]!.id]);
    expect((await post(f.app, `/j/QS/polls/${p.id}/runoff`, {}, clerk)).status).toBe(422); // only one
    const runoffSlips = await openVia(f.app, runoffId, clerk);
    const cookies = await Promise.all(Array.from({ length: 12 }, (_, i) => f.login(f.usernameOf(i))));
    // B 9 for, C 3: an over-N runoff ballot (2 "for" with N = 1) is refused.
    const over = await castVia(f, cookies[0]!, runoffId, marksFor(rids, ['for', 'for']));
    expect(over.status).toBe(422);
    expect(await over.text()).toContain('超过应选数 1 个');
    for (let i = 0; i < 12; i++) await castVia(f, cookies[i]!, runoffId, marksFor(rids, i < 9 ? ['for', 'against'] : ['against', 'for']));
    await closeVia(f.app, runoffId, clerk, runoffSlips);
    const sheet = await (await get(f.app, `/j/QS/polls/${runoffId}/result`, clerk)).text();
    expect(sheet).toContain('应选 1 项，通过 1 项');
  });

  it('the draft resolution lists A and B; the clerk edits it; publication makes them projects', async () => {
    const { f, session: s } = await decidedRunoff();
    const clerk = await f.login('qs.clerk');
    const page = await (await get(f.app, `/j/QS/sessions/${s.id}/resolution`, clerk)).text();
    expect(page).toContain('关于2027年度民生实事项目的决议');
    expect(page).toContain(`一、${f.qsCycle.candidates[0]!.title}`);
    expect(page).toContain(`二、${f.qsCycle.candidates[1]!.title}`);
    expect(page).not.toContain(`、${f.qsCycle.candidates[2]!.title}`);
    const saved = await post(f.app, `/j/QS/sessions/${s.id}/resolution`, EDITED_RESOLUTION, clerk);
    expect(saved.status).toBe(303);
    const emptyBody = await post(f.app, `/j/QS/sessions/${s.id}/resolution`, { title: '决议', body: '' }, clerk);
    expect(emptyBody.status).toBe(422);
    expect(await emptyBody.text()).toContain('请填写决议正文');
    signCertificates(f, s); // the 总监票人 and 监票人 sign each count first
    const pub = await post(f.app, `/j/QS/sessions/${s.id}/publish`, {}, clerk);
    expect(pub.status).toBe(303);
    const projects = f.db.select().from(project).all();
    expect(projects.map((p) => p.candidateId).sort()).toEqual([f.qsCycle.candidates[0]!.id, f.qsCycle.candidates[1]!.id].sort());
    expect(f.db.select().from(poll).all().filter((p) => p.sessionId === s.id).map((p) => p.state)).toEqual(['published', 'published']);
    expect(f.db.select().from(resolution).get()!.publishedAt).toBeTruthy();
    const audit = audits(f, 'result.publish')[0]!;
    expect(JSON.parse(audit.after!).adopted).toHaveLength(2);
  });

  it('the public page shows results and the resolution, with no login and no names of voters', async () => {
    const { f, session: s } = await publishedSession();
    const res = await get(f.app, '/p/QS/2027/results');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('青石镇2027年度民生实事项目票决结果');
    expect(html).toContain('会议决定……（已修改）');
    expect(html).toContain(f.qsCycle.candidates[0]!.title);
    expect(html).toContain('至少 7 票');
    // B won its place in the runoff: its count there is labelled so, not mistaken for the first round's 7.
    expect(html).toContain(`${f.qsCycle.candidates[0]!.title} <span class="muted">（赞成 8 票）</span>`);
    expect(html).toContain(`${f.qsCycle.candidates[1]!.title} <span class="muted">（另行投票赞成 9 票）</span>`);
    expect(html).not.toContain('代表002');
    expect((await get(f.app, '/p/QS/2031/results')).status).toBe(404);
    const session = await (await get(f.app, `/j/QS/sessions/${s.id}`, await f.login('qs.clerk'))).text();
    expect(session).toContain('/p/QS/2027/results');
  });

  it('after publication nothing changes; a correction is a recorded, public action with a reason', async () => {
    const { f, session: s, poll: p } = await publishedSession();
    const clerk = await f.login('qs.clerk');
    const edit = await post(f.app, `/j/QS/sessions/${s.id}/resolution`, { title: 'x', body: 'y' }, clerk);
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain('决议已公布，不能再修改');
    const voidIt = await post(f.app, `/j/QS/polls/${p.id}/void`, { reason: '想重来' }, clerk);
    expect(voidIt.status).toBe(422);
    expect(await voidIt.text()).toContain('结果已公布，不能再更改');
    expect((await post(f.app, `/j/QS/sessions/${s.id}/publish`, {}, clerk)).status).toBe(422);
    const noReason = await post(f.app, `/j/QS/sessions/${s.id}/corrections`, { text: '更正内容', reason: '' }, clerk);
    expect(noReason.status).toBe(422);
    const ok = await post(f.app, `/j/QS/sessions/${s.id}/corrections`, { text: '第二项预算应为75万元', reason: '录入笔误' }, clerk);
    expect(ok.status).toBe(303);
    const html = await (await get(f.app, '/p/QS/2027/results')).text();
    expect(html).toContain('第二项预算应为75万元（原因：录入笔误）');
    expect(audits(f, 'result.correct')).toHaveLength(1);
    expect(f.db.select().from(candidate).all()).toHaveLength(4);
  });
});

describe('voiding a poll voids the runoff that depends on it', () => {
  it('all three tied at the cut for two places → a runoff for two; voiding the original voids the runoff', async () => {
    const f = await votingFixture({ reps: 6, logins: 6, candidates: 3, seatsToFill: 2 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 6);
    const made = await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '票决', secrecy: 'secret' }, clerk);
    const pollId = Number(made.headers.get('location')!.split('/').at(-1));
    adoptFor(f, s);
    const slips = await openVia(f.app, pollId, clerk);
    const ids = optionIds(f, pollId);
    // A, B and C get 4 "for" each of 6 seated (min 4), two "for" per ballot.
    const plans = [['for', 'for', ''], ['for', 'for', ''], ['for', '', 'for'], ['for', '', 'for'], ['', 'for', 'for'], ['', 'for', 'for']];
    for (let i = 0; i < 6; i++) expect((await castVia(f, await f.login(f.usernameOf(i)), pollId, marksFor(ids, plans[i]!))).status).toBe(303);
    await closeVia(f.app, pollId, clerk, slips);
    const r = JSON.parse(f.db.select().from(pollResult).where(eq(pollResult.pollId, pollId)).get()!.result);
    expect(r.tally.rows.map((x: { for: number; outcome: string }) => [x.for, x.outcome])).toEqual([[4, 'runoff'], [4, 'runoff'], [4, 'runoff']]);
    expect(r.tally.runoffSeats).toBe(2);
    const runoff = await post(f.app, `/j/QS/polls/${pollId}/runoff`, {}, clerk);
    const runoffId = Number(runoff.headers.get('location')!.split('/').at(-1));
    expect(f.db.select().from(poll).where(eq(poll.id, runoffId)).get()).toMatchObject({ seatsToFill: 2, state: 'draft' });
    expect(optionIds(f, runoffId)).toHaveLength(3);
    expect((await post(f.app, `/j/QS/polls/${pollId}/void`, { reason: '计票有误' }, clerk)).status).toBe(303);
    expect(f.db.select().from(poll).where(eq(poll.id, runoffId)).get()).toMatchObject({ state: 'void', voidReason: '原表决“票决”已作废' });
  });
});
