import { PHASES, type Phase } from './vocabulary';
import { ok, refuse, type Result } from './result';

export { PHASES, type Phase };

export const PHASE_LABELS: Record<Phase, string> = {
  collection: '项目征集',
  screening: '资格审查',
  candidates: '确定候选项目',
  voting: '票决',
  delivery: '实施与监督',
  evaluation: '年底评议',
  closed: '已结束',
};

/** Subdistricts run the same phases; their vote is the deliberation meeting's 票选. */
export function phaseLabel(phase: Phase, jurisdictionKind?: string): string {
  if (phase === 'voting' && jurisdictionKind === 'subdistrict') return '议事代表会议票选';
  return PHASE_LABELS[phase];
}

export function nextPhase(phase: Phase): Phase | null {
  return PHASES[PHASES.indexOf(phase) + 1] ?? null;
}

/** Forward one step at a time with an optional note; back any number of steps, but only with a note. */
export function checkTransition(from: Phase, to: Phase, note: string): Result<null, 'to' | 'note'> {
  const i = PHASES.indexOf(from);
  const j = PHASES.indexOf(to);
  if (i < 0 || j < 0) return refuse('未知的阶段', 'to');
  if (i === j) return refuse('已处于该阶段', 'to');
  if (j > i + 1) return refuse(`不能跳过阶段：请先进入“${PHASE_LABELS[PHASES[i + 1]!]}”`, 'to');
  if (j < i && note.trim() === '') return refuse('退回到之前的阶段必须填写原因', 'note');
  return ok();
}
