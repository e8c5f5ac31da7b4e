import { describe, expect, it } from 'vitest';
import type { Marks } from '../../src/domain/ballot';
import { joinPacks, packBallots, packCoded, packOf, packTotals } from '../../src/domain/ballotPack';
import { blankBallots } from '../../src/domain/closureCertificate';
import { MARK_LABELS, type Mark } from '../../src/domain/choices';
import { decodeMarks, encodeMarks, MARK_CODES, markOfCode, NOT_MENTIONED } from '../../src/domain/compactMarks';
import { tallyEvaluation } from '../../src/domain/evaluationTally';
import { countMarks, tallySelection, type TallyBallot } from '../../src/domain/tally';

const EVERY_MARK = Object.keys(MARK_LABELS) as Mark[];

describe('compact marks: one character per option, in the options\' order', () => {
  it.each([
    { name: 'no options', ids: [], marks: {}, compact: '' },
    { name: 'a selection ballot', ids: [7, 3, 9], marks: { 7: 'for', 3: 'against', 9: 'abstain' }, compact: 'FAQ' },
    { name: 'the options\' order, not the ids\'', ids: [9, 3, 7], marks: { 7: 'for', 3: 'against', 9: 'abstain' }, compact: 'QAF' },
    { name: 'an option not mentioned', ids: [1, 2, 3], marks: { 1: 'for', 3: 'against' }, compact: 'F.A' },
    { name: 'nothing mentioned', ids: [1, 2], marks: {}, compact: '..' },
    { name: 'an evaluation ballot', ids: [1, 2, 3, 4], marks: { 1: 'satisfied', 2: 'basicallySatisfied', 3: 'dissatisfied', 4: 'abstain' }, compact: 'SBDQ' },
    { name: 'a 勾选 ballot', ids: [1, 2], marks: { 1: 'for', 2: 'none' }, compact: 'FN' },
    { name: 'a paper line marked twice', ids: [1, 2], marks: { 1: 'spoiled', 2: 'for' }, compact: 'XF' },
  ] as { name: string; ids: number[]; marks: Marks; compact: string }[])('$name', ({ ids, marks, compact }) => {
    expect(encodeMarks(ids, marks)).toBe(compact);
    expect(decodeMarks(ids, compact)).toEqual(marks);
  });

  it('every mark has its own character, none of them the not-mentioned one, each one byte', () => {
    const codes = EVERY_MARK.map((m) => MARK_CODES[m]);
    expect(new Set([...codes, NOT_MENTIONED]).size).toBe(EVERY_MARK.length + 1);
    for (const m of EVERY_MARK) {
      expect(MARK_CODES[m]).toMatch(/^[\x21-\x7e]$/);
      expect(markOfCode(MARK_CODES[m].charCodeAt(0))).toBe(m);
      expect(decodeMarks([5], encodeMarks([5], { 5: m }))).toEqual({ 5: m });
    }
    expect(markOfCode(NOT_MENTIONED.charCodeAt(0))).toBeNull();
  });

  it('keys that are not among the options are not kept', () => {
    expect(encodeMarks([1], { 1: 'for', 2: 'against' })).toBe('F');
  });

  it('refuses what is not a ballot of these options: a wrong length, a character outside the alphabet, a value that is no mark', () => {
    expect(() => decodeMarks([1, 2], 'F')).toThrow();
    expect(() => decodeMarks([1], 'FA')).toThrow();
    expect(() => decodeMarks([1], '{')).toThrow();
    expect(() => decodeMarks([1], 'f')).toThrow();
    expect(() => encodeMarks([1], { 1: 'maybe' as Mark })).toThrow();
  });
});

describe('a pack of ballots: the valid ones\' marks end to end, the invalid ones by reason', () => {
  const ids = [1, 2];
  const ballots = [
    { marks: { 1: 'for', 2: 'against' } as Marks, valid: true },
    { marks: { 1: 'for', 2: 'for' } as Marks, valid: false, invalidReason: '赞成票超过应选数' },
    { marks: { 2: 'abstain' } as Marks, valid: true },
    { marks: {} as Marks, valid: false, invalidReason: '' },
    { marks: {} as Marks, valid: false, invalidReason: '赞成票超过应选数' },
  ];

  it('packs ballots keyed by option id and ballots already compact alike', () => {
    const pack = packBallots(ids, ballots);
    expect(pack).toEqual({ width: 2, valid: 2, codes: 'FA.Q', invalid: [{ reason: '赞成票超过应选数', count: 2 }, { reason: '', count: 1 }] });
    expect(packCoded(2, ballots.map((b) => ({ code: encodeMarks(ids, b.marks), valid: b.valid, invalidReason: b.invalidReason ?? '' })))).toEqual(pack);
    expect(packTotals(pack)).toEqual({ total: 5, valid: 2, invalid: 3 });
  });

  it('no ballots, and ballots of a poll without options', () => {
    expect(packBallots(ids, [])).toEqual({ width: 2, valid: 0, codes: '', invalid: [] });
    expect(packTotals(packBallots([], [{ marks: {}, valid: true }, { marks: {}, valid: true }]))).toEqual({ total: 2, valid: 2, invalid: 0 });
    expect(packOf(0, 3, '')).toMatchObject({ valid: 3 });
  });

  it('joins the phones\' ballots and the paper ones; refuses ballots of another width', () => {
    const joined = joinPacks(packBallots(ids, ballots.slice(0, 2)), packBallots(ids, ballots.slice(2)));
    expect(joined).toEqual(packBallots(ids, ballots));
    expect(() => joinPacks(packOf(2, 0, ''), packOf(3, 0, ''))).toThrow();
    expect(() => packOf(2, 2, 'FAQ')).toThrow();
    expect(() => packCoded(2, [{ code: 'FAQ', valid: true, invalidReason: '' }])).toThrow();
  });
});

/** Every ballot the count may meet, for three options: every mark (and none) on every line, valid or not. */
function everyBallot(): (TallyBallot & { invalidReason: string })[] {
  const choices: (Mark | undefined)[] = [...EVERY_MARK, undefined];
  const out: (TallyBallot & { invalidReason: string })[] = [];
  for (const a of choices) for (const b of choices) for (const c of choices) {
    const marks: Marks = {};
    [a, b, c].forEach((m, i) => { if (m) marks[i + 1] = m; });
    out.push({ marks, valid: out.length % 7 !== 3, invalidReason: out.length % 7 === 3 ? '无法辨认' : '' });
  }
  return out;
}

describe('the count is the same over ballots keyed by option id and over the same ballots packed', () => {
  const options = [1, 2, 3].map((id) => ({ optionId: id, label: `项目${id}`, candidateId: id }));
  const ballots = everyBallot();
  const pack = packBallots([1, 2, 3], ballots);

  it.each([
    ['selection', 'perItem'], ['runoff', 'perItem'], ['further', 'perItem'], ['selection', 'tick'], ['evaluation', 'perItem'],
  ] as const)('%s, %s: every mark, not mentioned, invalid ballots', (kind, form) => {
    expect(countMarks(kind, options, pack, form)).toEqual(countMarks(kind, options, ballots, form));
    expect(blankBallots(kind, pack, form)).toBe(blankBallots(kind, ballots, form));
  });

  it('the whole tally of a selection and of an evaluation poll', () => {
    const rule = { seated: 800, present: 700, quorum: { num: 2, den: 3 } };
    expect(tallySelection({ ...rule, options, ballots: pack, seatsToFill: 2, majorityBase: 'seated' }))
      .toEqual(tallySelection({ ...rule, options, ballots, seatsToFill: 2, majorityBase: 'seated' }));
    const evaluation = options.map((o) => ({ optionId: o.optionId, label: o.label, projectId: o.optionId }));
    expect(tallyEvaluation({ ...rule, options: evaluation, ballots: pack, thresholdPct: 60 }))
      .toEqual(tallyEvaluation({ ...rule, options: evaluation, ballots, thresholdPct: 60 }));
  });

  it('a pack of other options is refused, not miscounted', () => {
    expect(() => countMarks('selection', options.slice(0, 2), pack)).toThrow();
  });
});
