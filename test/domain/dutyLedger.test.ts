import { describe, expect, it } from 'vitest';
import {
  attendedSession, countLedger, inLedgerYear, ledgerOf, sumCounts, totalsByGroup, type LedgerEntry, type RollLine,
} from '../../src/domain/dutyLedger';
import { ledgerTable } from '../../src/domain/ledgerExport';

const e = (kind: LedgerEntry['kind'], date: string, representativeId = 1, activity?: LedgerEntry['activity']): LedgerEntry =>
  ({ kind, date, representativeId, detail: `${kind} ${date}`, activity });

describe('inLedgerYear: an entry counts in the year of its China calendar day', () => {
  it.each([
    ['2026-01-01', 2026, true], // the first day
    ['2026-12-31', 2026, true], // the last day
    ['2025-12-31', 2026, false], // the eve before
    ['2027-01-01', 2026, false], // the day after
    ['2026-02-29', 2026, false], // no such day: counts nowhere
    ['2024-02-29', 2024, true],
    ['2026-1-5', 2026, false], // not a China date as stored
    ['', 2026, false],
  ])('%s in %i → %s', (date, year, expected) => {
    expect(inLedgerYear(date, year)).toBe(expected);
  });
});

describe('countLedger: the year each representative reports on', () => {
  const entries: LedgerEntry[] = [
    e('reception', '2026-03-15'),
    e('opinion', '2026-12-31'),
    e('opinion', '2027-01-01'), // next year's
    e('suggestion', '2025-12-31'), // last year's
    e('session', '2026-01-01'),
    e('poll', '2026-01-01'),
    e('poll', '2026-01-01'),
    e('activity', '2026-05-04', 1, 'visit'),
    e('activity', '2026-06-01', 1, 'survey'),
    e('activity', '2026-06-02', 1, 'visit'),
    e('activity', '2026-07-01', 1), // no sub-kind: 其他
    e('opinion', '2026-08-08', 2),
  ];

  it.each([
    ['reception', 1], ['opinion', 1], ['suggestion', 0], ['session', 1], ['poll', 2], ['activity', 4], ['total', 9],
  ] as const)('representative 1, 2026: %s = %i', (kind, n) => {
    expect(countLedger(entries, 2026).get(1)![kind]).toBe(n);
  });

  it('splits hand-recorded activities by kind, an unnamed one as 其他', () => {
    expect(countLedger(entries, 2026).get(1)!.activities).toEqual({ visit: 2, survey: 1, inspection: 0, training: 0, other: 1 });
  });

  it('keeps representatives apart and leaves out those without an entry in the year', () => {
    const c = countLedger(entries, 2026);
    expect(c.get(2)!.opinion).toBe(1);
    expect(c.get(2)!.total).toBe(1);
    expect(c.has(3)).toBe(false);
    expect(countLedger(entries, 2027).get(1)!.total).toBe(1); // only 2027-01-01
    expect(countLedger(entries, 2025).get(1)!.suggestion).toBe(1);
  });

  it('counts nothing from nothing', () => {
    expect(countLedger([], 2026).size).toBe(0);
  });
});

describe('ledgerOf: one representative’s entries by kind, oldest first', () => {
  it('sorts by date within each kind and leaves out other years and other people', () => {
    const l = ledgerOf([e('opinion', '2026-09-01'), e('opinion', '2026-02-01'), e('opinion', '2027-01-01'), e('opinion', '2026-05-05', 2)], 1, 2026);
    expect(l.byKind.opinion.map((x) => x.date)).toEqual(['2026-02-01', '2026-09-01']);
    expect(l.counts.opinion).toBe(2);
    expect(l.byKind.reception).toEqual([]);
  });
});

describe('totals', () => {
  it('sums counts column by column and groups by community in first-seen order', () => {
    const c = countLedger([e('opinion', '2026-01-02', 1), e('activity', '2026-01-03', 2, 'training'), e('session', '2026-04-01', 3)], 2026);
    const rows = [
      { group: '青石村', counts: c.get(1)! },
      { group: '杨柳村', counts: c.get(2)! },
      { group: '青石村', counts: c.get(3)! },
    ];
    const g = totalsByGroup(rows);
    expect(g.map((x) => [x.group, x.reps, x.counts.total])).toEqual([['青石村', 2, 2], ['杨柳村', 1, 1]]);
    const all = sumCounts(rows.map((r) => r.counts));
    expect([all.opinion, all.session, all.activity, all.activities.training, all.total]).toEqual([1, 1, 1, 1, 3]);
  });
});

describe('attendedSession: the roll had them in the hall at some time', () => {
  const l = (state: RollLine['state'], correction = false): RollLine => ({ state, correction });
  it.each<[string, RollLine[], boolean]>([
    ['no record (未签到)', [], false],
    ['出席', [l('present')], true],
    ['出席 then 离场', [l('present'), l('departed')], true],
    ['离场 then 返场', [l('present'), l('departed'), l('returned')], true],
    ['请假', [l('leave')], false],
    ['缺席', [l('absent')], false],
    ['出席 withdrawn as a mistake', [l('present'), l(null, true)], false],
    ['缺席 then 出席 withdrawn', [l('absent'), l('present'), l('absent', true)], false],
    ['出席, 离场 withdrawn', [l('present'), l('departed'), l('present', true)], true],
    ['出席 then 请假 (left with leave)', [l('present'), l('leave')], true],
  ])('%s → %s', (_name, lines, expected) => {
    expect(attendedSession(lines)).toBe(expected);
  });
});

describe('ledgerTable: the export’s columns', () => {
  it('one line per representative, counts as numbers', () => {
    const c = countLedger([e('opinion', '2026-01-02'), e('activity', '2026-01-03', 1, 'inspection')], 2026).get(1)!;
    const t = ledgerTable(2026, [{ name: '王伟', community: '青石村', counts: c }]);
    expect(t.header).toEqual(['年度', '代表', '村（社区）', '接待群众', '收集意见', '提出建议', '出席会议', '参加表决', '走访', '调研', '视察', '培训', '其他', '合计']);
    expect(t.rows).toEqual([['2026', '王伟', '青石村', '0', '1', '0', '0', '0', '0', '0', '1', '0', '0', '2']]);
    expect(t.kinds[3]).toBe('number');
  });
});
