import { addMonths, formatChinaDate, parseChinaDate, type ChinaDate } from './chinaDate';

/** A calendar quarter, the unit receptions are planned in (seed 001 §五: 按季度统一确定接待群众的具体时间). */
export interface Quarter { year: number; q: 1 | 2 | 3 | 4 }

export function quarterOf(date: ChinaDate): Quarter {
  const p = parseChinaDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return { year: p.y, q: (Math.floor((p.m - 1) / 3) + 1) as Quarter['q'] };
}

/** First and last day, both inclusive. */
export function quarterBounds(x: Quarter): { from: ChinaDate; to: ChinaDate } {
  const firstMonth = (x.q - 1) * 3 + 1;
  return { from: formatChinaDate(x.year, firstMonth, 1), to: lastDay(x.year, firstMonth + 2) };
}

function lastDay(y: number, m: number): ChinaDate {
  return formatChinaDate(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

export function inQuarter(date: ChinaDate, x: Quarter): boolean {
  const b = quarterBounds(x);
  return date >= b.from && date <= b.to;
}

export function nextQuarter(x: Quarter): Quarter {
  return x.q === 4 ? { year: x.year + 1, q: 1 } : { year: x.year, q: (x.q + 1) as Quarter['q'] };
}

export function previousQuarter(x: Quarter): Quarter {
  return x.q === 1 ? { year: x.year - 1, q: 4 } : { year: x.year, q: (x.q - 1) as Quarter['q'] };
}

/** '2026-Q1' in URLs and forms. */
export function quarterKey(x: Quarter): string {
  return `${x.year}-Q${x.q}`;
}

export function parseQuarter(s: string): Quarter | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(s);
  return m ? { year: Number(m[1]), q: Number(m[2]) as Quarter['q'] } : null;
}

const QUARTER_WORDS = ['一', '二', '三', '四'] as const;
export function quarterLabel(x: Quarter): string {
  return `${x.year}年第${QUARTER_WORDS[x.q - 1]}季度`;
}

/** A reception day copied into the next quarter: the same day three months on, or that month's last day (30 Nov → 28 Feb). */
export function sameDayNextQuarter(date: ChinaDate): ChinaDate {
  return addMonths(date, 3);
}
