import { ok, refuse, type Result } from './result';

/**
 * Receipt numbers (回执号): year + jurisdiction code + the proposal's sequence in its cycle + four random
 * characters, e.g. 2027-QS-0042-K7MX. The sequence keeps the number short and in order on the clerk's lists; the
 * random part makes the next receipt unguessable, so nobody walks /track through every proposal of a town.
 * The random part's alphabet leaves out 0/O, 1/I/L and U (Crockford's choice), so it can be read aloud over the
 * phone and copied by hand without a doubt; case, spaces and full-width forms are forgiven as before.
 * Receipts issued before the random part existed (2026-QS-0042) are still stored and still found, exactly as issued.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CHECK_LENGTH = 4;

/** The random part from `RECEIPT_CHECK_LENGTH` indexes into the alphabet (the caller draws them). */
export function receiptCheck(indexes: readonly number[]): string {
  return indexes.map((i) => RECEIPT_ALPHABET[i % RECEIPT_ALPHABET.length]!).join('');
}

export function formatReceipt(year: number, jurisdictionCode: string, seq: number, check?: string): string {
  const base = `${year}-${jurisdictionCode}-${String(seq).padStart(4, '0')}`;
  return check ? `${base}-${check}` : base;
}

const RECEIPT = new RegExp(`^(\\d{4})-([A-Z0-9]{2,12})-(\\d{1,6})(?:-([${RECEIPT_ALPHABET}]{${RECEIPT_CHECK_LENGTH}}))?$`);

/** The canonical receipt for what someone typed, or null when it cannot be one. */
export function normalizeReceipt(input: string): string | null {
  const s = input
    .normalize('NFKC') // full-width ２０２７－ＱＳ from Chinese keyboards
    .trim()
    .toUpperCase()
    .replace(/[\s‐-―−－_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const m = RECEIPT.exec(s);
  if (!m) return null;
  const seq = Number(m[3]);
  if (seq < 1) return null;
  return formatReceipt(Number(m[1]), m[2]!, seq, m[4]);
}

/**
 * The number shown on public lists (year-code-sequence): enough to point at one's own line, never enough to open
 * a tracking page, which needs the whole receipt only its proposer holds.
 */
export function publicNumber(receipt: string): string {
  return receipt.split('-').slice(0, 3).join('-');
}

/** The lookup form's answer: the canonical receipt, or what is wrong with what was typed. */
export function readReceipt(input: string): Result<string, 'receipt'> {
  const receipt = normalizeReceipt(input);
  if (receipt) return ok(receipt);
  return refuse(input.trim() === '' ? '请输入回执号' : '回执号格式不对：应为“年度-辖区代码-序号-四位校验码”，如 2027-QS-0042-K7MX', 'receipt');
}
