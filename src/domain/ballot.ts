import { CHOICE_SETS, isMark, MARK_LABELS, type Mark, type PollKind } from './choices';

/** A ballot's content: one mark per poll option, keyed by the option's id. */
export type Marks = Record<string, Mark>;

export type ReadBallot = { ok: true; marks: Marks } | { ok: false; error: string };

/**
 * Reads marks from form fields named `m<optionId>`; an option left blank takes the choice set's unmarked mark.
 * A value outside the choice set is a tampered or stale form, never silently dropped.
 */
export function readMarks(kind: PollKind, optionIds: readonly number[], fields: Record<string, unknown>): ReadBallot {
  const set = CHOICE_SETS[kind];
  const marks: Marks = {};
  for (const id of optionIds) {
    const v = fields[`m${id}`];
    if (v === undefined || v === '') marks[id] = set.unmarked;
    else if (isMark(set, v)) marks[id] = v;
    else return { ok: false, error: '选票内容无法识别，请刷新页面后重新填写' };
  }
  return { ok: true, marks };
}

export type Judgement = { valid: true; limitedCount: number } | { valid: false; limitedCount: number; reason: string };

/** Whether a complete ballot is valid: in 差额 voting more "for" marks than places makes the whole ballot invalid. */
export function judgeBallot(kind: PollKind, marks: Marks, seatsToFill: number | null): Judgement {
  const set = CHOICE_SETS[kind];
  if (!set.limited || seatsToFill === null) return { valid: true, limitedCount: 0 };
  const limitedCount = Object.values(marks).filter((m) => m === set.limited).length;
  if (limitedCount > seatsToFill) {
    return { valid: false, limitedCount, reason: overLimitReason(kind, seatsToFill, limitedCount) };
  }
  return { valid: true, limitedCount };
}

export function overLimitReason(kind: PollKind, seatsToFill: number, count: number): string {
  const label = MARK_LABELS[CHOICE_SETS[kind].limited ?? 'for'];
  return `${label}票 ${count} 个，超过应选数 ${seatsToFill} 个`;
}

/** Two entries of the same ballot agree when every mark and the validity agree (the wording of a reason may differ). */
export function sameBallot(a: { marks: Marks; invalid: boolean }, b: { marks: Marks; invalid: boolean }): boolean {
  if (a.invalid !== b.invalid) return false;
  if (a.invalid) return true; // an invalid ballot counts the same whatever was marked on it
  const keys = new Set([...Object.keys(a.marks), ...Object.keys(b.marks)]);
  return [...keys].every((k) => a.marks[k] === b.marks[k]);
}

export type CheckedBallot = { ok: true; marks: Marks } | { ok: false; error: string };

/**
 * An electronic ballot as the voter submits it: read, completed with the unmarked choice, and refused — never
 * stored invalid — when it has more "for" than places, with the advice the voter needs to fix it.
 */
export function checkElectronicBallot(kind: PollKind, optionIds: readonly number[], fields: Record<string, unknown>, seatsToFill: number | null): CheckedBallot {
  const read = readMarks(kind, optionIds, fields);
  if (!read.ok) return read;
  const judged = judgeBallot(kind, read.marks, seatsToFill);
  if (!judged.valid) return { ok: false, error: `${judged.reason}。请把多出的改为反对或弃权后再提交` };
  return read;
}
