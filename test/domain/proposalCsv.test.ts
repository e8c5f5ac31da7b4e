import { describe, expect, it } from 'vitest';
import { BOM, csvCell, decodeUpload, excelText, toCsv, unwrapExcelText } from '../../src/domain/csv';
import { PHONE_ERROR, PHONE_SCIENTIFIC_ERROR } from '../../src/domain/phone';
import { csvTemplateHeader, MAX_IMPORT_ROWS, parseProposalCsv, type CsvIssue } from '../../src/domain/proposalCsv';

const ctx = { places: [{ id: 5, name: '青石村' }, { id: 6, name: '杨柳村' }], stationCodes: ['qs-home', 'qs01-lx'], wholeArea: '全镇' };
const header = csvTemplateHeader().join(',');
const row = (over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    项目名称: '青石村饮水管网改造', 项目内容: '更换老化主管约 2 公里', '村/社区': '青石村', 类别: '供水', '估算投资（元）': '800000',
    资金来源: '镇财政', '财政资金占比（%）': '80', 受益对象: '青石村村民', 受益人数: '620', '工期（月）': '6', 是否跨年度: '否',
    提议人: '张三', 联系电话: '13912345678', 来源: '群众', 站点简码: '', 纬度: '', 经度: '', ...over,
  };
  // Written as a spreadsheet writes it: quoted where needed, no formula guard.
  const q = (x: string) => (/[",\r\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  return csvTemplateHeader().map((h) => q(v[h] ?? '')).join(',');
};
const file = (...rows: string[]) => [header, ...rows].join('\r\n');
const issues = (text: string): CsvIssue[] => {
  const r = parseProposalCsv(text, ctx);
  return r.ok ? [] : r.issues;
};

describe('parseProposalCsv', () => {
  it('reads valid rows with Chinese values into proposals', () => {
    const r = parseProposalCsv(BOM + file(row(), row({ '村/社区': '全镇', 类别: '道路交通', 是否跨年度: '是', 来源: '村委会', 站点简码: 'QS01-LX', 联系电话: '' })), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ title: '青石村饮水管网改造', place: 5, category: 'water', estimatedCost: 800000, crossYear: false, source: 'public' });
    expect(r.rows[1]).toMatchObject({ place: null, category: 'transport', crossYear: true, source: 'villageCommittee', station: 'qs01-lx', proposerPhone: '' });
  });

  it('tolerates half-width brackets and stars in the headers (as Excel users retype them)', () => {
    const h = csvTemplateHeader().map((x) => x.replace('（', '(').replace('）', ')')).map((x, i) => (i === 0 ? `${x}*` : x)).join(',');
    expect(parseProposalCsv([h, row()].join('\n'), ctx).ok).toBe(true);
  });

  it('names every bad row and column, in spreadsheet row numbers', () => {
    const found = issues(file(
      row(),
      row({ '估算投资（元）': '-5000' }),
      row({ 类别: '修路', 提议人: '' }),
      row({ '村/社区': '月球村', 项目名称: '😀'.repeat(61) }),
      row({ 联系电话: '123', '财政资金占比（%）': '150', 是否跨年度: '也许' }),
    ));
    const at = (r: number) => found.filter((i) => i.row === r).map((i) => `${i.column}:${i.message}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['估算投资（元）:估算投资不能为负数']);
    expect(at(4)).toHaveLength(2);
    expect(at(4)).toEqual(expect.arrayContaining(['提议人:请填写提议人姓名（公开时只显示姓氏）', expect.stringContaining('类别:类别须为以下之一：教育、医疗卫生')]));
    expect(at(5)).toEqual(expect.arrayContaining([expect.stringContaining('村/社区:“月球村”不是本辖区的村/社区；可填：青石村、杨柳村、全镇'), expect.stringContaining('项目名称:不能超过 60 个字')]));
    expect(at(6)).toEqual(expect.arrayContaining([expect.stringContaining('联系电话:请填写正确的手机号'), expect.stringContaining('财政资金占比（%）:'), '是否跨年度:是否跨年度须填“是”或“否”']));
  });

  it.each<[string, string, string]>([
    ['an empty file', '', '文件是空的'],
    ['only the header', header, '没有数据行'],
    ['a missing column', header.replace(',联系电话', ''), '表头缺少列：联系电话'],
    ['an unknown column', `${header},备注`, '无法识别的列：备注'],
    ['a duplicated column', `${header},项目名称`, '重复的列：项目名称'],
    ['an unclosed quote', `${header}\r\n"青石村,坏了`, '引号没有闭合'],
    ['a stray quote', `${header}\r\n青"石"村,x`, 'CSV 格式有误'],
  ])('%s → %s', (_name, text, message) => {
    expect(issues(text).map((i) => i.message).join('\n')).toContain(message);
  });

  it('flags a row with more cells than the header (an unquoted comma)', () => {
    expect(issues(file(`${row()},多出来的`))).toEqual([{ row: 2, column: null, message: expect.stringContaining('多于表头') }]);
  });

  it('refuses more than the maximum rows in one file', () => {
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => row());
    expect(issues(file(...many))[0]!.message).toContain(`一次最多导入 ${MAX_IMPORT_ROWS} 条`);
  });

  it('counts multi-line cells as one spreadsheet row', () => {
    const found = issues(file(row({ 项目内容: '第一行\n第二行' }), row({ 类别: '?' })));
    expect(found.map((i) => i.row)).toEqual([3]);
  });
});

describe('CSV writing and reading', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what must be quoted', () => {
    const csv = toCsv([['回执号', '项目名称'], ['2027-QS-0001', '路灯,"亮化"\n二期'], [1, null]]);
    expect(csv.startsWith('\uFEFF回执号,项目名称\r\n')).toBe(true);
    expect(csv).toContain('2027-QS-0001,"路灯,""亮化""\n二期"\r\n');
    expect(csv.endsWith('1,\r\n')).toBe(true);
  });

  it.each([['=1+2', "'=1+2"], ['+86 139', "'+86 139"], ['-5', "'-5"], ['@SUM(A1)', "'@SUM(A1)"], ['普通', '普通']])(
    'a text cell %j is written as %j so Excel does not run it', (cell, out) => expect(csvCell(cell)).toBe(out),
  );

  it('decodes UTF-8 (with or without BOM) and the GBK that Excel writes; refuses binary', () => {
    expect(decodeUpload(new TextEncoder().encode('\uFEFF项目名称'))).toBe('项目名称');
    expect(decodeUpload(new TextEncoder().encode('项目名称'))).toBe('项目名称');
    expect(decodeUpload(new Uint8Array([0xc7, 0xe0, 0xca, 0xaf]))).toBe('青石'); // 青石 in GBK
    expect(decodeUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBeNull(); // an .xlsx (zip) header
  });
});

describe('phones and receipts as text in Excel', () => {
  it.each([
    ['a mobile', '13912345678', '"=""13912345678"""'],
    ['a landline with its area code', '023-68881234', '"=""023-68881234"""'],
    ['a receipt', '2027-QS-0001', '"=""2027-QS-0001"""'],
    ['no phone', '', ''],
    ['anything but letters, digits and dashes is never a formula', '=1+2', "'=1+2"],
  ])('%s: %j is written as %j', (_n, value, cell) => expect(csvCell(excelText(value))).toBe(cell));

  it.each([
    ['="13912345678"', '13912345678'],
    ['="023-68881234"', '023-68881234'],
    ['13912345678', '13912345678'],
    ['="a"b"', '="a"b"'], // not our wrapper: left as it is
  ])('the wrapper comes off %j → %j', (cell, out) => expect(unwrapExcelText(cell)).toBe(out));

  const phoneOf = (cell: string) => {
    const r = parseProposalCsv(file(row({ 联系电话: cell })), ctx);
    return r.ok ? { phone: r.rows[0]!.proposerPhone } : { issues: r.issues.map((i) => `${i.column}:${i.message}`) };
  };
  it.each<[string, string, { phone: string } | { issues: string[] }]>([
    ['our own export, read back', '="13912345678"', { phone: '13912345678' }],
    ['our own export of a landline', '="023-68881234"', { phone: '023-68881234' }],
    ['plain digits', '13912345678', { phone: '13912345678' }],
    ['Excel\'s scientific notation', '1.38E+10', { issues: [`联系电话:${PHONE_SCIENTIFIC_ERROR}`] }],
    ['lower case, no sign', '1.38e10', { issues: [`联系电话:${PHONE_SCIENTIFIC_ERROR}`] }],
    ['with more digits kept', '1.3912345678E+10', { issues: [`联系电话:${PHONE_SCIENTIFIC_ERROR}`] }],
    ['just wrong', '12345', { issues: [`联系电话:${PHONE_ERROR}`] }],
  ])('import of %s (%j)', (_n, cell, expected) => expect(phoneOf(cell)).toEqual(expected));

  it('a row as our writer writes it reads back with the phone as typed', () => {
    const values: Record<string, string> = {
      项目名称: '青石村饮水管网改造', 项目内容: '更换老化主管', '村/社区': '青石村', 类别: '供水', '估算投资（元）': '800000',
      '财政资金占比（%）': '80', 受益对象: '青石村村民', '工期（月）': '6', 是否跨年度: '否', 提议人: '张三', 来源: '群众',
    };
    const csv = toCsv([csvTemplateHeader(), csvTemplateHeader().map((h) => (h === '联系电话' ? excelText('13912345678') : values[h] ?? ''))]);
    const r = parseProposalCsv(csv, ctx);
    expect(r.ok && r.rows[0]!.proposerPhone).toBe('13912345678');
  });
});
