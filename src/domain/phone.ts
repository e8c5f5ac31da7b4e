/**
 * Mainland contact numbers: an 11-digit mobile (1[3-9]…) or a landline with its area code
 * (010 and 02x are three digits, the rest four; local numbers are 7–8 digits and never start with 0 or 1),
 * with an optional extension. Returns the number in one stored form, or null.
 */
export function normalizePhone(input: string): string | null {
  let s = input.normalize('NFKC').trim().replace(/[\s()（）.]/g, '');
  let ext = '';
  const extMatch = /^(.*?)(?:-|转|ext\.?|x)(\d{1,6})$/i.exec(s);
  if (extMatch && /^\+?\d[\d-]*$/.test(extMatch[1]!) && extMatch[1]!.replace(/\D/g, '').length >= 10) {
    s = extMatch[1]!;
    ext = extMatch[2]!;
  }
  if (!/^\+?[\d-]+$/.test(s)) return null;
  const digits = s.replace(/-/g, '').replace(/^\+/, '');
  const mobile = digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return ext ? null : mobile;
  const area = /^0[12]/.test(digits) ? 3 : 4;
  const code = digits.slice(0, area);
  const local = digits.slice(area);
  if (!/^0\d{2,3}$/.test(code) || !/^[2-9]\d{6,7}$/.test(local)) return null;
  return `${code}-${local}${ext ? `-${ext}` : ''}`;
}

export const PHONE_ERROR = '请填写正确的手机号（11 位）或带区号的固定电话，如 023-68881234';

/** 13812345678 typed into an Excel cell left as "General" comes back as 1.38E+10: the digits are gone. */
export function isScientificNotation(input: string): boolean {
  return /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(input.normalize('NFKC').trim());
}

export const PHONE_SCIENTIFIC_ERROR = '电话号码已被 Excel 改成科学计数法，请把该列设为文本后重新输入';
