import { describe, expect, it } from 'vitest';
import { checkTickBallot, judgeTickBallot, type Marks } from '../../src/domain/ballot';
import { choiceSetOf } from '../../src/domain/choices';
import { tallySelection } from '../../src/domain/tally';

const IDS = [11, 12, 13, 14];

describe('勾选 ballots: tick at most N, a tick is a vote for', () => {
  it.each([
    [[], true], // nothing ticked: a valid ballot that votes for nobody
    [['11'], true],
    [['11', '13'], true], // exactly N = 2
    [['11', '12', '13'], false], // more ticks than places
  ])('ticks %j with N = 2 → accepted %s', (ticked, accepted) => {
    const r = checkTickBallot(IDS, ticked, 2);
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.error).toBe('最多勾选 2 项，您勾选了 3 项。请取消多余的勾选后再提交');
    else expect(Object.values(r.value).filter((m) => m === 'for')).toHaveLength(ticked.length);
  });

  it('a tick on another poll\'s option or twice on one option is a stale form', () => {
    expect(checkTickBallot(IDS, ['99'], 2)).toMatchObject({ ok: false, error: expect.stringContaining('无法识别') });
    expect(checkTickBallot(IDS, ['11', '11'], 2)).toMatchObject({ ok: false });
  });

  it('a paper ballot with more ticks than N is invalid as a whole, in the tick\'s words', () => {
    const marks = { 11: 'for', 12: 'for', 13: 'for', 14: 'none' } as Marks;
    expect(judgeTickBallot(marks, 2)).toEqual({ valid: false, limitedCount: 3, reason: '勾选 3 项，超过应选数 2 项' });
    expect(judgeTickBallot(marks, 3)).toEqual({ valid: true, limitedCount: 3 });
  });

  it('the tick form is the selection\'s and the runoff\'s; an evaluation keeps its ratings', () => {
    expect(choiceSetOf('selection', 'tick').marks).toEqual(['for', 'none']);
    expect(choiceSetOf('runoff', 'tick').unmarked).toBe('none');
    expect(choiceSetOf('evaluation', 'tick').marks).toContain('satisfied');
    expect(choiceSetOf('selection').marks).toEqual(['for', 'against', 'abstain']);
  });

  it('counting: ticks are "for", unticked options are neither against nor abstain; majority and ranking as per the rule', () => {
    // 9 seated, all present, N = 2: A ticked 7 times, B 5, C 5, D 0; one ballot with three ticks is invalid.
    const ballot = (ticks: number[]) => ({ valid: ticks.length <= 2, marks: Object.fromEntries(IDS.map((id) => [id, ticks.includes(id) ? 'for' : 'none'])) as Marks });
    const ballots = [
      ballot([11, 12]), ballot([11, 12]), ballot([11, 13]), ballot([11, 13]), ballot([11, 12]), ballot([11, 13]), ballot([11]),
      ballot([12, 13]), ballot([11, 12, 13]),
    ];
    const t = tallySelection({
      options: IDS.map((id, i) => ({ optionId: id, label: 'ABCD'[i]!, candidateId: id })), ballots, seatsToFill: 2,
      seated: 9, present: 9, majorityBase: 'seated', quorum: { num: 2, den: 3 }, ballotForm: 'tick',
    });
    expect(t.ballots).toEqual({ total: 9, valid: 8, invalid: 1 });
    expect(t.rows.map((r) => [r.label, r.for, r.against, r.abstain, r.invalid, r.outcome])).toEqual([
      ['A', 7, 0, 0, 1, 'adopted'],
      ['B', 4, 0, 0, 1, 'failed'], // 4 of 9 seated is not more than half
      ['C', 4, 0, 0, 1, 'failed'],
      ['D', 0, 0, 0, 1, 'failed'],
    ]);
    expect(t.emptySeats).toBe(1);
  });
});
