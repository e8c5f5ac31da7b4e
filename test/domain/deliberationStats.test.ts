import { describe, expect, it } from 'vitest';
import { percent, summarizeYear, type StatItem, type StatRep, type StatSuggestion } from '../../src/domain/deliberationStats';

// A small year counted by hand: 3 representatives (one retired), 6 items, 4 suggestions.
const reps: StatRep[] = [
  { id: 1, name: '甲', community: 'A', status: 'seated' },
  { id: 2, name: '乙', community: 'B', status: 'seated' },
  { id: 3, name: '丙', community: 'B', status: 'retired' }, // raised one item before leaving
  { id: 4, name: '丁', community: 'A', status: 'retired' }, // raised nothing this year: not listed
];
const items: StatItem[] = [
  { id: 10, raisedById: 1, state: 'converted' },
  { id: 11, raisedById: 1, state: 'converted' },
  { id: 12, raisedById: 1, state: 'handedToRep' },
  { id: 13, raisedById: 2, state: 'converted' },
  { id: 14, raisedById: 2, state: 'answered' },
  { id: 15, raisedById: 3, state: 'converted' },
];
const s = (opinionItemId: number, x: Partial<StatSuggestion>): StatSuggestion =>
  ({ opinionItemId, assignedOn: '2026-01-31', dueOn: '2026-04-30', extendedTo: null, answeredOn: null, satisfaction: null, ...x });
const suggestions: StatSuggestion[] = [
  s(10, { answeredOn: '2026-04-30', satisfaction: 'satisfied' }), // on time, on the due date
  s(11, { answeredOn: '2026-05-01', satisfaction: 'dissatisfied' }), // a day late
  s(13, { extendedTo: '2026-07-31', answeredOn: '2026-07-31', satisfaction: 'basicallySatisfied' }), // extended, on time
  s(15, {}), // open: overdue after 30 April
];

describe('summarizeYear', () => {
  const y = summarizeYear(reps, items, suggestions, '2026-05-01');

  it('counts items by state and suggestions by outcome', () => {
    expect(y.items).toBe(6);
    expect(y.byState).toEqual({ recorded: 0, answered: 1, referred: 0, handedToRep: 1, converted: 4, replied: 0, proposed: 0 });
    expect(y.suggestions).toBe(4);
    expect(y.answered).toBe(3);
    expect(y.answeredOnTime).toBe(2);
    expect(y.byStatus.answeredLate).toBe(1);
    expect(y.byStatus.overdue).toBe(1);
    expect(y.extended).toBe(1);
    expect(percent(y.onTimeRate)).toBe('66.7%');
  });

  it('rates satisfaction as satisfied plus basically satisfied over those rated', () => {
    expect(y.rated).toBe(3);
    expect(y.satisfaction).toEqual({ satisfied: 1, basicallySatisfied: 1, dissatisfied: 1 });
    expect(percent(y.satisfactionRate)).toBe('66.7%');
  });

  it('lists each seated representative and anyone retired who raised something', () => {
    expect(y.perRep.map((r) => [r.name, r.raised, r.handedToRep, r.converted])).toEqual([
      ['甲', 3, 3, 2],
      ['乙', 2, 1, 1],
      ['丙', 1, 1, 1],
    ]);
  });

  it('an empty year has no rates, not zero ones', () => {
    const empty = summarizeYear(reps, [], [], '2026-05-01');
    expect(empty.onTimeRate).toBeNull();
    expect(percent(empty.satisfactionRate)).toBe('—');
  });
});
