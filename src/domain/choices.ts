import { POLL_KINDS, type BallotForm } from './vocabulary';

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
  spoiled: '多划（本项无效）',
  none: '未勾选',
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

/**
 * A paper ballot's line with more than one box ticked (赞成 and 反对 both): that line is invalid, the rest of the
 * ballot stands. Only paper entry records it; no phone can send it, and it is in no choice set.
 */
export const SPOILED_LINE: Extract<Mark, 'spoiled'> = 'spoiled';

export function isMark(set: ChoiceSet, v: unknown): v is Mark {
  return typeof v === 'string' && (set.marks as readonly string[]).includes(v);
}

/** 勾选: a tick is a vote for; an option left unticked is no vote for it (neither against nor abstain). */
const TICK: ChoiceSet = { marks: ['for', 'none'], unmarked: 'none', limited: 'for' };

/** The choice set of a poll: its kind's, or the tick set for a selection or runoff held with 勾选 ballots. */
export function choiceSetOf(kind: PollKind, form: BallotForm = 'perItem'): ChoiceSet {
  return kind !== 'evaluation' && form === 'tick' ? TICK : CHOICE_SETS[kind];
}
