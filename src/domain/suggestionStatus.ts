import { SATISFACTIONS } from './vocabulary';
import type { ChinaDate } from './chinaDate';
import { ok, refuse, type Result } from './result';
import { answeredOnTime, isOverdue, type Deadline } from './suggestionDeadline';

export { SATISFACTIONS };
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
};

export type SuggestionStatus = 'handling' | 'extended' | 'overdue' | 'answered' | 'answeredLate';

export const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  handling: '办理中',
  extended: '延期办理中',
  overdue: '已逾期未答复',
  answered: '已按期答复',
  answeredLate: '已答复（逾期）',
};

/** Derived from the dates alone, so it is never stale: "overdue" appears by itself the day after the due date. */
export function suggestionStatus(s: Deadline, today: ChinaDate): SuggestionStatus {
  if (s.answeredOn !== null) return answeredOnTime(s) ? 'answered' : 'answeredLate';
  if (isOverdue(s, today)) return 'overdue';
  return s.extendedTo !== null ? 'extended' : 'handling';
}

/** The representative rates the answer once it exists, and once only: the rating is the record of that answer. */
export function checkRating(s: { answeredOn: ChinaDate | null; satisfaction: Satisfaction | null }): Result {
  if (s.answeredOn === null) return refuse('承办单位答复后才能评价');
  if (s.satisfaction !== null) return refuse('已经评价过，不能重复评价');
  return ok();
}

/** 满意率 as practice counts it: satisfied and basically satisfied over all ratings; null when nobody rated. */
export function satisfactionRate(counts: Record<Satisfaction, number>): number | null {
  const total = counts.satisfied + counts.basicallySatisfied + counts.dissatisfied;
  return total === 0 ? null : (counts.satisfied + counts.basicallySatisfied) / total;
}
