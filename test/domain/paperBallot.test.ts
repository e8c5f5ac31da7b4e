import { describe, expect, it } from 'vitest';
import { differences, moreReturnedThanIssued, nextPass, readSerial, reconcile, type PaperEntryView } from '../../src/domain/paperBallot';
import { ballotForm, checkElectronicBallot } from '../../src/domain/ballot';

describe('paper ballots: 收回的选票多于发出的选票，表决无效', () => {
  it.each([
    [80, 81, true], // one more returned than issued voids the poll
    [80, 80, false], // all returned
    [80, 79, false], // one kept back: fewer returned is allowed
    [0, 0, false],
    [0, 1, true],
  ])('issued %i, returned %i → void %s', (issued, returned, expected) => {
    expect(moreReturnedThanIssued(issued, returned)).toBe(expected);
  });
});

describe('serial numbers', () => {
  it.each([
    ['7', 120, '007'], ['007', 120, '007'], [' 120 ', 120, '120'], ['1', 1000, '0001'],
  ])('%j of %i printed → %s', (input, printed, serial) => {
    expect(readSerial(input, printed)).toEqual({ ok: true, value: serial });
  });
  it.each([['0', 120], ['121', 120], ['abc', 120], ['', 120], ['1.5', 120], ['-3', 120]])('%j of %i is refused', (input, printed) => {
    expect(readSerial(input, printed).ok).toBe(false);
  });
});

describe('double entry by two tellers', () => {
  const e = (serial: string, pass: 'first' | 'second', tellerId: number, marks: Record<string, 'for' | 'against' | 'abstain'>, invalid = false): PaperEntryView =>
    ({ serial, pass, tellerId, marks, invalid, invalidReason: invalid ? '无法辨认' : '' });

  it('a ballot counts only when both passes agree; differences and single passes are listed', () => {
    const r = reconcile([
      e('001', 'first', 1, { 1: 'for', 2: 'against' }), e('001', 'second', 2, { 1: 'for', 2: 'against' }),
      e('002', 'first', 1, { 1: 'for', 2: 'against' }), e('002', 'second', 2, { 1: 'for', 2: 'abstain' }),
      e('003', 'first', 2, { 1: 'abstain', 2: 'abstain' }),
      e('004', 'first', 1, { 1: 'for' }, true), e('004', 'second', 2, { 1: 'against' }, true), // both invalid: agree
      e('005', 'first', 1, { 1: 'for' }, true), e('005', 'second', 2, { 1: 'for' }, false),
    ]);
    expect(r.agreed.map((a) => a.serial)).toEqual(['001', '004']);
    expect(r.agreed[1]).toMatchObject({ invalid: true, invalidReason: '无法辨认' });
    expect(r.mismatched.map((m) => m.serial)).toEqual(['002', '005']);
    expect(r.pending.map((p) => p.serial)).toEqual(['003']);
  });

  it.each<[string, PaperEntryView, PaperEntryView, 'validity' | string[]]>([
    ['one box differs', e('002', 'first', 1, { 1: 'for', 2: 'for', 3: 'abstain' }), e('002', 'second', 2, { 1: 'for', 2: 'against', 3: 'abstain' }), ['2']],
    ['two boxes differ, in ballot order', e('002', 'first', 1, { 1: 'against', 2: 'for', 3: 'abstain' }), e('002', 'second', 2, { 1: 'for', 2: 'for', 3: 'against' }), ['1', '3']],
    ['one pass invalid, the other not', e('005', 'first', 1, { 1: 'for' }, true), e('005', 'second', 2, { 1: 'for' }), 'validity'],
    ['both invalid: nothing to compare', e('004', 'first', 1, { 1: 'for' }, true), e('004', 'second', 2, { 1: 'against' }, true), []],
  ])('differences: %s', (_, a, b, expected) => {
    expect(differences(a, b, ['1', '2', '3'])).toEqual(expected);
  });

  it.each<[{ pass: 'first' | 'second'; tellerId: number }[], number, string]>([
    [[], 1, 'first'],
    [[{ pass: 'first', tellerId: 1 }], 2, 'second'],
    [[{ pass: 'first', tellerId: 1 }], 1, '您已录入过该编号的选票，第二遍须由另一位计票人录入'],
    [[{ pass: 'first', tellerId: 1 }, { pass: 'second', tellerId: 2 }], 3, '该编号的选票已由两位计票人各录入一遍'],
  ])('existing %o, teller %i → %s', (existing, teller, expected) => {
    const r = nextPass(existing, teller);
    expect(r.ok ? r.value : r.error).toBe(expected);
  });
});

describe('ballotForm: the form read through zod; unmarked counts as the choice set\'s unmarked mark', () => {
  const readMarks = (kind: 'selection' | 'evaluation', ids: number[], fields: Record<string, string>) => {
    const r = ballotForm(kind, ids).safeParse(fields);
    return r.success ? { ok: true, marks: r.data.marks } : { ok: false, error: r.error.issues[0]!.message };
  };
  it('fills blanks with abstain for a selection poll', () => {
    expect(readMarks('selection', [1, 2, 3], { m1: 'for', m3: '' })).toEqual({ ok: true, marks: { 1: 'for', 2: 'abstain', 3: 'abstain' } });
  });
  it('refuses a mark outside the choice set', () => {
    expect(readMarks('selection', [1], { m1: 'satisfied' }).ok).toBe(false);
    expect(readMarks('evaluation', [1], { m1: 'for' }).ok).toBe(false);
    expect(readMarks('evaluation', [1, 2], { m1: 'basicallySatisfied' })).toEqual({ ok: true, marks: { 1: 'basicallySatisfied', 2: 'abstain' } });
    expect(readMarks('selection', [1], { m1: 'maybe' })).toEqual({ ok: false, error: '选票内容无法识别，请刷新页面后重新填写' });
  });
});

describe('checkElectronicBallot: a phone ballot over N is refused with advice, never stored invalid', () => {
  it.each<[string[], number, string | null]>([
    [['for', 'for', ''], 2, null], // exactly N
    [['for', 'for', 'for'], 2, '赞成票 3 个，超过应选数 2 个。请把多出的改为反对或弃权后再提交'],
    [['', '', ''], 2, null], // all abstain is a valid ballot
    [['for', 'maybe', ''], 2, '选票内容无法识别，请刷新页面后重新填写'],
  ])('%o with N = %i → %s', (marks, n, error) => {
    // Marks as a data function receives them: a blank is no key (the unmarked choice), 'maybe' is no mark at all.
    const given = Object.fromEntries(marks.flatMap((m, i) => (m ? [[String(i + 1), m]] : [])));
    const r = checkElectronicBallot('selection', [1, 2, 3], given, n);
    expect(r.ok ? null : r.error).toBe(error);
  });
});
