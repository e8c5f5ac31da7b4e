import type { Marks } from './ballot';
import type { Mark } from './choices';

/**
 * A ballot's marks as the anonymous table stores them: one character per option, in the poll's option order
 * (position), so a 12-option ballot is 12 bytes and the count reads character codes instead of parsing JSON.
 * The alphabet covers every mark of every choice set (evaluation ratings, 勾选's unticked, a paper ballot's line
 * marked twice) and '.' for an option the ballot does not mention, which counts as the choice set's unmarked mark.
 */
export const MARK_CODES: Readonly<Record<Mark, string>> = {
  for: 'F',
  against: 'A',
  abstain: 'Q', // 弃 (qì)
  satisfied: 'S',
  basicallySatisfied: 'B',
  dissatisfied: 'D',
  spoiled: 'X',
  none: 'N',
};

/** An option the ballot does not mention. */
export const NOT_MENTIONED = '.';

/** Mark by character code: undefined for '.', and for any character outside the alphabet (see markCodeKnown). */
const MARK_BY_CODE: (Mark | undefined)[] = [];
for (const [mark, code] of Object.entries(MARK_CODES) as [Mark, string][]) MARK_BY_CODE[code.charCodeAt(0)] = mark;
const KNOWN_CODES = new Set([...Object.values(MARK_CODES), NOT_MENTIONED].map((c) => c.charCodeAt(0)));

/** The mark a character code stands for; null for an option not mentioned. Throws on a character outside the alphabet. */
export function markOfCode(code: number): Mark | null {
  if (!KNOWN_CODES.has(code)) throw new Error(`not a compact mark: ${JSON.stringify(String.fromCharCode(code))}`);
  return MARK_BY_CODE[code] ?? null;
}

const CHAR_CODES = new Map<string, number>(Object.entries(MARK_CODES).map(([mark, code]) => [mark, code.charCodeAt(0)]));
const NOT_MENTIONED_CODE = NOT_MENTIONED.charCodeAt(0);

/** The character code of one option's mark (undefined: not mentioned). Throws on anything that is not a mark. */
export function markCharCode(mark: Mark | undefined): number {
  if (mark === undefined) return NOT_MENTIONED_CODE;
  const code = CHAR_CODES.get(mark);
  if (code === undefined) throw new Error(`not a mark: ${JSON.stringify(mark)}`);
  return code;
}

/** The compact form of a ballot's marks for the options in order; keys that are not among the options are not kept. */
export function encodeMarks(optionIds: readonly number[], marks: Readonly<Record<string, Mark>>): string {
  return String.fromCharCode(...optionIds.map((id) => markCharCode(marks[id])));
}

/** The marks of a compact ballot, keyed by option id (an option not mentioned has no key). Throws when it is not one of these options'. */
export function decodeMarks(optionIds: readonly number[], compact: string): Marks {
  if (compact.length !== optionIds.length) throw new Error(`a ballot of ${compact.length} marks for ${optionIds.length} options`);
  const out: Marks = {};
  optionIds.forEach((id, i) => {
    const m = markOfCode(compact.charCodeAt(i));
    if (m !== null) out[id] = m;
  });
  return out;
}
