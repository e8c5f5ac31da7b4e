import { describe, expect, it } from 'vitest';
import { checkOpinionStep, OPINION_STATES, OPINION_STEPS, stepsFor, type OpinionState, type OpinionStep } from '../../src/domain/opinionTriage';

describe('checkOpinionStep: every state × every step', () => {
  // The whole table: a step is allowed from exactly one state.
  const allowed: Record<OpinionStep, [OpinionState, OpinionState]> = {
    answer: ['recorded', 'answered'],
    refer: ['recorded', 'referred'],
    hand: ['recorded', 'handedToRep'],
    rehand: ['handedToRep', 'handedToRep'],
    convert: ['handedToRep', 'converted'],
  };
  const rows = OPINION_STATES.flatMap((from) => OPINION_STEPS.map((step) => [from, step] as [OpinionState, OpinionStep]));
  it.each(rows)('%s + %s', (from, step) => {
    const r = checkOpinionStep(from, step);
    const [okFrom, to] = allowed[step];
    if (from === okFrom) expect(r).toEqual({ ok: true, value: to });
    else expect(r.ok).toBe(false);
  });

  it('converting a recorded item skips the handover and says so', () => {
    expect(checkOpinionStep('recorded', 'convert')).toMatchObject({ ok: false, error: expect.stringContaining('须先') });
  });

  it('settled items take no further step', () => {
    for (const from of ['answered', 'referred', 'converted'] as const) {
      expect(stepsFor(from, 'clerk')).toEqual([]);
      expect(stepsFor(from, 'linkedRep')).toEqual([]);
    }
  });

  it('the clerk triages; only the linked representative converts', () => {
    expect(stepsFor('recorded', 'clerk')).toEqual(['answer', 'refer', 'hand']);
    expect(stepsFor('recorded', 'linkedRep')).toEqual([]);
    expect(stepsFor('handedToRep', 'clerk')).toEqual(['rehand']);
    expect(stepsFor('handedToRep', 'linkedRep')).toEqual(['convert']);
  });
});
