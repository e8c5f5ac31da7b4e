import { ok, refuse, type Result } from './result';
import type { Share } from './shamir';

/**
 * The box code's slips (开箱码纸条) as the scrutineers copy them by hand: 20 characters in five groups of four,
 * from an alphabet without 0/O and 1/I. The first character says which slip it is (1, 2 or 3), the next 18 carry
 * the slip's share of the box code, the last is a check character (Luhn mod 32) computed over the poll's box
 * fingerprint and the 19 before it: a mistyped character, two neighbours swapped, or another poll's slip is
 * caught before any key work is done.
 */
export const SLIP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 88 random bits: far beyond guessing, even before the argon2id hardening of the key derived from it. */
export const BOX_CODE_BYTES = 11;
const BODY_CHARS = Math.ceil((BOX_CODE_BYTES * 8) / 5); // 18
const SLIP_CHARS = 1 + BODY_CHARS + 1; // 20
const N = SLIP_ALPHABET.length;

function luhnCheck(codes: readonly number[]): number {
  // From the right, every second code point doubled (as in Luhn), digits summed in base N.
  let sum = 0;
  let double = true;
  for (let i = codes.length - 1; i >= 0; i--) {
    let v = codes[i]!;
    if (double) { v *= 2; v = Math.floor(v / N) + (v % N); }
    sum += v;
    double = !double;
  }
  return (N - (sum % N)) % N;
}

function codesOf(s: string): number[] {
  return [...s].map((ch) => SLIP_ALPHABET.indexOf(ch));
}

/** Bytes → base-32 characters, most significant bit first, zero-padded to whole characters. */
function toChars(bytes: Uint8Array): string {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) { bits -= 5; out += SLIP_ALPHABET[(acc >> bits) & 31]; }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += SLIP_ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

function fromChars(s: string, byteCount: number): Uint8Array | null {
  let bits = 0;
  let acc = 0;
  const out = new Uint8Array(byteCount);
  let n = 0;
  for (const v of codesOf(s)) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) { bits -= 8; if (n < byteCount) out[n++] = (acc >> bits) & 0xff; acc &= (1 << bits) - 1; }
  }
  return n === byteCount && acc === 0 ? out : null; // padding bits must be zero
}

/** A slip as printed: "BKQ7-…" in groups of four. */
export function slipText(share: Share, fingerprint: string): string {
  if (share.x < 1 || share.x > 3 || share.y.length !== BOX_CODE_BYTES) throw new RangeError('a slip holds share 1, 2 or 3 of the box code');
  const body = SLIP_ALPHABET[share.x] + toChars(share.y);
  const check = SLIP_ALPHABET[luhnCheck(codesOf(fingerprint + body))];
  return (body + check).match(/.{1,4}/g)!.join('-');
}

/** What a scrutineer typed, read back into the slip's share — or what is wrong with it, in words for the field. */
export function readSlip(input: string, fingerprint: string): Result<Share> {
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐-―−－_·.]+/g, '');
  if (s === '') return refuse('请输入纸条上的开箱码');
  const stray = [...s].find((ch) => !SLIP_ALPHABET.includes(ch));
  if (stray) return refuse(`开箱码里没有“${stray}”：纸条只用大写字母和数字 2–9，不含 0、O、1、I`);
  if (s.length !== SLIP_CHARS) return refuse(`开箱码应为 ${SLIP_CHARS} 个字符（5 组，每组 4 个），现在是 ${s.length} 个`);
  if (luhnCheck(codesOf(fingerprint + s.slice(0, -1))) !== SLIP_ALPHABET.indexOf(s[SLIP_CHARS - 1]!)) {
    return refuse('校验不符：有字符抄错或顺序颠倒，或这不是本轮表决的纸条');
  }
  const x = SLIP_ALPHABET.indexOf(s[0]!);
  const y = fromChars(s.slice(1, -1), BOX_CODE_BYTES);
  if (x < 1 || x > 3 || !y) return refuse('校验不符：有字符抄错或顺序颠倒，或这不是本轮表决的纸条');
  return ok({ x, y });
}

/** The fingerprint characters of a box (from a hash of its public key), for the check character. */
export function fingerprintChars(hash: Uint8Array): string {
  return toChars(hash.subarray(0, 5)); // 8 characters
}
