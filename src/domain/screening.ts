/**
 * The screening decision (资格审查, DOMAIN §3.2): when it may be taken, what it needs, where it leaves the
 * proposal, and the public sentence the proposer and the portal read. Pure functions; src/data/screening.ts
 * applies them in one transaction.
 */
import type { Phase, ProposalStatus, ScreeningDecision } from './vocabulary';
import { isRuleCode, RULE_STRENGTH, RULES_BY_CODE, ruleName, rulesToOverride, type RuleCode, type RuleResult } from './eligibility';
import { ok, refuse, type Result } from './result';

import type { RedirectTarget } from './vocabulary';
export { REDIRECT_TARGETS, type RedirectTarget } from './vocabulary';

export const DECISION_LABELS: Record<ScreeningDecision, string> = {
  eligible: '符合条件',
  ineligible: '不符合条件',
  merged: '合并到其他提议',
  redirected: '不属于征集范围，引导至信访、司法、仲裁、行政复议或举报渠道',
};

export const REDIRECT_LABELS: Record<RedirectTarget, string> = {
  petition: '信访部门', court: '人民法院（司法程序）', arbitration: '劳动人事争议仲裁委员会（仲裁）',
  adminReview: '行政复议机关（行政复议）', hotline: '12345政务服务便民热线或举报渠道',
};

/**
 * Screening runs from collection (obvious cases — a private dispute — can be answered as they arrive) until the
 * candidate list is approved; after that the list and the proposals behind it are fixed for the vote.
 */
export const SCREENING_PHASES: readonly Phase[] = ['collection', 'screening', 'candidates'];

export interface ScreeningState {
  phase: Phase;
  listLocked: boolean;
  /** The proposal is already part of a candidate: it must stay eligible until removed from the candidate. */
  inCandidate: boolean;
}

/** Whether this decision may be recorded now. Any status may be decided again (a revision keeps the history). */
export function checkScreeningAllowed(s: ScreeningState, decision: ScreeningDecision): Result {
  if (!SCREENING_PHASES.includes(s.phase)) return refuse('当前阶段不能进行资格审查：只有在项目征集、资格审查和确定候选项目阶段才能审查或更正');
  if (s.listLocked) return refuse('候选项目名单已经主席团审定并锁定，不能再更改审查结论；如确需更改，请先解锁名单');
  if (s.inCandidate && decision !== 'eligible') return refuse('该提议已列入候选项目，请先从候选项目中移除，再更改审查结论');
  return ok();
}

export function statusAfter(decision: ScreeningDecision): ProposalStatus {
  return decision; // the decisions are named after the statuses they lead to
}

export interface DecisionInput {
  decision: ScreeningDecision;
  failedRules: readonly string[];
  explanation: string;
  overrideReason: string;
  redirectTarget?: RedirectTarget;
  mergeIntoId?: number;
}

/** What each decision needs, as messages keyed by form field; an empty object means complete. */
export function validateDecision(d: DecisionInput, results: readonly RuleResult[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const explanation = d.explanation.trim();
  switch (d.decision) {
    case 'eligible': {
      const over = rulesToOverride(results);
      if (over.length > 0 && d.overrideReason.trim() === '') {
        const hard = over.filter((c) => RULE_STRENGTH[c] === 'hard');
        errors.overrideReason = `自动审查提示“${over.map(ruleName).join('”“')}”不符合或存疑，认定符合条件须写明理由`
          + (hard.length > 0 ? `；“${hard.map(ruleName).join('”“')}”是硬性规定，须说明经核实提议所填情况有误或不成立` : '；原则上不纳入的，须写明例外的理由');
      }
      break;
    }
    case 'ineligible':
      if (d.failedRules.length === 0) errors.failedRules = '请选择不符合的规则';
      else if (!d.failedRules.every(isRuleCode)) errors.failedRules = '请从列表中选择规则';
      if (explanation === '') errors.explanation = '请写明不符合条件的说明（将向提议人和公众公开）';
      break;
    case 'merged':
      if (d.mergeIntoId === undefined) errors.mergeIntoId = '请选择要合并到的提议';
      break;
    case 'redirected':
      if (!d.redirectTarget) errors.redirectTarget = '请选择引导去向：信访部门或人民法院';
      if (explanation === '') errors.explanation = '请填写给提议人的答复';
      break;
  }
  return errors;
}

/**
 * Follows mergedIntoId links to the item that now carries the proposal (a receipt of A merged into B merged
 * into C shows C). Returns null on a loop, which merging refuses to create.
 */
export function followMerges(startId: number, mergedIntoOf: (id: number) => number | null | undefined): { finalId: number; path: number[] } | null {
  const path = [startId];
  let id = startId;
  for (;;) {
    const next = mergedIntoOf(id);
    if (next === null || next === undefined) return { finalId: id, path };
    if (path.includes(next)) return null;
    path.push(next);
    id = next;
  }
}

export interface MergeTarget { id: number; cycleId: number; status: ProposalStatus; receipt: string; mergedIntoId: number | null }

/**
 * Merging into itself, across cycles, into an item already merged elsewhere (choose where it went instead), or
 * into an item whose chain leads back here (a loop no receipt could resolve) is refused.
 */
export function checkMerge(source: { id: number; cycleId: number }, target: MergeTarget | undefined, targetChain: readonly number[] | null): Result<null, 'mergeIntoId'> {
  const no = (error: string) => refuse(error, 'mergeIntoId');
  if (!target) return no('要合并到的提议不存在');
  if (target.id === source.id) return no('不能合并到提议本身');
  if (target.cycleId !== source.cycleId) return no('只能合并到同一年度、同一辖区的提议');
  if (target.status === 'merged') return no(`提议 ${target.receipt} 已合并到其他提议，请选择它所合并到的提议`);
  if (targetChain === null || targetChain.includes(source.id)) return no('不能形成循环合并');
  return ok();
}

// ---------------------------------------------------------------- public text (tracking page and portal)

export interface NoteInput {
  decision: ScreeningDecision;
  revised: boolean;
  failedRules: readonly string[];
  explanation: string;
  redirectTarget?: RedirectTarget;
  mergedInto?: { receipt: string; title: string };
}

/** The complete public explanation of a decision: no names, no phone numbers, only the reasons. */
export function screeningNote(n: NoteInput): string {
  const head = n.revised ? '复核更正后的审查结论' : '审查结论';
  const said = n.explanation.trim();
  switch (n.decision) {
    case 'eligible':
      return `${head}：符合条件，可列入候选项目。${said ? `说明：${said}` : ''}`;
    case 'ineligible': {
      const basis = n.failedRules.filter(isRuleCode).map((code: RuleCode) => {
        const r = RULES_BY_CODE.get(code)!;
        return `${r.name}（${r.basis.short}：“${r.basis.quote}”）`;
      });
      return `${head}：不符合条件。依据：${basis.join('；')}。说明：${said}`;
    }
    case 'merged': {
      const into = n.mergedInto ? `${n.mergedInto.receipt}“${n.mergedInto.title}”` : '其他提议';
      return `${head}：与提议 ${into}内容相同或相近，已合并办理。本回执号继续有效，后续进展以合并后的提议为准。${said ? `说明：${said}` : ''}`;
    }
    case 'redirected': {
      const where = n.redirectTarget === 'court' ? '属于个人涉法涉诉问题，请按司法程序向人民法院反映' : '属于个人诉求，请向信访部门反映';
      return `${head}：不属于民生实事项目征集范围，${where}。答复：${said}`;
    }
  }
}

/** On the item another was merged into: its timeline records who joined it (by receipt, never by name). */
export function mergedIntoNote(source: { receipt: string; title: string }): string {
  return `提议 ${source.receipt}“${source.title}”与本提议内容相同或相近，已并入本提议合并办理，其提议人一并列为本提议的提议人。`;
}

/** On the former target when a merge is undone by a revised decision. */
export function unmergedNote(source: { receipt: string }): string {
  return `提议 ${source.receipt} 经复核已撤销合并，另行审查。`;
}
