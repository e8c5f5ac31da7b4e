import { describe, expect, it } from 'vitest';
import { COST_RULES, evaluateEligibility, type EligibilityContext } from '../../src/domain/eligibility';
import { maskedTitle, PERSONAL_MATTER_TARGETS, personalGuidance } from '../../src/domain/personalMatter';
import { personalAsProposal } from '../../src/domain/proposalInput';
import { REDIRECT_LABELS, REDIRECT_TARGETS } from '../../src/domain/screening';
import { PERSONAL_MATTERS, type PersonalMatter, type RedirectTarget } from '../../src/domain/vocabulary';

describe('personal matters: where each is sent, and the only line the public sees', () => {
  it.each<[PersonalMatter, RedirectTarget, string, string]>([
    ['land', 'petition', '个人事项（已引导至信访渠道）', '信访部门'],
    ['labour', 'arbitration', '个人事项（已引导至仲裁渠道）', '劳动人事争议仲裁委员会'],
    ['civil', 'court', '个人事项（已引导至司法渠道）', '人民法院'],
    ['adminDecision', 'adminReview', '个人事项（已引导至行政复议渠道）', '行政复议机关'],
    ['complaint', 'hotline', '个人事项（已引导至12345/举报渠道）', '12345'],
  ])('%s goes to %s', (matter, target, masked, where) => {
    expect(PERSONAL_MATTER_TARGETS[matter]).toBe(target);
    expect(maskedTitle(target)).toBe(masked);
    expect(personalGuidance(matter)).toContain(where);
    expect(personalGuidance(matter)).toContain('不属于民生实事项目征集范围');
  });

  it('every matter has a target, every target a label', () => {
    expect(PERSONAL_MATTERS.map((m) => PERSONAL_MATTER_TARGETS[m]).sort()).toEqual([...REDIRECT_TARGETS].sort());
    for (const t of REDIRECT_TARGETS) expect(REDIRECT_LABELS[t].length).toBeGreaterThan(2);
  });

  it('the stored row carries the masked title, nothing costed, the text kept for the office', () => {
    const p = personalAsProposal({ matter: 'land', description: '与邻居宅基地界址纠纷', place: null, proposerName: '赵六', proposerPhone: '13900000000', station: '' });
    expect(p).toMatchObject({ title: '个人事项（已引导至信访渠道）', estimatedCost: 0, fiscalSharePct: 0, durationMonths: 0, category: 'other', description: '与邻居宅基地界址纠纷' });
  });
});

describe('eligibility runs no cost rule on a personal matter', () => {
  const ctx: EligibilityContext = {
    params: { minFiscalShare: 50, majorInvestmentThreshold: 5_000_000, maxDurationMonths: 12 } as EligibilityContext['params'],
    jurisdictionName: '青石镇', placeIds: new Set([2]),
  };
  const facts = {
    title: '个人事项（已引导至信访渠道）', description: '宅基地纠纷', fundingSource: '', beneficiaries: '', beneficiaryCount: null,
    estimatedCost: 0, fiscalSharePct: 0, durationMonths: 0, crossYear: false, placeId: null, outsideArea: false, category: 'other',
  } as unknown as Parameters<typeof evaluateEligibility>[0];
  it.each([[null, true], ['land', false]] as const)('personalMatter %s: cost rules evaluated = %s', (personalMatter, costed) => {
    const codes = evaluateEligibility({ ...facts, personalMatter }, ctx).map((r) => r.code as string);
    for (const c of COST_RULES) expect(codes.includes(c)).toBe(costed);
    expect(codes).toContain('IN_JURISDICTION');
  });
});
