/**
 * The candidate list (确定候选项目, DOMAIN §3.3): when it may change, what a candidate's schedule must satisfy,
 * and the 差额 warning. Pure functions with table tests.
 */
import type { Phase } from './vocabulary';
import { ok, refuse, type Result } from './result';
import { compareDates } from './chinaDate';

/** The list is built while screening finishes and in its own phase; it is fixed from the vote on. */
export const CANDIDATE_EDIT_PHASES: readonly Phase[] = ['screening', 'candidates'];

export function checkListEditable(phase: Phase, locked: boolean): Result {
  if (locked) return refuse('候选项目名单已经主席团审定并锁定，不能更改；如确需更改，请先写明原因解锁');
  if (!CANDIDATE_EDIT_PHASES.includes(phase)) return refuse('只有在资格审查和确定候选项目阶段才能编制候选项目名单');
  return ok();
}

/** The presidium approves a complete list, in its phase, with N no larger than the list. */
export function checkApprove(s: { phase: Phase; locked: boolean; count: number; seatsToFill: number | null }): Result {
  if (s.locked) return refuse('名单已经审定锁定');
  if (s.phase !== 'candidates') return refuse('请先将年度工作推进到“确定候选项目”阶段，再记录主席团审定');
  if (s.count === 0) return refuse('名单中还没有候选项目');
  if (s.seatsToFill === null) return refuse('请先设定应选项目数 N');
  if (s.seatsToFill > s.count) return refuse(`应选数 ${s.seatsToFill} 多于候选项目数 ${s.count}，请调整`);
  return ok();
}

/** Unlocking reopens the list for changes; once the vote has begun the approved list stands. */
export function checkUnlock(s: { phase: Phase; locked: boolean; reason: string }): Result<null, 'reason' | '_form'> {
  if (!s.locked) return refuse('名单未锁定');
  if (s.phase !== 'candidates') return refuse('票决阶段开始后不能解锁候选项目名单');
  if (s.reason.trim() === '') return refuse('解锁须写明原因', 'reason');
  return ok();
}

/**
 * 差额票决: candidates usually exceed N. Fewer or equal is allowed (an office may decide so) but warned about.
 * null when there is nothing to warn about.
 */
export function seatsWarning(count: number, seatsToFill: number | null): string | null {
  if (seatsToFill === null) return '尚未设定应选项目数 N';
  if (count <= seatsToFill) return `候选项目 ${count} 个，不多于应选数 ${seatsToFill} 个，不是差额票决；候选项目通常应多于应选数。`;
  return null;
}

// ---------------------------------------------------------------- schedule and milestones

export interface MilestoneInput { title: string; dueDate: string; plannedPct: number; plannedSpend: number }

export interface ScheduleInput {
  cycleYear: number;
  budget: number;
  startDate: string; // 'YYYY-MM-DD'
  endDate: string;
  milestones: readonly MilestoneInput[]; // in form order; errors name rows by index as m{i}_…
}

const yearOf = (d: string) => Number(d.slice(0, 4));

/** Every calendar year the schedule touches, first to last. */
export function yearsSpanned(startDate: string, endDate: string): number[] {
  const out: number[] = [];
  for (let y = yearOf(startDate); y <= yearOf(endDate); y++) out.push(y);
  return out;
}

export function isCrossYear(startDate: string, endDate: string): boolean {
  return yearOf(endDate) > yearOf(startDate);
}

/**
 * Field errors for a candidate's schedule (empty = valid). A cross-year candidate needs a milestone in every year
 * it spans: seed 004 allows cross-year projects only "with explicit annual stage goals".
 */
export function validateSchedule(s: ScheduleInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (yearOf(s.startDate) !== s.cycleYear) errors.startDate = `开工日期须在本年度（${s.cycleYear} 年）内`;
  if (s.endDate < s.startDate) errors.endDate = '完成日期不能早于开工日期';
  s.milestones.forEach((m, i) => {
    if (m.dueDate < s.startDate || m.dueDate > s.endDate) errors[`m${i}_due`] = '里程碑日期须在开工日期和完成日期之间';
    if (m.plannedSpend > s.budget) errors[`m${i}_spend`] = '计划累计支出不能超过预算';
  });
  // Planned % and spend are cumulative: ordered by date, neither may go down.
  const byDate = s.milestones.map((m, i) => ({ ...m, i })).sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.i - b.i);
  for (let k = 1; k < byDate.length; k++) {
    const prev = byDate[k - 1]!;
    const cur = byDate[k]!;
    if (cur.plannedPct < prev.plannedPct) errors[`m${cur.i}_pct`] ??= `累计完成比例不能低于更早的里程碑（${prev.plannedPct}%）`;
    if (cur.plannedSpend < prev.plannedSpend) errors[`m${cur.i}_spend`] ??= `累计支出不能低于更早的里程碑（${prev.plannedSpend} 元）`;
  }
  if (!errors.endDate && isCrossYear(s.startDate, s.endDate)) {
    const missing = yearsSpanned(s.startDate, s.endDate).filter((y) => !s.milestones.some((m) => yearOf(m.dueDate) === y));
    if (missing.length > 0) errors.milestones = `跨年度项目须为每个年度设置明确的阶段性目标：${missing.join('、')} 年还没有里程碑`;
  }
  return errors;
}

/** Positions after moving one candidate up or down; unchanged at either end. */
export function moveInOrder(ids: readonly number[], id: number, direction: 'up' | 'down'): number[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/**
 * Calendar months a schedule touches, both ends included: 2027-03-01 to 2027-10-31 is 8 months, one day is 1.
 * For the comparison table only; null when the dates cannot be read or end before they start.
 */
export function monthsSpanned(start: string, end: string): number | null {
  const a = /^(\d{4})-(\d{2})-\d{2}$/.exec(start);
  const b = /^(\d{4})-(\d{2})-\d{2}$/.exec(end);
  if (!a || !b || end < start) return null;
  return (Number(b[1]) - Number(a[1])) * 12 + (Number(b[2]) - Number(a[2])) + 1;
}

/** Who a candidate serves, from the proposals it combines: their descriptions, and the headcount when every one gives it. */
export function beneficiariesOf(proposals: readonly { beneficiaries: string; beneficiaryCount: number | null }[]): { text: string; count: number | null } {
  const text = [...new Set(proposals.map((p) => p.beneficiaries.trim()).filter((t) => t !== ''))].join('；');
  const known = proposals.length > 0 && proposals.every((p) => p.beneficiaryCount !== null);
  return { text, count: known ? proposals.reduce((n, p) => n + (p.beneficiaryCount ?? 0), 0) : null };
}
