import { chinaDateOf, isChinaDate } from './chinaDate';
import { ok, refuse, type Result } from './result';
import type { SatisfactionRating } from './vocabulary';

/**
 * 码上评 window (DOMAIN §3.5): residents rate a cycle's projects only between China dates set by the clerk,
 * the open day and the close day both included. Suggestions (码上提) are taken at any time.
 */
export interface RatingWindow { opens: string; closes: string }

export type RatingWindowState =
  | { kind: 'unset' }
  | { kind: 'before' | 'open' | 'closed'; opens: string; closes: string };

export function ratingWindowState(w: RatingWindow | undefined, today: string): RatingWindowState {
  if (!w) return { kind: 'unset' };
  // ISO dates compare as strings; both ends inclusive.
  if (today < w.opens) return { kind: 'before', ...w };
  if (today > w.closes) return { kind: 'closed', ...w };
  return { kind: 'open', ...w };
}

/** Whether a rating given at an instant counts toward residents' satisfaction: it fell on a China date inside the window. */
export function ratedInWindow(w: RatingWindow | undefined, at: Date): boolean {
  return ratingWindowState(w, chinaDateOf(at)).kind === 'open';
}

/**
 * Residents rate a year's projects while they are built and at the year-end evaluation, which may fall early
 * in the next year; so the window lies within the cycle's year or the one after.
 */
export function checkRatingWindow(opens: string, closes: string, year: number): Result<null, 'opens' | 'closes'> {
  const first = `${year}-01-01`;
  const last = `${year + 1}-12-31`;
  if (!isChinaDate(opens)) return refuse('请填写有效的开始日期', 'opens');
  if (!isChinaDate(closes)) return refuse('请填写有效的截止日期', 'closes');
  if (opens < first || opens > last) return refuse(`开始日期须在 ${year} 年或 ${year + 1} 年内`, 'opens');
  if (closes < first || closes > last) return refuse(`截止日期须在 ${year} 年或 ${year + 1} 年内`, 'closes');
  if (closes < opens) return refuse('截止日期不能早于开始日期', 'closes');
  return ok();
}

/**
 * A resident's message (码上评/码上提): a rating only while the window is open, and never an empty message —
 * a suggestion alone is welcome at any time.
 */
export function checkFeedback(f: { rating: SatisfactionRating | null; text: string }, w: RatingWindowState): Result<null, 'rating' | 'text'> {
  const open = w.kind === 'open';
  if (f.rating && !open) return refuse('现在不在群众满意度评价时间内，不能评价满意程度。您的意见和建议仍可提交，请点“提交”。', 'rating');
  if (!f.rating && !f.text) return open ? refuse('请选择满意程度，或填写意见和建议', 'rating') : refuse('请填写意见和建议', 'text');
  return ok();
}

// 码上评 is open to anyone: 5 submissions per address per 10 minutes keeps a script from flooding the clerk's queue.
export const FEEDBACK_LIMIT = { max: 5, windowMs: 10 * 60 * 1000 };

export function feedbackTooFrequent(waitMs: number): string {
  return `提交过于频繁，请 ${Math.ceil(waitMs / 60000)} 分钟后再试。您填写的内容还在下面。`;
}
