import type { Phase } from './phases';
import { isChinaDate } from './chinaDate';
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
    .sort((a, b) => a.state.opens.localeCompare(b.state.opens))[0];
  if (soon) return soon;
  const year = Number(today.slice(0, 4));
  const current = withState.find((x) => x.cycle.year === year) ?? withState.find((x) => x.cycle.year === year + 1);
  return current ?? { cycle: undefined, state: { kind: 'noCycle' } };
}

/** The window of a cycle for `year` may start in the autumn before it and must end within the year. */
export function checkWindow(opens: string, closes: string, year: number): Result<null, 'collectionOpens' | 'collectionCloses'> {
  const first = `${year - 1}-01-01`;
  const last = `${year}-12-31`;
  if (!isChinaDate(opens)) return refuse('请填写有效的开始日期', 'collectionOpens');
  if (!isChinaDate(closes)) return refuse('请填写有效的截止日期', 'collectionCloses');
  if (opens < first || opens > last) return refuse(`开始日期须在 ${year - 1} 年或 ${year} 年内`, 'collectionOpens');
  if (closes < first || closes > last) return refuse(`截止日期须在 ${year - 1} 年或 ${year} 年内`, 'collectionCloses');
  if (closes < opens) return refuse('截止日期不能早于开始日期', 'collectionCloses');
  return ok();
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
