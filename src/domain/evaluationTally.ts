import type { Mark } from './choices';
import type { Comparator, Fraction } from './quorum';
import { evaluate, isBelowThreshold, ratePct, satisfactionRate, validRatings, type RatingCounts } from './satisfaction';
import { countMarks, rollFigures, type Ballots } from './tally';

/**
 * 年底评议 counted by the voting mechanism: the same ballots, quorum and countMarks as a selection poll, read as
 * satisfaction ratings instead of a majority. A project a ballot leaves unrated (弃权) is no rating of it: it counts
 * in no project's valid ratings, so it neither lifts nor lowers the rate. An invalid ballot rates nothing.
 */

export interface EvaluationOption { optionId: number; label: string; projectId: number | null }

export interface EvaluationRow extends EvaluationOption, RatingCounts {
  /** Valid ballots that left this project unrated (弃权). */
  notRated: number;
  /** Invalid ballots: every project counts each of them as invalid. */
  invalid: number;
  validRatings: number;
  rate: { num: number; den: number } | null;
  /** One decimal place for display; null when nobody rated the project. */
  ratePct: number | null;
  /** Below the threshold: the project must be rectified. */
  marked: boolean;
}

export interface EvaluationTally {
  seated: number;
  present: number;
  quorum: Fraction;
  quorumComparator?: Comparator;
  quorumNeeded: number;
  quorumMet: boolean;
  thresholdPct: number;
  ballots: { total: number; valid: number; invalid: number };
  rows: EvaluationRow[]; // in ballot order
  overall: RatingCounts & { validRatings: number; rate: { num: number; den: number } | null; ratePct: number | null };
  /** Projects below the threshold. */
  marked: number;
}

export interface EvaluationTallyInput {
  options: readonly EvaluationOption[];
  ballots: Ballots;
  seated: number;
  present: number;
  quorum: Fraction;
  quorumComparator?: Comparator;
  thresholdPct: number;
}

/** What each evaluation mark counts as. */
const RATING_OF: Partial<Record<Mark, keyof RatingCounts>> = { satisfied: 'satisfied', basicallySatisfied: 'basic', dissatisfied: 'dissatisfied' };

export function tallyEvaluation(input: EvaluationTallyInput): EvaluationTally {
  const counted = countMarks('evaluation', input.options, input.ballots);
  const rows: EvaluationRow[] = input.options.map((o) => {
    const c = counted.get(o.optionId)!;
    const counts: RatingCounts = { satisfied: 0, basic: 0, dissatisfied: 0 };
    let notRated = 0;
    for (const [mark, n] of Object.entries(c.counts) as [Mark, number][]) {
      const r = RATING_OF[mark];
      if (r) counts[r] += n;
      else notRated += n;
    }
    const rate = satisfactionRate(counts);
    return {
      ...o, ...counts, notRated, invalid: c.invalid, validRatings: validRatings(counts), rate, ratePct: ratePct(rate),
      marked: isBelowThreshold(counts, input.thresholdPct),
    };
  });
  const overall = evaluate(rows.map((r) => ({ projectId: r.optionId, counts: r })), input.thresholdPct).overall;
  return {
    ...rollFigures(input),
    thresholdPct: input.thresholdPct,
    rows,
    overall: {
      satisfied: overall.counts.satisfied, basic: overall.counts.basic, dissatisfied: overall.counts.dissatisfied,
      validRatings: validRatings(overall.counts), rate: overall.rate, ratePct: ratePct(overall.rate),
    },
    marked: rows.filter((r) => r.marked).length,
  };
}
