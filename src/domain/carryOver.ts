import { ok, refuse, type Result } from './result';
import { plannedAt, type Plan } from './schedule';

/**
 * 跨年度项目: the part of the plan after 31 December continues in the next year's cycle. The new plan starts on
 * 1 January from where the plan stood at the year's end (an anchor milestone), keeps the remaining milestones
 * with their cumulative figures, and the same end date and total budget — so a project behind at year end
 * stays behind, visibly, until the clerk adjusts the plan with a reason.
 */
export const CARRY_ANCHOR_TITLE = '上年度结转';

export function carryOverPlan(plan: Plan, year: number): Result<Plan> {
  const yearEnd = `${year}-12-31`;
  if (plan.endDate <= yearEnd) return refuse(`该项目计划于 ${plan.endDate} 完成，不是跨年度项目`);
  const at = plannedAt(plan, yearEnd);
  const start = `${year + 1}-01-01`;
  return ok({
    budget: plan.budget,
    startDate: start > plan.startDate ? start : plan.startDate,
    endDate: plan.endDate,
    milestones: [
      { title: CARRY_ANCHOR_TITLE, dueDate: start, plannedPct: Math.round(at.pct), plannedSpend: Math.round(at.spend) },
      ...plan.milestones.filter((m) => m.dueDate > yearEnd),
    ],
  });
}
