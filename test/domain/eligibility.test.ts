import { describe, expect, it } from 'vitest';
import {
  ELIGIBILITY_RULES, evaluateEligibility, matchKeywords, FLAG_KEYWORDS, RULE_CODES, RULE_STRENGTH, RULES_BY_CODE, rulesToOverride,
  type EligibilityContext, type ProposalFacts, type RuleCode, type RuleOutcome,
} from '../../src/domain/eligibility';
import { validateDecision } from '../../src/domain/screening';

const base: ProposalFacts = {
  title: '青石村老年食堂', description: '在村委会旁建设老年食堂，为 70 岁以上老人提供午餐。', fundingSource: '镇财政',
  beneficiaries: '本村 70 岁以上老人', beneficiaryCount: 260, estimatedCost: 800_000, fiscalSharePct: 80,
  durationMonths: 6, crossYear: false, placeId: 5, placeName: '青石村',
};
const ctx: EligibilityContext = {
  params: { minFiscalShare: 50, majorInvestmentThreshold: 5_000_000, maxDurationMonths: 12 },
  jurisdictionName: '青石镇',
  placeIds: new Set([2, 5, 6]),
};

function run(code: RuleCode, facts: Partial<ProposalFacts>, c: Partial<EligibilityContext['params']> = {}) {
  return RULES_BY_CODE.get(code)!.evaluate({ ...base, ...facts }, { ...ctx, params: { ...ctx.params, ...c } });
}

describe('every rule is documented', () => {
  it.each(ELIGIBILITY_RULES.map((r) => [r.code, r] as const))('%s has a name, description, basis quoted from a seed', (_code, r) => {
    expect(r.name).toMatch(/\p{Script=Han}/u);
    expect(r.description.length).toBeGreaterThan(10);
    expect(r.basis.quote.length).toBeGreaterThan(5);
    expect(r.basis.seed).toMatch(/^00[24]/);
  });
  it('codes are stable and unique, and the list evaluates in their order', () => {
    expect(ELIGIBILITY_RULES.map((r) => r.code)).toEqual([...RULE_CODES]);
    expect(evaluateEligibility(base, ctx).map((r) => r.code)).toEqual([...RULE_CODES]);
  });
  it('the plain proposal passes every automatic rule and raises no flag', () => {
    const results = evaluateEligibility(base, ctx);
    expect(results.filter((r) => RULES_BY_CODE.get(r.code)!.kind === 'automatic').every((r) => r.outcome === 'pass')).toBe(true);
    expect(rulesToOverride(results)).toEqual([]);
  });
});

describe('FISCAL_SHARE: 以政府财政性资金投入为主, share ≥ parameter', () => {
  it.each<[number, number, RuleOutcome]>([
    [50, 50, 'pass'], // exactly the parameter: decided "以…为主" includes it
    [49, 50, 'fail'],
    [51, 50, 'pass'],
    [100, 50, 'pass'],
    [0, 50, 'fail'],
    [0, 0, 'pass'], // an office may drop the requirement
    [60, 61, 'fail'], // a stricter office
    [101, 50, 'needsReview'], // impossible values are a question, not a verdict
    [-5, 50, 'needsReview'],
    [50.5, 50, 'needsReview'],
  ])('%i%% with minimum %i%% → %s', (share, min, outcome) => {
    expect(run('FISCAL_SHARE', { fiscalSharePct: share }, { minFiscalShare: min }).outcome).toBe(outcome);
  });
  it('explains in Chinese with both numbers', () => {
    expect(run('FISCAL_SHARE', { fiscalSharePct: 40 }).explanation).toBe('财政资金占比 40%，低于 50%，不是以政府财政性资金投入为主。');
  });
});

describe('MAJOR_INVESTMENT: cost above the threshold fails', () => {
  it.each<[number, number, RuleOutcome]>([
    [5_000_000, 5_000_000, 'pass'], // equal to the threshold: "超过" excludes the number itself
    [5_000_001, 5_000_000, 'fail'],
    [4_999_999, 5_000_000, 'pass'],
    [3_000_001, 3_000_000, 'fail'], // a poorer township's lower line
    [1, 5_000_000, 'pass'],
    [0, 5_000_000, 'needsReview'],
    [-100, 5_000_000, 'needsReview'],
    [Number.NaN, 5_000_000, 'needsReview'],
  ])('%i yuan with threshold %i → %s', (cost, threshold, outcome) => {
    expect(run('MAJOR_INVESTMENT', { estimatedCost: cost }, { majorInvestmentThreshold: threshold }).outcome).toBe(outcome);
  });
  it('formats yuan with separators', () => {
    expect(run('MAJOR_INVESTMENT', { estimatedCost: 6_000_000 }).explanation).toContain('6,000,000 元');
  });
});

describe('IN_JURISDICTION: the place lies under the cycle’s jurisdiction', () => {
  it.each<[number | null, RuleOutcome]>([
    [null, 'pass'], // no village named = the whole township
    [2, 'pass'], // the township itself
    [5, 'pass'],
    [9, 'fail'], // a village of another township
  ])('place %j → %s', (placeId, outcome) => {
    expect(run('IN_JURISDICTION', { placeId, placeName: placeId === 9 ? '柳溪村' : '青石村' }).outcome).toBe(outcome);
  });
  it('names the place and the jurisdiction', () => {
    expect(run('IN_JURISDICTION', { placeId: 9, placeName: '柳溪村' }).explanation).toBe('实施地点柳溪村不在青石镇辖区内，应由所在地办理。');
    expect(run('IN_JURISDICTION', { placeId: null }).explanation).toContain('按青石镇全域实施');
  });
});

describe('DURATION: completable within the year, or cross-year with annual goals', () => {
  it.each<[number, boolean, number, RuleOutcome]>([
    [12, false, 12, 'pass'], // exactly the maximum
    [13, false, 12, 'fail'],
    [1, false, 12, 'pass'],
    [13, true, 12, 'needsReview'], // cross-year: the reviewer confirms annual goals; milestones come with the candidate
    [24, true, 12, 'needsReview'],
    [6, true, 12, 'needsReview'], // declared cross-year even though short (e.g. starts in autumn)
    [8, false, 6, 'fail'], // an office with a shorter year
    [0, false, 12, 'needsReview'],
    [-3, false, 12, 'needsReview'],
  ])('%i months, cross-year %s, max %i → %s', (months, crossYear, max, outcome) => {
    expect(run('DURATION', { durationMonths: months, crossYear }, { maxDurationMonths: max }).outcome).toBe(outcome);
  });
  it('tells the reviewer what a cross-year project needs', () => {
    expect(run('DURATION', { durationMonths: 13, crossYear: true }).explanation).toContain('年度阶段性目标');
  });
  it.each<[string, boolean]>([
    ['分两年实施', true], // no yearly goals: flagged, eligible only with a reason
    ['2027年完成管网铺设', true], // one year is not a yearly plan
    ['2027年完成管网铺设，2028年完成泵站和通水', false],
    ['第一年完成设计和管网，第二年通水验收', false],
    ['首年完成路基，次年完成路面', false],
    ['2027年以前已建成一期，本次2027年完成二期', true], // "2027年以前" is not a goal year
  ])('cross-year "%s" → flagged %s', (description, flagged) => {
    const r = run('DURATION', { durationMonths: 18, crossYear: true, description });
    expect(r.outcome).toBe('needsReview');
    expect(r.flagged).toBe(flagged);
    expect(rulesToOverride([r]).length).toBe(flagged ? 1 : 0);
  });
  it('a flagged cross-year item cannot be marked eligible without a reason', () => {
    const r = run('DURATION', { durationMonths: 18, crossYear: true, description: '分两年实施' });
    const errors = validateDecision({ decision: 'eligible', failedRules: [], explanation: '', overrideReason: '' }, [r]);
    expect(errors.overrideReason).toContain('原则上不纳入的，须写明例外的理由');
    expect(validateDecision({ decision: 'eligible', failedRules: [], explanation: '', overrideReason: '已补充年度目标' }, [r])).toEqual({});
  });
});

describe('each rule is marked hard or in principle', () => {
  it.each<[string, string]>([
    ['HIGHER_LEVEL', 'inPrinciple'], ['DURATION', 'inPrinciple'], ['DISTRICT_SUBPROJECT', 'inPrinciple'],
    ['FISCAL_SHARE', 'hard'], ['MAJOR_INVESTMENT', 'hard'], ['IN_JURISDICTION', 'hard'], ['ROUTINE_WORK', 'hard'],
    ['DISGUISED_CONSTRUCTION', 'hard'], ['PUBLIC_BENEFIT', 'hard'],
  ])('%s is %s', (code, strength) => {
    expect(RULE_STRENGTH[code as keyof typeof RULE_STRENGTH]).toBe(strength);
  });
  it('every rule has a strength', () => {
    expect(Object.keys(RULE_STRENGTH).sort()).toEqual(ELIGIBILITY_RULES.map((r) => r.code).sort());
  });
  it('overriding a hard rule asks for what in the proposal was wrong', () => {
    const r = run('IN_JURISDICTION', { placeId: 999 });
    expect(r.outcome).toBe('fail');
    expect(validateDecision({ decision: 'eligible', failedRules: [], explanation: '', overrideReason: '' }, [r]).overrideReason)
      .toContain('是硬性规定，须说明经核实提议所填情况有误或不成立');
  });
});

describe('reviewer-confirmed flags: always needsReview, flagged from keywords and fields', () => {
  it.each<[RuleCode, Partial<ProposalFacts>, boolean, string?]>([
    ['ROUTINE_WORK', {}, false],
    ['ROUTINE_WORK', { title: '镇区道路日常保洁' }, true, '日常保洁'],
    ['ROUTINE_WORK', { description: '每年例行的河道清淤' }, true, '例行'],
    ['ROUTINE_WORK', { description: '方便老人日常生活和日常就医' }, false], // daily life is not routine work
    ['ROUTINE_WORK', { fundingSource: '镇政府办公经费' }, true, '办公经费'],
    ['HIGHER_LEVEL', { description: '上级安排实施的农村改厕任务' }, true, '上级安排'],
    ['HIGHER_LEVEL', { fundingSource: '区级安排专项资金' }, true, '区级安排'],
    ['HIGHER_LEVEL', {}, false],
    ['DISGUISED_CONSTRUCTION', { title: '招商引资配套道路' }, true, '招商'],
    ['DISGUISED_CONSTRUCTION', { description: '配合房地产开发修建小区入口' }, true, '房地产'],
    ['DISGUISED_CONSTRUCTION', { fiscalSharePct: 30 }, true, '财政资金占比仅 30%'], // mostly private money
    ['DISGUISED_CONSTRUCTION', { fiscalSharePct: 50 }, false],
    ['DISGUISED_CONSTRUCTION', {}, false],
    ['DISTRICT_SUBPROJECT', { description: '属于区级票决项目“城乡供水一体化”的子项目' }, true, '区级票决'],
    ['DISTRICT_SUBPROJECT', {}, false],
    ['PUBLIC_BENEFIT', { description: '我家与邻居的宅基地纠纷' }, true, '我家'],
    ['PUBLIC_BENEFIT', { title: '起诉施工方赔偿' }, true, '起诉'],
    ['PUBLIC_BENEFIT', { beneficiaryCount: 3 }, true, '受益人数仅 3 人'],
    ['PUBLIC_BENEFIT', { beneficiaryCount: 10 }, false], // the hint starts below 10
    ['PUBLIC_BENEFIT', { beneficiaryCount: null }, false],
    ['PUBLIC_BENEFIT', { description: '为环卫工人配发个人防护用品' }, false],
  ])('%s with %j → flagged %s', (code, facts, flagged, evidence) => {
    const r = run(code, facts);
    expect(r.outcome).toBe('needsReview');
    expect(r.flagged).toBe(flagged);
    if (evidence) expect(r.evidence!.join(' ')).toContain(evidence);
    expect(r.explanation).toMatch(flagged ? /^疑似/ : /^未发现/);
  });

  it('flagged and failed rules are the ones an eligible decision must override', () => {
    const results = evaluateEligibility({ ...base, title: '镇区道路日常保洁', estimatedCost: 9_000_000 }, ctx);
    expect(rulesToOverride(results)).toEqual(['MAJOR_INVESTMENT', 'ROUTINE_WORK']);
  });
});

describe('matchKeywords', () => {
  it.each<[string, string[]]>([
    ['日常维护和日常保洁', ['日常维护', '日常保洁']], // the longer phrase, not also "日常"
    ['日常生活照料', []],
    ['日常生活，另含日常巡查', ['日常巡查']],
    ['', []],
  ])('%j → %j', (text, found) => {
    expect(matchKeywords(text, FLAG_KEYWORDS.ROUTINE_WORK)).toEqual(found);
  });
});
