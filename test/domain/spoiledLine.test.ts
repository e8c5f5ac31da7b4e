import { describe, expect, it } from 'vitest';
import { checkElectronicBallot, completeMarks, judgeBallot, type Marks } from '../../src/domain/ballot';
import { SPOILED_LINE } from '../../src/domain/choices';
import { tallyEvaluation } from '../../src/domain/evaluationTally';
import { TWO_THIRDS } from '../../src/domain/quorum';
import { countMarks, tallySelection } from '../../src/domain/tally';

/** A paper line with 赞成 and 反对 both ticked: invalid for that line only, the ballot's other lines count. */
const options = [1, 2, 3].map((id) => ({ optionId: id, label: 'ABC'[id - 1]!, candidateId: 100 + id }));
const b = (marks: Marks, valid = true) => ({ marks, valid });

describe('countMarks: a line marked twice counts as invalid for that option alone', () => {
  it.each([
    // [ballots, expected per option: [for, against, abstain, invalid]]
    ['one spoiled line, the rest of the ballot counts', [b({ 1: 'spoiled', 2: 'for', 3: 'against' })], [[0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]]],
    ['every line spoiled: still one ballot, invalid on each line', [b({ 1: 'spoiled', 2: 'spoiled', 3: 'spoiled' })], [[0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 1]]],
    ['a wholly invalid ballot is invalid once per option, spoiled line or not', [b({ 1: 'spoiled', 2: 'for' }, false)], [[0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 1]]],
    ['no spoiled line: unchanged counting (unmarked = abstain)', [b({ 1: 'for' }), b({ 2: 'against' })], [[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 2, 0]]],
  ] as const)('%s', (_name, ballots, expected) => {
    const counted = countMarks('selection', options, ballots);
    expect(options.map((o) => {
      const c = counted.get(o.optionId)!;
      return [c.counts.for, c.counts.against, c.counts.abstain, c.invalid];
    })).toEqual(expected);
  });

  it('a spoiled line is no "for": it neither helps the candidate pass nor counts toward the N limit', () => {
    const marks: Marks = { 1: 'for', 2: 'for', 3: 'spoiled' };
    expect(judgeBallot('selection', marks, 2)).toEqual({ valid: true, limitedCount: 2 });
    const t = tallySelection({
      options, seatsToFill: 2, seated: 3, present: 3, majorityBase: 'seated', quorum: TWO_THIRDS,
      ballots: [b(marks), b({ 1: 'for', 2: 'for', 3: 'for' }, false), b({ 1: 'for', 3: 'spoiled' })],
    });
    expect(t.rows.map((r) => [r.for, r.invalid, r.outcome])).toEqual([[2, 1, 'adopted'], [1, 1, 'failed'], [0, 3, 'failed']]);
    expect(t.ballots).toEqual({ total: 3, valid: 2, invalid: 1 });
  });

  it('an evaluation line marked twice is invalid for that project, not a rating and not 弃权', () => {
    const t = tallyEvaluation({
      options: [{ optionId: 1, label: 'P', projectId: 1 }], seated: 3, present: 3, quorum: TWO_THIRDS, thresholdPct: 80,
      ballots: [b({ 1: 'spoiled' }), b({ 1: 'satisfied' })],
    });
    expect(t.rows[0]).toMatchObject({ satisfied: 1, notRated: 0, invalid: 1, validRatings: 1 });
  });
});

describe('only paper entry may record a line marked twice', () => {
  it.each([
    ['paper', true, true],
    ['a phone', false, false],
  ])('%s → accepted: %s', (_who, paper, accepted) => {
    expect(completeMarks('selection', [1, 2], { 1: SPOILED_LINE, 2: 'for' }, paper).ok).toBe(accepted);
  });

  it('a phone ballot carrying it is refused as unreadable', () => {
    expect(checkElectronicBallot('selection', [1, 2], { 1: SPOILED_LINE }, 2)).toMatchObject({ ok: false, error: expect.stringContaining('无法识别') });
  });
});
