// 三分之二以上: in Chinese law "以上" includes the number itself (DOMAIN §3.4).
export interface Fraction { num: number; den: number }

export const TWO_THIRDS: Fraction = { num: 2, den: 3 };

/**
 * The quorum fractions a jurisdiction may choose, as stored ("2/3") and as every page says them (三分之二): the
 * one table of words, read by the settings page, the roll and projector headcount, and the result sheet.
 */
export const QUORUM_FRACTION_WORDS = { '2/3': '三分之二', '1/2': '二分之一', '3/4': '四分之三' } as const;
export type QuorumFraction = keyof typeof QUORUM_FRACTION_WORDS;
export const QUORUM_FRACTIONS = Object.keys(QUORUM_FRACTION_WORDS) as [QuorumFraction, ...QuorumFraction[]];

/**
 * 以上 (atLeast) includes the number itself; 超过 (moreThan) does not. Congress law says 三分之二以上; some streets'
 * rules say 超过三分之二 or 过半数, where exactly the fraction is not enough.
 */
export type Comparator = 'atLeast' | 'moreThan';

/** Integers only: present*den >= seated*num, so 80 of 120 is exactly two thirds with no 0.666… rounding. */
export function hasQuorum(present: number, seated: number, min: Fraction = TWO_THIRDS, comparator: Comparator = 'atLeast'): boolean {
  if (seated <= 0) return false; // an empty roster never has a quorum
  return comparator === 'atLeast' ? present * min.den >= seated * min.num : present * min.den > seated * min.num;
}

/** The smallest number present that makes a quorum (shown on the projector and the result sheet). */
export function quorumNeeded(seated: number, min: Fraction = TWO_THIRDS, comparator: Comparator = 'atLeast'): number {
  if (comparator === 'moreThan') return Math.floor((seated * min.num) / min.den) + 1;
  return Math.floor((seated * min.num + min.den - 1) / min.den);
}

/** 三分之二以上（含本数） / 超过三分之二: the quorum rule as the sheet, the roll and the 票决办法 say it. */
export function quorumRuleWords(f: Fraction, comparator: Comparator = 'atLeast'): string {
  return comparator === 'atLeast' ? `${fractionWords(f)}以上（含本数）` : `超过${fractionWords(f)}（不含本数）`;
}

/** "2/3" → { num: 2, den: 3 } for integer-only quorum arithmetic. */
export function parseFraction(f: string): Fraction {
  const [num, den] = f.split('/').map(Number);
  return { num: num!, den: den! };
}

/** 三分之二: a stored result keeps its fraction as numbers, so the words are found from them. */
export function fractionWords(f: Fraction): string {
  return QUORUM_FRACTION_WORDS[`${f.num}/${f.den}` as QuorumFraction] ?? `${f.num}/${f.den}`;
}
