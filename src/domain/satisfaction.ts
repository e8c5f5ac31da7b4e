/**
 * 年底评议 arithmetic (DOMAIN §3.5): 满意率 = (满意 + 基本满意) / valid ratings, per project and overall.
 * Integers only, so "exactly 60%" is exact and never a rounding accident.
 */

export interface RatingCounts { satisfied: number; basic: number; dissatisfied: number }

export const RATING_LABELS = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' } as const;

export function validRatings(c: RatingCounts): number {
  return c.satisfied + c.basic + c.dissatisfied;
}

/** The rate as a fraction; null when there is no valid rating (a rate of nothing is not 0%). */
export function satisfactionRate(c: RatingCounts): { num: number; den: number } | null {
  const den = validRatings(c);
  return den === 0 ? null : { num: c.satisfied + c.basic, den };
}

/** For display: one decimal place, e.g. 66.7. */
export function ratePct(rate: { num: number; den: number } | null): number | null {
  return rate ? Math.round((rate.num * 1000) / rate.den) / 10 : null;
}

/**
 * Below the threshold → marked for rectification. Exactly at the threshold is not below.
 * No valid rating → not marked: there is no rate to judge, and the clerk decides what to do (shown as 无有效评价).
 */
export function isBelowThreshold(c: RatingCounts, thresholdPct: number): boolean {
  const rate = satisfactionRate(c);
  return rate !== null && rate.num * 100 < thresholdPct * rate.den;
}

/** Overall = every valid rating of every project pooled, so a project with more raters weighs more. */
export function overallCounts(all: readonly RatingCounts[]): RatingCounts {
  return all.reduce((s, c) => ({ satisfied: s.satisfied + c.satisfied, basic: s.basic + c.basic, dissatisfied: s.dissatisfied + c.dissatisfied }),
    { satisfied: 0, basic: 0, dissatisfied: 0 });
}

export interface EvaluationOutcome { projectId: number; counts: RatingCounts; rate: { num: number; den: number } | null; marked: boolean }

export function evaluate(projects: readonly { projectId: number; counts: RatingCounts }[], thresholdPct: number): {
  projects: EvaluationOutcome[]; overall: { counts: RatingCounts; rate: { num: number; den: number } | null };
} {
  const out = projects.map((p) => ({ projectId: p.projectId, counts: p.counts, rate: satisfactionRate(p.counts), marked: isBelowThreshold(p.counts, thresholdPct) }));
  const overall = overallCounts(projects.map((p) => p.counts));
  return { projects: out, overall: { counts: overall, rate: satisfactionRate(overall) } };
}
