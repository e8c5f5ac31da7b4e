import { describe, expect, it } from 'vitest';
import {
  cellText, checkRoster, csvRows, headerKey, matchPlace, MAX_IMPORT_ROWS, normalizeName, parseDateCell, parsePhoneCell,
  PHONE_SCIENTIFIC, rosterSheet, type RosterContext, type SheetCell, type SheetRow,
} from '../../src/domain/rosterImport';
import { rosterCsv, rosterTable } from '../../src/domain/rosterExport';

const ctx = (over: Partial<RosterContext> = {}): RosterContext => ({
  body: 'congress', places: ['青石村', '杨柳村', '白果村'], owner: '本镇', existing: [], today: '2026-03-10', strictWidth: true, ...over,
});
/** Rows from lines of cells; line numbers count from 1 as a file's do. */
const sheet = (...lines: SheetCell[][]): SheetRow[] => lines.map((cells, i) => ({ line: i + 1, cells }));
const HEADER = ['姓名', '所在村（社区）', '联系电话', '任期开始'];
const expectRefused = (r: { ok: boolean; message?: string }, message: string) => expect(r).toEqual({ ok: false, message: expect.stringContaining(message) });

describe('parseDateCell: every way Excel and people write a date', () => {
  it.each<[string, SheetCell, string | null]>([
    ['slashes, no padding (Excel on Chinese Windows)', '2026/1/1', '2026-01-01'],
    ['dashes, no padding', '2026-1-1', '2026-01-01'],
    ['Chinese', '2026年1月1日', '2026-01-01'],
    ['Chinese without 日', '2026年1月1', '2026-01-01'],
    ['dots', '2026.1.1', '2026-01-01'],
    ['ISO', '2026-01-01', '2026-01-01'],
    ['ISO with a time', '2026-01-01T00:00:00', '2026-01-01'],
    ['Excel CSV with a time', '2026/1/1 0:00', '2026-01-01'],
    ['ISO in UTC: the China date', '2025-12-31T16:00:00.000Z', '2026-01-01'],
    ['compact', '20260101', '2026-01-01'],
    ['full-width digits', '２０２６年１月１日', '2026-01-01'],
    ['padded with spaces', '  2026-01-01 ', '2026-01-01'],
    ['a workbook date cell (midnight UTC)', new Date(Date.UTC(2026, 0, 1)), '2026-01-01'],
    ['an Excel day number', 46023, '2026-01-01'],
    ['an Excel day number as CSV text', '46023', '2026-01-01'],
    ['an Excel day number with a time of day', 46023.75, '2026-01-01'],
    ['leap day in a leap year', '2028-02-29', '2028-02-29'],
    ['empty', '', null],
    ['missing', null, null],
  ])('%s: %j → %s', (_name, cell, expected) => {
    expect(parseDateCell(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, SheetCell, string]>([
    ['30 February', '2026-02-30', '2026年2月没有30日'],
    ['29 February in a common year', '2026/2/29', '2026年2月没有29日'],
    ['month 13', '2026-13-01', '2026年13月不存在'],
    ['mixed separators', '2026-1/1', '不是日期'],
    ['a two-digit year', '26/1/1', '不是日期'],
    ['words', '明年', '不是日期'],
    ['a year out of range', '1900-01-01', '年份 1900 不对'],
    ['a small number is not a date', 12, '不是日期'],
  ])('%s: %j is refused', (_name, cell, message) => expectRefused(parseDateCell(cell), message));
});

describe('parsePhoneCell: text or number, and what Excel does to digits', () => {
  it.each<[string, SheetCell, string]>([
    ['mobile as text', '13800000000', '13800000000'],
    ['mobile as a workbook number', 13800000000, '13800000000'],
    ['a number cell saved as text with .0', '13800000000.0', '13800000000'],
    ['our own export: ="…"', '="13800000000"', '13800000000'],
    ['Excel text marker', "'13800000000", '13800000000'],
    ['spaces inside', '138 0000 0000', '13800000000'],
    ['+86', '+86 138 0000 0000', '13800000000'],
    ['landline with a dash', '023-61234567', '023-61234567'],
    ['landline without a dash', '02361234567', '023-61234567'],
    ['full-width digits', '１３８００００００００', '13800000000'],
    ['empty', '', ''],
    ['missing', null, ''],
  ])('%s: %j → %s', (_name, cell, expected) => {
    expect(parsePhoneCell(cell)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, SheetCell, string]>([
    ['scientific, upper case', '1.38E+10', PHONE_SCIENTIFIC],
    ['scientific, lower case', '1.38e10', PHONE_SCIENTIFIC],
    ['scientific with many digits', '1.38000000001E+10', PHONE_SCIENTIFIC],
    ['a landline whose 0 Excel dropped', 2361234567, '开头的 0 被 Excel 去掉了'],
    ['too short', '139', '电话格式不对'],
    ['two numbers', '13800000000/13900000000', '只能填一个号码'],
    ['a fraction', 1380000000.5, '电话格式不对'],
    ['a date cell', new Date(Date.UTC(2026, 0, 1)), '电话格式不对'],
  ])('%s: %j is refused', (_name, cell, message) => expectRefused(parsePhoneCell(cell), message));
});

describe('names and places compare without any whitespace', () => {
  it.each<[string, string, string]>([
    ['ASCII space', '王 伟', '王伟'],
    ['full-width space (U+3000)', '王　伟', '王伟'],
    ['non-breaking space', '王\u00a0伟', '王伟'],
    ['zero-width space', '王\u200b伟', '王伟'],
    ['around and inside', ' 欧阳　 小 明 ', '欧阳小明'],
    ['a minority name keeps its dot', '买买提·艾力', '买买提·艾力'],
  ])('%s: %j → %s', (_name, raw, expected) => expect(normalizeName(raw)).toBe(expected));

  it('matches a village in any bracket width and names the valid ones', () => {
    expect(matchPlace(' 杨柳村 ', ['青石村', '杨柳村'], '本镇')).toEqual({ ok: true, value: '杨柳村' });
    expect(matchPlace('青山村', ['青石村', '杨柳村'], '本镇'))
      .toEqual({ ok: false, message: '“青山村”不是本镇的村（社区），本镇有：青石村、杨柳村' });
    expect(matchPlace('驻街单位', [], '本街道')).toEqual({ ok: true, value: '驻街单位' }); // none registered: free text
    expect(matchPlace('', ['青石村'], '本镇')).toEqual({ ok: true, value: '' });
  });

  it('reads headers in full-width or ASCII brackets, with spaces and a required mark', () => {
    expect(headerKey(' 所在村（社区）* ')).toBe(headerKey('所在村(社区)'));
    expect(headerKey('姓名（必填）')).toBe('姓名');
  });

  it('shows numbers without an exponent and dates as dates', () => {
    expect(cellText(13800000000)).toBe('13800000000');
    expect(cellText(new Date(Date.UTC(2026, 4, 20)))).toBe('2026-05-20');
    expect(cellText(true)).toBe('是');
  });
});

describe('checkRoster: all or nothing, every problem of every row', () => {
  it('accepts columns in any order under a title row, with header variants, and maps values', () => {
    const r = checkRoster(sheet(
      ['青石镇第十八届人民代表大会代表名册'],
      ['序号', '联系电话', '代表姓名', '所在村', '职业', '任期起', '任期止', '是否补选', '补选日期'],
      [1, 13800000001, '王　伟', '青石村', '农业', '2021/11/1', '2026/10/31', '', ''],
      [2, '023-61234567', '李秀英', '杨柳村', '村干部', new Date(Date.UTC(2021, 10, 1)), 46326, '是', '2024年5月20日'],
    ), ctx());
    expect(r).toEqual({
      ok: true, rows: [
        expect.objectContaining({ line: 3, name: '王伟', community: '青石村', sector: '农业', phone: '13800000001', termFrom: '2021-11-01', termTo: '2026-10-31', byElection: false, seatedOn: '2021-11-01', status: 'seated' }),
        expect.objectContaining({ line: 4, name: '李秀英', phone: '023-61234567', termFrom: '2021-11-01', termTo: '2026-10-31', byElection: true, seatedOn: '2024-05-20' }),
      ],
    });
  });

  it('reports every problem of every row in one pass, naming line and column', () => {
    const r = checkRoster(sheet(
      ['姓名', '所在村（社区）', '联系电话', '任期开始', '补选', '当选日期'],
      ['', '青石村', '13800000001', '', '', ''], // 2: no name
      ['张三', '青山村', '1.38E+10', '2026-02-30', '', ''], // 3: unknown village, destroyed phone, no such date
      ['李四', '杨柳村', '', '', '是', ''], // 4: a by-election without its date
      ['王 五', '白果村', '', '', '', ''], // 5: fine
      ['王五', '白果村', '', '', '', ''], // 6: duplicate of 5 once spaces go
    ), ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 2, field: '姓名', message: '请填写姓名' },
      { line: 3, field: '所在村（社区）', message: '“青山村”不是本镇的村（社区），本镇有：青石村、杨柳村、白果村' },
      { line: 3, field: '联系电话', message: PHONE_SCIENTIFIC },
      { line: 3, field: '任期开始', message: '2026年2月没有30日' },
      { line: 4, field: '当选日期', message: '补选的代表须填写当选日期' },
      { line: 6, field: '姓名', message: '与第 5 行重复（同名、同村（社区）：王五）' },
    ]);
  });

  it('refuses a full-width-space variant of a seated representative, naming the roster entry', () => {
    const r = checkRoster(sheet(['姓名', '所在村（社区）'], ['王　伟', '青石村']), ctx({ existing: [{ name: '王伟', community: '青石村' }] }));
    expect(r).toEqual({ ok: false, errors: [{ line: 2, field: '姓名', message: '名册中已有同名、同村（社区）的在册代表：王伟（青石村）' }] });
  });

  it('two people of one name in different villages are two people; with a village missing they cannot be told apart', () => {
    expect(checkRoster(sheet(['姓名', '所在村（社区）'], ['王伟', '青石村'], ['王伟', '杨柳村']), ctx()).ok).toBe(true);
    const r = checkRoster(sheet(['姓名', '所在村（社区）'], ['王伟', '青石村'], ['王伟', '']), ctx());
    expect(r).toEqual({ ok: false, errors: [{ line: 3, field: '姓名', message: '与第 2 行重复（同名：王伟）' }] });
  });

  it('a short CSV row names the missing column and never shifts values', () => {
    const r = checkRoster(sheet(HEADER, ['王伟', '青石村', '13800000001', '2021-11-01'], ['李强', '杨柳村']), ctx());
    expect(r).toEqual({
      ok: false, errors: [
        { line: 3, field: '联系电话', message: expect.stringContaining('第 3 行缺少“联系电话”列') },
        { line: 3, field: '任期开始', message: expect.stringContaining('第 3 行缺少“任期开始”列') },
      ],
    });
  });

  it('a long CSV row is refused; in a workbook trailing empty cells are simply not there', () => {
    const long = checkRoster(sheet(HEADER, ['王伟', '青石村', '138', '00000001', '2021-11-01']), ctx());
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors.map((e) => e.message)).toContainEqual(expect.stringContaining('比表头多出 1 列'));
    expect(checkRoster(sheet(HEADER, ['王伟', '青石村']), ctx({ strictWidth: false })).ok).toBe(true);
    const stray = checkRoster(sheet(HEADER, ['王伟', '青石村', '', '', '备注写在这里']), ctx({ strictWidth: false }));
    expect(stray).toEqual({ ok: false, errors: [{ line: 2, field: '', message: '第 2 行第 5 列有内容，但这一列没有表头' }] });
  });

  it('needs a 姓名 header and at least one representative', () => {
    expect(checkRoster(sheet(['name', 'phone'], ['A', '1']), ctx()))
      .toEqual({ ok: false, errors: [{ line: 1, field: '', message: expect.stringContaining('至少包含“姓名”列') }] });
    expect(checkRoster(sheet(['姓名']), ctx())).toEqual({ ok: false, errors: [{ line: 1, field: '', message: '表头下面没有代表' }] });
    expect(checkRoster(sheet(['电话', '手机', '姓名'], ['1', '2', '甲']), ctx()))
      .toEqual({ ok: false, errors: [{ line: 1, field: '手机', message: '表头中“电话”和“手机”都是联系电话，请只保留一列' }] });
  });

  it.each<[number, boolean]>([[MAX_IMPORT_ROWS, true], [MAX_IMPORT_ROWS + 1, false]])('%i rows → accepted: %s', (n, accepted) => {
    const rows = sheet(['姓名'], ...Array.from({ length: n }, (_, i) => [`代表${i}`]));
    const r = checkRoster(rows, ctx());
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.errors).toEqual([{ line: 1, field: '', message: `一次最多导入 1000 名，本文件有 ${n} 行` }]);
  });

  it('retired rows are history: status, date, reason; a seated row must not carry a retirement', () => {
    const r = checkRoster(sheet(
      ['姓名', '状态', '离任日期', '离任原因', '离任说明'],
      ['甲', '离任', '2025/3/1', '辞职', '本人申请'],
      ['乙', '', '2025-06-01', '去世', ''], // a date alone means retired
      ['丙', '在册', '2025-06-01', '', ''],
      ['丁', '离任', '2026-12-01', '', ''], // after today
      ['戊', '请假', '', '', ''],
      ['己', '离任', '', '退休', ''],
    ), ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 4, field: '状态', message: '在册代表不应填写离任日期、原因或说明；已离任的请把“状态”填为“离任”' },
      { line: 5, field: '离任日期', message: '离任日期不能晚于今天' },
      { line: 6, field: '状态', message: '状态只能填“在册”或“离任”，不填为在册' },
      { line: 7, field: '离任原因', message: '离任原因只能填：死亡、辞职、罢免、迁出、其他' },
    ]);
    const good = checkRoster(sheet(['姓名', '状态', '离任日期', '离任原因', '离任说明'], ['甲', '离任', '2025/3/1', '辞职', '本人申请'], ['乙', '', '2025-06-01', '去世', '']), ctx());
    expect(good).toEqual({
      ok: true, rows: [
        expect.objectContaining({ name: '甲', status: 'retired', retiredOn: '2025-03-01', retireReason: 'resignation', retireNote: '本人申请' }),
        expect.objectContaining({ name: '乙', status: 'retired', retiredOn: '2025-06-01', retireReason: 'death' }),
      ],
    });
  });

  it('a deliberation roster takes any community, and says 社区 for the duplicate', () => {
    const r = checkRoster(sheet(['姓名', '所在社区'], ['甲', '驻街单位'], ['甲', '驻街单位']), ctx({ body: 'deliberation', places: [], owner: '本街道' }));
    expect(r).toEqual({ ok: false, errors: [{ line: 3, field: '姓名', message: '与第 2 行重复（同名、同社区：甲）' }] });
  });

  it('picks the workbook sheet holding the roster', () => {
    const notes = sheet(['填表说明'], ['请勿修改表头']);
    const reps = sheet(['姓名'], ['甲']);
    expect(rosterSheet([notes, reps])).toBe(reps);
    expect(rosterSheet([notes])).toBe(notes);
  });
});

describe('the export imports again unchanged', () => {
  it('CSV round trip: phones as ="…" text, dates, retirements', () => {
    const reps = [
      { name: '王伟', community: '青石村', sector: '农业', phone: '13800000001', termFrom: '2021-11-01', termTo: '2026-10-31', status: 'seated' as const,
        byElection: false, seatedOn: '2021-11-01', retiredOn: null, retireReason: null, retireNote: null, username: 'qs.rep001' },
      { name: '李秀英', community: '杨柳村', sector: '村干部,妇联', phone: '023-61234567', termFrom: '2021-11-01', termTo: '2026-10-31', status: 'retired' as const,
        byElection: true, seatedOn: '2024-05-20', retiredOn: '2025-09-01', retireReason: 'movedAway' as const, retireNote: '迁往外省', username: null },
    ];
    const text = rosterCsv(rosterTable('congress', reps));
    expect(text).toContain('"=""13800000001"""');
    const read = csvRows(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const r = checkRoster(read.rows, ctx());
    expect(r).toEqual({
      ok: true, rows: reps.map(({ username: _u, retireNote, ...rest }) => ({ ...rest, retireNote: retireNote ?? '', line: expect.any(Number) })),
    });
  });
});
