import { POLL_KINDS } from './vocabulary';

/**
 * What a ballot may say, per poll kind — the one place that knows. Selection and runoff polls mark each candidate
 * 赞成/反对/弃权; the year-end evaluation rates each project 满意/基本满意/不满意. Casting, paper entry and counting
 * all read this table, so an evaluation poll reuses the same storage, quorum rule and code.
 */
export type PollKind = (typeof POLL_KINDS)[number];

export const MARK_LABELS = {
  for: '赞成',
  against: '反对',
  abstain: '弃权',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
} as const;
export type Mark = keyof typeof MARK_LABELS;

export interface ChoiceSet {
  marks: readonly Mark[];
  /** What an option left unmarked counts as (and is shown as, before the ballot is submitted). */
  unmarked: Mark;
  /** A ballot with more than seatsToFill of this mark is invalid (差额: more "for" than places). */
  limited?: Mark;
}

const SELECTION: ChoiceSet = { marks: ['for', 'against', 'abstain'], unmarked: 'abstain', limited: 'for' };

export const CHOICE_SETS: Record<PollKind, ChoiceSet> = {
  selection: SELECTION,
  runoff: SELECTION,
  further: SELECTION,
  evaluation: { marks: ['satisfied', 'basicallySatisfied', 'dissatisfied', 'abstain'], unmarked: 'abstain' },
};

export function isMark(set: ChoiceSet, v: unknown): v is Mark {
  return typeof v === 'string' && (set.marks as readonly string[]).includes(v);
}
