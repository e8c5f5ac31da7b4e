import type { Marks } from './ballot';
import { choiceSetOf, SPOILED_LINE, type Mark, type PollKind } from './choices';
import type { BallotForm } from './vocabulary';
import { minimumFor, passesMajority, type MajorityBase } from './majority';
import { hasQuorum, quorumNeeded, type Comparator, type Fraction } from './quorum';

export interface TallyOption { optionId: number; label: string; candidateId: number | null }
export interface TallyBallot { marks: Marks; valid: boolean }

export type MarkCounts = Partial<Record<Mark, number>>;
export interface OptionCounts { counts: MarkCounts; invalid: number }

/**
 * Counts every option's marks over the valid ballots, for any poll kind. An invalid ballot (e.g. more "for" than
 * places) counts as invalid for every option, a line marked twice on a valid paper ballot as invalid for that
 * option alone, and an option a ballot does not mention counts as unmarked.
 */
export function countMarks(kind: PollKind, options: readonly Pick<TallyOption, 'optionId'>[], ballots: readonly TallyBallot[], form: BallotForm = 'perItem'): Map<number, OptionCounts> {
  const set = choiceSetOf(kind, form);
  const out = new Map<number, OptionCounts>();
  for (const o of options) out.set(o.optionId, { counts: Object.fromEntries(set.marks.map((m) => [m, 0])), invalid: 0 });
  // A poll of 100,000 ballots: the rows and the marks' keys looked up once, not once per ballot and option.
  const rows = options.map((o) => out.get(o.optionId)!);
  const keys = options.map((o) => String(o.optionId));
  // The choice set's marks are counted in plain numbers (a handful of string comparisons), added to the rows once.
  const known = set.marks;
  const tallies = rows.map(() => new Array<number>(known.length).fill(0));
  let invalidBallots = 0;
  for (const b of ballots) {
    if (!b.valid) { invalidBallots++; continue; }
    const marks = b.marks;
    for (let i = 0; i < rows.length; i++) {
      const m = marks[keys[i]!] ?? set.unmarked;
      const k = known.indexOf(m);
      if (k >= 0) { tallies[i]![k]!++; continue; }
      const row = rows[i]!;
      if (m === SPOILED_LINE) { row.invalid++; continue; }
      row.counts[m] = (row.counts[m] ?? 0) + 1;
    }
  }
  rows.forEach((row, i) => {
    row.invalid += invalidBallots;
    known.forEach((m, k) => { row.counts[m] = (row.counts[m] ?? 0) + tallies[i]![k]!; });
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
  ballots: readonly TallyBallot[];
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
export function rollFigures(input: { seated: number; present: number; quorum: Fraction; quorumComparator?: Comparator; ballots: readonly TallyBallot[] }) {
  const valid = input.ballots.filter((b) => b.valid).length;
  const comparator = input.quorumComparator ?? 'atLeast';
  return {
    seated: input.seated,
    present: input.present,
    quorum: input.quorum,
    quorumComparator: comparator,
    quorumNeeded: quorumNeeded(input.seated, input.quorum, comparator),
    quorumMet: hasQuorum(input.present, input.seated, input.quorum, comparator),
    ballots: { total: input.ballots.length, valid, invalid: input.ballots.length - valid },
  };
}
