import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ballot, participation, poll, pollOption, sealedBallot, session } from '../../db/schema';
import { resolutionPollsOf } from '../../src/data/pollReads';
import { sessionOutcome } from '../../src/data/results';
import { get, post } from '../helpers/app';
import { clerkActor, close, openedPoll, publishedSession, valueOf } from '../helpers/pollCases';
import { adoptFor, castVia, marksFor, openSession, optionIds, votingFixture, type VotingFixture } from '../helpers/votingFixture';
import { closeVia, openVia } from '../helpers/ballotBoxVia';
import { openPoll } from '../../src/data/polls';
import { transitionSession } from '../../src/data/sessions';

const audits = (f: VotingFixture, action: string) => f.db.select().from(auditLog).all().filter((a) => a.action === action);
const pollRow = (f: VotingFixture, id: number) => f.db.select().from(poll).where(eq(poll.id, id)).get()!;
const count = (rows: unknown[]) => rows.length;

describe('试投票: a rehearsal on the real phones, never counted, its ballots destroyed at close', () => {
  it('created from the session page with the real candidates and N; opens below quorum; marked as a test on every screen', async () => {
    const f = await votingFixture({ reps: 12, logins: 4, candidates: 3, seatsToFill: 2 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 3); // 3 of 12: far below the quorum of 8
    const page = await (await get(f.app, `/j/QS/sessions/${s.id}`, clerk)).text();
    expect(page).toContain('发起试投票');
    const res = await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, clerk);
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').at(-1));
    expect(pollRow(f, id)).toMatchObject({ isTest: true, kind: 'selection', seatsToFill: 2, state: 'draft' });
    expect(f.db.select().from(pollOption).where(eq(pollOption.pollId, id)).all().map((o) => o.label)).toEqual(f.qsCycle.candidates.map((c) => c.title));
    // A second rehearsal waits until the first has ended.
    const again = await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, clerk);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('已有一轮试投票尚未结束');

    const open = await post(f.app, `/j/QS/polls/${id}/open`, {}, clerk);
    expect(open.status).toBe(303);
    expect(pollRow(f, id).state).toBe('open');

    const rep = await f.login('qs.rep');
    const ballotPage = await (await get(f.app, '/j/QS/vote', rep)).text();
    expect(ballotPage).toContain('<strong>试投票</strong>：只用于检查手机能否正常投票，不计票、不公布');
    const cast = await castVia(f, rep, id, marksFor(optionIds(f, id), ['for', '', 'against']));
    expect(cast.status).toBe(303);
    const receipt = await (await get(f.app, `/j/QS/vote/${id}/receipt`, rep)).text();
    expect(receipt).toContain('投票成功 ✓');
    expect(receipt).toContain('<strong>试投票</strong>');

    const screen = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(screen).toContain('试投票 · 不计票');
    expect(screen).toContain('已投票 <strong>1</strong> / 出席 3');
    const pollPage = await (await get(f.app, `/j/QS/polls/${id}`, clerk)).text();
    expect(pollPage).toContain('class="test-banner"');
    expect(pollPage).not.toContain('发放纸质选票');
    const paper = await post(f.app, `/j/QS/polls/${id}/paper/issue`, { all: '1' }, clerk);
    expect(paper.status).toBe(422);
    expect(await paper.text()).toContain('试投票不发放纸质选票');
  });

  it('closing destroys its ballots and participations in one step, keeps only the number of phones, and counts nothing', async () => {
    const f = await votingFixture({ reps: 12, logins: 4, candidates: 3, seatsToFill: 2 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 8);
    const id = Number((await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, clerk)).headers.get('location')!.split('/').at(-1));
    await post(f.app, `/j/QS/polls/${id}/open`, {}, clerk);
    for (const u of ['qs.rep', 'qs.r002', 'qs.r003']) {
      expect((await castVia(f, await f.login(u), id, marksFor(optionIds(f, id), ['for', 'for', '']))).status).toBe(303);
    }
    expect(count(f.db.select().from(sealedBallot).where(eq(sealedBallot.pollId, id)).all())).toBe(3); // sealed like real ones

    const res = await post(f.app, `/j/QS/polls/${id}/close`, {}, clerk);
    expect(res.status).toBe(303);
    expect(pollRow(f, id)).toMatchObject({ state: 'closed', testSubmissions: 3 });
    expect(count(f.db.select().from(ballot).where(eq(ballot.pollId, id)).all())).toBe(0);
    expect(count(f.db.select().from(sealedBallot).where(eq(sealedBallot.pollId, id)).all())).toBe(0);
    expect(count(f.db.select().from(participation).where(eq(participation.pollId, id)).all())).toBe(0);
    expect(audits(f, 'poll.test.close').map((a) => JSON.parse(a.after!))).toEqual([{ submitted: 3, ballotsDestroyed: true }]);
    expect(audits(f, 'poll.close')).toHaveLength(0);

    // No result, no sheet, no part of the resolution; the real poll is still to be set up and opened.
    expect(sessionOutcome(f.db, s.id)).toBeNull();
    expect(resolutionPollsOf(f.db, s.id)).toEqual([]);
    const sheet = await get(f.app, `/j/QS/polls/${id}/result`, clerk);
    expect(sheet.status).toBe(303);
    const sessionPage = await (await get(f.app, `/j/QS/sessions/${s.id}`, clerk)).text();
    expect(sessionPage).toContain('3 部手机提交，选票已销毁');
    expect(sessionPage).toContain('试投票（不计票）');
    expect(sessionPage).toContain('创建表决');
    const pollPage = await (await get(f.app, `/j/QS/polls/${id}`, clerk)).text();
    expect(pollPage).toContain('已结束：<strong>3</strong> 部手机提交了选票，选票和投票记录已全部销毁');
    expect(pollPage).not.toContain('打印结果报告单');
    const screen = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(screen).toContain('试投票已结束：<strong>3</strong> 部手机提交了选票');
    expect(screen).not.toContain('table class="result');
    // The phone that took part rests on "rehearsal over", with no receipt kept.
    const phone = await (await get(f.app, '/j/QS/vote', await f.login('qs.rep'))).text();
    expect(phone).toContain('试投票已结束');

    const real = await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret' }, clerk);
    expect(real.status).toBe(303);
    const realId = Number(real.headers.get('location')!.split('/').at(-1));
    // The projector moves on from the rehearsal to the real poll about to start.
    const next = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(next).toContain('即将开始表决');
    expect(next).not.toContain('试投票已结束');
    adoptFor(f, s); // the real vote is held under the adopted 票决办法; the rehearsal needed none
    await openVia(f.app, realId, clerk);
    // Once the real vote has started, no more rehearsals are offered.
    expect(await (await get(f.app, `/j/QS/sessions/${s.id}`, clerk)).text()).not.toContain('发起试投票');
    // Every representative may vote in the real poll, those who rehearsed too.
    expect((await castVia(f, await f.login('qs.rep'), realId, marksFor(optionIds(f, realId), ['for', '', '']))).status).toBe(303);
  });

  it('voiding an open test poll destroys its ballots too', async () => {
    const f = await votingFixture({ reps: 4, logins: 2, candidates: 2, seatsToFill: 1 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 2);
    const id = Number((await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, clerk)).headers.get('location')!.split('/').at(-1));
    await post(f.app, `/j/QS/polls/${id}/open`, {}, clerk);
    await castVia(f, await f.login('qs.rep'), id, marksFor(optionIds(f, id), ['for', '']));
    expect((await post(f.app, `/j/QS/polls/${id}/void`, { reason: '网络故障，重新试投' }, clerk)).status).toBe(303);
    expect(count(f.db.select().from(ballot).where(eq(ballot.pollId, id)).all())).toBe(0);
    expect(count(f.db.select().from(participation).where(eq(participation.pollId, id)).all())).toBe(0);
  });

  it('without a candidate list the rehearsal is one fixed question', async () => {
    const f = await votingFixture({ reps: 4, logins: 2, candidates: 0, seatsToFill: 1 });
    const s = openSession(f, 2);
    const res = await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, await f.login('qs.clerk'));
    const id = Number(res.headers.get('location')!.split('/').at(-1));
    expect(f.db.select().from(pollOption).where(eq(pollOption.pollId, id)).all().map((o) => o.label)).toEqual(['试投票测试项（请任选一项，不计票）']);
    expect(pollRow(f, id).seatsToFill).toBe(1);
  });

  it('only the clerk may start one', async () => {
    const f = await votingFixture({ reps: 4, logins: 2, candidates: 2, seatsToFill: 1 });
    const s = openSession(f, 2);
    expect((await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, await f.login('qs.rep'))).status).toBe(403);
    expect((await post(f.app, `/j/QS/sessions/${s.id}/polls/test`, {}, await f.login('lx.clerk'))).status).toBe(403);
  });
});

describe('the check-in code can be changed by the clerk; the old one stops working', () => {
  it('rotates, audits without the code, refuses the old code and accepts the new', async () => {
    const f = await votingFixture({ reps: 4, logins: 3, candidates: 2, seatsToFill: 1 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 0);
    const old = s.checkInCode;
    expect((await post(f.app, `/j/QS/sessions/${s.id}/checkin-code`, {}, await f.login('qs.rep'))).status).toBe(403);
    const res = await post(f.app, `/j/QS/sessions/${s.id}/checkin-code`, {}, clerk);
    expect(res.status).toBe(303);
    const fresh = f.db.select().from(session).where(eq(session.id, s.id)).get()!.checkInCode;
    expect(fresh).toMatch(/^\d{6}$/);
    expect(fresh).not.toBe(old);
    const a = audits(f, 'session.checkInCode.rotate');
    expect(a).toHaveLength(1);
    expect(JSON.stringify(a[0])).not.toContain(fresh);

    const rep = await f.login('qs.rep');
    const refused = await post(f.app, '/j/QS/vote/checkin', { sessionId: String(s.id), code: old }, rep);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('签到码不正确');
    expect((await post(f.app, '/j/QS/vote/checkin', { sessionId: String(s.id), code: fresh }, rep)).status).toBe(303);
    const screen = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(screen).toContain(`<p class="screen-code">${fresh}</p>`);
  });
});

describe('the phone after the vote', () => {
  it('a resend after the ballot had landed shows the same receipt and stores nothing twice', async () => {
    const t = await openedPoll({ reps: 4, logins: 3, candidates: 2, seatsToFill: 1, present: 3 });
    const rep = await t.f.login('qs.rep');
    const marks = marksFor(t.ids, ['for', '']);
    expect((await castVia(t.f, rep, t.poll.id, marks)).status).toBe(303);
    const first = t.f.db.select().from(participation).where(eq(participation.pollId, t.poll.id)).get()!.receiptCode;
    const again = await castVia(t.f, rep, t.poll.id, marks);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(`回执码 <strong>${first}</strong>`);
    expect(count(t.f.db.select().from(sealedBallot).where(eq(sealedBallot.pollId, t.poll.id)).all())).toBe(1);
  });

  it('the confirmation page carries the place for a failed cast and a time limit on the request', async () => {
    const t = await openedPoll({ reps: 4, logins: 3, candidates: 2, seatsToFill: 1, present: 3 });
    const html = await (await post(t.f.app, `/j/QS/vote/${t.poll.id}/review`, marksFor(t.ids, ['for', '']), await t.f.login('qs.rep'))).text();
    expect(html).toContain('data-cast-error');
    expect(html).toContain('hx-request="{&quot;timeout&quot;:20000}"');
  });

  it('says 表决已结束 with the receipt, never "waiting", once the poll has closed', async () => {
    const t = await openedPoll({ reps: 4, logins: 3, candidates: 2, seatsToFill: 1, present: 3 });
    const rep = await t.f.login('qs.rep');
    await castVia(t.f, rep, t.poll.id, marksFor(t.ids, ['for', '']));
    const receipt = t.f.db.select().from(participation).where(eq(participation.pollId, t.poll.id)).get()!.receiptCode;
    close(t);
    const html = await (await get(t.f.app, '/j/QS/vote', rep)).text();
    expect(html).toContain('<p class="big-status">表决已结束</p>');
    expect(html).toContain(`我的回执码 <strong>${receipt}</strong>`);
    expect(html).not.toContain('等待表决开始');
    expect(html).toContain('结果经会议宣布并公布后在此显示');
  });

  it('once the session is published, the phone shows the adopted projects and the public result page', async () => {
    const t = await publishedSession();
    const html = await (await get(t.f.app, '/j/QS/vote', await t.f.login('qs.rep'))).text();
    expect(html).toContain('<strong>结果已公布</strong>：通过 2 个项目');
    expect(html).toContain(`<li>${t.f.qsCycle.candidates[0]!.title}</li>`);
    expect(html).toContain(`<li>${t.f.qsCycle.candidates[1]!.title}</li>`);
    expect(html).toContain('<a href="/p/QS/2027/results">查看公布的表决结果</a>');
    // After the session closes the phone keeps the published result; the home page no longer calls into the hall.
    valueOf(transitionSession(t.f.db, clerkActor(t.f), t.session, 'closed', new Date()));
    const later = await (await get(t.f.app, '/j/QS/vote', await t.f.login('qs.rep'))).text();
    expect(later).toContain('<strong>结果已公布</strong>：通过 2 个项目');
    expect(await (await get(t.f.app, '/', await t.f.login('qs.rep'))).text()).not.toContain('正在召开的会议');
  });

  it('after a closed session without a published result the phone has nothing to show', async () => {
    const t = await openedPoll({ reps: 4, logins: 3, candidates: 2, seatsToFill: 1, present: 3 });
    close(t);
    valueOf(transitionSession(t.f.db, clerkActor(t.f), t.session, 'closed', new Date()));
    expect(await (await get(t.f.app, '/j/QS/vote', await t.f.login('qs.rep'))).text()).toContain('目前没有您参加的会议');
  });
});

describe('the projector on the day', () => {
  it('during a poll: turnout as a bar with its numbers, the check-in panel shrunk to a strip', async () => {
    const t = await openedPoll({ reps: 12, logins: 4, candidates: 3, seatsToFill: 2, present: 8 });
    const clerk = await t.f.login('qs.clerk');
    await castVia(t.f, await t.f.login('qs.rep'), t.poll.id, marksFor(t.ids, ['for', '', '']));
    const html = await (await get(t.f.app, `/j/QS/sessions/${t.session.id}/screen`, clerk)).text();
    expect(html).toContain('<progress class="screen-bar" max="8" value="1" aria-label="已投票 1 / 出席 8">13%</progress>');
    expect(html).toContain('已投票 <strong>1</strong> / 出席 8');
    expect(html).toContain('class="screen-checkin compact"');
    expect(html).not.toContain('class="screen-qr"');
    expect(html).not.toContain('table class="result');
  });

  it('before any poll the code and QR are large; after close every result row is there, marked for a tight layout past 9', async () => {
    const f = await votingFixture({ reps: 12, logins: 4, candidates: 10, seatsToFill: 3 });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 8);
    const before = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(before).toContain('class="screen-qr"');
    expect(before).not.toContain('screen-checkin compact');
    const id = Number((await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '项目票决', secrecy: 'secret' }, clerk)).headers.get('location')!.split('/').at(-1));
    adoptFor(f, s);
    const opened = valueOf(openPoll(f.db, clerkActor(f), pollRow(f, id), new Date()));
    await castVia(f, await f.login('qs.rep'), opened.id, marksFor(optionIds(f, id), ['for', 'for', 'for']));
    await closeVia(f.app, id, clerk, opened.slips.map((x) => x.text));
    const after = await (await get(f.app, `/j/QS/sessions/${s.id}/screen`, clerk)).text();
    expect(after).toContain('class="screen-poll many"');
    expect(after.match(/<tr class="outcome-/g)).toHaveLength(10);
  });
});

describe('the candidate comparison table', () => {
  it('on the list page and its print view: budget, unit, schedule and months, beneficiaries, cross-year per candidate', async () => {
    const f = await votingFixture({ reps: 4, logins: 1, candidates: 3, seatsToFill: 2 });
    const clerk = await f.login('qs.clerk');
    for (const path of ['/j/QS/cycles/2027/candidates', '/j/QS/cycles/2027/candidates/print']) {
      const html = await (await get(f.app, path, clerk)).text();
      const table = html.slice(html.indexOf('<table class="compare">'), html.indexOf('</table>', html.indexOf('<table class="compare">')));
      expect(table.match(/<tr>/g)).toHaveLength(4); // the head and three candidates
      expect(table).toContain('<th scope="row" class="compare-name">2. 杨柳村至白果村道路硬化</th><td class="num">750,000 元</td><td>农业服务中心</td>'
        + '<td class="nowrap">2027-03-01<br/>至 2027-11-30</td><td class="num">9</td><td>—</td><td>否</td>');
    }
  });
});
