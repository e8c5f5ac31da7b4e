import { describe, expect, it } from 'vitest';
import { checkNomination, poolReasonFor } from '../../src/domain/pool';
import type { CollectionState } from '../../src/domain/collection';
import type { Phase } from '../../src/domain/phases';
import type { ProposalStatus } from '../../src/domain/vocabulary';

describe('checkNomination', () => {
  it.each<[ProposalStatus, boolean, number, Phase, boolean, boolean | 'refused']>([
    ['eligible', true, 2028, 'candidates', false, true], // onto the list
    ['eligible', true, 2028, 'collection', false, true],
    ['eligible', true, 2028, 'candidates', true, 'refused'], // list approved
    ['eligible', true, 2028, 'voting', false, 'refused'],
    ['eligible', true, 2027, 'candidates', false, 'refused'], // same year
    ['eligible', false, 2028, 'candidates', false, 'refused'], // not in the pool
    ['submitted', true, 2028, 'collection', false, false], // into the intake
    ['submitted', true, 2028, 'screening', false, false],
    ['submitted', true, 2028, 'candidates', false, 'refused'], // screening over
    ['ineligible', true, 2028, 'collection', false, 'refused'],
  ])('%s (in pool %s) → %i %s locked %s → %s', (status, inPool, year, phase, locked, expected) => {
    const r = checkNomination({ year: 2027, status, inPool }, { year, phase, locked });
    if (expected === 'refused') expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, value: { asCandidate: expected } });
  });
});

describe('poolReasonFor', () => {
  const w = { opens: '2027-03-01', closes: '2027-03-31' };
  it.each<[CollectionState, string | null]>([
    [{ kind: 'open', ...w }, null],
    [{ kind: 'noCycle' }, null],
    [{ kind: 'closed', ...w }, 'late'],
    [{ kind: 'phaseOver', phase: 'screening' }, 'late'],
    [{ kind: 'phaseOver', phase: 'delivery' }, 'betweenWindows'],
    [{ kind: 'notYet', ...w }, 'betweenWindows'],
    [{ kind: 'notSet' }, 'betweenWindows'],
  ])('%j → %s', (state, reason) => expect(poolReasonFor(state)).toBe(reason));
});
