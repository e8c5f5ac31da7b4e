import type { Phase } from './phases';
import { compareDates, isChinaDate } from './chinaDate';
import { ok, refuse, type Result } from './result';

/**
 * The collection window (项目征集): China dates 'YYYY-MM-DD', the open day and the close day both included.
 * China has one time zone (UTC+8, no daylight saving), so "today" is computed from the instant, not the server's zone.
 */
export interface WindowCycle {
  year: number;
  phase: Phase;
  collectionOpens: string | null;
  collectionCloses: string | null;
  // Set when a published window was closed before its announced day: closed from then on.
  collectionClosedEarlyAt?: Date | null;
}

export type CollectionState =
  | { kind: 'open'; opens: string; closes: string }
  | { kind: 'notYet'; opens: string; closes: string }
  | { kind: 'closed'; opens: string; closes: string }
  | { kind: 'notSet' } // in the collection phase, but the clerk has not set the dates
  | { kind: 'phaseOver'; phase: Phase } // the cycle has moved on to screening or later
  | { kind: 'noCycle' };

export function collectionState(cy: WindowCycle | undefined, today: string): CollectionState {
  if (!cy) return { kind: 'noCycle' };
  if (cy.phase !== 'collection') return { kind: 'phaseOver', phase: cy.phase };
  const { collectionOpens: opens, collectionCloses: closes } = cy;
  if (!opens || !closes) return { kind: 'notSet' };
  // ISO dates compare as strings; both ends inclusive.
  if (cy.collectionClosedEarlyAt) return { kind: 'closed', opens, closes };
  if (today < opens) return { kind: 'notYet', opens, closes };
  if (today > closes) return { kind: 'closed', opens, closes };
  return { kind: 'open', opens, closes };
}

/**
 * Which cycle the public form serves. Collection for next year often runs in the autumn, so an open window
 * wins whatever its year; then one about to open; then this year's cycle, then next year's, to explain.
 */
export function pickCollectionCycle<T extends WindowCycle>(
  cycles: readonly T[], today: string,
): { cycle: T | undefined; state: CollectionState } {
  const withState = cycles.map((cycle) => ({ cycle, state: collectionState(cycle, today) }));
  const open = withState.filter((x) => x.state.kind === 'open').sort((a, b) => b.cycle.year - a.cycle.year)[0];
  if (open) return open;
  const soon = withState
    .filter((x): x is { cycle: T; state: Extract<CollectionState, { kind: 'notYet' }> } => x.state.kind === 'notYet')
    .sort((a, b) => compareDates(a.state.opens, b.state.opens))[0];
  if (soon) return soon;
  const year = Number(today.slice(0, 4));
  const current = withState.find((x) => x.cycle.year === year) ?? withState.find((x) => x.cycle.year === year + 1);
  return current ?? { cycle: undefined, state: { kind: 'noCycle' } };
}

/**
 * Next year's collection opens in the second half of this year (下半年启动下一年度征集): the window of a cycle for
 * `year` may start from 1 July of the year before and must end within the year.
 */
export function checkWindow(opens: string, closes: string, year: number): Result<null, 'collectionOpens' | 'collectionCloses'> {
  const first = secondHalfStart(year);
  const last = `${year}-12-31`;
  if (!isChinaDate(opens)) return refuse('请填写有效的开始日期', 'collectionOpens');
  if (!isChinaDate(closes)) return refuse('请填写有效的截止日期', 'collectionCloses');
  if (opens < `${year - 1}-01-01`) return refuse(`开始日期须在 ${year - 1} 年下半年或 ${year} 年内`, 'collectionOpens');
  if (opens < first) return refuse(`${year}年度的项目征集应在 ${year - 1} 年下半年（7月1日起）启动，开始日期不能早于 ${first}`, 'collectionOpens');
  if (opens > last) return refuse(`开始日期须在 ${year - 1} 年下半年或 ${year} 年内`, 'collectionOpens');
  if (closes < first || closes > last) return refuse(`截止日期须在 ${year - 1} 年或 ${year} 年内`, 'collectionCloses');
  if (closes < opens) return refuse('截止日期不能早于开始日期', 'collectionCloses');
  return ok();
}

/** 1 July of the year before `year`: the earliest day next year's cycle may be opened and its window start. */
export function secondHalfStart(year: number): string {
  return `${year - 1}-07-01`;
}

/** A cycle for `year` is created in `year` itself, or from the second half of the year before; not earlier. */
export function checkCycleOpening(year: number, today: string): Result<null, 'year'> {
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear + 1) return refuse(`现在只能创建 ${thisYear} 年度或 ${thisYear + 1} 年度的票决工作`, 'year');
  if (year === thisYear + 1 && today < secondHalfStart(year)) {
    return refuse(`${year}年度的票决工作应在 ${thisYear} 年下半年（7月1日起）启动`, 'year');
  }
  return ok();
}

/** Days in a window, both ends included (2027-09-01 to 2027-09-30 is 30 days). */
export function windowDays(opens: string, closes: string): number {
  return Math.round((Date.parse(`${closes}T00:00:00Z`) - Date.parse(`${opens}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The public window lasts at least `minDays` (setting minCollectionDays). A shorter one is a warning, not a ban:
 * the clerk may keep it with a recorded reason (an urgent year, a late start), and the reason is audited.
 */
export function checkWindowLength(
  opens: string, closes: string, minDays: number, shortReason: string,
): Result<{ days: number; short: boolean }, 'collectionCloses' | 'shortReason'> {
  const days = windowDays(opens, closes);
  if (days >= minDays) return ok({ days, short: false });
  if (shortReason.trim() === '') {
    return refuse(`征集时间为 ${days} 天，少于规定的 ${minDays} 天。如确需缩短，请填写缩短的原因`, 'shortReason');
  }
  return ok({ days, short: true });
}

/** Closing a published window before its announced day: only while it is open, with a public notice. */
export function checkEarlyClose(state: CollectionState, notice: string, confirmed: boolean): Result<null, 'notice' | 'confirm'> {
  if (!windowStillAnnounced(state)) return refuse('征集时间已经结束，无需提前截止', 'confirm');
  if (notice.trim() === '') return refuse('请填写在公开页面发布的提前截止公告', 'notice');
  if (!confirmed) return refuse('请勾选确认：提前截止将停止接收群众提议并在公开页面公告', 'confirm');
  return ok();
}

/** A published window not yet over: moving the cycle on to screening would cut it short. */
export function windowStillAnnounced(state: CollectionState): state is Extract<CollectionState, { kind: 'open' | 'notYet' }> {
  return state.kind === 'open' || state.kind === 'notYet';
}

/** Whether a logged-in person may enter a proposal now: clerks also type in late paper forms during screening. */
export function staffEntryAllowed(cy: WindowCycle, today: string, isClerk: boolean): boolean {
  if (isClerk) return cy.phase === 'collection' || cy.phase === 'screening';
  return collectionState(cy, today).kind === 'open';
}

/** staffEntryAllowed as a refusal, for the form that was sent anyway (a page left open past the window). */
export function checkStaffEntry(cy: WindowCycle, today: string, isClerk: boolean): Result {
  return staffEntryAllowed(cy, today, isClerk) ? ok() : refuse('现在不能录入提议：征集时间已过或年度工作已进入后续阶段');
}

/** A spreadsheet import is a clerk's late paper forms: until screening ends. */
export function checkImportAllowed(cy: WindowCycle, today: string): Result<null, 'file'> {
  return staffEntryAllowed(cy, today, true) ? ok() : refuse('本年度已过资格审查阶段，不能再导入提议', 'file');
}
