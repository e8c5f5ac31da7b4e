// 过半数 is strictly more than half (全体代表的过半数, DOMAIN §3.4): 60 of 120 is not adopted, 61 is.
export type MajorityBase = 'seated' | 'present';

export function passesMajority(forVotes: number, base: number): boolean {
  return forVotes * 2 > base;
}

/** The fewest "for" votes that pass: shown on the result sheet so everyone can check the arithmetic. */
export function minimumFor(base: number): number {
  return Math.floor(base / 2) + 1;
}

export const MAJORITY_BASE_WORDS: Record<MajorityBase, string> = { seated: '全体在册代表', present: '出席代表' };
