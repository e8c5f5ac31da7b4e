import { describe, expect, it } from 'vitest';
import { pollById } from '../../src/data/pollReads';
import { readSelectionResult } from '../../src/data/results';
import { unsealPollOffLoop } from '../../src/data/unseal';
import { cast, clerkActor, closeSealed, openedPoll } from '../helpers/pollCases';

async function castAndClosed() {
  const t = await openedPoll({ reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6 });
  for (let i = 0; i < 6; i++) cast(t, i, ['for', i < 4 ? 'for' : 'against', 'against']);
  closeSealed(t);
  return t;
}

describe('开箱 from a request: the box code key derived off the event loop', () => {
  it('opens the box and counts it, and the loop answers other work while the key is derived', async () => {
    const t = await castAndClosed();
    let answered = false;
    setImmediate(() => { answered = true; });
    const pending = unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, [t.slips[0]!, t.slips[1]!], new Date());
    const r = await pending;
    expect(answered).toBe(true);
    expect(r.ok && r.value.ballots).toBe(6);
    const result = readSelectionResult(t.f.db, t.poll.id)!;
    expect(result.tally.rows.map((row) => row.for)).toEqual([6, 4, 0]);
    expect(t.f.db.$client.prepare('select count(*) as n from sealed_ballot where poll_id = ?').get(t.poll.id)).toEqual({ n: 0 });
  });

  it('two scrutineer pairs at once: the box is opened once, the other is told it is already open', async () => {
    const t = await castAndClosed();
    const open = (slips: [number, number]) => unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, slips.map((i) => t.slips[i]!), new Date());
    const [a, b] = await Promise.all([open([0, 1]), open([1, 2])]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = a.ok ? b : a;
    expect(!refused.ok && refused.error).toBe('票箱已经打开');
    expect(t.f.db.$client.prepare('select count(*) as n from ballot where poll_id = ?').get(t.poll.id)).toEqual({ n: 6 });
  });

  it('slips that are not this box\'s are refused and the box stays sealed', async () => {
    const t = await castAndClosed();
    const other = await openedPoll({ reps: 6, logins: 0, candidates: 3, seatsToFill: 2, present: 6 });
    const r = await unsealPollOffLoop(t.f.db, clerkActor(t.f), pollById(t.f.db, t.poll.id)!, [other.slips[0]!, other.slips[1]!], new Date());
    expect(r.ok).toBe(false);
    expect(t.f.db.$client.prepare('select count(*) as n from sealed_ballot where poll_id = ?').get(t.poll.id)).toEqual({ n: 6 });
  });
});
