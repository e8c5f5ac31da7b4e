import { groupedNumber } from '../../src/domain/numberText';

/** 'YYYY-MM-DD' (a China date) → 2027年3月1日 */

export function chinaDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Amounts the way residents say them: 80,000 元 / 15 万元 / 1.2 亿元. */
export function yuanWords(n: number): string {
  if (n >= 100_000_000 && n % 1_000_000 === 0) return `${n / 100_000_000} 亿元`;
  if (n >= 10_000 && n % 100 === 0) return `${n / 10_000} 万元`;
  return `${groupedNumber(n)} 元`;
}

/** A long public reason cut for a list, at a character (never half an emoji). */
export function excerpt(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
