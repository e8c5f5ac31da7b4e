// Dates are the domain's (one China-date module); this file only formats them for pages.
export { chinaDateOf, chinaYearOf } from '../../src/domain/chinaDate';

// China uses one time zone; the server's own zone may differ (a laptop set to UTC).
const dtf = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

function parts(f: Intl.DateTimeFormat, d: Date) {
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

// One formatter for every amount (toLocaleString builds a new one each call).
const zhNumber = new Intl.NumberFormat('zh-CN');

export function fmtDateTime(d: Date): string {
  const p = parts(dtf, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function fmtYuan(n: number): string {
  return `${zhNumber.format(n)} 元`;
}
