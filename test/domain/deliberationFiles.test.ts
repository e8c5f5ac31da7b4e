import { describe, expect, it } from 'vitest';
import { checkAttachments, MAX_ATTACHMENT_BYTES, sniffType } from '../../src/domain/attachmentRules';
import { checkRoster, csvRows } from '../../src/domain/rosterImport';
import { toCsv } from '../../src/domain/csv';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe('sniffType: by the first bytes, never the name', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
    ['webp', new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]), 'image/webp'],
    ['pdf', new TextEncoder().encode('%PDF-1.7'), 'application/pdf'],
    ['html', new TextEncoder().encode('<html>'), null],
    ['wav (RIFF but not WEBP)', new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]), null],
    ['empty', new Uint8Array(), null],
  ])('%s → %s', (_n, head, type) => expect(sniffType(head)).toBe(type));

  it('limits count and size, exactly at the boundary', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    expect(checkAttachments([{ name: 'a.png', size: MAX_ATTACHMENT_BYTES, head: png }]).ok).toBe(true);
    expect(checkAttachments([{ name: 'a.png', size: MAX_ATTACHMENT_BYTES + 1, head: png }]).ok).toBe(false);
    expect(checkAttachments(Array.from({ length: 4 }, () => ({ name: 'a.png', size: 10, head: png }))).ok).toBe(true);
    expect(checkAttachments(Array.from({ length: 5 }, () => ({ name: 'a.png', size: 10, head: png }))).ok).toBe(false);
  });
});

describe('toCsv', () => {
  it('quotes, doubles quotes, starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv([['a,b', 'say "hi"', null, 3], ['x']])).toBe('\uFEFF"a,b","say ""hi""",,3\r\nx\r\n');
  });
  it('never lets a spreadsheet run a cell as a formula, but keeps negative numbers', () => {
    expect(toCsv([['=1+1', '@SUM(A1)', '+86', '-5', -5]])).toBe("\uFEFF'=1+1,'@SUM(A1),'+86,'-5,-5\r\n");
  });
});

/** A deliberation roster's CSV, read and checked as the import does (no communities registered: free text). */
function parseRosterCsv(text: string, existing: { name: string; community: string }[]) {
  const read = csvRows(text);
  if (!read.ok) return read;
  return checkRoster(read.rows, { body: 'deliberation', places: [], owner: '本街道', existing, today: '2026-03-10', strictWidth: true });
}

describe('parseRosterCsv', () => {
  it('accepts columns in any order and ignores unknown ones', () => {
    const r = parseRosterCsv('备注,所在社区,姓名\n老代表,滨江社区,甲\n', []);
    expect(r).toEqual({ ok: true, rows: [expect.objectContaining({ name: '甲', community: '滨江社区', status: 'seated', line: 2 })] });
  });
  it('numbers lines as the file does, blank lines included', () => {
    const r = parseRosterCsv('姓名,联系电话\n甲,13800000000\n\n乙,12\n', []);
    expect(r).toEqual({ ok: false, errors: [{ line: 4, field: '联系电话', message: expect.stringContaining('电话格式不对') }] });
  });
  it('a retired row may repeat a seated name: history, not a duplicate', () => {
    expect(parseRosterCsv('姓名,状态\n甲,离任\n', [{ name: '甲', community: '' }]).ok).toBe(true);
  });
  it('reports a broken quote as a file error', () => {
    const r = parseRosterCsv('姓名\n"甲\n', []);
    expect(r.ok).toBe(false);
  });
});
