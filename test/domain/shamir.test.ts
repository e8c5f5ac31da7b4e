import { describe, expect, it } from 'vitest';
import { combineShares, gfDiv, gfMul, splitSecret } from '../../src/domain/shamir';

describe('GF(256) arithmetic (the AES field)', () => {
  it.each([
    [0x57, 0x83, 0xc1], // FIPS-197 §4.2
    [0x57, 0x13, 0xfe],
    [0x02, 0x87, 0x15],
    [0x01, 0xff, 0xff],
    [0x00, 0x53, 0x00],
    [0x53, 0xca, 0x01], // inverses (FIPS-197 §5.1.1 example)
    [0xff, 0xff, 0x13],
  ])('%i × %i = %i', (a, b, p) => {
    expect(gfMul(a, b)).toBe(p);
    expect(gfMul(b, a)).toBe(p);
    if (b !== 0) expect(gfDiv(p, b)).toBe(a);
  });

  it('every non-zero element has an inverse; division by zero is refused', () => {
    for (let a = 1; a < 256; a++) expect(gfMul(a, gfDiv(1, a))).toBe(1);
    expect(() => gfDiv(5, 0)).toThrow(RangeError);
  });
});

describe('Shamir 2-of-3 over GF(256)', () => {
  const secret = Uint8Array.from([0x00, 0x01, 0x7f, 0x80, 0xff, 0x42, 0x13]);
  const coefficients = Uint8Array.from([0x00, 0x01, 0xff, 0x10, 0xaa, 0x03, 0x99]);

  it('with coefficient 0 every share equals the secret; with 1, share x is the secret xor x', () => {
    const shares = splitSecret(Uint8Array.from([0x42]), 3, 2, Uint8Array.from([0]));
    expect(shares.map((s) => [...s.y])).toEqual([[0x42], [0x42], [0x42]]);
    const ones = splitSecret(Uint8Array.from([0x42]), 3, 2, Uint8Array.from([1]));
    expect(ones.map((s) => [s.x, s.y[0]])).toEqual([[1, 0x43], [2, 0x40], [3, 0x41]]);
  });

  it.each([[0, 1], [0, 2], [1, 2], [1, 0], [2, 0], [2, 1]])('shares %i and %i give the secret back', (i, j) => {
    const shares = splitSecret(secret, 3, 2, coefficients);
    expect([...combineShares([shares[i]!, shares[j]!])]).toEqual([...secret]);
  });

  it('one share is consistent with every possible secret byte (it says nothing alone)', () => {
    const [share] = splitSecret(Uint8Array.from([0x42]), 3, 2, Uint8Array.from([0x37]));
    const explained = new Set<number>();
    for (let s = 0; s < 256; s++) for (let a = 0; a < 256; a++) if ((s ^ gfMul(a, share!.x)) === share!.y[0]) explained.add(s);
    expect(explained.size).toBe(256);
  });

  it('3-of-5 works the same way (the rule is general)', () => {
    const shares = splitSecret(secret, 5, 3, Uint8Array.from({ length: secret.length * 2 }, (_, i) => (i * 37 + 11) & 0xff));
    expect([...combineShares([shares[4]!, shares[0]!, shares[2]!])]).toEqual([...secret]);
    expect([...combineShares([shares[0]!, shares[1]!])]).not.toEqual([...secret]);
  });

  it.each([
    ['k below 2', () => splitSecret(secret, 3, 1, new Uint8Array(0))],
    ['n below k', () => splitSecret(secret, 1, 2, coefficients)],
    ['too few coefficients', () => splitSecret(secret, 3, 2, new Uint8Array(2))],
    ['the same share twice', () => { const s = splitSecret(secret, 3, 2, coefficients); return combineShares([s[0]!, s[0]!]); }],
    ['shares of different lengths', () => combineShares([{ x: 1, y: new Uint8Array(2) }, { x: 2, y: new Uint8Array(3) }])],
  ])('refuses %s', (_, f) => {
    expect(f).toThrow(RangeError);
  });
});
