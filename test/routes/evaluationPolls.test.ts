import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decodeMarks } from '../../src/domain/compactMarks';
import { auditLog, ballot, evaluationFollowUp, evaluationResult, participation, poll, pollOption, pollResult, sealedBallot } from '../../db/schema';
import type { EvaluationPollResult } from '../../src/data/results';
import { checkIn, getSession } from '../../src/data/sessions';
import { get, post } from '../helpers/app';
import { closeVia, openVia, unsealVia } from '../helpers/ballotBoxVia';
import { close } from '../helpers/pollCases';
import {
  evaluationCounted, evaluationCountedSelectionPublished, evaluationDraft, evaluationOpen, evaluationPublished, evaluationRated,
  evaluationSession, PHONE_RATINGS, PROJECTS, selectionAtSession,
} from '../helpers/evaluationCases';
import { castVia, marksFor, optionIds, signCertificates } from '../helpers/votingFixture';

const pollIdOf = (res: Response) => Number(res.headers.get('location')!.split('/').at(-1));

/**
 * The year-end session of 青石镇 (test/helpers/evaluationCases.ts): it rates the 2026 projects and votes on the 2027
 * candidates — one roll, two kinds of poll. 9 seated, quorum 6. The ballots, counted by hand:
 * 道路 3/2/1 → 5 of 6 = 83.3%; 饮水 2/2/1 + 1 unrated → 4 of 5 = 80%; 广场 1/1/4 → 2 of 6 = 33.3% → rectify.
 * Overall 6 + 5 of 17 = 64.7%. Ballots issued 7 (5 phone + 2 paper), returned 7, valid 6, invalid 1.
 */
describe('year-end evaluation at a session: the voting mechanism rates the projects', () => {
  it('the session page offers to evaluate a year with projects, the one in delivery by default', async () => {
    const { f, session, cy2025, cy2026 } = await evaluationSession();
    const clerk = await f.login('qs.clerk');
    const before = await (await get(f.app, '/j/QS/cycles/2026/evaluation', clerk)).text();
    expect(before).toContain('满意度测评尚未发起');
    const html = await (await get(f.app, `/j/QS/sessions/${session.id}`, clerk)).text();
    expect(html).toContain('发起满意度测评（年底评议）');
    expect(html).toContain(`<option value="${cy2026}" selected="">2026年度（实施与监督，3 个项目）</option>`);
    expect(html).toContain(`<option value="${cy2025}">2025年度（已结束，1 个项目）</option>`);
    expect(html).not.toContain('2027年度（'); // the session's own cycle has no projects yet
  });

  it('creates the evaluation poll: one option per project of the chosen year, no N, titled after that year', async () => {
    const { f, session, cy2026, projectIds } = await evaluationSession();
    const clerk = await f.login('qs.clerk');
    const form = { cycleId: String(cy2026), evaluationTitle: '', secrecy: 'secret' };
    expect((await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, form, await f.login('lx.clerk'))).status).toBe(403);
    const res = await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, form, clerk);
    expect(res.status).toBe(303);
    const evalId = pollIdOf(res);
    expect(f.db.select().from(poll).where(eq(poll.id, evalId)).get()).toMatchObject({
      kind: 'evaluation', secrecy: 'secret', seatsToFill: null, state: 'draft', title: '2026年度民生实事项目满意度测评', sessionId: session.id,
    });
    const opts = f.db.select().from(pollOption).where(eq(pollOption.pollId, evalId)).orderBy(pollOption.position).all();
    expect(opts.map((o) => [o.projectId, o.candidateId, o.label])).toEqual(projectIds.map((id, i) => [id, null, PROJECTS[i]]));
    const audit = f.db.select().from(auditLog).where(and(eq(auditLog.action, 'poll.create'), eq(auditLog.targetId, String(evalId)))).get()!;
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'evaluation', year: 2026, projects: projectIds });
    const page = await (await get(f.app, `/j/QS/polls/${evalId}`, clerk)).text();
    expect(page).toContain('满意度测评 · 无记名投票');
    expect(page).toContain('测评 2026 年度民生实事项目');
    expect(page).toContain('测评项目（3）');
    expect(page).not.toContain('应选');
  });

  it('one evaluation per year; another town\'s year or a year without projects is refused beside the field', async () => {
    const { f, session, cy2026 } = await evaluationDraft();
    const clerk = await f.login('qs.clerk');
    const again = await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, { cycleId: String(cy2026), evaluationTitle: '', secrecy: 'secret' }, clerk);
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain('2026 年度项目已有一轮满意度测评；如需重新测评，请先将其作废');
    expect(html).not.toContain(`<option value="${cy2026}"`); // 2026 is no longer offered
    const lxCycle = f.db.$client.prepare("select id from cycle where jurisdiction_id = ? and year = 2026").get(f.lx.id) as { id: number };
    const foreign = await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, { cycleId: String(lxCycle.id), evaluationTitle: '', secrecy: 'secret' }, clerk);
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain('请选择本辖区的年度工作');
    const empty = await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, { cycleId: String(f.qsCycle.cycle.id), evaluationTitle: '', secrecy: 'secret' }, clerk);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('2027 年度还没有民生实事项目，无可测评的项目');
    const bad = await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, { cycleId: 'x', evaluationTitle: '', secrecy: 'secret' }, clerk);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请选择测评哪一年度的项目');
  });

  it('the evaluation does not block the year\'s selection poll at the same session (one roll, two kinds of poll)', async () => {
    const { f, session } = await evaluationDraft();
    const res = await post(f.app, `/j/QS/sessions/${session.id}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' }, await f.login('qs.clerk'));
    expect(res.status).toBe(303);
    expect(f.db.select().from(poll).where(eq(poll.id, pollIdOf(res))).get()).toMatchObject({ kind: 'selection', seatsToFill: 1 });
  });

  it('cannot open without a quorum (5 of 9, 6 needed); opens with it', async () => {
    const { f, session, poll: p } = await evaluationDraft();
    const clerk = await f.login('qs.clerk');
    const res = await post(f.app, `/j/QS/polls/${p.id}/open`, {}, clerk);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('出席代表未达到法定人数，不能开始表决');
    const s = getSession(f.db, f.qs.id, session.id)!;
    for (const r of f.roster.slice(5, 7)) checkIn(f.db, { id: f.users.qsClerk.id, name: '陈敏' }, s, r.id, f.users.qsClerk.id, new Date());
    expect((await post(f.app, `/j/QS/polls/${p.id}/open`, {}, await f.login('lx.clerk'))).status).toBe(403);
    await openVia(f.app, p.id, clerk);
    expect(f.db.select().from(poll).where(eq(poll.id, p.id)).get()!.state).toBe('open');
  });

  it('the representative\'s home page lists the evaluation to cast; the phone shows four choices per project, no limit', async () => {
    const { f, ids } = await evaluationOpen();
    const rep = await f.login('qs.rep');
    const home = await (await get(f.app, '/', rep)).text();
    expect(home).toContain('参加满意度测评：2026年度民生实事项目满意度测评');
    expect(home).toContain('href="/j/QS/vote"');
    const html = await (await get(f.app, '/j/QS/vote', rep)).text();
    expect(html).toContain('请对每个项目的实施效果作出评价');
    for (const m of ['satisfied', 'basicallySatisfied', 'dissatisfied', 'abstain']) expect(html).toContain(`name="m${ids[0]}" value="${m}"`);
    expect(html).not.toContain('data-limit=');
    expect(html).toContain('未选择的项目按“弃权”计，不计入该项目的满意率');
    const clerkHome = await (await get(f.app, '/', await f.login('qs.clerk'))).text();
    expect(clerkHome).not.toContain('参加满意度测评');
  });

  it('an unrated project is shown as 弃权 before casting; a value outside the set is refused', async () => {
    const { f, poll: p, ids } = await evaluationOpen();
    const rep3 = await f.login(f.usernameOf(2));
    const review = await post(f.app, `/j/QS/vote/${p.id}/review`, marksFor(ids, ['basicallySatisfied', '', 'dissatisfied']), rep3);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('（未选择，按弃权计）');
    const tampered = await post(f.app, `/j/QS/vote/${p.id}/review`, marksFor(ids, ['for', 'satisfied', 'satisfied']), rep3);
    expect(tampered.status).toBe(422);
    expect(await tampered.text()).toContain('选票内容无法识别');
  });

  it('each representative casts once: a second ballot is refused and nothing is added', async () => {
    const t = await evaluationOpen();
    const { f, poll: p, ids } = t;
    const evalId = p.id;
    for (const [i, plan] of PHONE_RATINGS.entries()) expect((await castVia(f, await f.login(f.usernameOf(i)), evalId, marksFor(ids, plan))).status).toBe(303);
    const rep = await f.login('qs.rep');
    const again = await castVia(f, rep, evalId, marksFor(ids, ['dissatisfied', 'dissatisfied', 'dissatisfied']));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('您已经投过票了');
    expect(f.db.select().from(sealedBallot).where(eq(sealedBallot.pollId, evalId)).all()).toHaveLength(5);
    expect(f.db.select().from(participation).where(eq(participation.pollId, evalId)).all()).toHaveLength(5);
    const home = await (await get(f.app, '/', rep)).text();
    expect(home).not.toContain('参加满意度测评');
    // Opened at the close, the ballot is the marks and nothing else; the unrated project is stored as 弃权.
    close(t);
    expect(f.db.select().from(ballot).where(eq(ballot.pollId, evalId)).all()).toHaveLength(5);
    const stored = f.db.select().from(ballot).where(eq(ballot.pollId, evalId)).all().map((b) => decodeMarks(ids, b.marks));
    expect(stored.filter((m) => m[ids[1]!] === 'abstain')).toHaveLength(1);
  });

  it('paper ballots work as for any poll: issued to the two without a phone vote, counted twice by two tellers', async () => {
    const { f, session, poll: p, ids, slips } = await evaluationRated();
    const evalId = p.id;
    const cookies = { 'qs.clerk': await f.login('qs.clerk'), 'qs.teller': await f.login('qs.teller') };
    const issued = await post(f.app, `/j/QS/polls/${evalId}/paper/issue`, { all: '1' }, cookies['qs.clerk']);
    expect(issued.status).toBe(303);
    expect(f.db.select().from(poll).where(eq(poll.id, evalId)).get()!.paperBallotsIssued).toBe(2);
    const print = await (await get(f.app, `/j/QS/polls/${evalId}/paper/print`, cookies['qs.clerk'])).text();
    expect(print).toContain('在“满意”“基本满意”“不满意”“弃权”中选择一项');
    expect(print).not.toContain('不得超过');
    const screen = await (await get(f.app, `/j/QS/sessions/${session.id}/screen`, cookies['qs.clerk'])).text();
    expect(screen).toContain('已投票 <strong>7</strong> / 出席 7');
    expect(screen).not.toContain('table class="result'); // never a running tally
    expect((await post(f.app, `/j/QS/polls/${evalId}/close`, {}, cookies['qs.clerk'])).status).toBe(303);
    expect(f.db.select().from(pollResult).where(eq(pollResult.pollId, evalId)).get()).toBeUndefined();
    for (const teller of ['qs.clerk', 'qs.teller'] as const) {
      const one = { serial: '1', ...marksFor(ids, ['basicallySatisfied', 'basicallySatisfied', 'satisfied']), invalidReason: '' };
      expect((await post(f.app, `/j/QS/polls/${evalId}/paper/entries`, one, cookies[teller])).status).toBe(303);
      const two = { serial: '2', ...marksFor(ids, []), invalid: '1', invalidReason: '无法辨认' };
      expect((await post(f.app, `/j/QS/polls/${evalId}/paper/entries`, two, cookies[teller])).status).toBe(303);
    }
    expect((await post(f.app, `/j/QS/polls/${evalId}/paper/finish`, {}, cookies['qs.clerk'])).status).toBe(303);
    expect(f.db.select().from(pollResult).where(eq(pollResult.pollId, evalId)).get()).toBeUndefined(); // the box is still sealed
    await unsealVia(f.app, evalId, slips, cookies['qs.clerk']);
    expect(f.db.select().from(pollResult).where(eq(pollResult.pollId, evalId)).get()).toBeTruthy();
  });

  it('the stored result matches the hand count: ratings, unrated, invalid, rates, the threshold and who must rectify', async () => {
    const { f, poll: p } = await evaluationCounted();
    const evalId = p.id;
    const r = JSON.parse(f.db.select().from(pollResult).where(eq(pollResult.pollId, evalId)).get()!.result) as EvaluationPollResult;
    expect(r.kind).toBe('evaluation');
    expect(r.ballots).toEqual({ electronic: 5, paperIssued: 2, paperReturned: 2, issued: 7, returned: 7 });
    const t = r.tally;
    expect([t.seated, t.present, t.quorumNeeded, t.quorumMet, t.thresholdPct]).toEqual([9, 7, 6, true, 60]);
    expect(t.ballots).toEqual({ total: 7, valid: 6, invalid: 1 });
    expect(t.rows.map((x) => [x.label, x.satisfied, x.basic, x.dissatisfied, x.notRated, x.invalid, x.ratePct, x.marked])).toEqual([
      [PROJECTS[0], 3, 2, 1, 0, 1, 83.3, false],
      [PROJECTS[1], 2, 2, 1, 1, 1, 80, false],
      [PROJECTS[2], 1, 1, 4, 0, 1, 33.3, true],
    ]);
    expect(t.overall).toMatchObject({ satisfied: 6, basic: 5, dissatisfied: 6, validRatings: 17, ratePct: 64.7 });

    const sheet = await (await get(f.app, `/j/QS/polls/${evalId}/result`, await f.login('qs.clerk'))).text();
    for (const s of ['在册代表</th><td class="num">9 名', '出席代表</th><td class="num">7 名', '发出选票</th><td class="num">7 张', '收回选票</th><td class="num">7 张',
      '有效票</th><td class="num">6 张', '无效票</th><td class="num">1 张', '不低于 60%', '须整改项目</th><td class="num">1 项', '64.7%',
      '无效票原因：无法辨认（1 张）', '测评 2026 年度民生实事项目', `${PROJECTS[2]}`, '低于 60%，须整改',
      `总体满意率 64.7%（有效评价 17 份）；1 个项目满意率低于 60%，须整改：${PROJECTS[2]}。`,
      '未评价的项目按弃权计，不计入该项目的有效评价数']) expect(sheet).toContain(s);
    expect(sheet).toMatch(/<td class="num" data-label="满意率"><strong>83.3%<\/strong><\/td>/);
    expect(sheet).toMatch(/<td class="num" data-label="弃权">1<\/td><td class="num" data-label="无效">1<\/td><td class="num" data-label="满意率"><strong>80%/);
    expect(sheet).not.toContain('应选');
    expect((await get(f.app, `/j/QS/polls/${evalId}/result`, await f.login('lx.clerk'))).status).toBe(403);
  });

  it('publishing the session\'s resolution publishes the selection only; the evaluation waits for its own publication', async () => {
    const t = await evaluationCounted();
    const { f, session, projectIds } = t;
    const evalId = t.poll.id;
    const selectionId = selectionAtSession(t).id;
    const clerk = await f.login('qs.clerk');
    const slips = await openVia(f.app, selectionId, clerk);
    const sel = optionIds(f, selectionId);
    for (let i = 0; i < 5; i++) expect((await castVia(f, await f.login(f.usernameOf(i)), selectionId, marksFor(sel, ['for']))).status).toBe(303);
    await closeVia(f.app, selectionId, clerk, slips);
    signCertificates(f, session);
    expect((await post(f.app, `/j/QS/sessions/${session.id}/publish`, {}, clerk)).status).toBe(303);
    expect(f.db.select().from(poll).where(eq(poll.id, selectionId)).get()!.state).toBe('published');
    expect(f.db.select().from(poll).where(eq(poll.id, evalId)).get()!.state).toBe('closed');
    expect(f.db.select().from(evaluationResult).all()).toEqual([]);
    const pub = await (await get(f.app, `/p/QS/2026/projects/${projectIds[2]}`)).text();
    expect(pub).not.toContain('代表年底评议');
  });

  it('publishing the evaluation records every rate and opens a follow-up for the project below the threshold', async () => {
    const { f, poll: p, selection, projectIds } = await evaluationCountedSelectionPublished();
    const evalId = p.id;
    const clerk = await f.login('qs.clerk');
    expect((await post(f.app, `/j/QS/polls/${evalId}/publish`, {}, await f.login('lx.clerk'))).status).toBe(403);
    expect((await post(f.app, `/j/QS/polls/${selection.id}/publish`, {}, clerk)).status).toBe(422); // a selection goes with its resolution
    const res = await post(f.app, `/j/QS/polls/${evalId}/publish`, {}, clerk);
    expect(res.status).toBe(303);
    expect(f.db.select().from(poll).where(eq(poll.id, evalId)).get()!.state).toBe('published');
    const rows = f.db.select().from(evaluationResult).all().sort((a, b) => a.projectId - b.projectId);
    expect(rows.map((r) => [r.projectId, r.pollId, r.satisfied, r.basic, r.dissatisfied, r.thresholdPct, r.marked])).toEqual([
      [projectIds[0], evalId, 3, 2, 1, 60, false],
      [projectIds[1], evalId, 2, 2, 1, 60, false],
      [projectIds[2], evalId, 1, 1, 4, 60, true],
    ]);
    expect(f.db.select().from(evaluationFollowUp).all().map((x) => [x.projectId, x.state])).toEqual([[projectIds[2], 'open']]);
    const audit = f.db.select().from(auditLog).where(and(eq(auditLog.action, 'result.publish'), eq(auditLog.targetType, 'poll'))).get()!;
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'evaluation', year: 2026, thresholdPct: 60, overallPct: 64.7 });
    const again = await post(f.app, `/j/QS/polls/${evalId}/publish`, {}, clerk);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('结果已公布，不能再更改');

    // The public project pages show the representatives' rating.
    const low = await (await get(f.app, `/p/QS/2026/projects/${projectIds[2]}`)).text();
    expect(low).toContain('代表年底评议');
    expect(low).toContain('满意 1 · 基本满意 1 · 不满意 4 · 满意率 <strong>33.3%</strong>');
    expect(low).toContain('满意率低于 60%，项目须整改。');
    expect(low).toContain('整改情况：</strong>整改中');
    const good = await (await get(f.app, `/p/QS/2026/projects/${projectIds[1]}`)).text();
    expect(good).toContain('满意 2 · 基本满意 2 · 不满意 1 · 满意率 <strong>80%</strong>');
    expect(good).not.toContain('项目须整改');
    const clerkView = await (await get(f.app, '/j/QS/cycles/2026/evaluation', clerk)).text();
    expect(clerkView).toContain('总体满意率：<strong>64.7%</strong>');
    expect(clerkView).toContain(`满意度测评：<a href="/j/QS/polls/${evalId}">2026年度民生实事项目满意度测评</a>（已公布）`);
  });

  it('after the resolution is published an evaluation can still be created and opened at the session', async () => {
    const { f, session, cy2025 } = await evaluationPublished();
    const clerk = await f.login('qs.clerk');
    const res = await post(f.app, `/j/QS/sessions/${session.id}/polls/evaluation`, { cycleId: String(cy2025), evaluationTitle: '', secrecy: 'secret' }, clerk);
    expect(res.status).toBe(303);
    const id = pollIdOf(res);
    await openVia(f.app, id, clerk);
    expect((await post(f.app, `/j/QS/polls/${id}/void`, { reason: '测试后作废' }, clerk)).status).toBe(303);
    const page = await (await get(f.app, `/j/QS/sessions/${session.id}`, clerk)).text();
    // Voided: 2025 can be evaluated again, and is the default over 2027, whose projects were only just adopted.
    expect(page).toContain(`<option value="${cy2025}" selected="">2025年度（已结束，1 个项目）</option>`);
    expect(page).toContain('2027年度（票决，1 个项目）');
  });
});
