import { describe, expect, it } from 'vitest';
import { percent, summarizeYear } from '../../src/domain/deliberationStats';
import { attendanceByRep, attendanceRate, summarizeAttendance, type HeldMeeting } from '../../src/domain/meetingAttendance';

const m = (sessionId: number, present: number, seated: number, held = true): HeldMeeting => ({ sessionId, present, seated, held });

describe('meeting attendance from the session roll', () => {
  it.each<[number, number, string]>([
    [52, 52, '100.0%'], [47, 52, '90.4%'], [0, 52, '0.0%'], [0, 0, '—'], // an empty roster has no rate, not 0%
    [2, 3, '66.7%'],
  ])('%i present of %i seated → %s', (present, seated, text) => expect(percent(attendanceRate(present, seated))).toBe(text));

  it.each<[string, HeldMeeting[], { meetings: number; seated: number; present: number; rate: string }]>([
    ['no meetings', [], { meetings: 0, seated: 0, present: 0, rate: '—' }],
    ['a planned meeting is not counted', [m(1, 0, 50, false)], { meetings: 0, seated: 0, present: 0, rate: '—' }],
    ['two meetings weigh by their seats, not as an average of rates', [m(1, 40, 40), m(2, 30, 60)], { meetings: 2, seated: 100, present: 70, rate: '70.0%' }],
    ['held and planned together', [m(1, 45, 52), m(2, 0, 52, false), m(3, 26, 51)], { meetings: 2, seated: 103, present: 71, rate: '68.9%' }],
  ])('%s', (_name, meetings, expected) => {
    const s = summarizeAttendance(meetings);
    expect({ meetings: s.meetings, seated: s.seated, present: s.present, rate: percent(s.rate) }).toEqual(expected);
  });

  it('counts each representative’s meetings attended of those expected', () => {
    const byRep = attendanceByRep([
      { representativeId: 1, present: true }, { representativeId: 1, present: true },
      { representativeId: 2, present: true }, { representativeId: 2, present: false },
      { representativeId: 3, present: false },
    ]);
    expect(Object.fromEntries(byRep)).toEqual({ 1: { expected: 2, attended: 2 }, 2: { expected: 2, attended: 1 }, 3: { expected: 1, attended: 0 } });
  });

  it('puts each representative’s attendance beside their items; someone retired who was expected at a meeting is listed', () => {
    const reps = [
      { id: 1, name: '甲', community: 'A', status: 'seated' as const },
      { id: 2, name: '乙', community: 'B', status: 'retired' as const }, // on the first meeting's roster, raised nothing
      { id: 3, name: '丙', community: 'B', status: 'retired' as const }, // left before any meeting: not listed
    ];
    const byRep = attendanceByRep([{ representativeId: 1, present: true }, { representativeId: 2, present: false }]);
    const y = summarizeYear(reps, [], [], '2026-07-01', byRep);
    expect(y.perRep.map((r) => [r.name, r.meetings.attended, r.meetings.expected])).toEqual([['甲', 1, 1], ['乙', 0, 1]]);
    expect(summarizeYear(reps, [], [], '2026-07-01').perRep.map((r) => [r.name, r.meetings.expected])).toEqual([['甲', 0]]);
  });
});
