import { describe, expect, it } from 'vitest';
import type { Phase, ProposalStatus, ScreeningDecision } from '../../src/domain/vocabulary';
import type { RuleResult } from '../../src/domain/eligibility';
import {
  checkMerge, checkScreeningAllowed, followMerges, mergedIntoNote, screeningNote, statusAfter, validateDecision,
  type DecisionInput, type MergeTarget,
} from '../../src/domain/screening';

describe('checkScreeningAllowed: when a decision may be recorded', () => {
  it.each<[Phase, boolean, boolean, ScreeningDecision, boolean]>([
    ['collection', false, false, 'redirected', true], // a private dispute can be answered as it arrives
    ['collection', false, false, 'eligible', true],
    ['screening', false, false, 'ineligible', true],
    ['screening', false, false, 'merged', true],
    ['candidates', false, false, 'eligible', true], // revisions while the list is drafted
    ['candidates', true, false, 'eligible', false], // the presidium approved the list
    ['screening', true, false, 'ineligible', false],
    ['candidates', false, true, 'ineligible', false], // part of a candidate: remove it there first
    ['candidates', false, true, 'merged', false],
    ['candidates', false, true, 'eligible', true], // re-affirming is fine
    ['voting', false, false, 'eligible', false],
    ['delivery', false, false, 'ineligible', false],
    ['closed', false, false, 'redirected', false],
  ])('phase %s, locked %s, in a candidate %s: %s → allowed %s', (phase, listLocked, inCandidate, decision, ok) => {
    expect(checkScreeningAllowed({ phase, listLocked, inCandidate }, decision).ok).toBe(ok);
  });
});

describe('statusAfter: every status can be decided again, each decision leads to its status', () => {
  const from: ProposalStatus[] = ['submitted', 'screening', 'eligible', 'ineligible', 'merged', 'redirected'];
  const table = from.flatMap((f) => (['eligible', 'ineligible', 'merged', 'redirected'] as const).map((d) => [f, d, d] as const));
  it.each(table)('%s --%s--> %s', (_from, decision, to) => {
    expect(statusAfter(decision)).toBe(to);
    expect(checkScreeningAllowed({ phase: 'screening', listLocked: false, inCandidate: false }, decision).ok).toBe(true);
  });
});

describe('validateDecision: what each decision needs', () => {
  const clean: RuleResult[] = [{ code: 'FISCAL_SHARE', outcome: 'pass', explanation: '' }, { code: 'ROUTINE_WORK', outcome: 'needsReview', flagged: false, explanation: '' }];
  const failing: RuleResult[] = [{ code: 'FISCAL_SHARE', outcome: 'fail', explanation: '' }, ...clean.slice(1)];
  const flagged: RuleResult[] = [clean[0]!, { code: 'ROUTINE_WORK', outcome: 'needsReview', flagged: true, explanation: '' }];
  const d = (x: Partial<DecisionInput>): DecisionInput => ({ decision: 'eligible', failedRules: [], explanation: '', overrideReason: '', ...x });
  it.each<[string, DecisionInput, RuleResult[], string[]]>([
    ['eligible, nothing failed', d({}), clean, []],
    ['eligible over a failed rule without a reason', d({}), failing, ['overrideReason']],
    ['eligible over a failed rule, blank reason', d({ overrideReason: '   ' }), failing, ['overrideReason']],
    ['eligible over a failed rule with a reason', d({ overrideReason: '区财政已承诺追加配套资金' }), failing, []],
    ['eligible over a flagged check without a reason', d({}), flagged, ['overrideReason']],
    ['ineligible with codes and explanation', d({ decision: 'ineligible', failedRules: ['FISCAL_SHARE'], explanation: '资金主要来自企业' }), failing, []],
    ['ineligible without codes', d({ decision: 'ineligible', explanation: '不符合' }), failing, ['failedRules']],
    ['ineligible without explanation', d({ decision: 'ineligible', failedRules: ['FISCAL_SHARE'] }), failing, ['explanation']],
    ['ineligible with neither', d({ decision: 'ineligible' }), clean, ['failedRules', 'explanation']],
    ['ineligible citing an unknown code', d({ decision: 'ineligible', failedRules: ['NOPE'], explanation: 'x' }), clean, ['failedRules']],
    ['merged without a target', d({ decision: 'merged' }), clean, ['mergeIntoId']],
    ['merged with a target', d({ decision: 'merged', mergeIntoId: 7 }), clean, []],
    ['redirected without target and answer', d({ decision: 'redirected' }), clean, ['redirectTarget', 'explanation']],
    ['redirected to the petition office with an answer', d({ decision: 'redirected', redirectTarget: 'petition', explanation: '请到镇信访办反映' }), clean, []],
  ])('%s → errors on %j', (_name, input, results, fields) => {
    expect(Object.keys(validateDecision(input, results)).sort()).toEqual([...fields].sort());
  });
  it('names the rules to override', () => {
    expect(validateDecision(d({}), failing).overrideReason).toContain('以财政资金投入为主');
  });
});

describe('followMerges: receipts resolve through chains', () => {
  const links = (m: Record<number, number>) => (id: number) => m[id] ?? null;
  it.each<[string, Record<number, number>, number, number | null]>([
    ['not merged', {}, 1, 1],
    ['A→B', { 1: 2 }, 1, 2],
    ['A→B→C', { 1: 2, 2: 3 }, 1, 3],
    ['B of A→B→C', { 1: 2, 2: 3 }, 2, 3],
    ['a loop never hangs', { 1: 2, 2: 1 }, 1, null],
  ])('%s: from %j → %j', (_name, m, start, expected) => {
    expect(followMerges(start, links(m))?.finalId ?? null).toBe(expected);
  });
  it('keeps the path', () => {
    expect(followMerges(1, links({ 1: 2, 2: 3 }))?.path).toEqual([1, 2, 3]);
  });
});

describe('checkMerge', () => {
  const t = (x: Partial<MergeTarget>): MergeTarget => ({ id: 2, cycleId: 10, status: 'submitted', receipt: '2027-QS-0002', mergedIntoId: null, ...x });
  const src = { id: 1, cycleId: 10 };
  it.each<[string, MergeTarget | undefined, number[] | null, boolean, string?]>([
    ['into another item of the cycle', t({}), [2], true],
    ['into an eligible item', t({ status: 'eligible' }), [2], true],
    ['into itself', t({ id: 1 }), [1], false, '不能合并到提议本身'],
    ['across cycles', t({ cycleId: 11 }), [2], false, '同一年度'],
    ['into a merged item', t({ status: 'merged', mergedIntoId: 3 }), [2, 3], false, '已合并到其他提议'],
    ['into a missing item', undefined, null, false, '不存在'],
    ['creating a loop', t({}), [2, 1], false, '循环'],
  ])('%s → %s', (_name, target, chain, ok, msg) => {
    const r = checkMerge(src, target, chain);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error).toContain(msg);
  });
});

describe('public notes: the reasons a proposer reads, never a name', () => {
  it.each<[string, Parameters<typeof screeningNote>[0], string[]]>([
    ['eligible', { decision: 'eligible', revised: false, failedRules: [], explanation: '' }, ['审查结论：符合条件']],
    ['ineligible with rule and basis', { decision: 'ineligible', revised: false, failedRules: ['FISCAL_SHARE'], explanation: '主要由企业出资' },
      ['审查结论：不符合条件。依据：以财政资金投入为主（票决制指导意见：“主要是以政府财政性资金投入为主”）。说明：主要由企业出资']],
    ['ineligible citing art. 83', { decision: 'ineligible', revised: false, failedRules: ['PUBLIC_BENEFIT'], explanation: '个人诉求' }, ['代表工作规程第八十三条']],
    ['revised', { decision: 'eligible', revised: true, failedRules: [], explanation: '补充了资金来源' }, ['复核更正后的审查结论：符合条件', '说明：补充了资金来源']],
    ['merged', { decision: 'merged', revised: false, failedRules: [], explanation: '', mergedInto: { receipt: '2027-QS-0003', title: '老年食堂' } },
      ['与提议 2027-QS-0003“老年食堂”内容相同或相近', '本回执号继续有效']],
    ['redirected to court', { decision: 'redirected', revised: false, failedRules: [], explanation: '可向镇法律服务所咨询', redirectTarget: 'court' },
      ['按司法程序向人民法院反映', '答复：可向镇法律服务所咨询']],
    ['redirected to petitions', { decision: 'redirected', revised: false, failedRules: [], explanation: '镇信访办周一至周五受理', redirectTarget: 'petition' }, ['向信访部门反映']],
  ])('%s', (_name, input, parts) => {
    const note = screeningNote(input);
    for (const part of parts) expect(note).toContain(part);
  });
  it('the merge target’s note names the receipt, not the proposer', () => {
    expect(mergedIntoNote({ receipt: '2027-QS-0001', title: '路灯' })).toBe('提议 2027-QS-0001“路灯”与本提议内容相同或相近，已并入本提议合并办理，其提议人一并列为本提议的提议人。');
  });
});
