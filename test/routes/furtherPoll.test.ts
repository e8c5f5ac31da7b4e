import { describe, expect, it } from 'vitest';
import { pollById } from '../../src/data/pollReads';
import { createRunoff } from '../../src/data/polls';
import { get, post } from '../helpers/app';
import { cast, clerkActor, close, opened, tiedPoll, valueOf, type PollCase } from '../helpers/pollCases';
import { CANDIDATE_TITLES } from '../helpers/votingFixture';

describe('另行票决 through the pages', () => {
  it('after a runoff with nobody over half the clerk opens a further poll; its sheet shows the whole chain; the resolution tells it', async () => {
    const t = await tiedPoll();
    const created = valueOf(createRunoff(t.f.db, clerkActor(t.f), t.poll, new Date()));
    const r: PollCase = opened(t, created);
    for (let i = 0; i < 12; i++) cast(r, i, i < 6 ? ['for', 'against'] : ['against', 'for']);
    const runoff = close(r);
    const clerk = await t.f.login('qs.clerk');
    const page = await (await get(t.f.app, `/j/QS/polls/${runoff.id}`, clerk)).text();
    expect(page).toContain('就空缺的 1 个名额另行票决（其余 3 个候选项目）');
    expect(page).toContain('本次会议应选名额中尚有 1 个空缺');
    // The first-round poll offers no further poll: its runoff stands on it.
    expect(await (await get(t.f.app, `/j/QS/polls/${t.poll.id}`, clerk)).text()).not.toContain('另行票决（其余');
    const rep = await t.f.login('qs.rep');
    expect((await post(t.f.app, `/j/QS/polls/${runoff.id}/further`, {}, rep)).status).toBe(403);
    const res = await post(t.f.app, `/j/QS/polls/${runoff.id}/further`, {}, clerk);
    expect(res.status).toBe(303);
    const furtherId = Number(res.headers.get('location')!.split('/').at(-1));
    expect(pollById(t.f.db, furtherId)).toMatchObject({ kind: 'further', parentPollId: runoff.id });
    const again = await post(t.f.app, `/j/QS/polls/${runoff.id}/further`, {}, clerk);
    expect(again.status).toBe(422);
    const f: PollCase = opened(t, pollById(t.f.db, furtherId)!);
    for (let i = 0; i < 12; i++) cast(f, i, i < 8 ? ['', 'for', ''] : ['', '', '']);
    close(f);
    const sheet = await (await get(t.f.app, `/j/QS/polls/${furtherId}/result`, clerk)).text();
    expect(sheet).toContain('本次会议各轮票决');
    expect(sheet).toContain('第1轮 第一轮表决');
    expect(sheet).toContain('第2轮 另行投票');
    expect(sheet).toContain('第3轮 另行票决');
    expect(sheet).toContain('（本报告单）');
    const resolution = await (await get(t.f.app, `/j/QS/sessions/${t.session.id}/resolution`, clerk)).text();
    expect(resolution).toContain(`第3轮就1个名额在其余3个候选项目中另行票决，通过1项：${CANDIDATE_TITLES[2]}。`);
    const session = await (await get(t.f.app, `/j/QS/sessions/${t.session.id}`, clerk)).text();
    expect(session).toContain('另行票决');
  });
});
