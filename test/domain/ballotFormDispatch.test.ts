import { describe, expect, it } from 'vitest';
import { checkBallotOf, judgeBallotOf } from '../../src/domain/ballot';
import { isBlankBallot } from '../../src/domain/closureCertificate';

const IDS = [1, 2, 3];

describe('a ballot is checked and judged under its poll\'s form', () => {
  it.each([
    ['no tick', {}, { ok: true, marks: { 1: 'none', 2: 'none', 3: 'none' } }],
    ['N ticks (boundary)', { 1: 'for', 3: 'for' }, { ok: true, marks: { 1: 'for', 2: 'none', 3: 'for' } }],
    ['N + 1 ticks', { 1: 'for', 2: 'for', 3: 'for' }, { ok: false, error: '最多勾选 2 项，您勾选了 3 项。请取消多余的勾选后再提交' }],
    ['a per-item mark', { 1: 'against' }, { ok: false, error: '选票内容无法识别，请刷新页面后重新填写' }],
    ['an unknown option', { 9: 'for' }, { ok: false, error: '选票内容无法识别，请刷新页面后重新填写' }],
  ] as [string, Record<string, string>, { ok: boolean; marks?: Record<string, string>; error?: string }][])('勾选, N = 2: %s', (_, marks, want) => {
    const r = checkBallotOf('selection', 'tick', IDS, marks, 2);
    expect(r.ok).toBe(want.ok);
    if (r.ok) expect(r.value).toEqual(want.marks);
    else expect(r.error).toBe(want.error);
  });

  it('per item keeps its own check: none is not one of its marks, abstain is', () => {
    expect(checkBallotOf('selection', 'perItem', IDS, { 1: 'none' }, 2).ok).toBe(false);
    expect(checkBallotOf('selection', 'perItem', IDS, { 1: 'abstain', 2: 'for' }, 2).ok).toBe(true);
  });

  it.each([
    ['tick', { 1: 'for', 2: 'for', 3: 'none' }, true, ''],
    ['tick', { 1: 'for', 2: 'for', 3: 'for' }, false, '勾选 3 项，超过应选数 2 项'],
    ['perItem', { 1: 'for', 2: 'for', 3: 'for' }, false, '赞成票 3 个，超过应选数 2 个'],
  ] as const)('judged under %s: %j', (form, marks, valid, reason) => {
    const j = judgeBallotOf('runoff', form, marks, 2);
    expect(j.valid).toBe(valid);
    if (!j.valid) expect(j.reason).toBe(reason);
  });

  it('a tick ballot with nothing ticked is blank; one tick is not', () => {
    expect(isBlankBallot('selection', { 1: 'none', 2: 'none' }, 'tick')).toBe(true);
    expect(isBlankBallot('selection', { 1: 'for', 2: 'none' }, 'tick')).toBe(false);
    expect(isBlankBallot('selection', { 1: 'abstain', 2: 'abstain' })).toBe(true);
  });
});
