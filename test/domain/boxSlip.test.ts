import { describe, expect, it } from 'vitest';
import { BOX_CODE_BYTES, readSlip, SLIP_ALPHABET, slipText } from '../../src/domain/boxSlip';

const FP = 'KQ7MZ2XA'; // a box fingerprint
const share = (x: number, fill: (i: number) => number) => ({ x, y: Uint8Array.from({ length: BOX_CODE_BYTES }, (_, i) => fill(i)) });
const swap = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);

describe('box-code slips: written by hand, read back, typos caught', () => {
  it.each([
    [1, () => 0x00],
    [2, () => 0xff],
    [3, (i: number) => (i * 29 + 7) & 0xff],
  ])('slip %i: five groups of four from the alphabet, read back to the same share', (x, fill) => {
    const s = share(x, fill);
    const text = slipText(s, FP);
    expect(text).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect([...text.replace(/-/g, '')].every((c) => SLIP_ALPHABET.includes(c))).toBe(true);
    expect(text).not.toMatch(/[01OI]/);
    expect(text[0]).toBe(SLIP_ALPHABET[x]);
    const back = readSlip(text, FP);
    expect(back.ok && back.value.x).toBe(x);
    expect(back.ok && [...back.value.y]).toEqual([...s.y]);
  });

  it('forgives lower case, spaces, missing or full-width dashes', () => {
    const text = slipText(share(2, (i) => i * 13), FP);
    for (const typed of [text.toLowerCase(), text.replace(/-/g, ''), text.replace(/-/g, ' '), ` ${text.replace(/-/g, '－')} `]) {
      expect(readSlip(typed, FP).ok).toBe(true);
    }
  });

  it('every single mistyped character and every swap of two different neighbours is caught', () => {
    const text = slipText(share(3, (i) => (i * 71 + 5) & 0xff), FP).replace(/-/g, '');
    for (let i = 0; i < text.length; i++) {
      for (const c of SLIP_ALPHABET) {
        if (c === text[i]) continue;
        const typo = text.slice(0, i) + c + text.slice(i + 1);
        expect(readSlip(typo, FP).ok, `${typo}`).toBe(false);
      }
    }
    // Luhn mod N catches every adjacent swap except of one pair of values per alphabet.
    let caught = 0;
    let swaps = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      if (text[i] === text[i + 1]) continue;
      swaps++;
      if (!readSlip(swap(text, i), FP).ok) caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(swaps - 1);
  });

  it.each([
    ['', '请输入纸条上的开箱码'],
    ['BAAA-AAAA-AAAA-AAAA-AAA', '应为 20 个字符'],
    ['BAAA-AAAA-AAAA-AAAA-AAA0', '没有“0”'],
    ['BAAA-AAAA-AAAA-AAAA-AAAO', '没有“O”'],
    ['BAAA-AAAA-AAAA-AAAA-AAAI', '没有“I”'],
  ])('%j is refused: %s', (typed, message) => {
    const r = readSlip(typed, FP);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });

  it("another poll's slip fails the check (the check character is bound to the box)", () => {
    const text = slipText(share(1, (i) => i), FP);
    const others = ['AAAAAAAA', 'ZZZZ2222', 'KQ7MZ2XB', 'BQ7MZ2XA'];
    const refused = others.filter((fp) => !readSlip(text, fp).ok).length;
    expect(refused).toBeGreaterThanOrEqual(3); // one in 32 may pass the check; the key unwrap refuses it then
    expect(readSlip(text, 'KQ7MZ2XB').ok).toBe(false); // one character of the fingerprint differs
  });

  it('a slip number other than 1–3 is refused', () => {
    expect(() => slipText(share(4, () => 1), FP)).toThrow(RangeError);
  });
});
