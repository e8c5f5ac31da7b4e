import { describe, expect, it } from 'vitest';
import {
  checkCycleOpening, checkEarlyClose, checkWindow, checkWindowLength, collectionState, pickCollectionCycle,
  staffEntryAllowed, windowDays, type WindowCycle,
} from '../../src/domain/collection';
import { addDays, chinaDateOf, isChinaDate } from '../../src/domain/chinaDate';
import type { Phase } from '../../src/domain/phases';

const cy = (year: number, opens: string | null, closes: string | null, phase: Phase = 'collection'): WindowCycle =>
  ({ year, phase, collectionOpens: opens, collectionCloses: closes });

describe('chinaDate', () => {
  it.each([
    ['2027-03-31T15:59:59Z', '2027-03-31'], // 23:59:59 in China: still the close day
    ['2027-03-31T16:00:00Z', '2027-04-01'], // midnight in China
    ['2027-02-28T23:30:00Z', '2027-03-01'], // 23:30 UTC is already 07:30 the next morning in China
    ['2026-12-31T16:00:00Z', '2027-01-01'], // the year turns in China first
    ['2027-06-15T00:00:00Z', '2027-06-15'],
  ])('%s is %s in China', (iso, date) => {
    expect(chinaDateOf(new Date(iso))).toBe(date);
  });
});

describe('isChinaDate / addDays', () => {
  it.each([['2027-02-28', true], ['2027-02-29', false], ['2028-02-29', true], ['2027-13-01', false], ['27-01-01', false], ['', false]])(
    '%j → %s', (s, ok) => expect(isChinaDate(s)).toBe(ok),
  );
  it('crosses month and year ends', () => {
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

describe('collectionState: both ends inclusive, by China date', () => {
  const w = cy(2027, '2027-03-01', '2027-03-31');
  it.each([
    ['2027-02-28', 'notYet'],
    ['2027-03-01', 'open'], // the open day
    ['2027-03-15', 'open'],
    ['2027-03-31', 'open'], // the close day
    ['2027-04-01', 'closed'],
  ])('on %s the window is %s', (today, kind) => {
    expect(collectionState(w, today).kind).toBe(kind);
  });

  it('a one-day window is open on that day only', () => {
    const one = cy(2027, '2027-05-04', '2027-05-04');
    expect(collectionState(one, '2027-05-03').kind).toBe('notYet');
    expect(collectionState(one, '2027-05-04').kind).toBe('open');
    expect(collectionState(one, '2027-05-05').kind).toBe('closed');
  });

  it('at 23:30 UTC on the day before opening, China is already on the open day', () => {
    expect(collectionState(w, chinaDateOf(new Date('2027-02-28T23:30:00Z'))).kind).toBe('open');
    expect(collectionState(w, chinaDateOf(new Date('2027-03-31T23:30:00Z'))).kind).toBe('closed');
    expect(collectionState(w, chinaDateOf(new Date('2027-03-31T15:30:00Z'))).kind).toBe('open');
  });

  it.each<[WindowCycle | undefined, string]>([
    [undefined, 'noCycle'],
    [cy(2027, null, null), 'notSet'],
    [cy(2027, '2027-03-01', null), 'notSet'],
    [cy(2027, '2027-03-01', '2027-03-31', 'screening'), 'phaseOver'], // the dates no longer matter
  ])('%j → %s', (c, kind) => {
    expect(collectionState(c, '2027-03-15').kind).toBe(kind);
  });
});

describe('pickCollectionCycle', () => {
  it.each<[string, WindowCycle[], string, number | undefined, string]>([
    ['no cycles', [], '2027-03-15', undefined, 'noCycle'],
    ['this year open', [cy(2027, '2027-03-01', '2027-03-31')], '2027-03-15', 2027, 'open'],
    ['next year open in the autumn wins over this year', [cy(2026, null, null, 'delivery'), cy(2027, '2026-10-01', '2026-11-30')], '2026-10-10', 2027, 'open'],
    ['about to open', [cy(2027, '2027-04-01', '2027-04-30')], '2027-03-15', 2027, 'notYet'],
    ['this year closed', [cy(2027, '2027-01-01', '2027-02-28')], '2027-03-15', 2027, 'closed'],
    ['this year moved on, none next year', [cy(2027, '2027-01-01', '2027-02-28', 'voting')], '2027-03-15', 2027, 'phaseOver'],
    ['next year prepared without dates', [cy(2028, null, null)], '2027-11-15', 2028, 'notSet'],
    ['only an old year', [cy(2025, '2025-01-01', '2025-02-01', 'closed')], '2027-03-15', undefined, 'noCycle'],
  ])('%s', (_name, cycles, today, year, kind) => {
    const r = pickCollectionCycle(cycles, today);
    expect(r.cycle?.year).toBe(year);
    expect(r.state.kind).toBe(kind);
  });
});

describe('checkWindow', () => {
  it.each<[string, string, boolean, string?]>([
    ['2027-03-01', '2027-03-31', true],
    ['2027-03-01', '2027-03-01', true], // one day
    ['2026-10-01', '2026-11-30', true], // the autumn before
    ['2026-07-01', '2027-12-31', true], // the widest allowed: from the second half of the year before
    ['2026-06-30', '2027-03-31', false, 'collectionOpens'], // the first half of the year before is too early
    ['2025-12-31', '2027-01-31', false, 'collectionOpens'],
    ['2027-03-01', '2028-01-01', false, 'collectionCloses'],
    ['2027-03-31', '2027-03-01', false, 'collectionCloses'], // closes before opens
    ['2027-02-30', '2027-03-31', false, 'collectionOpens'],
    ['', '2027-03-31', false, 'collectionOpens'],
    ['2027-03-01', 'soon', false, 'collectionCloses'],
  ])('%s – %s → %s', (opens, closes, ok, field) => {
    const r = checkWindow(opens, closes, 2027);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.field).toBe(field);
  });
});

describe('staffEntryAllowed', () => {
  it.each<[WindowCycle, string, boolean, boolean]>([
    [cy(2027, '2027-03-01', '2027-03-31'), '2027-04-10', true, true], // late paper forms by the clerk
    [cy(2027, '2027-03-01', '2027-03-31', 'screening'), '2027-04-10', true, true],
    [cy(2027, '2027-03-01', '2027-03-31', 'candidates'), '2027-04-10', true, false],
    [cy(2027, '2027-03-01', '2027-03-31'), '2027-03-31', false, true], // a representative within the window
    [cy(2027, '2027-03-01', '2027-03-31'), '2027-04-01', false, false],
    [cy(2027, null, null), '2027-03-10', false, false],
  ])('%j on %s, clerk %s → %s', (c, today, clerk, ok) => {
    expect(staffEntryAllowed(c, today, clerk)).toBe(ok);
  });
});

describe('checkWindowLength: the minimum public window (default 30 days), both ends counted', () => {
  it.each<[string, string, number]>([
    ['2027-09-01', '2027-09-29', 29],
    ['2027-09-01', '2027-09-30', 30],
    ['2027-09-01', '2027-10-01', 31],
    ['2027-02-01', '2027-03-02', 30], // across a short February
    ['2026-12-15', '2027-01-13', 30], // across the year end
    ['2027-03-01', '2027-03-01', 1],
  ])('%s – %s is %i days', (opens, closes, days) => expect(windowDays(opens, closes)).toBe(days));

  it.each<[string, string, string, boolean, boolean?]>([
    ['2027-09-01', '2027-09-29', '', false], // 29 days, no reason: refused, asking for one
    ['2027-09-01', '2027-09-29', '  ', false], // blank is no reason
    ['2027-09-01', '2027-09-29', '上级要求提前报送计划', true, true], // 29 days with a reason: kept, marked short
    ['2027-09-01', '2027-09-30', '', true, false], // exactly 30: enough
    ['2027-09-01', '2027-10-01', '', true, false], // 31
  ])('%s – %s reason %j → ok %s short %s', (opens, closes, reason, okay, short) => {
    const r = checkWindowLength(opens, closes, 30, reason);
    expect(r.ok).toBe(okay);
    if (r.ok) expect(r.value.short).toBe(short);
    else { expect(r.field).toBe('shortReason'); expect(r.error).toContain('29 天'); }
  });

  it('follows the configured minimum', () => {
    expect(checkWindowLength('2027-09-01', '2027-09-14', 14, '').ok).toBe(true);
    expect(checkWindowLength('2027-09-01', '2027-09-13', 14, '').ok).toBe(false);
  });
});

describe('checkCycleOpening: next year opens in the second half of this year', () => {
  it.each<[number, string, boolean]>([
    [2027, '2026-06-30', false], // the last day of the first half
    [2027, '2026-07-01', true], // the first day of the second half
    [2027, '2026-12-31', true],
    [2027, '2027-03-01', true], // its own year
    [2026, '2027-03-01', true], // a past year (entered late) is not refused here
    [2028, '2026-09-01', false], // two years ahead
  ])('a %i cycle on %s → %s', (year, today, okay) => {
    const r = checkCycleOpening(year, today);
    expect(r.ok).toBe(okay);
    if (!r.ok) expect(r.field).toBe('year');
  });
});

describe('checkEarlyClose', () => {
  const open = collectionState(cy(2027, '2026-09-01', '2026-10-31'), '2026-10-10');
  it.each<[string, boolean, boolean, string?]>([
    ['因上级要求提前报送，征集于10月15日截止', true, true],
    ['', true, false, 'notice'],
    ['因上级要求提前报送', false, false, 'confirm'],
  ])('notice %j confirmed %s → %s', (notice, confirmed, okay, field) => {
    const r = checkEarlyClose(open, notice, confirmed);
    expect(r.ok).toBe(okay);
    if (!r.ok) expect(r.field).toBe(field);
  });
  it('refuses when the window is not open', () => {
    expect(checkEarlyClose(collectionState(cy(2027, '2026-09-01', '2026-10-31'), '2026-11-01'), '公告', true).ok).toBe(false);
  });
});
