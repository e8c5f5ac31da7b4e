import { describe, expect, it } from 'vitest';
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
    expect(rep).toContain('<a class="button" href="/j/QS/vote">签到和投票（我的表决）</a>');
    expect(clerk).not.toContain('正在召开的会议'); // staff have no seat
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
