import { describe, expect, it } from 'vitest';
import { fundsBar, scaled, shares, stackSpans } from '../../src/domain/barScale';

describe('a value as a share of its bar', () => {
  it.each<[number, number, number]>([
    [50, 200, 25],
    [200, 200, 100],
    [0, 200, 0],
    [300, 200, 100], // past the scale: the bar is full, never wider than its track
    [5, 0, 0], // nothing to scale by: no bar rather than Infinity
    [-5, 100, 0],
    [0, 0, 0],
  ])('%d of %d → %d %%', (v, max, expected) => {
    expect(scaled(v, max)).toBe(expected);
  });
});

describe('stacked segments end to end', () => {
  it('lay each segment after the one before', () => {
    expect(stackSpans([10, 5, 5], 20)).toEqual([{ x: 0, w: 50 }, { x: 50, w: 25 }, { x: 75, w: 25 }]);
  });
  it('cut what runs past the end of the track', () => {
    expect(stackSpans([60, 60], 100)).toEqual([{ x: 0, w: 60 }, { x: 60, w: 40 }]);
  });
  it('draw nothing when there is nothing to scale by (no votes yet)', () => {
    expect(stackSpans([0, 0, 0], 0)).toEqual([{ x: 0, w: 0 }, { x: 0, w: 0 }, { x: 0, w: 0 }]);
  });
});

describe('whole-percent shares that add up to 100', () => {
  it.each<[number[], number[] | null]>([
    [[12, 5, 3], [60, 25, 15]],
    [[1, 1, 1], [34, 33, 33]], // ties: the earlier rating takes the odd point
    [[2, 1, 0], [67, 33, 0]],
    [[1, 1, 4], [17, 17, 66]], // 16.67/16.67/66.67: equal remainders tie exactly, the earlier ones round up
    [[0, 0, 7], [0, 0, 100]],
    [[1, 0, 0], [100, 0, 0]],
    [[0, 0, 0], null], // no votes: no shares at all, not 0 %
    [[], null],
  ])('%j → %j', (counts, expected) => {
    const got = shares(counts);
    expect(got).toEqual(expected);
    if (got) expect(got.reduce((s, v) => s + v, 0)).toBe(100);
  });
});

describe('each project\'s funds on its own scale', () => {
  it.each<[string, number, number, { max: number; pct: number | null; over: boolean }]>([
    ['half spent', 50_000, 100_000, { max: 100_000, pct: 50, over: false }],
    ['exactly the budget is not over', 100_000, 100_000, { max: 100_000, pct: 100, over: false }],
    ['over-spend: the track is the spending, the budget a marker inside it', 130_000, 100_000, { max: 130_000, pct: 130, over: true }],
    ['nothing spent', 0, 100_000, { max: 100_000, pct: 0, over: false }],
    ['no budget: no percentage', 0, 0, { max: 0, pct: null, over: false }],
    ['spent without a budget is over, with no percentage', 5_000, 0, { max: 5_000, pct: null, over: true }],
  ])('%s', (_name, spent, budget, expected) => {
    expect(fundsBar(spent, budget)).toMatchObject(expected);
  });

  it('a small project fills its bar as much as a large one at the same share', () => {
    const small = fundsBar(20_000, 40_000);
    const large = fundsBar(1_300_000, 2_600_000);
    expect(scaled(small.spent, small.max)).toBe(scaled(large.spent, large.max));
  });
});
