import { describe, expect, it } from 'vitest';
import { cyclesToEvaluate, defaultEvaluationCycle, evaluationPollTitle, type EvaluableCycle } from '../../src/domain/evaluationPoll';
import type { Phase } from '../../src/domain/phases';

const cy = (year: number, phase: Phase, projects = 3, evaluated = false): EvaluableCycle => ({ id: year, year, phase, projects, evaluated });

describe('which year a year-end evaluation rates by default', () => {
  it.each<[string, EvaluableCycle[], number | undefined]>([
    ['the year in delivery, not next year voted at the same session', [cy(2027, 'voting'), cy(2026, 'delivery')], 2026],
    ['a year already in 年底评议 counts as well', [cy(2027, 'delivery', 0), cy(2026, 'evaluation')], 2026],
    ['the most recent of two in delivery (a late evaluation of the year before stays possible)', [cy(2025, 'delivery'), cy(2026, 'delivery')], 2026],
    ['already evaluated years are skipped', [cy(2026, 'delivery', 3, true), cy(2025, 'delivery')], 2025],
    ['a year without projects has nothing to rate', [cy(2026, 'delivery', 0), cy(2025, 'closed')], 2025],
    ['none in delivery: the most recent closed year before a year just voted', [cy(2027, 'voting'), cy(2025, 'closed'), cy(2024, 'closed')], 2025],
    ['only a year in another phase: that one', [cy(2027, 'voting')], 2027],
    ['nothing left to evaluate', [cy(2026, 'delivery', 3, true), cy(2027, 'candidates', 0)], undefined],
    ['no cycles', [], undefined],
  ])('%s', (_name, cycles, year) => {
    expect(defaultEvaluationCycle(cycles)?.year).toBe(year);
  });

  it('offers the years with projects not yet evaluated, newest first', () => {
    expect(cyclesToEvaluate([cy(2024, 'closed'), cy(2026, 'delivery'), cy(2027, 'collection', 0), cy(2025, 'closed', 2, true)]).map((c) => c.year)).toEqual([2026, 2024]);
  });

  it('the title names the year rated', () => {
    expect(evaluationPollTitle(2026)).toBe('2026年度民生实事项目满意度测评');
  });
});
