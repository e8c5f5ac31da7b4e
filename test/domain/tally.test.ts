import { describe, expect, it } from 'vitest';
import type { Marks } from '../../src/domain/ballot';
import { judgeBallot } from '../../src/domain/ballot';
import { tallySelection, type Outcome, type TallyBallot, type TallyOption } from '../../src/domain/tally';
import { TWO_THIRDS } from '../../src/domain/quorum';

const LETTERS = 'ABCDEFGH';
const optionsOf = (n: number): TallyOption[] =>
  [...LETTERS.slice(0, n)].map((l, i) => ({ optionId: i + 1, label: l, candidateId: 100 + i }));

/**
 * `ballots` valid ballots on which candidate i gets fors[i] "for" marks, spread round-robin so that no ballot
 * carries more "for" marks than it needs; every other mark is "against" on the last `against` ballots, else abstain.
 */
function ballotsWith(ballots: number, fors: number[], against = 0): TallyBallot[] {
  const out: Marks[] = Array.from({ length: ballots }, () => ({}));
  let p = 0;
  fors.forEach((f, i) => {
    for (let k = 0; k < f; k++) out[(p + k) % ballots]![i + 1] = 'for';
    p = (p + f) % ballots;
  });
  out.forEach((m, b) => fors.forEach((_, i) => { m[i + 1] ??= b >= ballots - against ? 'against' : 'abstain'; }));
  return out.map((marks) => ({ marks, valid: true }));
}

interface Row {
  name: string; seated: number; present: number; base: 'seated' | 'present'; n: number; fors: number[];
  outcomes: Outcome[]; runoffSeats?: number; emptySeats?: number;
}

const table: Row[] = [
  { name: 'exactly half of the seated is NOT adopted (60 of 120)', seated: 120, present: 100, base: 'seated', n: 1, fors: [60], outcomes: ['failed'], emptySeats: 1 },
  { name: 'one more than half is adopted (61 of 120)', seated: 120, present: 100, base: 'seated', n: 1, fors: [61], outcomes: ['adopted'], emptySeats: 0 },
  { name: 'the base is the seated, not the present: 50 of 90 present fails with 120 seated', seated: 120, present: 90, base: 'seated', n: 1, fors: [50], outcomes: ['failed'] },
  { name: 'majority base present: 46 of 90 present passes', seated: 120, present: 90, base: 'present', n: 1, fors: [46], outcomes: ['adopted'] },
  { name: 'majority base present: exactly half of the present (45 of 90) fails', seated: 120, present: 90, base: 'present', n: 1, fors: [45], outcomes: ['failed'] },
  { name: 'an odd base: 23 of 45 passes, 22 fails', seated: 45, present: 40, base: 'seated', n: 2, fors: [23, 22], outcomes: ['adopted', 'failed'], emptySeats: 1 },
  { name: 'more pass than N: the N with most "for"', seated: 120, present: 110, base: 'seated', n: 2, fors: [100, 90, 80, 70], outcomes: ['adopted', 'adopted', 'outranked', 'outranked'], runoffSeats: 0 },
  { name: 'a tie AT the cut → the tied need a runoff for the places left', seated: 120, present: 100, base: 'seated', n: 2, fors: [90, 80, 80], outcomes: ['adopted', 'runoff', 'runoff'], runoffSeats: 1, emptySeats: 0 },
  { name: 'a three-way tie at the cut for two places', seated: 120, present: 100, base: 'seated', n: 3, fors: [95, 70, 70, 70], outcomes: ['adopted', 'runoff', 'runoff', 'runoff'], runoffSeats: 2 },
  { name: 'everyone tied for fewer places: no one adopted yet', seated: 120, present: 100, base: 'seated', n: 2, fors: [80, 80, 80], outcomes: ['runoff', 'runoff', 'runoff'], runoffSeats: 2 },
  { name: 'a tie ABOVE the cut decides nothing', seated: 120, present: 100, base: 'seated', n: 3, fors: [90, 90, 80, 70], outcomes: ['adopted', 'adopted', 'adopted', 'outranked'], runoffSeats: 0 },
  { name: 'a tie at the cut that fits inside the places', seated: 120, present: 100, base: 'seated', n: 2, fors: [80, 80, 70], outcomes: ['adopted', 'adopted', 'outranked'], runoffSeats: 0 },
  { name: 'a tie below the cut decides nothing', seated: 120, present: 100, base: 'seated', n: 1, fors: [90, 70, 70], outcomes: ['adopted', 'outranked', 'outranked'] },
  { name: 'a tie at the cut between a passing and a failing candidate cannot happen: only passing ones rank', seated: 120, present: 100, base: 'seated', n: 1, fors: [61, 60], outcomes: ['adopted', 'failed'] },
  { name: 'tied at exactly half: neither passes, no runoff', seated: 120, present: 100, base: 'seated', n: 1, fors: [60, 60], outcomes: ['failed', 'failed'], runoffSeats: 0, emptySeats: 1 },
  { name: 'all abstain: nothing adopted, every place empty', seated: 120, present: 90, base: 'seated', n: 3, fors: [0, 0, 0, 0], outcomes: ['failed', 'failed', 'failed', 'failed'], emptySeats: 3 },
  { name: 'N = number of candidates (等额): each passing one is adopted', seated: 86, present: 70, base: 'seated', n: 3, fors: [70, 44, 43], outcomes: ['adopted', 'adopted', 'failed'], emptySeats: 1 },
  { name: 'fewer than N pass: the places stay empty', seated: 120, present: 100, base: 'seated', n: 3, fors: [90, 50, 40, 30], outcomes: ['adopted', 'failed', 'failed', 'failed'], emptySeats: 2 },
];

describe('tallySelection (DOMAIN §3.4)', () => {
  it.each(table)('$name', (row) => {
    const t = tallySelection({
      options: optionsOf(row.fors.length), ballots: ballotsWith(row.present, row.fors),
      seatsToFill: row.n, seated: row.seated, present: row.present, majorityBase: row.base, quorum: TWO_THIRDS,
    });
    expect(t.rows.map((r) => r.outcome)).toEqual(row.outcomes);
    expect(t.rows.map((r) => r.for)).toEqual(row.fors);
    if (row.runoffSeats !== undefined) expect(t.runoffSeats).toBe(row.runoffSeats);
    if (row.emptySeats !== undefined) expect(t.emptySeats).toBe(row.emptySeats);
    expect(t.adopted + t.runoffSeats + t.emptySeats).toBe(row.n);
    expect(t.adopted).toBe(row.outcomes.filter((o) => o === 'adopted').length);
  });

  it('counts for/against/abstain per candidate and states every number used', () => {
    const t = tallySelection({
      options: optionsOf(2), ballots: ballotsWith(90, [70, 30], 10),
      seatsToFill: 1, seated: 120, present: 95, majorityBase: 'seated', quorum: TWO_THIRDS,
    });
    expect(t.rows[0]).toMatchObject({ label: 'A', for: 70, against: 10, abstain: 10, invalid: 0, rank: 1, outcome: 'adopted' });
    expect(t.rows[1]).toMatchObject({ label: 'B', for: 30, passes: false, rank: null, outcome: 'failed' });
    expect(t.rows[1]!.for + t.rows[1]!.against + t.rows[1]!.abstain).toBe(90);
    expect(t).toMatchObject({ seated: 120, present: 95, baseCount: 120, minimumFor: 61, quorumNeeded: 80, quorumMet: true, ballots: { total: 90, valid: 90, invalid: 0 } });
  });

  it('ranks passing candidates 1, 2, 2, 4', () => {
    const t = tallySelection({
      options: optionsOf(4), ballots: ballotsWith(100, [90, 80, 80, 70]),
      seatsToFill: 4, seated: 100, present: 100, majorityBase: 'seated', quorum: TWO_THIRDS,
    });
    expect(t.rows.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });

  it('an over-N ballot is invalid for every candidate and adds no marks', () => {
    const over: Marks = { 1: 'for', 2: 'for', 3: 'for' };
    const j = judgeBallot('selection', over, 2);
    expect(j).toMatchObject({ valid: false, limitedCount: 3 });
    expect(j.valid ? '' : j.reason).toBe('赞成票 3 个，超过应选数 2 个');
    expect(judgeBallot('selection', { 1: 'for', 2: 'for', 3: 'against' }, 2).valid).toBe(true); // exactly N is fine
    const ballots = [...ballotsWith(70, [61, 60, 10]), { marks: over, valid: false }, { marks: over, valid: false }];
    const t = tallySelection({
      options: optionsOf(3), ballots, seatsToFill: 2, seated: 120, present: 80, majorityBase: 'seated', quorum: TWO_THIRDS,
    });
    expect(t.rows.map((r) => [r.for, r.invalid])).toEqual([[61, 2], [60, 2], [10, 2]]);
    expect(t.rows.map((r) => r.outcome)).toEqual(['adopted', 'failed', 'failed']);
    expect(t.ballots).toEqual({ total: 72, valid: 70, invalid: 2 });
  });

  it('a ballot that leaves a candidate unmarked counts it as abstain', () => {
    const t = tallySelection({
      options: optionsOf(2), ballots: [{ marks: { 1: 'for' }, valid: true }],
      seatsToFill: 1, seated: 1, present: 1, majorityBase: 'seated', quorum: TWO_THIRDS,
    });
    expect(t.rows[1]).toMatchObject({ for: 0, against: 0, abstain: 1 });
  });

  it('no ballots at all: every candidate fails, places empty', () => {
    const t = tallySelection({ options: optionsOf(2), ballots: [], seatsToFill: 1, seated: 0, present: 0, majorityBase: 'seated', quorum: TWO_THIRDS });
    expect(t.rows.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    expect(t).toMatchObject({ quorumMet: false, emptySeats: 1, adopted: 0 });
  });
});
