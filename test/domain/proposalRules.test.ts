import { describe, expect, it } from 'vitest';
import { maskName } from '../../src/domain/privacy';
import { normalizePhone } from '../../src/domain/phone';
import { formatReceipt, normalizeReceipt, readReceipt, RECEIPT_ALPHABET, receiptCheck } from '../../src/domain/receipt';
import { defaultSourceFor, submittedNote } from '../../src/domain/proposalLabels';

describe('formatReceipt / normalizeReceipt', () => {
  it.each([
    [2027, 'QS', 1, '2027-QS-0001'],
    [2027, 'QS', 42, '2027-QS-0042'],
    [2027, 'DC', 9999, '2027-DC-9999'],
    [2027, 'DC', 10000, '2027-DC-10000'], // grows rather than wraps
  ])('%i %s %i → %s', (year, code, seq, out) => expect(formatReceipt(year, code, seq)).toBe(out));

  it('appends the random part', () => expect(formatReceipt(2027, 'QS', 42, 'K7MX')).toBe('2027-QS-0042-K7MX'));

  it('the random part reads aloud without doubt: no 0/O, 1/I/L or U, 30 symbols, each index its own symbol', () => {
    expect(RECEIPT_ALPHABET).not.toMatch(/[0O1ILU]/);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(30);
    expect(receiptCheck([0, 1, 28, 29])).toBe('23YZ');
    expect(receiptCheck([30])).toBe('2'); // an out-of-range draw wraps rather than failing
  });

  it.each([
    ['2027-QS-0042', '2027-QS-0042'],
    [' 2027-qs-0042 ', '2027-QS-0042'],
    ['２０２７－ＱＳ－００４２', '2027-QS-0042'], // full-width from a Chinese keyboard
    ['2027 QS 42', '2027-QS-0042'],
    ['2027—QS—42', '2027-QS-0042'],
    ['2027-QS01-0007', '2027-QS01-0007'],
    ['2027-QS-0000', null],
    ['QS-0042', null],
    ['2027-Q-0042', null],
    ['2027-QS-42x', null],
    ['', null],
    ["2027-QS-1' or '1'='1", null],
    // with the random part
    ['2027-QS-0042-K7MX', '2027-QS-0042-K7MX'],
    [' 2027 qs 42 k7mx ', '2027-QS-0042-K7MX'],
    ['２０２７－ＱＳ－００４２－Ｋ７ＭＸ', '2027-QS-0042-K7MX'],
    ['2027-QS-0042-K7M', null], // the whole code, or nothing
    ['2027-QS-0042-K7MXA', null],
    ['2027-QS-0042-K0MX', null], // 0, O, 1, I, L, U are never issued
    ['2027-QS-0042-KOMX', null],
    ['2027-QS-0042-K1MX', null],
    ['2027-QS-0042-KIMX', null],
    ['2027-QS-0042-KLMX', null],
    ['2027-QS-0042-KUMX', null],
  ])('%j → %s', (input, out) => expect(normalizeReceipt(input)).toBe(out));
});

describe('maskName', () => {
  it.each([
    ['张三', '张**'],
    ['张三丰', '张**'], // the same stars whatever the length
    ['欧阳娜娜', '欧阳**'],
    ['欧阳', '欧**'], // two characters: a surname 欧 and a given name 阳
    ['司马光', '司马**'],
    ['  王芳 ', '王**'],
    ['李', '李**'],
    ['', '匿名'],
    ['   ', '匿名'],
    ['😀小明', '😀**'], // an emoji is one character, never half of one
    ['John Smith', 'J**'],
  ])('%j → %s', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('normalizePhone', () => {
  it.each<[string, string | null]>([
    ['13912345678', '13912345678'],
    ['139 1234 5678', '13912345678'],
    ['139-1234-5678', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['008613912345678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'], // full-width digits
    ['19912345678', '19912345678'],
    ['12912345678', null], // no 12x mobiles
    ['1391234567', null], // 10 digits
    ['139123456789', null], // 12 digits
    ['023-68881234', '023-68881234'],
    ['02368881234', '023-68881234'],
    ['(023) 6888 1234', '023-68881234'],
    ['010-6512345', '010-6512345'], // a 7-digit local number
    ['0755-26781234', '0755-26781234'],
    ['0831-2345678', '0831-2345678'],
    ['023-68881234-801', '023-68881234-801'], // an extension
    ['023-68881234转801', '023-68881234-801'],
    ['68881234', null], // a landline needs its area code
    ['023-01234567', null], // local numbers never start with 0
    ['023-688812', null], // too short
    ['abc', null],
    ['', null],
    ['13912345678-12', null], // a mobile has no extension
  ])('%j → %s', (input, out) => expect(normalizePhone(input)).toBe(out));
});

describe('defaultSourceFor', () => {
  it.each<[string[], string]>([
    [['representative'], 'representative'],
    [['deliberationRep'], 'deliberationRep'],
    [['clerk'], 'public'], // a clerk enters for residents
    [['clerk', 'representative'], 'representative'],
    [[], 'public'],
  ])('%j → %s', (roles, source) => expect(defaultSourceFor(roles)).toBe(source));
});

describe('submittedNote', () => {
  it.each<[Parameters<typeof submittedNote>, string]>([
    [['online', 'public', null, false], '已收到提议（网上提交），等待资格审查。'],
    [['online', 'public', '青石村人大代表联络站', false], '已收到提议（网上提交，经青石村人大代表联络站），等待资格审查。'],
    [['online', 'representative', null, true], '已收到提议（由人大代表提交），等待资格审查。'],
    [['paper', 'public', null, true], '已收到提议（纸质表格录入），等待资格审查。'],
    [['import', 'villageCommittee', null, true], '已收到提议（表格批量导入），等待资格审查。'],
  ])('%j', (args, note) => expect(submittedNote(...args)).toBe(note));
});

describe('readReceipt: the lookup form', () => {
  it.each([
    [' 2027-qs-42 ', { ok: true, value: '2027-QS-0042' }],
    ['', { ok: false, field: 'receipt', error: '请输入回执号' }],
    [' 2027-qs-42-k7mx ', { ok: true, value: '2027-QS-0042-K7MX' }],
    ['abc', { ok: false, field: 'receipt', error: '回执号格式不对：应为“年度-辖区代码-序号-四位校验码”，如 2027-QS-0042-K7MX' }],
  ])('%j → %j', (typed, expected) => expect(readReceipt(typed)).toEqual(expected));
});
