import type { Phase } from './vocabulary';

/** The five steps of the year a resident is told about (征集 → 审查 → 票决 → 监督 → 评议). */
export const YEAR_STEPS = ['collect', 'screen', 'vote', 'supervise', 'evaluate'] as const;
export type YearStep = (typeof YEAR_STEPS)[number];

export const YEAR_STEP_LABELS: Record<YearStep, string> = {
  collect: '征集', screen: '审查', vote: '票决', supervise: '监督', evaluate: '评议',
};

/** What each step is, in one sentence a resident understands. */
export const YEAR_STEP_SENTENCES: Record<YearStep, string> = {
  collect: '群众、代表和单位提出民生实事建议。',
  screen: '逐条审查是否符合条件，并说明理由；符合条件的形成候选项目。',
  vote: '人大代表（议事代表）在会上投票，按得票多少确定实施项目。',
  supervise: '项目按计划实施，代表小组定期督查，进展向社会公开。',
  evaluate: '年底代表和群众对项目满意度进行评议。',
};

// 确定候选项目 is the end of screening for a resident; 已结束 leaves every step done.
const STEP_OF_PHASE: Record<Phase, YearStep | null> = {
  collection: 'collect', screening: 'screen', candidates: 'screen', voting: 'vote',
  delivery: 'supervise', evaluation: 'evaluate', closed: null,
};

export type StepState = 'done' | 'current' | 'upcoming';

/**
 * Where the year stands. Published results end the vote for the public even while the clerk has not yet
 * moved the cycle on: residents then see supervision as the current step.
 */
export function currentStep(phase: Phase, resultsPublished: boolean): YearStep | null {
  const step = STEP_OF_PHASE[phase];
  if (step === 'vote' && resultsPublished) return 'supervise';
  return step;
}

export function stepStates(phase: Phase, resultsPublished: boolean): { step: YearStep; state: StepState }[] {
  const now = currentStep(phase, resultsPublished);
  const at = now === null ? YEAR_STEPS.length : YEAR_STEPS.indexOf(now);
  return YEAR_STEPS.map((step, i) => ({ step, state: i < at ? 'done' : i === at ? 'current' : 'upcoming' }));
}

export type ResidentAction = 'propose' | 'track' | 'results' | 'progress' | 'feedback';

/** What a resident can do today: propose only while the window is open; results once published; feedback in delivery and after. */
export function residentActions(phase: Phase, p: { collectionOpen: boolean; resultsPublished: boolean }): ResidentAction[] {
  const actions: ResidentAction[] = [];
  if (p.collectionOpen) actions.push('propose');
  actions.push('track');
  if (p.resultsPublished) actions.push('results', 'progress');
  if (p.resultsPublished && (phase === 'delivery' || phase === 'evaluation')) actions.push('feedback');
  return actions;
}
