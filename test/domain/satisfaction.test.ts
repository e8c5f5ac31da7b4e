import { describe, expect, it } from 'vitest';
import { evaluate, isBelowThreshold, overallCounts, ratePct, satisfactionRate, type RatingCounts } from '../../src/domain/satisfaction';

const c = (satisfied: number, basic: number, dissatisfied: number): RatingCounts => ({ satisfied, basic, dissatisfied });

describe('satisfaction rate = (满意 + 基本满意) / valid ratings', () => {
  it.each<[RatingCounts, { num: number; den: number } | null, number | null]>([
    [c(50, 10, 20), { num: 60, den: 80 }, 75],
    [c(0, 0, 7), { num: 0, den: 7 }, 0],
    [c(3, 0, 0), { num: 3, den: 3 }, 100],
    [c(1, 1, 1), { num: 2, den: 3 }, 66.7],
    [c(0, 0, 0), null, null], // no valid rating: no rate at all, not 0%
  ])('%j → %j, shown as %s', (counts, rate, pct) => {
    expect(satisfactionRate(counts)).toEqual(rate);
    expect(ratePct(satisfactionRate(counts))).toBe(pct);
  });
});

describe('below the threshold → marked for rectification', () => {
  it.each<[string, RatingCounts, number, boolean]>([
    ['exactly 60% is not below 60', c(30, 6, 24), 60, false],
    ['59/100 is below 60', c(50, 9, 41), 60, true],
    ['61/100 is not', c(50, 11, 39), 60, false],
    ['3 of 5 = 60%: not below', c(2, 1, 2), 60, false],
    ['2 of 5 = 40%: below', c(1, 1, 3), 60, true],
    ['2 of 3 = 66.67% vs 67: below (no rounding up)', c(2, 0, 1), 67, true],
    ['2 of 3 vs 66: not below', c(2, 0, 1), 66, false],
    ['zero valid ratings: not marked, there is no rate', c(0, 0, 0), 60, false],
    ['threshold 0: nothing is below', c(0, 0, 9), 0, false],
    ['threshold 100: anything short of all is below', c(9, 0, 1), 100, true],
    ['threshold 100, all satisfied: not below', c(5, 5, 0), 100, false],
  ])('%s', (_n, counts, threshold, below) => {
    expect(isBelowThreshold(counts, threshold)).toBe(below);
  });
});

describe('overall', () => {
  it('pools every valid rating, so bigger turnouts weigh more', () => {
    expect(overallCounts([c(1, 0, 0), c(0, 0, 3)])).toEqual(c(1, 0, 3));
    const e = evaluate([{ projectId: 1, counts: c(40, 10, 10) }, { projectId: 2, counts: c(20, 10, 30) }, { projectId: 3, counts: c(0, 0, 0) }], 60);
    expect(e.projects.map((p) => [p.projectId, p.marked])).toEqual([[1, false], [2, true], [3, false]]);
    expect(e.overall.rate).toEqual({ num: 80, den: 120 });
    const f = evaluate([{ projectId: 2, counts: c(20, 9, 31) }], 50);
    expect(f.projects[0]!.marked).toBe(true);
  });

  it('no projects: no rate', () => {
    expect(evaluate([], 60).overall.rate).toBeNull();
  });
});
