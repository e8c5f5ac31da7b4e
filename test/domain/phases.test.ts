import { describe, expect, it } from 'vitest';
import { checkTransition, nextPhase, phaseLabel, type Phase } from '../../src/domain/phases';

describe('checkTransition', () => {
  it.each<[Phase, Phase, string, boolean, string?]>([
    ['collection', 'screening', '', true],
    ['collection', 'screening', '征集结束', true],
    ['collection', 'candidates', '', false, 'to'], // no skipping
    ['collection', 'closed', '理由', false, 'to'],
    ['collection', 'collection', '', false, 'to'],
    ['screening', 'collection', '', false, 'note'], // back needs a note
    ['screening', 'collection', '   ', false, 'note'], // a blank note is no note
    ['screening', 'collection', '征集期延长', true],
    ['closed', 'collection', '重新征集', true], // back more than one step, with a note
    ['evaluation', 'closed', '', true],
    ['voting', 'delivery', '', true],
  ])('%s → %s (note %j) → %s', (from, to, note, ok, field) => {
    const r = checkTransition(from, to, note);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it('closed is the last phase', () => {
    expect(nextPhase('closed')).toBeNull();
    expect(nextPhase('collection')).toBe('screening');
  });

  it('subdistricts call the vote a deliberation meeting', () => {
    expect(phaseLabel('voting', 'subdistrict')).toBe('议事代表会议票选');
    expect(phaseLabel('voting', 'township')).toBe('票决');
  });
});
