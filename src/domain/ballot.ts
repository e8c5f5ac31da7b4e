import { z } from 'zod';
import { CHOICE_SETS, choiceSetOf, isMark, MARK_LABELS, SPOILED_LINE, type Mark, type PollKind } from './choices';
import type { BallotForm } from './vocabulary';
import { ok, refuse, type Result } from './result';

/** A ballot's content: one mark per poll option, keyed by the option's id. */
export type Marks = Record<string, Mark>;

/** A ballot as the form sent it: `m<optionId>` → '' (left blank) or a mark. Kept to show the form again. */
export type BallotFields = Record<string, string>;

export const UNREADABLE_BALLOT = '选票内容无法识别，请刷新页面后重新填写';

/**
 * The ballot form's fields as a zod shape built from the poll's options: each `m<optionId>` blank or one of the
 * poll kind's marks. A value outside the choice set is a tampered or stale form, never silently dropped.
 */
export function markFieldsShape(kind: PollKind, optionIds: readonly number[], paper = false, form: BallotForm = 'perItem') {
  const mark = z.enum(['', ...choiceSetOf(kind, form).marks, ...(paper ? [SPOILED_LINE] : [])], { error: UNREADABLE_BALLOT }).default('');
  return Object.fromEntries(optionIds.map((id) => [`m${id}`, mark]));
}

/** The marks of a read form: an option left blank takes the choice set's unmarked mark. */
export function marksOf(kind: PollKind, optionIds: readonly number[], fields: BallotFields, form: BallotForm = 'perItem'): Marks {
  const set = choiceSetOf(kind, form);
  return Object.fromEntries(optionIds.map((id) => [id, (fields[`m${id}`] || set.unmarked) as Mark]));
}

/** A ballot form (a phone's), read: the fields as typed and the complete marks. Other body fields are ignored. */
export function ballotForm(kind: PollKind, optionIds: readonly number[], form: BallotForm = 'perItem') {
  // A poll's options never change once it exists, so each poll's schema is built once and then only parses: a hall
  // of phones submitting at once would otherwise build (and compile) the same schema for every ballot.
  const key = `${kind}:${form}:${optionIds.join(',')}`;
  let schema = ballotForms.get(key);
  if (!schema) {
    if (ballotForms.size >= KEPT_BALLOT_FORMS) ballotForms.delete(ballotForms.keys().next().value!);
    schema = buildBallotForm(kind, [...optionIds], form);
    ballotForms.set(key, schema);
  }
  return schema;
}

function buildBallotForm(kind: PollKind, optionIds: readonly number[], form: BallotForm) {
  return z.object(markFieldsShape(kind, optionIds, false, form))
    .transform((fields: BallotFields) => ({ fields, marks: marksOf(kind, optionIds, fields, form) }));
}

const KEPT_BALLOT_FORMS = 64;
const ballotForms = new Map<string, ReturnType<typeof buildBallotForm>>();

/**
 * Marks as a data function receives them: exactly the poll's options, each with a mark of its choice set; an
 * option missing takes the unmarked mark. Anything else is refused, whoever the caller.
 */
export function completeMarks(kind: PollKind, optionIds: readonly number[], marks: Readonly<Record<string, unknown>>, paper = false, form: BallotForm = 'perItem'): Result<Marks> {
  const set = choiceSetOf(kind, form);
  const ids = new Set(optionIds.map(String));
  if (Object.keys(marks).some((k) => !ids.has(k))) return refuse(UNREADABLE_BALLOT);
  const out: Marks = {};
  for (const id of ids) {
    const v = marks[id] ?? set.unmarked;
    if (!isMark(set, v) && !(paper && v === SPOILED_LINE)) return refuse(UNREADABLE_BALLOT);
    out[id] = v;
  }
  return ok(out);
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

/**
 * An electronic ballot as the voter submits it: complete, and refused — never stored invalid — when it has more
 * "for" than places, with the advice the voter needs to fix it.
 */
export function checkElectronicBallot(kind: PollKind, optionIds: readonly number[], marks: Readonly<Record<string, unknown>>, seatsToFill: number | null): Result<Marks> {
  const read = completeMarks(kind, optionIds, marks);
  if (!read.ok) return read;
  const judged = judgeBallot(kind, read.value, seatsToFill);
  if (!judged.valid) return refuse(`${judged.reason}。请把多出的改为反对或弃权后再提交`);
  return read;
}

/**
 * A 勾选 ballot as the phone or a teller sends it: the ids of the ticked options. More ticks than places is
 * refused on a phone (never stored invalid), with the advice the voter needs; a tick on an unknown option is a
 * tampered or stale form.
 */
export function checkTickBallot(optionIds: readonly number[], ticked: readonly string[], seatsToFill: number): Result<Marks> {
  const ids = new Set(optionIds.map(String));
  if (ticked.some((t) => !ids.has(t)) || new Set(ticked).size !== ticked.length) return refuse(UNREADABLE_BALLOT);
  if (ticked.length > seatsToFill) return refuse(`最多勾选 ${seatsToFill} 项，您勾选了 ${ticked.length} 项。请取消多余的勾选后再提交`);
  return ok(Object.fromEntries(optionIds.map((id) => [id, ticked.includes(String(id)) ? 'for' : 'none'])) as Marks);
}

/** A 勾选 paper ballot with more ticks than places is invalid as a whole, and says why in the tick's words. */
export function judgeTickBallot(marks: Marks, seatsToFill: number): Judgement {
  const limitedCount = Object.values(marks).filter((m) => m === 'for').length;
  return limitedCount > seatsToFill
    ? { valid: false, limitedCount, reason: `勾选 ${limitedCount} 项，超过应选数 ${seatsToFill} 项` }
    : { valid: true, limitedCount };
}

/** Whether a complete ballot is valid under its poll's ballot form: 勾选 in the tick's words, else judgeBallot. */
export function judgeBallotOf(kind: PollKind, form: BallotForm, marks: Marks, seatsToFill: number | null): Judgement {
  return form === 'tick' && kind !== 'evaluation' && seatsToFill !== null ? judgeTickBallot(marks, seatsToFill) : judgeBallot(kind, marks, seatsToFill);
}

/**
 * An electronic ballot under its poll's ballot form. A 勾选 ballot arrives as marks ('for' ticked, 'none' not):
 * read against the tick set, then checked as the ticked ids, so a phone never stores more ticks than places.
 */
export function checkBallotOf(kind: PollKind, form: BallotForm, optionIds: readonly number[], marks: Readonly<Record<string, unknown>>, seatsToFill: number | null): Result<Marks> {
  if (form !== 'tick' || kind === 'evaluation' || seatsToFill === null) return checkElectronicBallot(kind, optionIds, marks, seatsToFill);
  const read = completeMarks(kind, optionIds, marks, false, 'tick');
  if (!read.ok) return read;
  return checkTickBallot(optionIds, Object.keys(read.value).filter((id) => read.value[id] === 'for'), seatsToFill);
}
