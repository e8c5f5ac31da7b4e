import type { Marks } from './ballot';
import { packBallots, packTotals, type BallotPack } from './ballotPack';
import { choiceSetOf, SPOILED_LINE, type Mark, type PollKind } from './choices';
import { markOfCode } from './compactMarks';
import type { BallotForm } from './vocabulary';
import { minimumFor, passesMajority, type MajorityBase } from './majority';
import { hasQuorum, quorumNeeded, type Comparator, type Fraction } from './quorum';

export interface TallyOption { optionId: number; label: string; candidateId: number | null }
export interface TallyBallot { marks: Marks; valid: boolean }

export type MarkCounts = Partial<Record<Mark, number>>;
export interface OptionCounts { counts: MarkCounts; invalid: number }

/** A poll's ballots for the count: a list (a test's, a named poll's) or packed as the anonymous table reads them. */
export type Ballots = readonly TallyBallot[] | BallotPack;

/** The ballots as a pack for the options in order (a pack is taken as it is). */
export function packFor(options: readonly Pick<TallyOption, 'optionId'>[], ballots: Ballots): BallotPack {
  return isPack(ballots) ? ballots : packBallots(options.map((o) => o.optionId), ballots);
}

function isPack(ballots: Ballots): ballots is BallotPack {
  return !Array.isArray(ballots);
}

/** Character codes of the compact marks run below this: an option's counts are one row of a 128-wide table. */
const CODE_SPAN = 128;

/**
 * Counts every option's marks over the valid ballots, for any poll kind. An invalid ballot (e.g. more "for" than
 * places) counts as invalid for every option, a line marked twice on a valid paper ballot as invalid for that
 * option alone, and an option a ballot does not mention counts as unmarked.
 */
export function countMarks(kind: PollKind, options: readonly Pick<TallyOption, 'optionId'>[], ballots: Ballots, form: BallotForm = 'perItem'): Map<number, OptionCounts> {
  const set = choiceSetOf(kind, form);
  const pack = packFor(options, ballots);
  const width = options.length;
  if (pack.width !== width) throw new Error(`ballots of ${pack.width} options counted for ${width}`);
  // One pass over the characters, adding to (option, character code); the codes become marks once per option.
  const sums = new Int32Array(width * CODE_SPAN);
  const codes = pack.codes;
  for (let at = 0, i = 0; at < codes.length; at++) {
    const c = codes.charCodeAt(at);
    if (c >= CODE_SPAN) markOfCode(c); // throws: not a compact mark
    sums[i * CODE_SPAN + c]!++;
    if (++i === width) i = 0;
  }
  const invalidBallots = packTotals(pack).invalid;
  const out = new Map<number, OptionCounts>();
  options.forEach((o, i) => {
    const row: OptionCounts = { counts: Object.fromEntries(set.marks.map((m) => [m, 0])), invalid: invalidBallots };
    for (let c = 0; c < CODE_SPAN; c++) {
      const n = sums[i * CODE_SPAN + c]!;
      if (n === 0) continue;
      const m = markOfCode(c) ?? set.unmarked;
      if (m === SPOILED_LINE) row.invalid += n;
      else row.counts[m] = (row.counts[m] ?? 0) + n;
    }
    out.set(o.optionId, row);
  });
  return out;
}

/**
 * adopted: passes the majority and is among the N with most "for";
 * runoff: passes, but tied at the N-th place with more tied than places left (另行投票 among them);
 * outranked: passes, but below the N-th place; failed: "for" not more than half the base.
 */
export type Outcome = 'adopted' | 'runoff' | 'outranked' | 'failed';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  adopted: '通过',
  runoff: '得票相同，需另行投票',
  outranked: '过半数但未进入应选名额',
  failed: '未过半数',
};

export interface OptionResult extends TallyOption {
  for: number; against: number; abstain: number; invalid: number;
  passes: boolean;
  /** Place among the options that pass, by "for" (1, 2, 2, 4 …); null when it does not pass. */
  rank: number | null;
  outcome: Outcome;
}

export interface SelectionTallyInput {
  kind?: 'selection' | 'runoff' | 'further';
  options: readonly TallyOption[];
  ballots: Ballots;
  seatsToFill: number;
  seated: number;
  present: number;
  majorityBase: MajorityBase;
  quorum: Fraction;
  /** 以上 (default) or 超过, as the poll's rule says. */
  quorumComparator?: Comparator;
  /** 勾选 ballots count a tick as "for"; an unticked option is neither against nor abstain. */
  ballotForm?: BallotForm;
}

export interface SelectionTally {
  seated: number;
  present: number;
  quorum: Fraction;
  quorumComparator?: Comparator;
  quorumNeeded: number;
  quorumMet: boolean;
  majorityBase: MajorityBase;
  baseCount: number;
  minimumFor: number;
  seatsToFill: number;
  ballots: { total: number; valid: number; invalid: number };
  rows: OptionResult[]; // in ballot order
  adopted: number;
  /** Places left to fill by a runoff among the tied options (0 when no runoff is needed). */
  runoffSeats: number;
  /** Places that stay empty because too few passed. */
  emptySeats: number;
}

/** The selection rule of DOMAIN §3.4, total over any input; every number it used is in the result. */
export function tallySelection(input: SelectionTallyInput): SelectionTally {
  const kind = input.kind ?? 'selection';
  const counted = countMarks(kind, input.options, input.ballots, input.ballotForm);
  const baseCount = input.majorityBase === 'seated' ? input.seated : input.present;
  const rows: OptionResult[] = input.options.map((o) => {
    const c = counted.get(o.optionId)!;
    const forVotes = c.counts.for ?? 0;
    const passes = passesMajority(forVotes, baseCount);
    return {
      ...o, for: forVotes, against: c.counts.against ?? 0, abstain: c.counts.abstain ?? 0, invalid: c.invalid,
      passes, rank: null, outcome: passes ? 'outranked' : 'failed',
    };
  });

  const passing = rows.filter((r) => r.passes).sort((a, b) => b.for - a.for);
  passing.forEach((r) => { r.rank = 1 + passing.filter((p) => p.for > r.for).length; });
  const n = Math.max(0, input.seatsToFill);
  let adopted = 0;
  let runoffSeats = 0;
  if (passing.length <= n) {
    for (const r of passing) r.outcome = 'adopted';
    adopted = passing.length;
  } else if (n > 0) {
    const cut = passing[n - 1]!.for; // the "for" count at the N-th place
    const above = passing.filter((r) => r.for > cut);
    const atCut = passing.filter((r) => r.for === cut);
    for (const r of above) r.outcome = 'adopted';
    if (above.length + atCut.length <= n) {
      for (const r of atCut) r.outcome = 'adopted'; // a tie that fits inside the places decides nothing
      adopted = above.length + atCut.length;
    } else {
      for (const r of atCut) r.outcome = 'runoff';
      adopted = above.length;
      runoffSeats = n - above.length;
    }
  }
  return {
    ...rollFigures(input),
    majorityBase: input.majorityBase,
    baseCount,
    minimumFor: minimumFor(baseCount),
    seatsToFill: n,
    rows,
    adopted,
    runoffSeats,
    emptySeats: n - adopted - runoffSeats,
  };
}

/** The numbers every result sheet prints, whatever the poll: the roll, the quorum, the ballots. */
export function rollFigures(input: { seated: number; present: number; quorum: Fraction; quorumComparator?: Comparator; ballots: Ballots }) {
  const { total, valid } = isPack(input.ballots) ? packTotals(input.ballots) : { total: input.ballots.length, valid: input.ballots.filter((b) => b.valid).length };
  const comparator = input.quorumComparator ?? 'atLeast';
  return {
    seated: input.seated,
    present: input.present,
    quorum: input.quorum,
    quorumComparator: comparator,
    quorumNeeded: quorumNeeded(input.seated, input.quorum, comparator),
    quorumMet: hasQuorum(input.present, input.seated, input.quorum, comparator),
    ballots: { total, valid, invalid: total - valid },
  };
}
