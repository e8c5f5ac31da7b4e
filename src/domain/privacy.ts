/**
 * What the public may see of a proposer: the surname only (张** / 欧阳**), never the phone.
 * The number of stars is fixed so the length of the given name is not revealed either.
 */
const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐',
  '轩辕', '端木', '独孤', '南宫', '西门', '申屠', '万俟', '闻人', '呼延', '澹台', '公冶', '太史', '仲孙', '钟离',
];

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '匿名';
  const two = chars.slice(0, 2).join('');
  const keep = chars.length > 2 && COMPOUND_SURNAMES.includes(two) ? two : chars[0]!;
  return `${keep}**`;
}

/**
 * A representative's or liaison's phone as the public page shows it: 138****1234 — the first three and the last four
 * digits, the rest starred (a landline keeps its area code the same way: 023****1234). Too short to mask: stars only.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '';
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
