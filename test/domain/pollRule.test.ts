import { describe, expect, it } from 'vitest';
import type { Marks } from '../../src/domain/ballot';
import {
  checkSlate, meetsQuorum, passesRule, quorumNeededBy, readRule, ruleDisagreement, ruleInForce, type PollRule, type VoteSettings,
} from '../../src/domain/pollRule';
import { hasQuorum, quorumNeeded } from '../../src/domain/quorum';
import { CONGRESS_VOTE_RULE, lawfulVoteSettings, readSettings } from '../../src/domain/settings';
import { tallySelection, type TallyBallot } from '../../src/domain/tally';

const CONGRESS: VoteSettings = { ...CONGRESS_VOTE_RULE, allowEqualSlate: 'no', satisfactionThreshold: 60 };
const rule = (s: Partial<VoteSettings> = {}, poll: Partial<Parameters<typeof ruleInForce>[2]> = {}): PollRule =>
  ruleInForce('congress', { ...CONGRESS, ...s }, { seatsToFill: 2, candidates: 4, ballotForm: 'perItem', ...poll });

describe('the quorum comparator: 以上 includes the fraction itself, 超过 does not', () => {
  it.each([
    // present, seated, fraction, comparator, met
    [80, 120, '2/3', 'atLeast', true], // exactly two thirds: 三分之二以上
    [80, 120, '2/3', 'moreThan', false], // exactly two thirds is not 超过三分之二
    [81, 120, '2/3', 'moreThan', true],
    [60, 120, '1/2', 'moreThan', false], // exactly half is not 过半数
    [61, 120, '1/2', 'moreThan', true],
    [0, 0, '2/3', 'moreThan', false], // an empty roster never has a quorum
    [1, 1, '2/3', 'moreThan', true],
  ] as const)('%i of %i with %s %s → %s', (present, seated, f, cmp, met) => {
    expect(meetsQuorum(rule({ quorumFraction: f, quorumComparator: cmp }), present, seated)).toBe(met);
  });

  it.each([
    [120, '2/3', 'atLeast', 80],
    [120, '2/3', 'moreThan', 81],
    [60, '2/3', 'moreThan', 41],
    [60, '2/3', 'atLeast', 40],
    [103, '2/3', 'atLeast', 69], // 103 × 2 / 3 = 68.67
    [103, '2/3', 'moreThan', 69],
    [120, '1/2', 'moreThan', 61],
  ] as const)('%i seated with %s %s needs %i', (seated, f, cmp, needed) => {
    const r = rule({ quorumFraction: f, quorumComparator: cmp });
    expect(quorumNeededBy(r, seated)).toBe(needed);
    // The number needed is the boundary: one fewer is short.
    expect(meetsQuorum(r, needed, seated)).toBe(true);
    expect(meetsQuorum(r, needed - 1, seated)).toBe(false);
  });

  it('the default comparator of the old calls stays 以上', () => {
    expect(hasQuorum(80, 120)).toBe(true);
    expect(quorumNeeded(120)).toBe(80);
  });
});

/** One ballot per voter: `forA` of them mark the first option "for", the rest "against". */
function ballots(total: number, forA: number, forB = 0): TallyBallot[] {
  return Array.from({ length: total }, (_, i) => ({
    valid: true,
    marks: { 1: i < forA ? 'for' : 'against', 2: i < forB ? 'for' : 'against' } as Marks,
  }));
}
const OPTIONS = [{ optionId: 1, label: 'A', candidateId: 1 }, { optionId: 2, label: 'B', candidateId: 2 }];

describe('real sessions as tables (DOMAIN §6)', () => {
  // 樟木镇: 103 seated, 93 present. All seated: more than 51.5 → 52 needed; present: more than 46.5 → 47.
  it.each([
    [48, false, true],
    [49, false, true],
    [50, false, true],
    [51, false, true], // 51 × 2 = 102 < 103: fails under all seated
    [52, true, true],
    [46, false, false],
    [47, false, true], // 47 × 2 = 94 > 93: passes under present
  ])('樟木镇: %i "for" of 103 seated, 93 present → all seated %s, present %s', (forVotes, seatedPasses, presentPasses) => {
    expect(passesRule(rule({ majorityBase: 'seated' }), forVotes, 103, 93)).toBe(seatedPasses);
    expect(passesRule(rule({ majorityBase: 'present' }), forVotes, 103, 93)).toBe(presentPasses);
    const t = tallySelection({
      options: OPTIONS.slice(0, 1), ballots: ballots(93, forVotes), seatsToFill: 1, seated: 103, present: 93, majorityBase: 'seated', quorum: { num: 2, den: 3 },
    });
    expect(t.rows[0]!.outcome).toBe(seatedPasses ? 'adopted' : 'failed');
    expect(t.minimumFor).toBe(52);
  });

  it('a street with "more than two thirds": 40 of 60 present cannot vote there, can under "two thirds or more"', () => {
    const strict = rule({ quorumFraction: '2/3', quorumComparator: 'moreThan' });
    const inclusive = rule({ quorumFraction: '2/3', quorumComparator: 'atLeast' });
    expect(meetsQuorum(strict, 40, 60)).toBe(false);
    expect(meetsQuorum(strict, 41, 60)).toBe(true);
    expect(meetsQuorum(inclusive, 40, 60)).toBe(true);
    const sheet = (cmp: 'atLeast' | 'moreThan') => tallySelection({
      options: OPTIONS.slice(0, 1), ballots: ballots(40, 35), seatsToFill: 1, seated: 60, present: 40, majorityBase: 'seated',
      quorum: { num: 2, den: 3 }, quorumComparator: cmp,
    });
    expect(sheet('moreThan')).toMatchObject({ quorumMet: false, quorumNeeded: 41 });
    expect(sheet('atLeast')).toMatchObject({ quorumMet: true, quorumNeeded: 40 });
  });

  it('北坡镇: 7 candidates for 7 places (等额) is refused by default and held where the rule allows it', () => {
    expect(checkSlate(7, 7, false)).toMatchObject({ ok: false });
    expect((checkSlate(7, 7, false) as { error: string }).error).toContain('等额');
    expect(checkSlate(7, 7, true)).toEqual({ ok: true, value: 'equal' });
    expect(checkSlate(6, 7, true)).toMatchObject({ ok: false }); // fewer candidates than places is never a vote
    expect(checkSlate(8, 7, false)).toEqual({ ok: true, value: 'competitive' });
    expect(rule({}, { seatsToFill: 7, candidates: 7 }).slate).toBe('equal');
    // Each of the seven needs more than half of all seated, 等额 or not: 30 of 61 fails, 31 passes.
    const options = Array.from({ length: 7 }, (_, i) => ({ optionId: i + 1, label: `项目${i + 1}`, candidateId: i + 1 }));
    const all = (n: number): TallyBallot[] => Array.from({ length: n }, () => ({ valid: true, marks: Object.fromEntries(options.map((o) => [o.optionId, 'for'])) as Marks }));
    const t = tallySelection({ options, ballots: [...all(31), ...Array.from({ length: 20 }, () => ({ valid: true, marks: { 7: 'against' } as Marks }))], seatsToFill: 7, seated: 61, present: 51, majorityBase: 'seated', quorum: { num: 2, den: 3 } });
    expect(t.rows.every((r) => r.for === 31 && r.outcome === 'adopted')).toBe(true);
    expect(t.adopted).toBe(7);
    expect(passesRule(rule({}, { seatsToFill: 7, candidates: 7 }), 30, 61, 51)).toBe(false);
  });

  it('四屏镇-like: 45 issued, 45 returned, 2 candidates for 1 place — the one with more "for" over half is adopted', () => {
    // 45 seated, all present; A 42 "for", B 3 "for"; each ballot "for" at most one.
    const bs: TallyBallot[] = Array.from({ length: 45 }, (_, i) => ({ valid: true, marks: { 1: i < 42 ? 'for' : 'against', 2: i < 42 ? 'against' : 'for' } as Marks }));
    const t = tallySelection({ options: OPTIONS, ballots: bs, seatsToFill: 1, seated: 45, present: 45, majorityBase: 'seated', quorum: { num: 2, den: 3 } });
    expect(t.ballots).toEqual({ total: 45, valid: 45, invalid: 0 });
    expect(t.rows.map((r) => [r.for, r.outcome])).toEqual([[42, 'adopted'], [3, 'failed']]);
    expect(t.minimumFor).toBe(23);
  });
});

describe('the stored snapshot', () => {
  it('reads back what was stored, and nothing from a broken or missing column', () => {
    const r = rule({ quorumComparator: 'moreThan' }, { ballotForm: 'tick' });
    expect(readRule(JSON.stringify(r))).toEqual(r);
    expect(readRule(null)).toBeNull();
    expect(readRule('{')).toBeNull();
    expect(readRule(JSON.stringify({ ...r, ballotForm: 'ranked' }))).toBeNull();
  });

  it.each([
    ['the same rule', {}, {}, 'selection', null],
    ['another quorum', { quorumComparator: 'moreThan' }, {}, 'selection', '法定人数'],
    ['another majority base', { majorityBase: 'present' }, {}, 'selection', '通过标准'],
    ['another ballot form', {}, { ballotForm: 'tick' }, 'selection', '选票形式'],
    ['another N at the selection', {}, { seatsToFill: 3 }, 'selection', '应选'],
    ['a runoff fills the places left: its N differs by design', {}, { seatsToFill: 1, candidates: 2 }, 'runoff', null],
  ] as const)('a poll against the adopted procedure: %s', (_, s, poll, kind, expected) => {
    const d = ruleDisagreement(rule(s, poll), rule(), kind);
    if (expected === null) expect(d).toBeNull();
    else expect(d).toContain(expected);
  });
});

describe('lawful vote settings per body', () => {
  const base = readSettings([]);
  it.each([
    ['township', {}, null],
    ['township', { quorumFraction: '1/2' }, 'quorumFraction'],
    ['township', { quorumComparator: 'moreThan' }, 'quorumComparator'],
    ['township', { majorityBase: 'present' }, 'majorityBase'],
    ['subdistrict', { quorumComparator: 'moreThan' }, null], // 超过三分之二
    ['subdistrict', { majorityBase: 'present' }, null], // 出席代表过半数
    ['subdistrict', { quorumFraction: '1/2', quorumComparator: 'moreThan' }, null], // 过半数出席
    ['subdistrict', { quorumFraction: '3/4' }, null],
    ['subdistrict', { quorumFraction: '1/2', quorumComparator: 'atLeast' }, 'quorumComparator'], // exactly half is no majority
  ] as const)('%s with %o → refused on %s', (kind, change, field) => {
    const r = lawfulVoteSettings(kind, { ...base, ...change });
    expect(r?.field ?? null).toBe(field);
    if (kind === 'township' && r) expect(r.error).toContain('由法律规定');
  });

  it('the defaults are the congress statute and 差额', () => {
    expect(base).toMatchObject({ quorumFraction: '2/3', quorumComparator: 'atLeast', majorityBase: 'seated', allowEqualSlate: 'no' });
  });
});

describe('an evaluation keeps its 整改线 in the snapshot; polls that elect have none', () => {
  it.each([
    ['evaluation at the default', null, 60, 60],
    ['evaluation at 0', null, 0, 0],
    ['evaluation at 100', null, 100, 100],
    ['a selection poll', 2, 60, undefined],
  ] as const)('%s', (_, seatsToFill, threshold, kept) => {
    const r = rule({ satisfactionThreshold: threshold }, { seatsToFill });
    expect(r.satisfactionThresholdPct).toBe(kept);
    expect(readRule(JSON.stringify(r))).toEqual(r);
  });
});
