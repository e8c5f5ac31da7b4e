import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { paperEntry, poll, pollResult } from '../../db/schema';
import { sealedLength } from '../../src/data/ballotBox';
import type { SelectionResult } from '../../src/data/results';
import { get, post } from '../helpers/app';
import { closeVia, openVia } from '../helpers/ballotBoxVia';
import { cast, close, openedPoll, valueOf, clerkActor } from '../helpers/pollCases';
import { issuePaperBallots } from '../../src/data/paper';
import { adoptFor, castVia, marksFor, openSession, optionIds, votingFixture } from '../helpers/votingFixture';

// Three candidates for two places, three representatives with a login, all present.
const FIXTURE = { reps: 6, logins: 3, candidates: 3, seatsToFill: 2 };

/** A 勾选 poll created through the session page's form, adopted and opened through the app: the day's path. */
async function tickPollVia() {
  const f = await votingFixture(FIXTURE);
  const s = openSession(f, 6);
  const clerk = await f.login('qs.clerk');
  const created = await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '2027年度民生实事项目票决', secrecy: 'secret', ballotForm: 'tick' }, clerk);
  expect(created.status).toBe(303);
  const p = f.db.select().from(poll).where(eq(poll.sessionId, s.id)).get()!;
  expect(p.ballotForm).toBe('tick');
  adoptFor(f, s);
  const slips = await openVia(f.app, p.id, clerk);
  return { f, s, clerk, pollId: p.id, ids: optionIds(f, p.id), slips };
}

describe('勾选 ballots end to end', () => {
  it('the create form offers both forms, per item by default; a form left out stays per item, a bad one is refused beside its field', async () => {
    const f = await votingFixture(FIXTURE);
    const s = openSession(f, 6);
    const clerk = await f.login('qs.clerk');
    const page = await (await get(f.app, `/j/QS/sessions/${s.id}`, clerk)).text();
    expect(page).toMatch(/<input type="radio" name="ballotForm" value="perItem" checked=""\s*\/?>/);
    expect(page).toContain('勾选（最多勾选 N 项');
    const bad = await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '票决', secrecy: 'secret', ballotForm: 'both' }, clerk);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请选择选票形式');
    expect(f.db.select().from(poll).all()).toEqual([]);
    expect((await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '票决', secrecy: 'secret' }, clerk)).status).toBe(303);
    expect(f.db.select().from(poll).get()!.ballotForm).toBe('perItem');
  });

  it('phone: a checkbox per candidate; more than N ticks refused in Chinese with the ticks kept; ≤ N cast; the 开箱 counts ticks', async () => {
    const t = await tickPollVia();
    const [a, b, c] = t.ids as [number, number, number];
    const rep1 = await t.f.login('qs.rep');
    const ballot = await (await get(t.f.app, `/j/QS/vote/${t.pollId}`, rep1)).text();
    expect(ballot).toContain('最多勾选 2 项');
    for (const id of t.ids) expect(ballot).toContain(`<input type="checkbox" name="m${id}" value="for"`);
    expect(ballot).not.toContain('value="against"');

    // The review page lists what was ticked, and only that.
    const review = await post(t.f.app, `/j/QS/vote/${t.pollId}/review`, { [`m${a}`]: 'for', [`m${c}`]: 'for' }, rep1);
    expect(review.status).toBe(200);
    const confirm = await review.text();
    expect(confirm).toContain('您勾选了 <strong>2</strong> 项');
    expect(confirm).toContain('青石村饮水管网改造');
    expect(confirm).not.toContain('杨柳村至白果村道路硬化');

    expect((await castVia(t.f, rep1, t.pollId, { [`m${a}`]: 'for', [`m${c}`]: 'for' })).status).toBe(303);

    const rep2 = await t.f.login('qs.r002');
    const over = await castVia(t.f, rep2, t.pollId, marksFor(t.ids, ['for', 'for', 'for']));
    expect(over.status).toBe(422);
    const overHtml = await over.text();
    expect(overHtml).toContain('最多勾选 2 项，您勾选了 3 项');
    for (const id of t.ids) expect(overHtml).toMatch(new RegExp(`name="m${id}" value="for" checked`));
    // Per-item marks are not a tick ballot: unreadable, nothing stored.
    expect((await castVia(t.f, rep2, t.pollId, { [`m${a}`]: 'against' })).status).toBe(422);
    expect((await castVia(t.f, rep2, t.pollId, { [`m${b}`]: 'for' })).status).toBe(303);

    const rep3 = await t.f.login('qs.r003');
    expect((await castVia(t.f, rep3, t.pollId, {})).status).toBe(303); // no tick at all: a valid, blank ballot

    await closeVia(t.f.app, t.pollId, t.clerk, t.slips);
    const stored = JSON.parse(t.f.db.select().from(pollResult).where(eq(pollResult.pollId, t.pollId)).get()!.result) as SelectionResult;
    expect(stored.rule?.ballotForm).toBe('tick');
    expect(stored.tally.ballots).toMatchObject({ valid: 3, invalid: 0 });
    expect(stored.tally.rows.map((r) => [r.optionId, r.for, r.against, r.abstain])).toEqual([[a, 1, 0, 0], [b, 1, 0, 0], [c, 1, 0, 0]]);

    const sheet = await (await get(t.f.app, `/j/QS/polls/${t.pollId}/result`, t.clerk)).text();
    expect(sheet).toContain('得票（勾选）');
    expect(sheet).toContain('<td class="num" data-label="未勾选">2</td>');
    expect(sheet).not.toContain('<th class="num">反对</th>');
  });

  it('paper: the printed ballot explains 勾选; one checkbox per line; more than N ticked makes the ballot invalid', async () => {
    const t = await openedPoll({ reps: 12, logins: 6, candidates: 3, seatsToFill: 2, present: 10, ballotForm: 'tick' });
    cast(t, 0, ['for', '', 'for']);
    valueOf(issuePaperBallots(t.f.db, clerkActor(t.f), t.poll, [4, 6].map((i) => t.f.roster[i]!.id), new Date()));
    const clerk = await t.f.login('qs.clerk');
    const printed = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}/paper/print`, clerk)).text();
    expect(printed).toContain('最多勾选 2 项');
    expect(printed).toContain('整张选票无效');
    expect(printed).not.toContain('不划的项目视为弃权');
    close(t);
    const page = await (await get(t.f.app, `/j/QS/polls/${t.poll.id}/paper`, clerk)).text();
    for (const id of t.ids) expect(page).toContain(`<input type="checkbox" name="m${id}" value="for"`);
    expect(page).not.toContain('value="spoiled"');
    const teller = await t.f.login('qs.teller');
    for (const who of [clerk, teller]) {
      expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/paper/entries`, { serial: '1', ...marksFor(t.ids, ['for', 'for', 'for']) }, who)).status).toBe(303);
      expect((await post(t.f.app, `/j/QS/polls/${t.poll.id}/paper/entries`, { serial: '2', ...marksFor(t.ids, ['', 'for', '']) }, who)).status).toBe(303);
    }
    const rows = t.f.db.select().from(paperEntry).where(eq(paperEntry.pollId, t.poll.id)).all();
    expect(rows.filter((r) => r.serial === '01' || Number(r.serial) === 1).map((r) => [r.invalid, r.invalidReason])).toEqual([
      [true, '勾选 3 项，超过应选数 2 项'], [true, '勾选 3 项，超过应选数 2 项'],
    ]);
    expect(rows.filter((r) => Number(r.serial) === 2).map((r) => [r.invalid, JSON.parse(r.marks)])).toEqual([
      [false, { [t.ids[0]!]: 'none', [t.ids[1]!]: 'for', [t.ids[2]!]: 'none' }], [false, { [t.ids[0]!]: 'none', [t.ids[1]!]: 'for', [t.ids[2]!]: 'none' }],
    ]);
  });

  it('a tick ballot fits the sealed length every ballot of its poll is padded to', () => {
    const ids = [101, 102, 103, 104, 105, 106];
    const all = JSON.stringify(Object.fromEntries(ids.map((id) => [id, 'none'])));
    expect(Buffer.byteLength(all)).toBeLessThanOrEqual(sealedLength(ids));
  });
});
