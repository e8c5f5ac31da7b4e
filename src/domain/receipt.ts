import { ok, refuse, type Result } from './result';

/**
 * Receipt numbers (回执号): year + jurisdiction code + the proposal's sequence in that cycle, e.g. 2027-QS-0042.
 * Read aloud over the phone and typed on a phone keyboard, so the lookup forgives case, spaces and dash variants.
 */
export function formatReceipt(year: number, jurisdictionCode: string, seq: number): string {
  return `${year}-${jurisdictionCode}-${String(seq).padStart(4, '0')}`;
}

const RECEIPT = /^(\d{4})-([A-Z0-9]{2,12})-(\d{1,6})$/;

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
  return formatReceipt(Number(m[1]), m[2]!, seq);
}

/** The lookup form's answer: the canonical receipt, or what is wrong with what was typed. */
export function readReceipt(input: string): Result<string, 'receipt'> {
  const receipt = normalizeReceipt(input);
  if (receipt) return ok(receipt);
  return refuse(input.trim() === '' ? '请输入回执号' : '回执号格式不对：应为“年度-辖区代码-序号”，如 2027-QS-0042', 'receipt');
}
