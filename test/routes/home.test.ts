import { describe, expect, it } from 'vitest';
import { castBallot } from '../../src/data/ballots';
import { optionsOf } from '../../src/data/pollReads';
import { createSelectionPoll, openPoll } from '../../src/data/polls';
import { get } from '../helpers/app';
import { adoptFor, openSession, votingFixture } from '../helpers/votingFixture';

/** The home page of qs.rep (李强, the roster's first seat) and of the clerk, after `prepare` set up the hall. */
async function homes(prepare: (f: Awaited<ReturnType<typeof votingFixture>>) => void) {
  const f = await votingFixture({ reps: 3, logins: 1, candidates: 2, seatsToFill: 1 });
  prepare(f);
  const rep = await (await get(f.app, '/', await f.login('qs.rep'))).text();
  const clerk = await (await get(f.app, '/', await f.login('qs.clerk'))).text();
  return { rep, clerk };
}

const actorOf = (f: Awaited<ReturnType<typeof votingFixture>>) => ({ id: f.users.qsClerk.id, name: '陈敏' });

describe('home page: a session under way calls the representative in', () => {
  it('no open session: nothing about the hall', async () => {
    const { rep } = await homes(() => {});
    expect(rep).not.toContain('正在召开的会议');
  });

  it('the session is open and the representative has not checked in: check in from the home page', async () => {
    const { rep, clerk } = await homes((f) => openSession(f, 0));
    expect(rep).toContain('正在召开的会议');
    expect(rep).toContain('青石镇第十八届人民代表大会第三次会议</strong>：会议正在签到，请输入大屏上的签到码签到');
    // 签到 → 投票 → 我的回执, the first one current, and one button to it.
    expect(rep).toContain('<li class="step-now" aria-current="step"><strong>签到</strong>');
    expect(rep).toContain('<li class="step-later"><strong>投票</strong>');
    expect(rep).toContain('<a class="button wide" href="/j/QS/vote">去签到</a>');
    // The clerk has no seat: the clerk's home leads with the roll and the next step instead.
    expect(clerk).not.toContain('day-steps');
    expect(clerk).toContain('<div><dt>已签到</dt><dd>0</dd></div>');
    expect(clerk).toContain('继续签到：还差 2 名达到法定人数');
  });

  it('checked in, no poll yet: waiting', async () => {
    const { rep } = await homes((f) => openSession(f, 1));
    expect(rep).toContain('您已签到，表决开始后即可投票');
  });

  it('the poll is open: vote', async () => {
    const { rep } = await homes((f) => {
      const s = openSession(f, 2); // 2 of 3: the quorum
      const p = createSelectionPoll(f.db, actorOf(f), s, { title: '项目票决', secrecy: 'secret' }, new Date());
      if (!p.ok) throw new Error(p.error);
      adoptFor(f, s);
      const opened = openPoll(f.db, actorOf(f), p.value, new Date());
      if (!opened.ok) throw new Error(opened.error);
    });
    expect(rep).toContain('表决正在进行，请投票');
    expect(rep).toContain('<li class="step-done"><strong>签到</strong>');
    expect(rep).toContain('<a class="button wide" href="/j/QS/vote">去投票</a>');
  });

  it('the clerk sees the open poll\'s turnout and the step to close it; after the vote the representative keeps the receipt', async () => {
    let receipt = '';
    const f = await votingFixture({ reps: 3, logins: 1, candidates: 2, seatsToFill: 1 });
    const s = openSession(f, 2);
    const p = createSelectionPoll(f.db, actorOf(f), s, { title: '项目票决', secrecy: 'secret' }, new Date());
    if (!p.ok) throw new Error(p.error);
    adoptFor(f, s);
    const opened = openPoll(f.db, actorOf(f), p.value, new Date());
    if (!opened.ok) throw new Error(opened.error);
    const cast = castBallot(f.db, { poll: opened.value, options: optionsOf(f.db, p.value.id), voter: f.roster[0]! }, {});
    if (!cast.ok) throw new Error(cast.error);
    receipt = cast.value.receipt;
    const clerk = await (await get(f.app, '/', await f.login('qs.clerk'))).text();
    expect(clerk).toContain('<div><dt>已投票</dt><dd>1 / 2</dd></div>');
    expect(clerk).toContain(`<a class="button" href="/j/QS/polls/${p.value.id}">表决进行中：代表投票完毕后结束表决</a>`);
    const rep = await (await get(f.app, '/', await f.login('qs.rep'))).text();
    expect(rep).toContain(`<li class="step-done"><strong>我的回执</strong> <span class="step-mark">✓ 已完成</span><span class="step-detail">回执码 ${receipt}</span>`);
  });
});

describe('home page: a new jurisdiction\'s clerk sees the steps to a first vote', () => {
  it('an empty township: roster first, every step a link to its page', async () => {
    const { seedBasics, testApp, login } = await import('../helpers/app');
    const t = testApp(undefined, { now: () => new Date('2027-03-01T02:00:00Z') });
    await seedBasics(t.db);
    const html = await (await get(t.app, '/', await login(t.app, 'qs.clerk'))).text();
    expect(html).toContain('青石镇：开始使用');
    expect(html).toContain('<a href="/j/QS/roster">录入或导入在册代表名册</a>');
    expect(html).toContain('创建 2027 年度票决工作');
    expect(html).not.toContain('已完成');
    // Not for representatives, and not for a district administrator.
    expect(await (await get(t.app, '/', await login(t.app, 'qs.rep'))).text()).not.toContain('开始使用');
    expect(await (await get(t.app, '/', await login(t.app, 'admin'))).text()).not.toContain('开始使用');
  });

  it('a township with its roster, logins and the year\'s collection set: the steps are gone', async () => {
    const f = await votingFixture({ reps: 3, logins: 3 });
    const html = await (await get(f.app, '/', await f.login('qs.clerk'))).text();
    expect(html).not.toContain('开始使用');
  });
});
