import type { Phase } from './phases';

/** A cycle as the evaluation form offers it: its projects, and whether an evaluation (not void) already rates them. */
export interface EvaluableCycle { id: number; year: number; phase: Phase; projects: number; evaluated: boolean }

/** The cycles an evaluation poll may still rate: with projects, not yet evaluated; newest first. */
export function cyclesToEvaluate(cycles: readonly EvaluableCycle[]): EvaluableCycle[] {
  return cycles.filter((c) => c.projects > 0 && !c.evaluated).sort((a, b) => b.year - a.year);
}

/**
 * Which year's projects a year-end evaluation rates by default. It is often held at the session that votes on next
 * year's candidates — whose projects exist as soon as that vote is published — so the newest year is usually the
 * wrong one: the default is the most recent cycle still being delivered or evaluated, else the most recent closed
 * one, else the most recent left to evaluate.
 */
export function defaultEvaluationCycle(cycles: readonly EvaluableCycle[]): EvaluableCycle | undefined {
  const open = cyclesToEvaluate(cycles);
  return open.find((c) => c.phase === 'delivery' || c.phase === 'evaluation') ?? open.find((c) => c.phase === 'closed') ?? open[0];
}

export function evaluationPollTitle(year: number): string {
  return `${year}年度民生实事项目满意度测评`;
}
