import { ok, refuse, type Result } from './result';
import { ROLL_STATES, type RollState } from './vocabulary';

export type { RollState };

/** No record yet: the roll shows 未签到. */
export type RollPlace = RollState | null;

export const ROLL_STATE_LABELS: Record<RollState, string> = {
  present: '出席',
  leave: '请假',
  absent: '缺席',
  departed: '离场',
  returned: '返场',
};

export function placeLabel(place: RollPlace): string {
  return place ? ROLL_STATE_LABELS[place] : '未签到';
}

/** The states that are in the hall now, for queries. */
export const IN_HALL = ['present', 'returned'] as const satisfies readonly RollState[];

/** Present in the hall now: arrived (or came back) and neither on leave nor gone. Only they make the quorum and may cast. */
export function inHall(state: RollPlace | undefined): boolean {
  return state === 'present' || state === 'returned';
}

/** What the clerk may record next for a representative, from where they stand; the representative's own code only arrives. */
const NEXT: Record<RollState | 'none', readonly RollState[]> = {
  none: ['present', 'leave', 'absent'],
  absent: ['present', 'leave'],
  leave: ['present', 'absent'],
  present: ['departed', 'leave'],
  departed: ['returned'],
  returned: ['departed', 'leave'],
};

/** The state an arrival records: coming back after leaving the hall is 返场, any other arrival is 出席. */
export function arrivalState(from: RollPlace): RollState {
  return from === 'departed' ? 'returned' : 'present';
}

export function nextStates(from: RollPlace): readonly RollState[] {
  return NEXT[from ?? 'none'];
}

/**
 * Whether `to` may follow `from`. Recording the state someone is already in changes nothing (a second tap, a
 * phone and the clerk at once), and 请假 needs its reason (the roll reports leave with why).
 */
export function checkRollChange(from: RollPlace, to: RollState, reason: string): Result<{ unchanged: boolean }> {
  if (from === to || (inHall(from) && inHall(to))) return ok({ unchanged: true });
  if (!nextStates(from).includes(to)) {
    return refuse(`${from ? ROLL_STATE_LABELS[from] : '未签到'}的代表不能直接登记为${ROLL_STATE_LABELS[to]}`, 'state');
  }
  if (to === 'leave' && reason.trim() === '') return refuse('请假须写明原因', 'reason');
  return ok({ unchanged: false });
}

/** One line of the roll's history: a state recorded, or a correction withdrawing the latest record still standing. */
export interface RollEvent { state: RollPlace; correction: boolean }

/**
 * The current place from the history: each record stands on the one before; a correction withdraws the latest
 * record still standing, so the place goes back to what it was before that record (or to 未签到).
 */
export function foldRoll(events: readonly RollEvent[]): { place: RollPlace; standing: number } {
  const stack: RollState[] = [];
  for (const e of events) {
    if (e.correction) stack.pop();
    else if (e.state) stack.push(e.state);
  }
  return { place: stack.at(-1) ?? null, standing: stack.length };
}

/** What the place would be if the latest standing record were withdrawn. */
export function placeBefore(events: readonly RollEvent[]): RollPlace {
  return foldRoll([...events, { state: null, correction: true }]).place;
}

/**
 * How a correction is recorded. Someone who has cast a ballot in this session was in the hall: their participation
 * stands, so a correction of their arrival records a departure instead of withdrawing it.
 */
export function correctionOf(current: RollPlace, hasVoted: boolean): Result<{ kind: 'withdraw' } | { kind: 'depart' }> {
  if (current === null) return refuse('该代表还没有签到记录，无需更正');
  if (hasVoted && inHall(current)) return ok({ kind: 'depart' });
  return ok({ kind: 'withdraw' });
}

export interface RollCounts { seated: number; present: number; leave: number; departed: number; absent: number; notYet: number }

/**
 * 在册 / 出席 / 请假 / 离场 / 缺席 over the roster: 出席 counts 返场, 缺席 counts both the recorded absences
 * and those not checked in (notYet is the part of 缺席 with no record, the roll's 未签到 filter).
 */
export function countRoll(places: readonly RollPlace[]): RollCounts {
  const c: RollCounts = { seated: places.length, present: 0, leave: 0, departed: 0, absent: 0, notYet: 0 };
  for (const p of places) {
    if (inHall(p)) c.present++;
    else if (p === 'leave') c.leave++;
    else if (p === 'departed') c.departed++;
    else {
      c.absent++;
      if (p === null) c.notYet++;
    }
  }
  return c;
}

export function isRollState(v: string): v is RollState {
  return (ROLL_STATES as readonly string[]).includes(v);
}
