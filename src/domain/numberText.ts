/**
 * Numbers as Chinese pages write them, 12,345.5 — what Intl.NumberFormat('zh-CN') prints (at most three decimals of
 * the shortest decimal that reads back as the same double, halves away from zero), without it: building that formatter maps about 5 MB of the runtime's locale data into
 * the server's memory, on the laptop that serves a whole hall. Numbers beyond plain decimal notation (1e21 and up,
 * infinities, NaN) still go to Intl, made on first use.
 */
export function groupedNumber(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return intlNumber().format(n);
  // Intl rounds the shortest decimal that reads back as the same double (what String prints), halves away from zero.
  const [whole, decimals] = roundedDecimal(String(Math.abs(n)));
  const text = `${groupThousands(whole)}${decimals ? `.${decimals}` : ''}`;
  return n < 0 || Object.is(n, -0) ? `-${text}` : text;
}

const MAX_DECIMALS = 3;

/** A non-negative decimal (below 1e21) rounded to three decimals: its whole digits and decimals, trailing zeros cut. */
function roundedDecimal(s: string): [string, string] {
  if (s.includes('e')) return ['0', '']; // below 1e-6: zero at three decimals
  const [whole, fraction = ''] = s.split('.') as [string, string?];
  if (fraction.length <= MAX_DECIMALS) return [whole, fraction.replace(/0+$/, '')];
  let digits = whole + fraction.slice(0, MAX_DECIMALS);
  if (fraction[MAX_DECIMALS]! >= '5') digits = plusOne(digits);
  const cut = digits.length - MAX_DECIMALS;
  return [digits.slice(0, cut) || '0', digits.slice(cut).replace(/0+$/, '')];
}

/** A string of decimal digits plus one, carrying (999 → 1000). */
function plusOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${Number(digits[i]) + 1}${'0'.repeat(digits.length - i - 1)}`;
}

function groupThousands(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = `${digits.slice(Math.max(0, end - 3), end)}${out ? `,${out}` : ''}`;
  return out;
}

let intl: Intl.NumberFormat | undefined;
const intlNumber = () => (intl ??= new Intl.NumberFormat('zh-CN'));
