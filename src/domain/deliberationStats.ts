import type { ChinaDate } from './chinaDate';
import type { RepAttendance } from './meetingAttendance';
import type { OpinionState } from './opinionTriage';
import type { Deadline } from './suggestionDeadline';
import { satisfactionRate, suggestionStatus, type Satisfaction, type SuggestionStatus } from './suggestionStatus';

/**
 * A subdistrict's year of public-opinion work, counted by the year each item was recorded: an item raised in
 * December and converted in January counts in December's year, so every figure adds up against one list.
 */
export interface StatItem { id: number; raisedById: number; state: OpinionState }
export interface StatSuggestion extends Deadline { opinionItemId: number; satisfaction: Satisfaction | null }
export interface StatRep { id: number; name: string; community: string; status: 'seated' | 'retired' }

export interface RepLine extends StatRep {
  raised: number; handedToRep: number; converted: number;
  meetings: RepAttendance; // of the year's held meetings whose roster includes them
}

export interface YearSummary {
  items: number;
  byState: Record<OpinionState, number>;
  suggestions: number;
  byStatus: Record<SuggestionStatus, number>;
  answered: number;
  answeredOnTime: number;
  extended: number;
  onTimeRate: number | null; // of answered suggestions
  satisfaction: Record<Satisfaction, number>;
  rated: number;
  satisfactionRate: number | null;
  perRep: RepLine[];
}

export function summarizeYear(
  reps: readonly StatRep[], items: readonly StatItem[], suggestions: readonly StatSuggestion[], today: ChinaDate,
  attendance: ReadonlyMap<number, RepAttendance> = new Map(),
): YearSummary {
  const byState: Record<OpinionState, number> = { recorded: 0, answered: 0, referred: 0, handedToRep: 0, converted: 0, replied: 0, proposed: 0 };
  for (const i of items) byState[i.state]++;
  const byStatus: Record<SuggestionStatus, number> = { handling: 0, extended: 0, overdue: 0, answered: 0, answeredLate: 0 };
  const satisfaction: Record<Satisfaction, number> = { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 };
  let extended = 0;
  for (const s of suggestions) {
    byStatus[suggestionStatus(s, today)]++;
    if (s.extendedTo !== null) extended++;
    if (s.satisfaction) satisfaction[s.satisfaction]++;
  }
  const answered = byStatus.answered + byStatus.answeredLate;
  const rated = satisfaction.satisfied + satisfaction.basicallySatisfied + satisfaction.dissatisfied;
  // Everyone seated, plus anyone since retired who raised something or was expected at a meeting this year.
  const raisers = new Set([...items.map((i) => i.raisedById), ...attendance.keys()]);
  const converted = new Set(suggestions.map((s) => s.opinionItemId));
  const perRep = reps.filter((r) => r.status === 'seated' || raisers.has(r.id)).map((r) => {
    const mine = items.filter((i) => i.raisedById === r.id);
    return {
      ...r,
      raised: mine.length,
      // Handed over at some point: still with the representative, or already made a suggestion.
      handedToRep: mine.filter((i) => i.state === 'handedToRep' || i.state === 'converted').length,
      converted: mine.filter((i) => converted.has(i.id)).length,
      meetings: attendance.get(r.id) ?? { expected: 0, attended: 0 },
    };
  });
  return {
    items: items.length, byState, suggestions: suggestions.length, byStatus, answered,
    answeredOnTime: byStatus.answered, extended,
    onTimeRate: answered === 0 ? null : byStatus.answered / answered,
    satisfaction, rated, satisfactionRate: satisfactionRate(satisfaction), perRep,
  };
}

/** 0.8333 → "83.3%"; no data → "—". */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
