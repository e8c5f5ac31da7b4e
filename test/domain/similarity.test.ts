import { describe, expect, it } from 'vitest';
import { canonical, DUPLICATE_THRESHOLD, jaccard, normalize, proposalSimilarity, rankBySimilarity, suggestDuplicates, textSimilarity, trigrams } from '../../src/domain/similarity';

describe('trigrams', () => {
  it.each<[string, string[]]>([
    ['老年食堂', ['老年食', '年食堂']],
    ['路灯', ['路灯']], // shorter than three: itself
    ['', []],
    ['，。！ ', []], // punctuation only
    ['老年 食堂！', ['老年食', '年食堂']], // spaces and punctuation do not count
    ['ＡＢＣd', ['abc', 'bcd']], // full-width folded, lower-cased
    ['修路🙂🙂修路', ['修路修', '路修路']], // emoji dropped, never split into half surrogates
  ])('%j → %j', (text, grams) => {
    expect([...trigrams(text)].sort()).toEqual([...grams].sort());
  });
  it('normalize keeps letters and digits of any script', () => {
    expect(normalize('3组 自来水-管道')).toBe('3组自来水管道');
  });
});

describe('jaccard', () => {
  it.each<[string[], string[], number]>([
    [['a', 'b'], ['a', 'b'], 1],
    [['a', 'b'], ['b', 'c'], 1 / 3],
    [['a'], ['b'], 0],
    [[], [], 0], // nothing to compare is not a duplicate
    [['a'], [], 0],
  ])('%j vs %j → %d', (a, b, expected) => {
    expect(jaccard(new Set(a), new Set(b))).toBeCloseTo(expected, 10);
  });
});

describe('proposal similarity on Chinese examples', () => {
  const p = (title: string, description = '') => ({ id: 0, title, description, placeId: 1 });
  it.each<[string, string, string, string, boolean]>([
    ['青石村老年食堂建设', '在青石村建设老年食堂，解决老人吃饭难', '建设青石村老年食堂', '青石村老人多，希望建一个老年食堂', true],
    ['青石村老年食堂', '', '青石村老年食堂', '', true], // identical
    ['安装路灯', '青石村主干道没有路灯，晚上出行不安全', '青石村主干道安装路灯', '主干道晚上太黑，老人出行不安全，建议安装路灯', true],
    ['自来水管网改造', '杨柳村三组自来水管老化经常爆管停水', '杨柳村三组自来水管道更换', '三组水管老化爆管，经常停水', true],
    ['安装路灯', '青石村主干道没有路灯', '新建老年食堂', '老人吃饭难', false],
    ['修缮村小学操场', '操场坑洼下雨积水', '改造村卫生室', '卫生室面积小设备旧', false],
  ])('%s / %s  vs  %s / %s → duplicate %s', (t1, d1, t2, d2, dup) => {
    expect(proposalSimilarity(p(t1, d1), p(t2, d2)) >= DUPLICATE_THRESHOLD).toBe(dup);
  });
  it('is symmetric', () => {
    expect(textSimilarity('安装路灯', '青石村主干道安装路灯')).toBe(textSimilarity('青石村主干道安装路灯', '安装路灯'));
  });
  it('the threshold itself counts as similar (exactly 0.25: 2 shared trigrams of 8 distinct)', () => {
    expect(textSimilarity('安装路灯', '青石村主干道安装路灯')).toBe(0.25); // {安装路, 装路灯} ⊂ 8 grams
    const target = { id: 1, title: '安装路灯', description: '', placeId: 1 };
    const other = { id: 2, title: '青石村主干道安装路灯', description: '', placeId: 1 };
    expect(suggestDuplicates(target, [other], 0.25)).toHaveLength(1);
    expect(suggestDuplicates(target, [other], 0.2501)).toHaveLength(0);
  });
});

describe('suggestDuplicates', () => {
  const target = { id: 1, title: '青石村老年食堂', description: '建设老年食堂', placeId: 5 };
  const others = [
    { id: 1, title: '青石村老年食堂', description: '建设老年食堂', placeId: 5 }, // itself
    { id: 2, title: '青石村老年食堂', description: '建设老年食堂', placeId: 6 }, // another village
    { id: 3, title: '建设青石村老年食堂', description: '', placeId: 5 },
    { id: 4, title: '青石村老年食堂', description: '建设老年食堂', placeId: 5 },
    { id: 5, title: '青石村老年食堂', description: '建设老年食堂', placeId: null }, // township-wide is not "the same village"
    { id: 6, title: '修路', description: '', placeId: 5 },
  ];
  it('same village only, never itself, most similar first', () => {
    expect(suggestDuplicates(target, others).map((s) => s.item.id)).toEqual([4, 3]);
  });
  it('a lower threshold suggests more, a higher fewer', () => {
    expect(suggestDuplicates(target, others, 0.99).map((s) => s.item.id)).toEqual([4]);
    expect(suggestDuplicates(target, others, 0).map((s) => s.item.id)).toEqual([4, 3, 6]);
  });
  it('township-wide proposals are compared with township-wide ones', () => {
    const wide = { ...target, id: 9, placeId: null };
    expect(suggestDuplicates(wide, others).map((s) => s.item.id)).toEqual([5]);
  });
});

describe('synonyms: words residents use for the same thing compare alike', () => {
  const p = (id: number, title: string, description = '', placeId: number | null = 1) => ({ id, title, description, placeId });
  it.each<[string, string]>([
    ['老年食堂', '老年助餐点'],
    ['青石村老年食堂', '青石村老年助餐服务点'],
    ['杨柳村路灯安装', '杨柳村亮化工程安装'],
    ['白果村自来水管网', '白果村饮水管网'],
    ['集镇公共厕所改造', '集镇公厕改造'],
  ])('%s ~ %s is suggested', (a, b) => {
    const s = suggestDuplicates(p(1, a), [p(2, b)]);
    expect(s.map((x) => x.item.id)).toEqual([2]);
    expect(s[0]!.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });
  it('unrelated items stay apart', () => {
    expect(suggestDuplicates(p(1, '老年食堂'), [p(2, '村道路灯')])).toEqual([]);
  });
  it.each<[string, string]>([
    ['老年助餐服务点', '老年食堂'], // the longer word first, never half-replaced
    ['生活污水处理', '污水处理'],
    ['太阳能灯', '路灯'],
    ['食堂', '食堂'],
  ])('canonical(%s) = %s', (text, as) => {
    expect(canonical(text)).toBe(as);
  });
});

describe('merge targets ranked by similarity', () => {
  const p = (id: number, title: string, placeId: number | null = 1) => ({ id, title, description: '', placeId });
  it('every other item, most similar first, ties by id; places do not filter the list', () => {
    const ranked = rankBySimilarity(p(1, '青石村老年食堂'), [p(2, '杨柳村路灯'), p(3, '青石村老年助餐点', 2), p(4, '青石村卫生室'), p(1, '自己')]);
    expect(ranked.map((r) => r.item.id)).toEqual([3, 4, 2]);
    expect(ranked[0]!.score).toBe(1);
    expect(ranked[1]!.score).toBeGreaterThan(ranked[2]!.score);
  });
});
