import { describe, expect, it } from 'vitest';
import { currentStep, residentActions, stepStates } from '../../src/domain/portalTimeline';
import type { Phase } from '../../src/domain/vocabulary';

describe('where the year stands for a resident', () => {
  it.each<[Phase, boolean, string | null]>([
    ['collection', false, 'collect'],
    ['screening', false, 'screen'],
    ['candidates', false, 'screen'],
    ['voting', false, 'vote'],
    ['voting', true, 'supervise'], // results published before the clerk moves the phase on
    ['delivery', true, 'supervise'],
    ['evaluation', true, 'evaluate'],
    ['closed', true, null],
  ])('%s (results published: %s) → %s', (phase, published, step) => {
    expect(currentStep(phase, published)).toBe(step);
  });

  it('steps before the current one are done, after it upcoming; a closed year has every step done', () => {
    expect(stepStates('voting', false).map((s) => s.state)).toEqual(['done', 'done', 'current', 'upcoming', 'upcoming']);
    expect(stepStates('collection', false).map((s) => s.state)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(stepStates('closed', true).map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it.each<[Phase, boolean, boolean, string[]]>([
    ['collection', true, false, ['propose', 'track']],
    ['collection', false, false, ['track']], // window not open yet or closed: no form
    ['voting', false, false, ['track']],
    ['voting', false, true, ['track', 'results', 'progress']],
    ['delivery', false, true, ['track', 'results', 'progress', 'feedback']],
    ['evaluation', false, true, ['track', 'results', 'progress', 'feedback']],
    ['closed', false, true, ['track', 'results', 'progress']],
  ])('%s, window open %s, results %s → %j', (phase, open, published, actions) => {
    expect(residentActions(phase, { collectionOpen: open, resultsPublished: published })).toEqual(actions);
  });
});
