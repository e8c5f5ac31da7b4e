import type { Marks } from './ballot';
import { markCharCode } from './compactMarks';

/**
 * A poll's ballots as the count reads them: the valid ballots' compact marks end to end (`width` characters each,
 * in no particular order) and the invalid ballots only as numbers by reason — an invalid ballot counts as invalid
 * for every option whatever it marks. One string instead of one object per ballot: 100,000 ballots are counted
 * by walking 1.2 MB of character codes.
 */
export interface BallotPack {
  /** Options per ballot. */
  width: number;
  /** How many valid ballots `codes` holds. */
  valid: number;
  codes: string;
  /** Invalid ballots by the reason recorded ('' when none was), in the order first met. */
  invalid: readonly { reason: string; count: number }[];
}

/** One ballot in compact form, as the anonymous table stores it. */
export interface CodedBallot { code: string; valid: boolean; invalidReason: string }

/** A pack of valid ballots already end to end; throws when the characters are not `valid` ballots of `width`. */
export function packOf(width: number, valid: number, codes: string, invalid: readonly { reason: string; count: number }[] = []): BallotPack {
  if (codes.length !== width * valid) throw new Error(`${codes.length} marks are not ${valid} ballots of ${width} options`);
  return { width, valid, codes, invalid: invalid.filter((r) => r.count > 0) };
}

/** Packs ballots in compact form; throws on a ballot whose length is not `width`. */
export function packCoded(width: number, ballots: readonly CodedBallot[]): BallotPack {
  // Character codes into one buffer, read as one string at the end: faster than joining 100,000 short strings.
  const bytes = new Uint8Array(width * ballots.length);
  let at = 0;
  let valid = 0;
  const invalid = new Map<string, number>();
  for (const b of ballots) {
    if (!b.valid) { invalid.set(b.invalidReason, (invalid.get(b.invalidReason) ?? 0) + 1); continue; }
    const code = b.code;
    if (code.length !== width) throw new Error(`a ballot of ${code.length} marks for ${width} options`);
    for (let i = 0; i < width; i++) {
      const c = code.charCodeAt(i);
      if (c > 0x7f) throw new Error(`not a compact mark: ${JSON.stringify(code[i])}`);
      bytes[at++] = c;
    }
    valid++;
  }
  return { width, valid, codes: ASCII.decode(bytes.subarray(0, at)), invalid: [...invalid].map(([reason, count]) => ({ reason, count })) };
}

const ASCII = new TextDecoder('latin1');

/** Packs ballots whose marks are keyed by option id (a named poll's, a teller's), for the options in order. */
export function packBallots(optionIds: readonly number[], ballots: readonly { marks: Marks; valid: boolean; invalidReason?: string }[]): BallotPack {
  const width = optionIds.length;
  const keys = optionIds.map(String);
  const bytes = new Uint8Array(width * ballots.length);
  let at = 0;
  let valid = 0;
  const invalid = new Map<string, number>();
  for (const b of ballots) {
    if (!b.valid) { const reason = b.invalidReason ?? ''; invalid.set(reason, (invalid.get(reason) ?? 0) + 1); continue; }
    for (const key of keys) bytes[at++] = markCharCode(b.marks[key]);
    valid++;
  }
  return { width, valid, codes: ASCII.decode(bytes.subarray(0, at)), invalid: [...invalid].map(([reason, count]) => ({ reason, count })) };
}

/** Two packs of the same poll as one (the phones' ballots and the paper ones). */
export function joinPacks(a: BallotPack, b: BallotPack): BallotPack {
  if (a.width !== b.width) throw new Error(`ballots of ${a.width} and of ${b.width} options`);
  const invalid = new Map(a.invalid.map((r) => [r.reason, r.count]));
  for (const r of b.invalid) invalid.set(r.reason, (invalid.get(r.reason) ?? 0) + r.count);
  return { width: a.width, valid: a.valid + b.valid, codes: a.codes + b.codes, invalid: [...invalid].map(([reason, count]) => ({ reason, count })) };
}

/** Ballots in the pack: all, valid, invalid. */
export function packTotals(p: BallotPack): { total: number; valid: number; invalid: number } {
  const invalid = p.invalid.reduce((n, r) => n + r.count, 0);
  return { total: p.valid + invalid, valid: p.valid, invalid };
}

/** How many valid ballots mark no option: every character one of `blank` (character codes). */
export function countPacked(p: BallotPack, blank: readonly number[]): number {
  const { width, codes } = p;
  let n = 0;
  for (let start = 0, b = 0; b < p.valid; b++, start += width) {
    let all = true;
    for (let at = start; at < start + width; at++) if (!blank.includes(codes.charCodeAt(at))) { all = false; break; }
    if (all) n++;
  }
  return n;
}
