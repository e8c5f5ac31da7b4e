// 三分之二以上: in Chinese law "以上" includes the number itself (DOMAIN §3.4).
export interface Fraction { num: number; den: number }

export const TWO_THIRDS: Fraction = { num: 2, den: 3 };

/** Integers only: present*den >= seated*num, so 80 of 120 is exactly two thirds with no 0.666… rounding. */
export function hasQuorum(present: number, seated: number, min: Fraction = TWO_THIRDS): boolean {
  return seated > 0 && present * min.den >= seated * min.num; // an empty roster never has a quorum
}

/** The smallest number present that makes a quorum (shown on the projector and the result sheet). */
export function quorumNeeded(seated: number, min: Fraction = TWO_THIRDS): number {
  return Math.floor((seated * min.num + min.den - 1) / min.den);
}

const FRACTION_WORDS: Record<string, string> = { '2/3': '三分之二', '1/2': '二分之一', '3/4': '四分之三' };

export function fractionWords(f: Fraction): string {
  return FRACTION_WORDS[`${f.num}/${f.den}`] ?? `${f.den}分之${f.num}`;
}
