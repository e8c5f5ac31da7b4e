/**
 * Calendar dates as China writes them on paper: 'YYYY-MM-DD', no time, no zone.
 * Deadlines are counted in days and months, so they are computed on these strings, never on instants.
 */
export type ChinaDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseChinaDate(s: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(s);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isChinaDate(s: string): boolean {
  return parseChinaDate(s) !== null;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function formatChinaDate(y: number, m: number, d: number): ChinaDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The same day `months` later; when that month is shorter, its last day.
 * 民法典 art. 202: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。
 */
export function addMonths(date: ChinaDate, months: number): ChinaDate {
  const p = parseChinaDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatChinaDate(y, m, Math.min(p.d, daysInMonth(y, m)));
}

export function addDays(date: ChinaDate, days: number): ChinaDate {
  const p = parseChinaDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const t = new Date(Date.UTC(p.y, p.m - 1, p.d + days));
  return formatChinaDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: ChinaDate, b: ChinaDate): number {
  const pa = parseChinaDate(a);
  const pb = parseChinaDate(b);
  if (!pa || !pb) throw new RangeError(`not a date: ${a} / ${b}`);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

// Made only for an instant before 1992: the time-zone database costs memory that no current date needs.
let chinaDay: Intl.DateTimeFormat | undefined;
const before1992 = () => (chinaDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }));

// China has kept UTC+8 without daylight saving since 1992: from then on the date is plain arithmetic, far cheaper
// than asking Intl (dashboards date every report); earlier instants go through the time-zone database.
const SINCE_1992 = Date.UTC(1992, 0, 1);
const EIGHT_HOURS = 8 * 3_600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The calendar date in China at an instant (China has one time zone; the server's own may differ). */
export function chinaDateOf(instant: Date): ChinaDate {
  const t = instant.getTime();
  if (t >= SINCE_1992) {
    const d = new Date(t + EIGHT_HOURS);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  }
  const p = Object.fromEntries(before1992().formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The year in China at an instant: the default for a new cycle. */
export function chinaYearOf(instant: Date): number {
  return Number(chinaDateOf(instant).slice(0, 4));
}

/**
 * Orders China dates or months ('2027-03-01', '2027-03'), earlier first: they sort as plain text. Not
 * localeCompare, which would map the runtime's collation data into memory to compare digits.
 */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
