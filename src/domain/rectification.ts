import { ok, refuse, type Result } from './result';
import type { RectificationState } from './vocabulary';

export type { RectificationState };

export const RECTIFICATION_LABELS: Record<RectificationState, string> = {
  open: '待整改',
  answered: '已答复待确认',
  accepted: '已通过',
  reopened: '已退回重改',
};

export type RectificationStep = 'answer' | 'accept' | 'reopen';

/** open → answered (the unit) → accepted | reopened (the group); a reopened demand is answered again. */
const ALLOWED: Record<RectificationStep, { from: readonly RectificationState[]; to: RectificationState; error: string }> = {
  answer: { from: ['open', 'reopened'], to: 'answered', error: '该整改要求已答复，等待监督小组确认' },
  accept: { from: ['answered'], to: 'accepted', error: '只能确认承办单位已答复的整改要求' },
  reopen: { from: ['answered'], to: 'reopened', error: '只能退回承办单位已答复的整改要求' },
};

/** The state the step leads to, or why it cannot be taken from here. */
export function checkRectificationStep(from: RectificationState, step: RectificationStep): Result<RectificationState> {
  const rule = ALLOWED[step];
  if (rule.from.includes(from)) return ok(rule.to);
  return refuse(from === 'accepted' ? '该整改要求已通过，不能再变更' : rule.error);
}

/** Still waiting for the unit, and past the deadline (the deadline day itself is not late). */
export function isRectificationOverdue(state: RectificationState, deadline: string, today: string): boolean {
  return (state === 'open' || state === 'reopened') && today > deadline;
}

/** Not yet closed by the group. */
export function isRectificationOpen(state: RectificationState): boolean {
  return state !== 'accepted';
}
