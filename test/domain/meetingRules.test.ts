import { describe, expect, it } from 'vitest';
import { meetingMinutes, meetingWarnings, type PlannedMeeting } from '../../src/domain/meetingRules';

const m = (kind: PlannedMeeting['kind'], date: string, startTime = '09:00', endTime = '12:00'): PlannedMeeting =>
  ({ kind, date, startTime, endTime });

describe('meetingWarnings: two ordinary meetings a year, each at least half a day', () => {
  it.each<[string, PlannedMeeting[], string[]]>([
    ['both held, each three hours', [m('startOfYear', '2026-01-20'), m('midYear', '2026-07-10')], []],
    ['no meetings at all', [], ['missingStartOfYear', 'missingMidYear']],
    ['only the start-of-year one', [m('startOfYear', '2026-01-20')], ['missingMidYear']],
    ['an extraordinary meeting does not replace the mid-year one', [m('startOfYear', '2026-01-20'), m('extraordinary', '2026-07-10')], ['missingMidYear']],
    ['last year’s meetings do not count', [m('startOfYear', '2025-01-20'), m('midYear', '2025-07-10')], ['missingStartOfYear', 'missingMidYear']],
    ['2 h 59 min is short', [m('startOfYear', '2026-01-20', '09:00', '11:59'), m('midYear', '2026-07-10')], ['tooShort']],
    ['exactly three hours is half a day', [m('startOfYear', '2026-01-20', '14:00', '17:00'), m('midYear', '2026-07-10')], []],
    ['an extraordinary meeting must be half a day too', [m('startOfYear', '2026-01-20'), m('midYear', '2026-07-10'), m('extraordinary', '2026-09-01', '15:00', '16:30')], ['tooShort']],
    ['no times: cannot be checked', [m('startOfYear', '2026-01-20', '', ''), m('midYear', '2026-07-10')], ['noTimes']],
  ])('%s', (_name, meetings, kinds) => {
    expect(meetingWarnings(2026, meetings).map((w) => w.kind)).toEqual(kinds);
  });

  it.each<[string, string, number | null]>([
    ['09:00', '12:00', 180], ['08:30', '12:00', 210], ['12:00', '09:00', null], ['09:00', '09:00', null], ['9:00', '12:00', null], ['', '', null],
  ])('%s–%s → %s minutes', (s, e, minutes) => expect(meetingMinutes(s, e)).toBe(minutes));
});
