/**
 * Shamir's secret sharing over GF(256) (the AES field, x^8 + x^4 + x^3 + x + 1): each byte of the secret is the
 * constant term of its own random polynomial of degree k − 1; share x holds the polynomials' values at x. Any k
 * shares give the secret back by Lagrange interpolation at 0; fewer say nothing about it.
 * Pure: the caller passes the random coefficients, so the rule can be tested with fixed ones.
 */

const EXP = new Uint8Array(510);
const LOG = new Uint8Array(256);
{
  let v = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = v;
    LOG[v] = i;
    v ^= (v << 1) ^ (v & 0x80 ? 0x11b : 0); // v × 3, the field's generator
    v &= 0xff;
  }
  for (let i = 255; i < 510; i++) EXP[i] = EXP[i - 255]!;
}

export function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

export function gfDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(256)');
  return a === 0 ? 0 : EXP[LOG[a]! + 255 - LOG[b]!]!;
}

export interface Share { x: number; y: Uint8Array }

/**
 * Splits `secret` into n shares (x = 1 … n) of which any k open it. `coefficients` holds (k − 1) random bytes per
 * byte of the secret: coefficient j of byte i is coefficients[i * (k − 1) + j].
 */
export function splitSecret(secret: Uint8Array, n: number, k: number, coefficients: Uint8Array): Share[] {
  if (k < 2 || n < k || n > 255) throw new RangeError('need 2 ≤ k ≤ n ≤ 255');
  if (coefficients.length !== secret.length * (k - 1)) throw new RangeError('need (k − 1) coefficients per byte');
  return Array.from({ length: n }, (_, i) => {
    const x = i + 1;
    const y = secret.map((s, b) => {
      // Horner: ((a_{k−1} x + a_{k−2}) x + … ) x + s
      let acc = 0;
      for (let j = k - 2; j >= 0; j--) acc = gfMul(acc ^ coefficients[b * (k - 1) + j]!, x);
      return acc ^ s;
    });
    return { x, y };
  });
}

/** The secret from k shares (distinct x, equal lengths): Lagrange interpolation at 0. */
export function combineShares(shares: readonly Share[]): Uint8Array {
  const xs = shares.map((s) => s.x);
  if (new Set(xs).size !== xs.length || xs.some((x) => x < 1 || x > 255)) throw new RangeError('shares need distinct x in 1 … 255');
  const len = shares[0]?.y.length ?? 0;
  if (shares.some((s) => s.y.length !== len)) throw new RangeError('shares of different lengths');
  const out = new Uint8Array(len);
  shares.forEach((si, i) => {
    // l_i(0) = Π_{j≠i} x_j / (x_j − x_i); in GF(2^8) subtraction is xor.
    let l = 1;
    shares.forEach((sj, j) => { if (j !== i) l = gfMul(l, gfDiv(sj.x, sj.x ^ si.x)); });
    for (let b = 0; b < len; b++) out[b] = out[b]! ^ gfMul(si.y[b]!, l);
  });
  return out;
}
