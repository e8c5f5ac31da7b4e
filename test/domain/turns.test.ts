import { describe, expect, it } from 'vitest';
import { turns } from '../../src/auth/turns';

/** Work that finishes when told to, so the test decides what overlaps. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  return { open, opened };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('turns: at most so many at once, the rest in line', () => {
  it.each([
    { slots: 1, n: 1 }, { slots: 1, n: 5 }, { slots: 2, n: 1 }, { slots: 2, n: 2 }, { slots: 2, n: 7 }, { slots: 3, n: 10 },
  ])('$n pieces of work with $slots slots: all done, never more than $slots running, in arrival order', async ({ slots, n }) => {
    const t = turns(slots);
    const gates = Array.from({ length: n }, gate);
    const started: number[] = [];
    let inside = 0;
    let most = 0;
    const all = Promise.all(gates.map((g, i) => t.run(async () => {
      started.push(i);
      most = Math.max(most, ++inside);
      await g.opened;
      inside--;
      return i * 10;
    })));
    await tick();
    expect(t.running).toBe(Math.min(slots, n));
    expect(t.waiting).toBe(Math.max(0, n - slots));
    for (const g of gates) { g.open(); await tick(); }
    expect(await all).toEqual(gates.map((_, i) => i * 10));
    expect(started).toEqual(gates.map((_, i) => i));
    expect(most).toBe(Math.min(slots, n));
    expect(t.peak).toBe(Math.min(slots, n));
    expect(t.running).toBe(0);
  });

  it('work that fails gives its slot to the next in line', async () => {
    const t = turns(1);
    const failing = t.run(async () => { throw new Error('bad'); });
    const next = t.run(async () => 'done');
    await expect(failing).rejects.toThrow('bad');
    expect(await next).toBe('done');
    expect(t.running).toBe(0);
    expect(t.waiting).toBe(0);
  });

  it.each([0, -1, 1.5])('refuses %s slots', (slots) => {
    expect(() => turns(slots)).toThrow(RangeError);
  });
});
