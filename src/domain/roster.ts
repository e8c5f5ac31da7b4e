import type { ChinaDate } from './chinaDate';
import type { RepBody, RetireReason } from './vocabulary';

/**
 * A seat's life on the roster: seated from `seatedOn` (null: before the records begin) until the day before
 * `retiredOn`. Every count of "seated on a date" — the roster page, its history, a session's snapshot — is this.
 */
export interface SeatDates {
  status: 'seated' | 'retired';
  seatedOn: string | null;
  retiredOn: string | null;
}

/**
 * Seated on `date`: the seat has begun (by-elections count from their own date) and has not ended.
 * The day of leaving no longer counts (a representative who died on the 3rd is not on the 3rd's roster);
 * a retirement recorded without a date counts as before every date.
 */
export function isSeatedOn(seat: SeatDates, date: ChinaDate): boolean {
  if (seat.seatedOn !== null && seat.seatedOn > date) return false;
  if (seat.status === 'retired') return seat.retiredOn !== null && seat.retiredOn > date;
  return true;
}

export const RETIRE_REASON_LABELS: Record<RetireReason, string> = {
  death: '死亡',
  resignation: '辞职',
  recall: '罢免',
  movedAway: '迁出',
  other: '其他',
};

export interface SeatChange { kind: 'seated' | 'byElection' | 'retired'; name: string; community: string; reason: RetireReason | null }
export interface SeatCountPoint { date: ChinaDate; seated: number; changes: SeatChange[] }

export interface SeatHistory {
  /** Seated without a recorded date: the base the dated changes start from. */
  undated: number;
  /** One point per date on which something changed, oldest first, with the count at the end of that day. */
  points: SeatCountPoint[];
}

/** The seated count on each date the roster changed, and what changed. */
export function seatedHistory(reps: readonly (SeatDates & { name: string; community: string; byElection: boolean; retireReason: RetireReason | null })[]): SeatHistory {
  const byDate = new Map<ChinaDate, SeatChange[]>();
  const add = (date: ChinaDate, change: SeatChange) => byDate.set(date, [...(byDate.get(date) ?? []), change]);
  for (const r of reps) {
    if (r.seatedOn) add(r.seatedOn, { kind: r.byElection ? 'byElection' : 'seated', name: r.name, community: r.community, reason: null });
    if (r.status === 'retired' && r.retiredOn) add(r.retiredOn, { kind: 'retired', name: r.name, community: r.community, reason: r.retireReason });
  }
  const dates = [...byDate.keys()].sort();
  return {
    undated: reps.filter((r) => r.seatedOn === null && (r.status === 'seated' || r.retiredOn !== null)).length,
    points: dates.map((date) => ({ date, seated: reps.filter((r) => isSeatedOn(r, date)).length, changes: byDate.get(date)! })),
  };
}

/**
 * 选举法 art. 12 (2020): a township congress has a base of 45 seats (fewer only where under 2,000 people live)
 * and never more than 160. Advice on the roster page, never a refusal: a vacancy waits for its by-election.
 */
export const CONGRESS_SEATS = { base: 45, max: 160 } as const;

export function congressRosterWarnings(seated: number): string[] {
  if (seated === 0) return ['还没有在册代表：请新增或导入代表名册，之后才能创建人代会'];
  if (seated > CONGRESS_SEATS.max) return [`在册代表 ${seated} 名，超过乡镇代表总名额的上限 ${CONGRESS_SEATS.max} 名，请核对名册`];
  if (seated < CONGRESS_SEATS.base) {
    return [`在册代表 ${seated} 名，少于乡镇代表名额基数 ${CONGRESS_SEATS.base} 名（人口不足二千的乡镇除外）：如有缺额，请及时补选`];
  }
  return [];
}

/** The words a roster page uses for its body. */
export interface RosterTerms { roster: string; rep: string; place: string; sector: string; seatedOn: string; byElection: string; loginRole: 'representative' | 'deliberationRep' }

export const ROSTER_TERMS: Record<RepBody, RosterTerms> = {
  congress: { roster: '代表名册', rep: '代表', place: '所在村（社区）', sector: '界别/职业', seatedOn: '当选日期', byElection: '补选', loginRole: 'representative' },
  deliberation: { roster: '议事代表名册', rep: '议事代表', place: '所在社区', sector: '界别', seatedOn: '推选日期', byElection: '增补', loginRole: 'deliberationRep' },
};

/** “本镇”, “本乡”, “本街道”: how an error names the jurisdiction the villages belong to. */
export function ownerWord(j: { kind: string; name: string }): string {
  if (j.kind === 'subdistrict') return '本街道';
  return j.name.endsWith('乡') ? '本乡' : '本镇';
}

/**
 * Township representatives are elected in its villages and communities: the column must name one of them.
 * Deliberation representatives also come from units based in the street (驻街单位): free text there.
 */
export function placesToCheck(body: RepBody, places: readonly string[]): readonly string[] {
  return body === 'congress' ? places : [];
}
