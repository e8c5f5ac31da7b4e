import { isChinaDate, type ChinaDate } from './chinaDate';
import { ok, refuse, refuseAll, type Result } from './result';

/** A reception's slot as the clerk types it: a day and a start and end time, China time ('HH:MM'). */
export interface ReceptionSlot { date: ChinaDate; startTime: string; endTime: string }
/** A slot already planned for some of the same representatives. */
export interface PlannedSlot extends ReceptionSlot { id: number; representativeIds: readonly number[] }

export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_CONVENERS = 2; // seed 001 §二: 每个家站点明确1—2名人大代表作为召集人
export const MAX_RESIDENTS = 9999;

/** Half-open intervals: 9:00–11:00 and 11:00–12:00 on one day do not clash (one ends as the other begins). */
export function overlaps(a: ReceptionSlot, b: ReceptionSlot): boolean {
  return a.date === b.date && a.startTime < b.endTime && b.startTime < a.endTime;
}

export function checkSlot(s: ReceptionSlot): Result {
  const errors: Record<string, string> = {};
  if (!isChinaDate(s.date)) errors.date = '请填写接待日期，如 2026-04-15';
  if (!TIME_RE.test(s.startTime)) errors.startTime = '请填写开始时间，如 09:00';
  if (!TIME_RE.test(s.endTime)) errors.endTime = '请填写结束时间，如 11:30';
  else if (TIME_RE.test(s.startTime) && s.endTime <= s.startTime) errors.endTime = '结束时间须晚于开始时间';
  return Object.keys(errors).length ? refuseAll(errors) : ok();
}

/**
 * The representatives who would be in two places at once: those of `reps` already planned in an overlapping slot
 * (the slot being edited, `selfId`, excluded). Empty = no clash.
 */
export function clashingReps(slot: ReceptionSlot, reps: readonly number[], planned: readonly PlannedSlot[], selfId?: number): number[] {
  const clash = new Set<number>();
  for (const p of planned) {
    if (p.id === selfId || !overlaps(slot, p)) continue;
    for (const r of p.representativeIds) if (reps.includes(r)) clash.add(r);
  }
  return reps.filter((r) => clash.has(r));
}

/** Conveners are 1–2 of the station's representatives; zero is allowed while the station is being set up. */
export function checkConveners(conveners: readonly number[], members: readonly number[]): Result {
  if (conveners.length > MAX_CONVENERS) return refuse(`召集人为 1–2 名，已选 ${conveners.length} 名`, 'conveners');
  if (conveners.some((c) => !members.includes(c))) return refuse('召集人须是本站的代表', 'conveners');
  return ok();
}
