import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { ballot, namedBallot, participation, sealedBallot } from '../../db/schema';
import { get, post } from '../helpers/app';
import { addCycle, addProject } from '../helpers/deliveryFixture';
import { castVia, marksFor, openSession, optionIds, votingFixture, type VotingFixture } from '../helpers/votingFixture';
import { slipsIn, unsealVia } from '../helpers/ballotBoxVia';

const dirs: string[] = [];
const tempDbPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-evaluation-secrecy-'));
  dirs.push(dir);
  return join(dir, 'vote.db');
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Two 2026 projects for 青石镇 to rate, and a clerk's evaluation poll over them at an open session. */
async function evaluationPoll(f: VotingFixture, present: number, secrecy: 'secret' | 'named') {
  const cy = addCycle(f.db, f.qs.id, 2026, f.users.qsClerk.id, 'evaluation');
  for (const [i, title] of ['青石村道路硬化', '新华村文化广场'].entries()) {
    addProject(f.db, cy.id, { title, budget: 500_000, startDate: '2026-03-01', endDate: '2026-10-31', milestones: [] }, i + 1);
  }
  const clerk = await f.login('qs.clerk');
  const s = openSession(f, present);
  const res = await post(f.app, `/j/QS/sessions/${s.id}/polls/evaluation`, { cycleId: String(cy.id), evaluationTitle: '', secrecy }, clerk);
  expect(res.status).toBe(303);
  const pollId = Number(res.headers.get('location')!.split('/').at(-1));
  const opened = await post(f.app, `/j/QS/polls/${pollId}/open`, {}, clerk);
  // A secret poll answers with the page of its three slips (shown once); a named one goes back to the poll.
  expect(opened.status).toBe(secrecy === 'secret' ? 200 : 303);
  const slips = secrecy === 'secret' ? slipsIn(await opened.text()) : [];
  return { clerk, pollId, ids: optionIds(f, pollId), slips };
}

describe('secrecy of the year-end evaluation: the same separation as any secret poll', () => {
  it('through the app: participation says who, the sealed ballot says nothing until 开箱, then only what; the log is emptied', async () => {
    const path = tempDbPath();
    const f = await votingFixture({ reps: 3, logins: 3, db: openDb(path) });
    const { clerk, pollId, ids, slips } = await evaluationPoll(f, 3, 'secret');
    const plans = [['satisfied', 'dissatisfied'], ['basicallySatisfied', ''], ['dissatisfied', 'satisfied']];
    for (const [i, plan] of plans.entries()) {
      const cookie = await f.login(f.usernameOf(i));
      expect((await castVia(f, cookie, pollId, marksFor(ids, plan))).status).toBe(303);
      // The receipt confirms participation, never the choice.
      const receipt = await (await get(f.app, `/j/QS/vote/${pollId}/receipt`, cookie)).text();
      for (const word of ['基本满意', '不满意']) expect(receipt).not.toContain(word);
    }
    const parts = f.db.$client.prepare('select * from participation where poll_id = ?').all(pollId) as Record<string, unknown>[];
    expect(parts.map((p) => Object.keys(p).sort())).toEqual(Array(3).fill(['channel', 'poll_id', 'receipt_code', 'representative_id']));
    expect(JSON.stringify(parts)).not.toMatch(/satisf|abstain/);
    expect(f.db.select().from(ballot).all()).toEqual([]);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(3);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect((await post(f.app, `/j/QS/polls/${pollId}/close`, {}, clerk)).status).toBe(303);
    await unsealVia(f.app, pollId, slips, clerk);
    expect(statSync(`${path}-wal`).size).toBe(0);
    const rows = f.db.$client.prepare('select * from ballot where poll_id = ?').all(pollId) as Record<string, unknown>[];
    expect(rows.map((r) => Object.keys(r).sort())).toEqual(Array(3).fill(['id', 'invalid_reason', 'marks', 'poll_id', 'valid']));
    expect(rows.map((r) => r.id).every((id) => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(f.roster.map((r) => r.name).join('|')));
    expect(f.db.select().from(namedBallot).all()).toEqual([]);
    f.db.$client.close();
  });

  it('a named evaluation keeps the rater with the rating, openly, and says so on the phone and on the sheet', async () => {
    const f = await votingFixture({ reps: 3, logins: 3 });
    const { clerk, pollId, ids } = await evaluationPoll(f, 3, 'named');
    const rep = await f.login('qs.rep');
    expect(await (await get(f.app, '/j/QS/vote', rep)).text()).toContain('注意：本轮为记名投票。');
    expect((await castVia(f, rep, pollId, marksFor(ids, ['satisfied', '']))).status).toBe(303);
    expect(f.db.select().from(ballot).all()).toEqual([]);
    expect(f.db.select({ r: namedBallot.representativeId, m: namedBallot.marks }).from(namedBallot).all())
      .toEqual([{ r: f.roster[0]!.id, m: JSON.stringify({ [ids[0]!]: 'satisfied', [ids[1]!]: 'abstain' }) }]);
    expect(f.db.select().from(participation).all()).toHaveLength(1);
    await post(f.app, `/j/QS/polls/${pollId}/close`, {}, clerk);
    const sheet = await (await get(f.app, `/j/QS/polls/${pollId}/result`, clerk)).text();
    expect(sheet).toContain('记名投票明细');
    expect(sheet).toMatch(/<td>李强<\/td><td>满意<\/td><td>弃权<\/td>/);
  });
});
