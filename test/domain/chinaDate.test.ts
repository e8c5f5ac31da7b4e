import { describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../src/domain/chinaDate';

const byTimeZoneDatabase = (d: Date) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
};

describe('chinaDateOf', () => {
  it.each([
    ['2027-03-31T15:59:59.999Z', '2027-03-31'], // 23:59:59.999 in China
    ['2027-03-31T16:00:00.000Z', '2027-04-01'], // midnight in China
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2028-02-28T16:00:00.000Z', '2028-02-29'], // a leap day
    ['1991-12-31T16:00:00.000Z', '1992-01-01'], // the first instant of plain arithmetic
    ['1991-12-31T15:59:59.999Z', '1991-12-31'], // the last instant through the time-zone database
    ['1988-06-01T15:30:00.000Z', '1988-06-02'], // summer time then (UTC+9): already the next day
  ])('%s is %s in China', (iso, date) => {
    expect(chinaDateOf(new Date(iso))).toBe(date);
  });

  it('agrees with the time-zone database hour by hour over years', () => {
    for (let t = Date.UTC(1992, 0, 1); t < Date.UTC(2040, 0, 1); t += 3_599_999 * 7) {
      const d = new Date(t);
      expect(chinaDateOf(d), d.toISOString()).toBe(byTimeZoneDatabase(d));
    }
  });
});
