/**
 * The eligibility rules for livelihood-project proposals (资格审查, DOMAIN §3.2): pure functions over plain data.
 *
 * Four rules are automatic checks of the structured fields (fiscal share, cost, place, duration). Five are
 * reviewer-confirmed: the text cannot prove routine work or a disguised construction project, so they always come
 * back `needsReview`, and are `flagged` ("likely fail", pre-selected on the screening form) when keywords or
 * fields point that way. Deciding "eligible" over a `fail` or a `flagged` rule needs a written override reason.
 */

import { groupedNumber } from './numberText';

export type RuleOutcome = 'pass' | 'fail' | 'needsReview';

export const RULE_CODES = [
  'FISCAL_SHARE', 'MAJOR_INVESTMENT', 'IN_JURISDICTION', 'DURATION',
  'ROUTINE_WORK', 'HIGHER_LEVEL', 'DISGUISED_CONSTRUCTION', 'DISTRICT_SUBPROJECT', 'PUBLIC_BENEFIT',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export interface RuleResult {
  code: RuleCode;
  outcome: RuleOutcome;
  explanation: string;
  /** Reviewer-confirmed rules only: keywords or fields suggest the project fails this rule. */
  flagged?: boolean;
  /** What raised the flag (matched keywords, field values), shown to the reviewer. */
  evidence?: string[];
}

/** The per-jurisdiction parameters (src/domain/settings.ts) the rules read. */
export interface EligibilityParams {
  minFiscalShare: number; // %
  majorInvestmentThreshold: number; // yuan
  maxDurationMonths: number;
}

/** The proposal fields the rules look at. */
export interface ProposalFacts {
  /** Set for a personal matter (个人事项): it was never costed, so no cost, fiscal-share or duration rule applies. */
  personalMatter?: string | null;
  title: string;
  description: string;
  fundingSource: string;
  beneficiaries: string;
  beneficiaryCount: number | null;
  estimatedCost: number;
  fiscalSharePct: number;
  durationMonths: number;
  crossYear: boolean;
  placeId: number | null;
  placeName?: string;
  /** The proposer placed it outside the jurisdiction (本辖区以外). */
  outsideArea?: boolean;
}

export interface EligibilityContext {
  params: EligibilityParams;
  jurisdictionName: string;
  /** The cycle's jurisdiction and every village/community under it. */
  placeIds: ReadonlySet<number>;
}

/** Where a rule comes from: the document, a short name for public notes, the words quoted, and the seed file. */
export interface PolicyBasis { document: string; short: string; quote: string; seed: string }

export interface EligibilityRule {
  code: RuleCode;
  name: string;
  description: string;
  basis: PolicyBasis;
  kind: 'automatic' | 'reviewer';
  /** The parameter values this rule uses, as the screening page shows them. */
  parameters: (p: EligibilityParams) => string[];
  evaluate: (f: ProposalFacts, ctx: EligibilityContext) => RuleResult;
}

// The guidance every township follows, as quoted in seed 004 (江津区人大常委会, 2024-12-12).
const GUIDANCE = '《重庆市江津区人大常委会关于深入实施镇年度民生实事项目人大代表票决制的指导意见》（街道为“议事代表票选制的指导意见”）';
const REPORT_004 = '《关于地方人大践行全过程人民民主重大理念的实践与思考》（江津区人大常委会，2024年12月）调研发现的问题';
const RULES_002 = '《自治州人大常委会代表工作规程（试行）》第八十三条';

const yuan = (n: number) => `${groupedNumber(n)} 元`;

// ---------------------------------------------------------------- keyword flags

/** Keywords, and longer phrases that contain a keyword but mean something harmless (removed before matching). */
interface KeywordList { words: readonly string[]; harmless?: readonly string[] }

export const FLAG_KEYWORDS = {
  ROUTINE_WORK: {
    words: ['日常工作', '日常维护', '日常保洁', '日常管理', '日常巡查', '日常运转', '日常办公', '日常', '例行', '常规工作', '运转经费', '办公经费', '人员工资', '工作经费'],
    // An elderly canteen "for daily life" is not the government's routine work.
    harmless: ['日常生活', '日常出行', '日常就医', '日常照料', '日常起居', '日常锻炼', '日常用水', '日常购物'],
  },
  HIGHER_LEVEL: {
    words: ['上级安排', '上级下达', '上级部署', '上级任务', '上级专项', '上级要求', '区级安排', '区里安排', '县级安排', '市级安排', '省级安排', '市里安排', '区级任务', '市级任务', '区委安排', '区政府安排'],
  },
  DISGUISED_CONSTRUCTION: {
    words: ['招商', '开发', '房地产', '楼盘', '商品房', '商铺', '厂房', '工业园', '产业园', '企业投资', '私企', '民营企业', '社会资本', '经营性', '盈利', '营利', '政府办公楼', '办公用房', '机关大楼', '征地拆迁'],
    harmless: ['开发利用'],
  },
  DISTRICT_SUBPROJECT: {
    words: ['区级票决', '区级民生实事', '区级项目', '县级票决', '县级民生实事', '区人代会票决', '子项目', '分项目', '配套部分'],
  },
  PUBLIC_BENEFIT: {
    words: ['我家', '自家', '个人', '私人', '本人', '纠纷', '诉讼', '起诉', '官司', '打官司', '判决', '仲裁', '赔偿', '欠薪', '拖欠工资', '离婚', '继承', '遗产', '上访'],
    harmless: ['个人防护', '个人卫生'],
  },
} as const satisfies Partial<Record<RuleCode, KeywordList>>;

/** Keywords found in the text, longest first; harmless phrases are blanked out first. */
export function matchKeywords(text: string, list: KeywordList): string[] {
  let t = text;
  for (const h of list.harmless ?? []) t = t.split(h).join('　');
  const found: string[] = [];
  for (const w of [...list.words].sort((a, b) => b.length - a.length)) {
    if (t.includes(w) && !found.some((f) => f.includes(w))) found.push(w);
  }
  return found;
}

/**
 * The years a cross-year proposal sets goals for, as written ("2027年完成…，2028年…", "第一年…第二年…",
 * "首年…次年…"): two or more is a yearly plan the reviewer can check; fewer is none.
 */
export function yearlyGoals(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(20\d{2})\s*年(?!\s*[以之]?[前内])/g)) found.add(`${m[1]}年`);
  for (const m of text.matchAll(/第[一二三四五12345]年|首年|次年|第[一二三四五12345]年度/g)) found.add(m[0]);
  return [...found];
}

function allText(f: ProposalFacts): string {
  return [f.title, f.description, f.fundingSource, f.beneficiaries].join('\n');
}

function reviewerResult(code: RuleCode, concern: string, evidence: string[]): RuleResult {
  if (evidence.length === 0) {
    return { code, outcome: 'needsReview', flagged: false, explanation: `未发现${concern}的迹象，请审查人员确认。` };
  }
  return {
    code, outcome: 'needsReview', flagged: true, evidence,
    explanation: `疑似${concern}（${evidence.join('；')}），请审查人员核实；如认定符合条件，须写明理由。`,
  };
}

const quoted = (words: string[]) => words.map((w) => `命中关键词“${w}”`);

// ---------------------------------------------------------------- the rules

/** Fewer beneficiaries than this raises the public-benefit flag (a hint for the reviewer, never a fail). */
export const FEW_BENEFICIARIES = 10;

export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [
  {
    code: 'FISCAL_SHARE',
    name: '以财政资金投入为主',
    description: '项目资金主要来自政府财政性资金：财政资金占比不低于设定比例。',
    basis: { document: GUIDANCE, short: '票决制指导意见', quote: '主要是以政府财政性资金投入为主', seed: '004' },
    kind: 'automatic',
    parameters: (p) => [`财政资金最低占比：${p.minFiscalShare}%（含本数）`],
    evaluate: (f, { params }) => {
      const share = f.fiscalSharePct;
      if (!Number.isInteger(share) || share < 0 || share > 100) {
        return { code: 'FISCAL_SHARE', outcome: 'needsReview', explanation: `财政资金占比（${share}%）不在 0–100% 之间，请核实资金来源。` };
      }
      // 以…为主 read as "at least the parameter": 50% of 50% passes; an office wanting a strict majority sets 51.
      return share >= params.minFiscalShare
        ? { code: 'FISCAL_SHARE', outcome: 'pass', explanation: `财政资金占比 ${share}%，不低于 ${params.minFiscalShare}%。` }
        : { code: 'FISCAL_SHARE', outcome: 'fail', explanation: `财政资金占比 ${share}%，低于 ${params.minFiscalShare}%，不是以政府财政性资金投入为主。` };
    },
  },
  {
    code: 'MAJOR_INVESTMENT',
    name: '不属于政府重大投资项目',
    description: '估算投资超过本辖区设定的重大投资项目标准的，属政府重大投资项目，不得作为票决候选项目。',
    basis: { document: GUIDANCE, short: '票决制指导意见', quote: '政府重大投资项目……不得作为本级票决民生实事候选项目', seed: '004' },
    kind: 'automatic',
    parameters: (p) => [`重大投资项目标准：超过 ${yuan(p.majorInvestmentThreshold)}`],
    evaluate: (f, { params }) => {
      const cost = f.estimatedCost;
      if (!Number.isFinite(cost) || cost <= 0) {
        return { code: 'MAJOR_INVESTMENT', outcome: 'needsReview', explanation: `估算投资（${cost} 元）未填写或不合理，请核实。` };
      }
      // "超过" excludes the number itself: a cost equal to the threshold is not a major investment.
      return cost <= params.majorInvestmentThreshold
        ? { code: 'MAJOR_INVESTMENT', outcome: 'pass', explanation: `估算投资 ${yuan(cost)}，未超过重大投资项目标准 ${yuan(params.majorInvestmentThreshold)}。` }
        : { code: 'MAJOR_INVESTMENT', outcome: 'fail', explanation: `估算投资 ${yuan(cost)}，超过重大投资项目标准 ${yuan(params.majorInvestmentThreshold)}，属政府重大投资项目。` };
    },
  },
  {
    code: 'IN_JURISDICTION',
    name: '在本辖区内实施',
    description: '项目由本镇（街道）在本行政区域内实施；未指定村/社区的视为全域实施。',
    basis: { document: GUIDANCE, short: '票决制指导意见', quote: '由各镇在本行政区域内实施', seed: '004' },
    kind: 'automatic',
    parameters: () => [],
    evaluate: (f, { jurisdictionName, placeIds }) => {
      if (f.outsideArea) {
        return { code: 'IN_JURISDICTION', outcome: 'fail', explanation: `提议人选择的实施地点在${jurisdictionName}辖区以外，应向所在地反映或转交。` };
      }
      if (f.placeId === null) {
        return { code: 'IN_JURISDICTION', outcome: 'pass', explanation: `未指定村/社区，按${jurisdictionName}全域实施。` };
      }
      const where = f.placeName ?? `地点 #${f.placeId}`;
      return placeIds.has(f.placeId)
        ? { code: 'IN_JURISDICTION', outcome: 'pass', explanation: `实施地点${where}在${jurisdictionName}辖区内。` }
        : { code: 'IN_JURISDICTION', outcome: 'fail', explanation: `实施地点${where}不在${jurisdictionName}辖区内，应由所在地办理。` };
    },
  },
  {
    code: 'DURATION',
    name: '当年可完成或有年度目标',
    description: '原则上当年度可以完成（工期不超过设定月数）；确需跨年度实施的，须有明确的年度阶段性目标。',
    basis: { document: GUIDANCE, short: '票决制指导意见', quote: '原则上应为当年度可以完成、群众获得感较强的项目。对确需跨年度实施的，应有明确的年度阶段性目标', seed: '004' },
    kind: 'automatic',
    parameters: (p) => [`当年完成的最长工期：${p.maxDurationMonths} 个月（含本数）`],
    evaluate: (f, { params }) => {
      const m = f.durationMonths;
      const max = params.maxDurationMonths;
      if (!Number.isInteger(m) || m < 1) {
        return { code: 'DURATION', outcome: 'needsReview', explanation: `预计工期（${m} 个月）未填写或不合理，请核实。` };
      }
      // A cross-year project is allowed only with annual milestones, which exist from the candidate stage on:
      // screening cannot pass it automatically, the reviewer confirms the annual goals are explicit.
      if (f.crossYear) {
        const goals = yearlyGoals(allText(f));
        if (goals.length < 2) {
          return {
            code: 'DURATION', outcome: 'needsReview', flagged: true, evidence: ['跨年度项目未列明年度阶段性目标'],
            explanation: `预计工期 ${m} 个月，申报为跨年度项目，但未列明明确的年度阶段性目标：请补充后再审；如认定符合条件，须写明理由。`,
          };
        }
        return { code: 'DURATION', outcome: 'needsReview', flagged: false, explanation: `预计工期 ${m} 个月，申报为跨年度项目，列有年度目标（${goals.join('、')}）：请审查人员核实；列为候选项目时须按年度设置里程碑。` };
      }
      return m <= max
        ? { code: 'DURATION', outcome: 'pass', explanation: `预计工期 ${m} 个月，当年可以完成（不超过 ${max} 个月）。` }
        : { code: 'DURATION', outcome: 'fail', explanation: `预计工期 ${m} 个月，超过 ${max} 个月且未申报为跨年度项目。` };
    },
  },
  {
    code: 'ROUTINE_WORK',
    name: '不属于政府日常工作',
    description: '政府日常工作（日常维护、保洁、运转经费等）不得作为票决候选项目。须审查人员确认。',
    basis: { document: GUIDANCE, short: '票决制指导意见', quote: '政府日常工作……不得作为本级票决民生实事候选项目', seed: '004' },
    kind: 'reviewer',
    parameters: () => [],
    evaluate: (f) => reviewerResult('ROUTINE_WORK', '政府日常工作', quoted(matchKeywords(allText(f), FLAG_KEYWORDS.ROUTINE_WORK))),
  },
  {
    code: 'HIGHER_LEVEL',
    name: '不属于上级安排实施的项目',
    description: '上级安排实施的民生实事项目不得作为本级票决候选项目。须审查人员确认。',
    basis: { document: GUIDANCE, short: '票决制指导意见', quote: '上级安排实施的民生实事项目等不得作为本级票决民生实事候选项目', seed: '004' },
    kind: 'reviewer',
    parameters: () => [],
    evaluate: (f) => reviewerResult('HIGHER_LEVEL', '上级安排实施的项目', quoted(matchKeywords(allText(f), FLAG_KEYWORDS.HIGHER_LEVEL))),
  },
  {
    code: 'DISGUISED_CONSTRUCTION',
    name: '不是以民生名义的建设工程或私企投资',
    description: '政府建设工程、私营企业投资项目不得以民生实事项目的名义参加票决。须审查人员确认。',
    basis: { document: REPORT_004, short: '区人大常委会调研报告', quote: '将民生实事人大代表票决制项目与政府建设工程、私企投资项目相混淆', seed: '004' },
    kind: 'reviewer',
    parameters: (p) => [`财政资金占比低于 ${p.minFiscalShare}% 时一并提示`],
    evaluate: (f, { params }) => {
      const evidence = quoted(matchKeywords(allText(f), FLAG_KEYWORDS.DISGUISED_CONSTRUCTION));
      // Mostly non-fiscal money is how a private investment looks from the fields alone.
      if (Number.isFinite(f.fiscalSharePct) && f.fiscalSharePct < params.minFiscalShare) evidence.push(`财政资金占比仅 ${f.fiscalSharePct}%`);
      return reviewerResult('DISGUISED_CONSTRUCTION', '以民生名义申报的建设工程或私企投资项目', evidence);
    },
  },
  {
    code: 'DISTRICT_SUBPROJECT',
    name: '不是区级票决项目的子项目',
    description: '区级已票决项目的子项目不再作为镇（街道）票决项目，避免“为票决而票决”。须审查人员确认。',
    basis: { document: REPORT_004, short: '区人大常委会调研报告', quote: '镇街票决项目部分多为区级票决项目子项目，存在“为票决而票决”的现象', seed: '004' },
    kind: 'reviewer',
    parameters: () => [],
    evaluate: (f) => reviewerResult('DISTRICT_SUBPROJECT', '区级票决项目的子项目', quoted(matchKeywords(allText(f), FLAG_KEYWORDS.DISTRICT_SUBPROJECT))),
  },
  {
    code: 'PUBLIC_BENEFIT',
    name: '普惠性、公益性',
    description: '须为普惠性、公益性、社会效益较为突出的民生类公共事业项目；个人诉求和涉法涉诉问题应引导至信访部门或司法程序。须审查人员确认。',
    basis: {
      document: `${GUIDANCE}；${RULES_002}`,
      short: '票决制指导意见、代表工作规程第八十三条',
      quote: '普惠性、公益性和社会效益较为突出的民生类公共事业项目；对非公益性、普惠性以及其他属于个人涉法涉诉问题，引导群众到信访部门或按司法程序反映情况',
      seed: '004, 002 art. 83',
    },
    kind: 'reviewer',
    parameters: () => [],
    evaluate: (f) => {
      const evidence = quoted(matchKeywords(allText(f), FLAG_KEYWORDS.PUBLIC_BENEFIT));
      // A handful of beneficiaries is a household's request, not a public utility.
      if (f.beneficiaryCount !== null && f.beneficiaryCount < FEW_BENEFICIARIES) evidence.push(`受益人数仅 ${f.beneficiaryCount} 人`);
      return reviewerResult('PUBLIC_BENEFIT', '个人诉求或涉法涉诉问题', evidence);
    },
  },
];

/**
 * How binding a rule is. hard: the documents say 不得 — an item failing it is out; recording it as eligible needs the
 * reviewer to state what in the proposal was wrong (the facts, not the rule, are overridden). inPrinciple: the
 * documents say 原则上 — 上级安排 items are 原则上不纳入, a year is the rule for duration, the district-subproject
 * finding is a practice to avoid — so a reason for the exception is enough.
 */
export type RuleStrength = 'hard' | 'inPrinciple';

export const RULE_STRENGTH: Record<RuleCode, RuleStrength> = {
  FISCAL_SHARE: 'hard',
  MAJOR_INVESTMENT: 'hard',
  IN_JURISDICTION: 'hard',
  DURATION: 'inPrinciple',
  ROUTINE_WORK: 'hard',
  HIGHER_LEVEL: 'inPrinciple',
  DISGUISED_CONSTRUCTION: 'hard',
  DISTRICT_SUBPROJECT: 'inPrinciple',
  PUBLIC_BENEFIT: 'hard',
};

export const STRENGTH_LABELS: Record<RuleStrength, string> = { hard: '硬性规定', inPrinciple: '原则上不纳入' };

export const RULES_BY_CODE: ReadonlyMap<RuleCode, EligibilityRule> = new Map(ELIGIBILITY_RULES.map((r) => [r.code, r]));

export function ruleName(code: string): string {
  return RULES_BY_CODE.get(code as RuleCode)?.name ?? code;
}

export function isRuleCode(code: string): code is RuleCode {
  return RULES_BY_CODE.has(code as RuleCode);
}

/** Every rule, in order. */
/** The rules that read the cost, the fiscal share and the duration a project proposal states. */
export const COST_RULES: readonly string[] = ['FISCAL_SHARE', 'MAJOR_INVESTMENT', 'DURATION'];

export function evaluateEligibility(f: ProposalFacts, ctx: EligibilityContext): RuleResult[] {
  const rules = f.personalMatter ? ELIGIBILITY_RULES.filter((r) => !COST_RULES.includes(r.code)) : ELIGIBILITY_RULES;
  return rules.map((r) => r.evaluate(f, ctx));
}

/** The rules an "eligible" decision passes over: automatic fails and flagged reviewer checks. */
export function rulesToOverride(results: readonly RuleResult[]): RuleCode[] {
  return results.filter((r) => r.outcome === 'fail' || r.flagged).map((r) => r.code);
}

export const OUTCOME_LABELS: Record<RuleOutcome, string> = { pass: '符合', fail: '不符合', needsReview: '待人工确认' };
