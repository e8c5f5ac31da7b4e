/**
 * 软项目 (policy or service projects): progress is counted in target units — 2.65 万人次, 200 户 — not as a works
 * percentage. The schedule rules stay the same: a milestone's planned % is that share of the target, the lag
 * tolerance is that share of the target, so the colours and the evaluation read one figure, the share achieved.
 */

export interface SoftTarget { unit: string; quantity: number }

/** The share of the target achieved, in %, to two decimals (so 0.1325 of 2.65 is exactly 5 %, not 4.9999…). */
export function achievedPct(achieved: number, target: SoftTarget): number {
  if (target.quantity <= 0) return 0;
  return Math.round((achieved * 10_000) / target.quantity) / 100;
}

/** Units planned by a planned %: what the unit should have achieved by then. */
export function plannedUnits(plannedPct: number, target: SoftTarget): number {
  return roundUnits((plannedPct * target.quantity) / 100);
}

/** The whole % a report stores (status 已完工 at the full target): never above 100, never rounded up to it. */
export function reportedWholePct(achieved: number, target: SoftTarget): number {
  return Math.min(100, Math.floor(achievedPct(achieved, target)));
}

/** Units as written on the page: at most 4 decimals, no trailing zeros (2.65 万人次, 200 户). */
export function formatUnits(n: number, unit: string): string {
  return `${roundUnits(n)} ${unit}`;
}

function roundUnits(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** A target is a unit word (1–10 characters) and a positive number. */
export function checkSoftTarget(unit: string, quantity: number): string | null {
  if (!unit.trim() || unit.trim().length > 10) return '请填写计量单位（如 户、万人次），不超过 10 个字';
  if (!Number.isFinite(quantity) || quantity <= 0) return '目标数量须为大于 0 的数';
  return null;
}
