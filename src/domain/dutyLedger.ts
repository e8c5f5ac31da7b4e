import { compareDates, parseChinaDate, type ChinaDate } from './chinaDate';
import { DUTY_ACTIVITY_KINDS, type DutyActivityKind, type RollState } from './vocabulary';

/**
 * 履职台账 (seed 000 §四(五), seed 001): what one representative did in a year, the basis of their report to voters
 * (向选民述职). Every source (the session roll, suggestions, opinions, receptions, activities recorded by hand) turns
 * its rows into entries of one shape; the counts are a fold over them, so a new source adds entries, not rules.
 */
export const LEDGER_KINDS = ['reception', 'opinion', 'suggestion', 'session', 'poll', 'activity'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  reception: '接待群众',
  opinion: '收集意见',
  suggestion: '提出建议',
  session: '出席会议',
  poll: '参加表决',
  activity: '其他履职活动',
};

export const DUTY_ACTIVITY_LABELS: Record<DutyActivityKind, string> = {
  visit: '走访',
  survey: '调研',
  inspection: '视察',
  training: '培训',
  other: '其他',
};

export interface LedgerEntry {
  kind: LedgerKind;
  /** The China calendar day it happened: the year it counts in. */
  date: ChinaDate;
  representativeId: number;
  /** One line as the ledger prints it (a session's title, a suggestion's title and unit, an activity's note). */
  detail: string;
  /** For hand-recorded activities: 走访 / 调研 / 视察 / 培训 / 其他. */
  activity?: DutyActivityKind;
  /** The row behind the entry, where a page shows it (a hand-recorded activity can be withdrawn by its id). */
  sourceId?: number;
}

export type LedgerCounts = Record<LedgerKind, number> & { activities: Record<DutyActivityKind, number>; total: number };

export function emptyCounts(): LedgerCounts {
  return {
    reception: 0, opinion: 0, suggestion: 0, session: 0, poll: 0, activity: 0, total: 0,
    activities: Object.fromEntries(DUTY_ACTIVITY_KINDS.map((k) => [k, 0])) as Record<DutyActivityKind, number>,
  };
}

/** Whether a China date falls in the year: by its calendar day, so 12-31 and 01-01 fall in different years. A malformed date counts nowhere. */
export function inLedgerYear(date: ChinaDate, year: number): boolean {
  const p = parseChinaDate(date);
  return p !== null && p.y === year;
}

function add(into: LedgerCounts, e: LedgerEntry): void {
  into[e.kind] += 1;
  into.total += 1;
  if (e.kind === 'activity') into.activities[e.activity ?? 'other'] += 1;
}

/** Each representative's counts for the year; a representative with no entry is absent (the caller lists everyone it must). */
export function countLedger(entries: readonly LedgerEntry[], year: number): Map<number, LedgerCounts> {
  const out = new Map<number, LedgerCounts>();
  for (const e of entries) {
    if (!inLedgerYear(e.date, year)) continue;
    let c = out.get(e.representativeId);
    if (!c) out.set(e.representativeId, (c = emptyCounts()));
    add(c, e);
  }
  return out;
}

export interface RepLedger {
  counts: LedgerCounts;
  /** Every kind, each list oldest first (ties keep the sources' order). */
  byKind: Record<LedgerKind, LedgerEntry[]>;
}

/** One representative's year: the counts and the entries grouped by kind, in date order. */
export function ledgerOf(entries: readonly LedgerEntry[], representativeId: number, year: number): RepLedger {
  const mine = entries.filter((e) => e.representativeId === representativeId && inLedgerYear(e.date, year));
  const byKind = Object.fromEntries(LEDGER_KINDS.map((k) => [k, [] as LedgerEntry[]])) as Record<LedgerKind, LedgerEntry[]>;
  const counts = emptyCounts();
  for (const e of [...mine].sort((a, b) => compareDates(a.date, b.date))) {
    byKind[e.kind].push(e);
    add(counts, e);
  }
  return { counts, byKind };
}

/** Column totals of many representatives' counts: a station's, a community's or the whole town's line. */
export function sumCounts(list: readonly LedgerCounts[]): LedgerCounts {
  const out = emptyCounts();
  for (const c of list) {
    for (const k of LEDGER_KINDS) out[k] += c[k];
    for (const a of DUTY_ACTIVITY_KINDS) out.activities[a] += c.activities[a];
    out.total += c.total;
  }
  return out;
}

/** One history line of a session's roll, as the roll keeps it (src/domain/roll.ts). */
export interface RollLine { state: RollState | null; correction: boolean }

/**
 * Whether the roll shows the representative in the hall at some time of the session: a record of 出席 or 返场 still
 * standing once corrections have withdrawn what they withdraw. 请假 and 缺席 never attend; 出席 then 离场 did.
 */
export function attendedSession(lines: readonly RollLine[]): boolean {
  const standing: RollState[] = [];
  for (const l of lines) {
    if (l.correction) standing.pop();
    else if (l.state) standing.push(l.state);
  }
  return standing.some((s) => s === 'present' || s === 'returned');
}

/** Totals by a grouping (a community, a station): one line per group in first-seen order, with its representatives' number. */
export function totalsByGroup(rows: readonly { group: string; counts: LedgerCounts }[]): { group: string; reps: number; counts: LedgerCounts }[] {
  const groups = new Map<string, LedgerCounts[]>();
  for (const r of rows) {
    const list = groups.get(r.group);
    if (list) list.push(r.counts);
    else groups.set(r.group, [r.counts]);
  }
  return [...groups].map(([group, list]) => ({ group, reps: list.length, counts: sumCounts(list) }));
}
