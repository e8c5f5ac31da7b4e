import { compareDates, addMonths as addMonthsToDate } from './chinaDate';

/**
 * 月跟踪 schedule rules (DOMAIN §3.5): which months a project reports, when a month's report is overdue,
 * the planned progress at a date, how far behind a project is, and its 督办亮灯 colour.
 * Dates are China calendar dates 'YYYY-MM-DD', months 'YYYY-MM'; arithmetic is on whole UTC days so
 * month ends and leap years come from the calendar, never from 30-day approximations.
 */

export type Month = string;

export interface PlannedMilestone { title: string; dueDate: string; plannedPct: number; plannedSpend: number }
export interface Plan { budget: number; startDate: string; endDate: string; milestones: PlannedMilestone[] }

export type MilestoneState = 'done' | 'onTrack' | 'late';
export interface ReportedMilestone { title: string; dueDate: string; state: MilestoneState; expectedDate?: string }

const DAY = 86_400_000;

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / DAY;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number);
  const i = y! * 12 + (m! - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: Month): string {
  const [y, m] = month.split('-').map(Number);
  return fromDayNumber(Date.UTC(y!, m!, 1) / DAY - 1); // day 0 of the next month
}

/** Every month the schedule touches, both ends included: a project starting on the 15th reports for that month. */
export function monthsBetween(startDate: string, endDate: string): Month[] {
  const out: Month[] = [];
  const last = monthOf(endDate);
  for (let m = monthOf(startDate); m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The months reported within one cycle: a cross-year project reports its next-year months in the next cycle. */
export function reportMonths(startDate: string, endDate: string, cycleYear: number): Month[] {
  return monthsBetween(startDate, endDate).filter((m) => m.startsWith(`${cycleYear}-`));
}

/** A month's report is due by `dueDay` of the following month (December's in January of the next year). */
export function reportDueDate(month: Month, dueDay: number): string {
  return `${addMonths(month, 1)}-${String(dueDay).padStart(2, '0')}`;
}

/** The next report due date on or after today: a red project's task is due then. */
export function nextReportDueDate(today: string, dueDay: number): string {
  const thisMonths = reportDueDate(addMonths(monthOf(today), -1), dueDay);
  return thisMonths >= today ? thisMonths : reportDueDate(monthOf(today), dueDay);
}

/**
 * notYet: the month is not over; open: over, due date not passed; overdue: not filed after the due date;
 * onTime / late: filed by / after the due date. The due day itself is still on time.
 */
export type ReportStanding = 'notYet' | 'open' | 'overdue' | 'onTime' | 'late';

export function reportStanding(month: Month, dueDay: number, today: string, filedOn?: string): ReportStanding {
  const due = reportDueDate(month, dueDay);
  if (filedOn !== undefined) return filedOn <= due ? 'onTime' : 'late';
  if (today < lastDayOfMonth(month)) return 'notYet';
  return today <= due ? 'open' : 'overdue';
}

/**
 * The plan's points: the start at 0, each milestone, and 100% with the budget by the end date unless a milestone
 * reaches 100. Milestones due the same day make one point, the furthest: the plan stands there at that day's end.
 */
function planPoints(plan: Plan): { day: number; pct: number; spend: number }[] {
  const ms = [...plan.milestones].sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.plannedPct - b.plannedPct);
  const pts = [{ day: dayNumber(plan.startDate), pct: 0, spend: 0 }];
  const put = (day: number, pct: number, spend: number) => {
    const last = pts[pts.length - 1]!;
    // A milestone due on (or before) the start date is an anchor — a carried-over project starts where it stood.
    if (day <= last.day && (pts.length === 1 || day === last.day)) pts[pts.length - 1] = { day: last.day, pct, spend };
    else pts.push({ day, pct, spend });
  };
  for (const m of ms) put(dayNumber(m.dueDate), m.plannedPct, m.plannedSpend);
  if (!ms.some((m) => m.plannedPct >= 100)) {
    const last = pts[pts.length - 1]!;
    put(Math.max(dayNumber(plan.endDate), last.day), 100, Math.max(plan.budget, last.spend));
  }
  return pts;
}

/** Planned cumulative % and spend at the end of `date`, linear between the plan's points. */
export function plannedAt(plan: Plan, date: string): { pct: number; spend: number } {
  const pts = planPoints(plan);
  const day = dayNumber(date);
  if (day <= pts[0]!.day) return day < pts[0]!.day ? { pct: 0, spend: 0 } : { pct: pts[0]!.pct, spend: pts[0]!.spend };
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (day <= b.day) {
      const f = b.day === a.day ? 1 : (day - a.day) / (b.day - a.day);
      return { pct: a.pct + (b.pct - a.pct) * f, spend: a.spend + (b.spend - a.spend) * f };
    }
  }
  const last = pts[pts.length - 1]!;
  return { pct: last.pct, spend: last.spend };
}

/** Planned % as reports give it, a whole number: "实际 4%，计划 4%" is on plan, not 0.4 points behind. */
export function plannedPctAt(plan: Plan, date: string): number {
  return Math.round(plannedAt(plan, date).pct);
}

/**
 * How far behind the plan, in percentage points, as of a date:
 * - by %: planned cumulative % minus the reported %;
 * - by milestone dates: the longest slip (a late milestone's new expected date, or a due date passed without
 *   "done") as a share of the whole schedule, so one tolerance applies to both.
 */
export function scheduleLag(plan: Plan, asOf: string, reportedPct: number, reported: readonly ReportedMilestone[]): {
  pctLag: number; dateLag: number; lag: number;
} {
  const pctLag = plannedPctAt(plan, asOf) - reportedPct;
  const duration = Math.max(1, daysBetween(plan.startDate, plan.endDate));
  let slip = 0;
  for (const m of reportableMilestones(plan)) {
    const r = reported.find((x) => x.title === m.title);
    if (r?.state === 'done') continue;
    if (r?.state === 'late' && r.expectedDate) slip = Math.max(slip, daysBetween(m.dueDate, r.expectedDate));
    if (asOf > m.dueDate) slip = Math.max(slip, daysBetween(m.dueDate, asOf));
  }
  const dateLag = (slip * 100) / duration;
  return { pctLag, dateLag, lag: Math.max(pctLag, dateLag, 0) };
}

/** Milestones the unit reports on: not an anchor dated on or before the start (a carried-over project's starting point). */
export function reportableMilestones(plan: Plan): PlannedMilestone[] {
  return [...plan.milestones].filter((m) => m.dueDate > plan.startDate).sort((a, b) => compareDates(a.dueDate, b.dueDate));
}

/** "Behind schedule" is strictly more than the tolerance: exactly the tolerance is still within it. */
export function isBehindSchedule(lag: number, tolerancePct: number): boolean {
  return lag > tolerancePct;
}

export const COLOURS = ['blue', 'green', 'yellow', 'orange', 'red'] as const;
export type Colour = (typeof COLOURS)[number];

export const COLOUR_LABELS: Record<Colour, string> = {
  blue: '蓝灯 · 完工验收',
  green: '绿灯 · 按计划推进',
  yellow: '黄灯 · 轻微滞后',
  orange: '橙灯 · 滞后',
  red: '红灯 · 严重滞后或整改逾期',
};

/** Why a project shows its colour: the task put on the unit names these, and only these. */
export type ColourReason = 'overdueRectification' | 'seriousLag' | 'lag' | 'overrun';

export interface ColourInput {
  accepted: boolean; lag: number; tolerancePct: number; seriousLagPct: number; overdueRectification: boolean;
  /** Months begun since the end date with the works unfinished (overrunMonths); 0 = not past it. */
  overrunMonths?: number;
}

/**
 * 督办亮灯 (DOMAIN §3.5): blue = completed and accepted; red = seriously behind, an overdue rectification, or
 * unfinished more than a month after the end date; orange = behind beyond the tolerance, or unfinished within the
 * first month after the end date; yellow = behind within the tolerance; green = on plan.
 */
export function statusVerdict(p: ColourInput): { colour: Colour; reasons: ColourReason[] } {
  if (p.accepted) return { colour: 'blue', reasons: [] }; // acceptance (验收) closes the project's supervision
  const overrun = p.overrunMonths ?? 0;
  const red: ColourReason[] = [];
  if (p.overdueRectification) red.push('overdueRectification');
  if (p.lag > p.seriousLagPct) red.push('seriousLag');
  if (overrun >= 2) red.push('overrun');
  if (red.length) return { colour: 'red', reasons: red };
  const orange: ColourReason[] = [];
  if (p.lag > p.tolerancePct) orange.push('lag');
  if (overrun >= 1) orange.push('overrun');
  if (orange.length) return { colour: 'orange', reasons: orange };
  if (p.lag > 0) return { colour: 'yellow', reasons: ['lag'] };
  return { colour: 'green', reasons: [] };
}

export function statusColour(p: ColourInput): Colour {
  return statusVerdict(p).colour;
}

/**
 * How many months a project has run past its end date unfinished: 1 from the day after the end date through the
 * same day a month later (民法典 art. 202: a month ends on the corresponding day, else the month's last day),
 * 2 in the month after that, and so on. 0 while the end date has not passed, and once the works are finished.
 */
export function overrunMonths(endDate: string, today: string, finished: boolean): number {
  if (finished || today <= endDate) return 0;
  let n = 1;
  while (addMonthsToDate(endDate, n) < today) n++;
  return n;
}

/**
 * The months reported within the cycle: the plan's months, and — while an unfinished project runs past its end
 * date — each month after it up to the current one, so the unit keeps reporting until the works are finished
 * (or the plan is adjusted). Months already reported after the end date stay in the list.
 */
export function reportingMonths(plan: Pick<Plan, 'startDate' | 'endDate'>, cycleYear: number, today: string, finished: boolean, filedMonths: readonly Month[] = []): Month[] {
  const last = [finished ? monthOf(plan.endDate) : maxOf(monthOf(plan.endDate), monthOf(today)), ...filedMonths].reduce(maxOf);
  return reportMonths(plan.startDate, last > monthOf(plan.endDate) ? lastDayOfMonth(last) : plan.endDate, cycleYear);
}

const maxOf = (a: string, b: string) => (a > b ? a : b);

export interface ReportFact { month: Month; pct: number; filedOn: string; milestones: ReportedMilestone[] }

export interface Assessment {
  months: Month[];
  standings: { month: Month; standing: ReportStanding; due: string }[];
  asOfMonth: Month | null; // the month the project is judged at; null before its first report falls due
  plannedPct: number;
  reportedPct: number;
  lag: number;
  behind: boolean;
  colour: Colour;
  reasons: ColourReason[];
  overrunMonths: number;
  /** Suspended or terminated by a decided amendment: judged as of that day, owing no later report, never escalating. */
  halted?: { state: 'suspended' | 'terminated'; since: string; reason: string };
}

/**
 * The project judged at the latest month that is reported or overdue: a missing report counts as no progress
 * since the last figure — the last report, or for a carried-over project the figure it was carried with — once it
 * is overdue, and is not held against the unit before its due date.
 */
export function assessProject(p: {
  plan: Plan; cycleYear: number; reports: readonly ReportFact[]; today: string; dueDay: number;
  tolerancePct: number; seriousLagPct: number; accepted: boolean; overdueRectification: boolean;
  /** Status 已完工: the unit reported 100%. */
  completed?: boolean;
  /** 跨年度项目: the % complete it was carried over with from the previous year. */
  carriedPct?: number;
  /** 暂停 / 终止: the day the decision took effect stops the clock for this project. */
  halted?: { state: 'suspended' | 'terminated'; since: string; reason: string };
}): Assessment {
  if (p.halted && p.halted.since < p.today) {
    const a = assessProject({ ...p, today: p.halted.since, halted: undefined });
    const owed = (m: Month) => m < monthOf(p.halted!.since); // no report is owed from the month of the decision on
    return { ...a, months: a.months.filter(owed), standings: a.standings.filter((s) => owed(s.month)), overrunMonths: 0, reasons: a.reasons.filter((r) => r !== 'overrun'), colour: haltedColour(a), halted: p.halted };
  }
  if (p.halted) return { ...assessProject({ ...p, halted: undefined }), halted: p.halted };
  const lastFiled = [...p.reports].sort((a, b) => compareDates(a.month, b.month)).at(-1);
  const finished = p.accepted || (p.completed ?? false) || (lastFiled?.pct ?? p.carriedPct ?? 0) >= 100;
  const months = reportingMonths(p.plan, p.cycleYear, p.today, finished, p.reports.map((r) => r.month));
  const byMonth = new Map(p.reports.map((r) => [r.month, r]));
  const standings = months.map((month) => ({
    month, due: reportDueDate(month, p.dueDay), standing: reportStanding(month, p.dueDay, p.today, byMonth.get(month)?.filedOn),
  }));
  const judged = standings.filter((s) => s.standing !== 'notYet' && s.standing !== 'open').map((s) => s.month);
  const filed = [...byMonth.keys()].filter((m) => months.includes(m));
  const asOfMonth = [...judged, ...filed].sort().at(-1) ?? null;
  // Before the first report is judged the project stands where it started (0, or where it was carried over).
  let plannedPct = plannedPctAt(p.plan, p.plan.startDate);
  let reportedPct = p.carriedPct ?? 0;
  let lag = 0;
  if (asOfMonth) {
    const latest = p.reports.filter((r) => r.month <= asOfMonth).sort((a, b) => compareDates(a.month, b.month)).at(-1);
    reportedPct = latest?.pct ?? p.carriedPct ?? 0;
    const asOf = lastDayOfMonth(asOfMonth) < p.plan.endDate ? lastDayOfMonth(asOfMonth) : p.plan.endDate;
    const l = scheduleLag(p.plan, asOf, reportedPct, latest?.milestones ?? []);
    plannedPct = plannedPctAt(p.plan, asOf);
    lag = l.lag;
  }
  const overrun = overrunMonths(p.plan.endDate, p.today, finished);
  const verdict = statusVerdict({
    accepted: p.accepted, lag, tolerancePct: p.tolerancePct, seriousLagPct: p.seriousLagPct,
    overdueRectification: p.overdueRectification, overrunMonths: overrun,
  });
  return {
    months, standings, asOfMonth, plannedPct, reportedPct, lag,
    behind: isBehindSchedule(lag, p.tolerancePct),
    colour: verdict.colour, reasons: verdict.reasons, overrunMonths: overrun,
  };
}

/** A halted project keeps the colour its lag gave it on the day, without the overrun's escalation. */
function haltedColour(a: Assessment): Colour {
  const rest = a.reasons.filter((r) => r !== 'overrun');
  if (a.colour === 'blue' || a.colour === 'green' || a.colour === 'yellow') return a.colour;
  if (rest.length === 0) return a.lag > 0 ? 'yellow' : 'green';
  return rest.includes('seriousLag') || rest.includes('overdueRectification') ? 'red' : 'orange';
}

/** The quarter a date falls in, 'YYYY-Qn'. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarters the schedule touches within the cycle year: each needs a supervision visit. */
export function scheduleQuarters(startDate: string, endDate: string, cycleYear: number): string[] {
  return [...new Set(reportMonths(startDate, endDate, cycleYear).map((m) => quarterOf(`${m}-01`)))];
}
