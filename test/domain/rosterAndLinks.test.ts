import { describe, expect, it } from 'vitest';
import { rosterWarnings, termEnded, termWarning } from '../../src/domain/rosterRange';
import { checkGroupSize, districtRepsNeeded, hasRoom } from '../../src/domain/linkGroups';

describe('rosterWarnings: 30–80 seated (both ends inside the range)', () => {
  it.each<[number, string[]]>([
    [29, ['below']],
    [30, []],
    [52, []],
    [80, []],
    [81, ['above']],
    [0, ['below']],
  ])('%i seated → %j', (seated, kinds) => {
    expect(rosterWarnings(seated, 30, 80).map((w) => w.kind)).toEqual(kinds);
  });

  it('names the numbers', () => {
    expect(rosterWarnings(81, 30, 80)[0]!.text).toBe('在册议事代表 81 名，超过上限 80 名');
  });

  it('a misconfigured range (min above max) warns either way rather than hiding it', () => {
    expect(rosterWarnings(50, 60, 40).map((w) => w.kind)).toEqual(['below', 'above']);
  });
});

describe('checkGroupSize: 13 per district representative', () => {
  it.each<[number, number, string]>([
    [13, 13, 'ok'],
    [14, 13, 'over'],
    [12, 13, 'under'],
    [1, 13, 'under'],
    [0, 13, 'under'],
    [10, 10, 'ok'], // configurable
  ])('%i of %i → %s', (size, groupSize, kind) => {
    expect(checkGroupSize(size, groupSize).kind).toBe(kind);
  });

  it.each<[number, number, number]>([[52, 13, 4], [53, 13, 5], [80, 13, 7], [39, 13, 3], [0, 13, 0], [30, 0, 0]])(
    '%i seated in groups of %i need %i district representatives', (seated, groupSize, n) => {
      expect(districtRepsNeeded(seated, groupSize)).toBe(n);
    },
  );

  it('room for one more until the group is full', () => {
    expect(hasRoom(12, 13)).toBe(true);
    expect(hasRoom(13, 13)).toBe(false);
  });
});

describe('termEnded: the last day of the term still counts', () => {
  it.each<[string | null, string, boolean]>([
    ['2026-10-31', '2026-10-31', false],
    ['2026-10-31', '2026-11-01', true],
    [null, '2030-01-01', false],
  ])('term to %s, today %s → ended %s', (termTo, today, ended) => expect(termEnded(termTo, today)).toBe(ended));

  it('one warning counting them all', () => {
    expect(termWarning([{ termTo: '2026-10-31' }, { termTo: '2026-10-31' }, { termTo: null }], '2026-11-24')[0]).toContain('2 名在册议事代表的任期已经届满');
    expect(termWarning([{ termTo: '2030-10-31' }], '2026-11-24')).toEqual([]);
  });
});
