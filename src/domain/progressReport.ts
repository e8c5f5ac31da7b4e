import { addMonths, isMonth, lastDayOfMonth, reportingMonths, type Month, type Plan } from './schedule';
import type { Phase } from './vocabulary';

/**
 * Which month may be reported: one of the project's schedule months, and not one that has not begun.
 * The current month may be filed early (a unit that finishes mid-month says so at once).
 */
export function checkReportMonth(month: Month, scheduleMonths: readonly Month[], currentMonth: Month): string | null {
  if (!scheduleMonths.includes(month)) return `${month} 不在本项目本年度的实施期内`;
  if (month > currentMonth) return `${month} 还没有到，不能提前报送`;
  return null;
}

/**
 * Whether a month's report may be filed (or amended) today: a month of the plan in force — or a month after its end
 * date, up to the current one, while the works run over — in a year not closed.
 */
export function checkFiling(month: Month, plan: Plan, cycle: { year: number; phase: Phase }, today: string): string | null {
  // A month after the end date is one of the project's months even before it comes: "not yet", not "not in the plan".
  const upTo = isMonth(month) && lastDayOfMonth(month) > today ? lastDayOfMonth(month) : today;
  return checkReportMonth(month, reportingMonths(plan, cycle.year, upTo, false), today.slice(0, 7))
    ?? (cycle.phase === 'closed' ? '本年度工作已结束，不能再报送' : null);
}

/** % complete is cumulative: a fall below the last month's figure must be explained (a correction, a failed inspection). */
export function checkProgressDirection(pct: number, previousPct: number | null, backwardsReason: string): string | null {
  if (previousPct !== null && pct < previousPct && backwardsReason.trim() === '') {
    return `累计完成比例 ${pct}% 低于之前报送的 ${previousPct}%，请说明原因`;
  }
  return null;
}

/** The previous month, for "last month's figure". */
export function previousMonth(month: Month): Month {
  return addMonths(month, -1);
}
