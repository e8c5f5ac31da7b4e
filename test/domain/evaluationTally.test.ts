import { describe, expect, it } from 'vitest';
import type { Marks } from '../../src/domain/ballot';
import { tallyEvaluation, type EvaluationOption } from '../../src/domain/evaluationTally';
import { TWO_THIRDS } from '../../src/domain/quorum';
import { evaluationSummary } from '../../src/domain/resultText';
import type { TallyBallot } from '../../src/domain/tally';

const options: EvaluationOption[] = [
  { optionId: 11, label: '道路硬化', projectId: 1 },
  { optionId: 12, label: '饮水工程', projectId: 2 },
];
const S = 'satisfied', B = 'basicallySatisfied', D = 'dissatisfied', A = 'abstain';

/** One valid ballot per string: a letter per option, S/B/D/A; '-' leaves the option out of the ballot entirely. */
function ballots(...rows: string[]): TallyBallot[] {
  const code: Record<string, string> = { S, B, D, A };
  return rows.map((r) => {
    const marks: Marks = {};
    [...r].forEach((ch, i) => { if (ch !== '-') marks[options[i]!.optionId] = code[ch] as Marks[string]; });
    return { marks, valid: true };
  });
}

const tally = (b: TallyBallot[], thresholdPct = 60, seated = 9, present = 6) =>
  tallyEvaluation({ options, ballots: b, seated, present, quorum: TWO_THIRDS, thresholdPct });

describe('evaluation tally: ratings per project, the unrated excluded', () => {
  it.each<[string, TallyBallot[], [number, number, number, number, number, number | null, boolean][]]>([
    // rows: [satisfied, basic, dissatisfied, notRated, invalid, ratePct, marked]
    ['every project rated', ballots('SD', 'BD', 'DS'), [[1, 1, 1, 0, 0, 66.7, false], [1, 0, 2, 0, 0, 33.3, true]]],
    ['an unrated project (弃权) is no rating: 2 of 2 valid ratings satisfied → 100%', ballots('SA', 'SA', 'AD'), [[2, 0, 0, 1, 0, 100, false], [0, 0, 1, 2, 0, 0, true]]],
    ['an option missing from a ballot counts as unrated', ballots('S-', '-D'), [[1, 0, 0, 1, 0, 100, false], [0, 0, 1, 1, 0, 0, true]]],
    ['nobody rated a project: no rate, not marked', ballots('SA', 'BA'), [[1, 1, 0, 0, 0, 100, false], [0, 0, 0, 2, 0, null, false]]],
    ['exactly at the threshold (3 of 5 = 60%) is not below', ballots('SS', 'BS', 'SS', 'DS', 'DS'), [[2, 1, 2, 0, 0, 60, false], [5, 0, 0, 0, 0, 100, false]]],
    ['2 of 5 = 40% is below', ballots('DS', 'DS', 'DS', 'SS', 'BS'), [[1, 1, 3, 0, 0, 40, true], [5, 0, 0, 0, 0, 100, false]]],
    ['no ballots at all', [], [[0, 0, 0, 0, 0, null, false], [0, 0, 0, 0, 0, null, false]]],
  ])('%s', (_name, b, expected) => {
    const t = tally(b);
    expect(t.rows.map((r) => [r.satisfied, r.basic, r.dissatisfied, r.notRated, r.invalid, r.ratePct, r.marked])).toEqual(expected);
    for (const r of t.rows) expect(r.validRatings + r.notRated + r.invalid).toBe(b.length); // every ballot lands somewhere once
  });

  it('an invalid ballot rates nothing and counts invalid for every project', () => {
    const t = tally([...ballots('SS', 'DD'), { marks: { 11: 'dissatisfied', 12: 'dissatisfied' }, valid: false }]);
    expect(t.ballots).toEqual({ total: 3, valid: 2, invalid: 1 });
    expect(t.rows.map((r) => [r.dissatisfied, r.invalid, r.validRatings])).toEqual([[1, 1, 2], [1, 1, 2]]);
  });

  it('overall pools the valid ratings of every project; the summary names the projects to rectify', () => {
    const t = tally(ballots('SD', 'SD', 'BS', 'DA'));
    // project 1 = S,S,B,D → 3/4; project 2 = D,D,S (one unrated) → 1/3; overall (3 + 1) / (4 + 3) = 4/7
    expect(t.overall).toMatchObject({ satisfied: 3, basic: 1, dissatisfied: 3, validRatings: 7, rate: { num: 4, den: 7 }, ratePct: 57.1 });
    expect(t.rows.map((r) => r.ratePct)).toEqual([75, 33.3]);
    expect(t.marked).toBe(1);
    expect(evaluationSummary(t)).toBe('总体满意率 57.1%（有效评价 7 份）；1 个项目满意率低于 60%，须整改：饮水工程。');
  });

  it.each<[number, number, boolean, number]>([
    [6, 9, true, 6], // exactly two thirds present
    [5, 9, false, 6],
    [0, 0, false, 0], // an empty roster never has a quorum
  ])('%i present of %i seated → quorum %s (needed %i), shown on the sheet', (present, seated, met, needed) => {
    const t = tally([], 60, seated, present);
    expect([t.quorumMet, t.quorumNeeded]).toEqual([met, needed]);
  });

  it('the threshold used is part of the result', () => {
    const b = ballots('SD', 'SD', 'DD');
    expect(tally(b, 60).rows.map((r) => r.marked)).toEqual([false, true]); // 2/3 = 66.7% vs 60
    expect(tally(b, 67).rows.map((r) => r.marked)).toEqual([true, true]); // 66.7% is below 67: no rounding up
    expect(tally(b, 67).thresholdPct).toBe(67);
    expect(evaluationSummary(tally(ballots('SS'), 60))).toBe('总体满意率 100%（有效评价 2 份）；没有满意率低于 60% 的项目。');
  });
});
