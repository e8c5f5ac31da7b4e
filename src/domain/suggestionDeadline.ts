import { addMonths, isChinaDate, type ChinaDate } from './chinaDate';
import { ok, refuse, type Result } from './result';

/**
 * 代表建议 handling time (seed 002 arts. 24, 34): answered within three months of the day of assignment
 * (交办之日起三个月内); a hard case may be extended once, with the assigning body's approval, to at most six.
 * The period ends on the same day of the month three (six) months on, or that month's last day (民法典 art. 202);
 * the due date itself is still on time.
 */
export const ANSWER_MONTHS = 3;
export const MAX_EXTENDED_MONTHS = 6;

export function dueDate(assignedOn: ChinaDate): ChinaDate {
  return addMonths(assignedOn, ANSWER_MONTHS);
}

/** The latest date an approved extension may set. */
export function latestExtension(assignedOn: ChinaDate): ChinaDate {
  return addMonths(assignedOn, MAX_EXTENDED_MONTHS);
}

export interface Deadline {
  assignedOn: ChinaDate;
  dueOn: ChinaDate;
  extendedTo: ChinaDate | null;
  answeredOn: ChinaDate | null;
}

export function effectiveDue(s: Pick<Deadline, 'dueOn' | 'extendedTo'>): ChinaDate {
  return s.extendedTo ?? s.dueOn;
}

/** Unanswered and past its (possibly extended) due date. Dates compare as strings: 'YYYY-MM-DD' sorts. */
export function isOverdue(s: Deadline, today: ChinaDate): boolean {
  return s.answeredOn === null && today > effectiveDue(s);
}

export function answeredOnTime(s: Deadline): boolean | null {
  return s.answeredOn === null ? null : s.answeredOn <= effectiveDue(s);
}

export interface ExtensionRequest { extendedTo: string; approvedOn: string }

/**
 * Once only; before it is answered; approved no later than the original due date (an extension is asked for
 * when the unit sees it cannot finish in time, not after it has already missed); a later date than the
 * original, and at most six months from assignment.
 */
export function checkExtension(s: Deadline, r: ExtensionRequest, today: ChinaDate): Result {
  if (s.extendedTo !== null) return refuse('该建议已经延期过一次，不能再次延期');
  if (s.answeredOn !== null) return refuse('该建议已经答复，无需延期');
  if (!isChinaDate(r.approvedOn)) return refuse('请填写同意延期的日期', 'approvedOn');
  if (r.approvedOn < s.assignedOn) return refuse('同意延期的日期不能早于交办日期', 'approvedOn');
  if (r.approvedOn > today) return refuse('同意延期的日期不能晚于今天', 'approvedOn');
  if (r.approvedOn > s.dueOn) {
    return refuse(`延期须在原办结期限（${s.dueOn}）前经交办机关同意`, 'approvedOn');
  }
  if (!isChinaDate(r.extendedTo)) return refuse('请填写延期后的办结日期', 'extendedTo');
  if (r.extendedTo <= s.dueOn) return refuse(`延期后的日期须晚于原办结期限 ${s.dueOn}`, 'extendedTo');
  const limit = latestExtension(s.assignedOn);
  if (r.extendedTo > limit) {
    return refuse(`延期后最长不得超过交办之日起六个月，即 ${limit}`, 'extendedTo');
  }
  return ok();
}

/** The unit's answer date: not before assignment, not in the future. Late answers are recorded, and shown as late. */
export function checkAnswerDate(s: Deadline, answeredOn: string, today: ChinaDate): Result {
  if (s.answeredOn !== null) return refuse('该建议已经答复');
  if (!isChinaDate(answeredOn)) return refuse('请填写答复日期', 'answeredOn');
  if (answeredOn < s.assignedOn) return refuse(`答复日期不能早于交办日期 ${s.assignedOn}`, 'answeredOn');
  if (answeredOn > today) return refuse('答复日期不能晚于今天', 'answeredOn');
  return ok();
}

/** The assignment date the representative enters: not before the item reached them, not in the future. */
export function checkAssignmentDate(assignedOn: string, handedOn: ChinaDate, today: ChinaDate): Result {
  if (!isChinaDate(assignedOn)) return refuse('请填写交办日期', 'assignedOn');
  if (assignedOn < handedOn) return refuse(`交办日期不能早于事项转交代表的日期 ${handedOn}`, 'assignedOn');
  if (assignedOn > today) return refuse('交办日期不能晚于今天', 'assignedOn');
  return ok();
}
