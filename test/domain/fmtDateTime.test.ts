import { describe, expect, it } from 'vitest';
import { fmtDateTime } from '../../views/components/format';

const byTimeZoneDatabase = (d: Date) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

describe('fmtDateTime', () => {
  it.each([
    ['2027-03-31T15:59:59.999Z', '2027-03-31 23:59'], // the last minute of a China day
    ['2027-03-31T16:00:00.000Z', '2027-04-01 00:00'], // midnight in China, 16:00 the day before in UTC
    ['2028-02-28T16:00:00.000Z', '2028-02-29 00:00'], // a leap day
    ['2026-12-31T16:00:00.000Z', '2027-01-01 00:00'], // a new year in China while still the old one in UTC
    ['2027-07-01T01:05:00.000Z', '2027-07-01 09:05'], // single digits padded
    ['1991-12-31T15:59:00.000Z', '1991-12-31 23:59'], // before 1992: through the time-zone database
    ['1988-07-01T00:00:00.000Z', '1988-07-01 09:00'], // China's summer time (1986–1991) kept
  ])('%s is %s in China', (iso, shown) => {
    expect(fmtDateTime(new Date(iso))).toBe(shown);
  });

  it('agrees with the time-zone database every few hours across forty years', () => {
    for (let t = Date.UTC(1986, 0, 1); t < Date.UTC(2026, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
      const d = new Date(t);
      expect(fmtDateTime(d)).toBe(byTimeZoneDatabase(d));
    }
  });
});
