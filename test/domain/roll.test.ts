import { describe, expect, it } from 'vitest';
import { hasQuorum } from '../../src/domain/quorum';
import {
  arrivalState, checkRollChange, correctionOf, countRoll, foldRoll, inHall, placeBefore, type RollEvent, type RollPlace, type RollState,
} from '../../src/domain/roll';

const rec = (state: RollState): RollEvent => ({ state, correction: false });
const fix: RollEvent = { state: null, correction: true };

describe('roll states: who is in the hall', () => {
  it.each<[RollPlace, boolean]>([
    [null, false], ['present', true], ['returned', true], ['leave', false], ['absent', false], ['departed', false],
  ])('%s → in the hall: %s', (place, expected) => {
    expect(inHall(place)).toBe(expected);
  });

  it.each<[RollPlace, RollState]>([
    [null, 'present'], ['absent', 'present'], ['leave', 'present'], ['departed', 'returned'],
  ])('an arrival from %s records %s', (from, to) => {
    expect(arrivalState(from)).toBe(to);
  });
});

describe('roll states: what may follow what', () => {
  it.each<[RollPlace, RollState, string, 'ok' | 'unchanged' | string]>([
    [null, 'present', '', 'ok'],
    [null, 'leave', '病假', 'ok'],
    [null, 'leave', '  ', '请假须写明原因'],
    [null, 'absent', '', 'ok'],
    [null, 'departed', '', '未签到的代表不能直接登记为离场'],
    [null, 'returned', '', '未签到的代表不能直接登记为返场'],
    ['present', 'present', '', 'unchanged'],
    ['present', 'returned', '', 'unchanged'], // already in the hall: a second arrival changes nothing
    ['present', 'departed', '', 'ok'],
    ['present', 'absent', '', '出席的代表不能直接登记为缺席'],
    ['departed', 'returned', '', 'ok'],
    ['departed', 'present', '', '离场的代表不能直接登记为出席'],
    ['departed', 'departed', '', 'unchanged'],
    ['returned', 'departed', '', 'ok'],
    ['leave', 'present', '', 'ok'],
    ['leave', 'departed', '', '请假的代表不能直接登记为离场'],
    ['absent', 'leave', '补假', 'ok'],
  ])('%s → %s (reason "%s"): %s', (from, to, reason, expected) => {
    const r = checkRollChange(from, to, reason);
    if (expected === 'ok' || expected === 'unchanged') {
      expect(r.ok && r.value.unchanged).toBe(expected === 'unchanged');
    } else {
      expect(r.ok ? 'ok' : r.error).toBe(expected);
    }
  });
});

describe('roll history: the place is the fold of the records, a correction withdraws the latest standing one', () => {
  it.each<[string, RollEvent[], RollPlace, RollPlace]>([
    ['nothing recorded', [], null, null],
    ['one arrival', [rec('present')], 'present', null],
    ['arrival corrected', [rec('present'), fix], null, null],
    ['arrival, departure, return', [rec('present'), rec('departed'), rec('returned')], 'returned', 'departed'],
    ['departure corrected back to present', [rec('present'), rec('departed'), fix], 'present', null],
    ['two corrections in a row', [rec('leave'), rec('present'), fix, fix], null, null],
    ['a correction with nothing standing changes nothing', [fix, rec('present')], 'present', null],
  ])('%s', (_, events, place, before) => {
    expect(foldRoll(events).place).toBe(place);
    expect(placeBefore(events)).toBe(before);
  });

  it.each<[RollPlace, boolean, string]>([
    [null, false, 'refused'],
    ['present', false, 'withdraw'],
    ['present', true, 'depart'], // voted: participation stands, the correction records a departure
    ['returned', true, 'depart'],
    ['departed', true, 'withdraw'], // a mistaken departure of a voter is withdrawn: back in the hall
    ['leave', false, 'withdraw'],
  ])('correcting %s (voted: %s) → %s', (place, voted, expected) => {
    const r = correctionOf(place, voted);
    expect(r.ok ? r.value.kind : 'refused').toBe(expected);
  });
});

describe('roll counts and the quorum', () => {
  it('在册 / 出席 (incl. 返场) / 请假 / 离场 / 缺席 (incl. 未签到) add up to the roster', () => {
    const c = countRoll([null, null, 'absent', 'present', 'returned', 'leave', 'departed']);
    expect(c).toEqual({ seated: 7, present: 2, leave: 1, departed: 1, absent: 3, notYet: 2 });
    expect(c.present + c.leave + c.departed + c.absent).toBe(c.seated);
  });

  // 12 seated need 8 present: a departure from exactly 8 takes the hall below the quorum; a return restores it.
  it.each<[string, RollPlace[], boolean]>([
    ['8 present of 12', [...Array(8).fill('present'), ...Array(4).fill(null)], true],
    ['7 present, 1 departed', [...Array(7).fill('present'), 'departed', ...Array(4).fill(null)], false],
    ['7 present, 1 returned', [...Array(7).fill('present'), 'returned', ...Array(4).fill(null)], true],
    ['7 present, 1 on leave', [...Array(7).fill('present'), 'leave', ...Array(4).fill(null)], false],
  ])('%s → quorum %s', (_, places, expected) => {
    const c = countRoll(places);
    expect(hasQuorum(c.present, c.seated)).toBe(expected);
  });
});
