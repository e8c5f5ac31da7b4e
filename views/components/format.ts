// Dates are the domain's (one China-date module); this file only formats them for pages.
export { chinaDateOf, chinaYearOf } from '../../src/domain/chinaDate';

import { groupedNumber } from '../../src/domain/numberText';

// China uses one time zone; the server's own zone may differ (a laptop set to UTC). Made only for an instant
// before 1992: the time-zone database costs the server memory that a session day never needs.
let dtf: Intl.DateTimeFormat | undefined;
const before1992 = () => (dtf ??= new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
}));

function parts(f: Intl.DateTimeFormat, d: Date) {
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

// China has kept UTC+8 without daylight saving since 1992 (as chinaDateOf relies on): from then on a time of day
// is plain arithmetic, where Intl costs microseconds per call on pages that list hundreds of entries.
const SINCE_1992 = Date.UTC(1992, 0, 1);
const EIGHT_HOURS = 8 * 3_600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function fmtDateTime(d: Date): string {
  const t = d.getTime();
  if (t >= SINCE_1992) {
    const c = new Date(t + EIGHT_HOURS);
    return `${c.getUTCFullYear()}-${pad2(c.getUTCMonth() + 1)}-${pad2(c.getUTCDate())} ${pad2(c.getUTCHours())}:${pad2(c.getUTCMinutes())}`;
  }
  const p = parts(before1992(), d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function fmtYuan(n: number): string {
  return `${groupedNumber(n)} 元`;
}
