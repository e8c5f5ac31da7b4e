import { describe, expect, it } from 'vitest';
import {
  certificateFigures, isBlankBallot, signatureState, spoiledLines, type CertificateOfficer,
} from '../../src/domain/closureCertificate';
import {
  checkOfficerAssignment, officerChangeReason, scrutinyShortfalls, tellerShortfall, type OfficerHolder, type OfficerPerson,
} from '../../src/domain/sessionOfficers';
import type { SessionOfficerRole } from '../../src/domain/vocabulary';

const rep = (representativeId: number, userId: number): OfficerPerson => ({ kind: 'rep', representativeId, userId });
const staff = (userId: number): OfficerPerson => ({ kind: 'staff', userId });
const holder = (role: SessionOfficerRole, representativeId: number | null, userId: number): OfficerHolder => ({ role, representativeId, userId });

describe('checkOfficerAssignment: one role per person, one 总监票人, scrutineers from the representatives', () => {
  const named = [holder('chiefScrutineer', 1, 11), holder('teller', null, 90)];
  it.each([
    ['a representative as 监票人', 'scrutineer', rep(2, 12), null],
    ['a representative as 计票人', 'teller', rep(3, 13), null],
    ['staff as 计票人', 'teller', staff(91), null],
    ['staff as 监票人 is refused', 'scrutineer', staff(91), '监票人须从本次会议的代表中产生'],
    ['staff as 总监票人 is refused', 'chiefScrutineer', staff(91), '总监票人须从本次会议的代表中产生'],
    ['a second 总监票人 is refused', 'chiefScrutineer', rep(2, 12), '本次会议已有总监票人，请先撤换'],
    ['the 总监票人 again, as 计票人', 'teller', rep(1, 11), '此人已担任本次会议的总监票人，每人只担任一项'],
    ['the staff 计票人 again', 'teller', staff(90), '此人已担任本次会议的计票人，每人只担任一项'],
  ] as const)('%s', (_name, role, person, error) => {
    const r = checkOfficerAssignment(named, role, person);
    expect(r.ok ? null : r.error).toBe(error);
  });

  it('the first 总监票人 of a session is accepted', () => {
    expect(checkOfficerAssignment([], 'chiefScrutineer', rep(1, 11)).ok).toBe(true);
  });
});

describe('scrutinyShortfalls: a 总监票人 and at least 2 scrutineers in all', () => {
  it.each([
    [[], ['尚未指定总监票人', '监票人（含总监票人）至少 2 名，现有 0 名']],
    [['scrutineer', 'scrutineer'], ['尚未指定总监票人']],
    [['chiefScrutineer'], ['监票人（含总监票人）至少 2 名，现有 1 名']],
    [['chiefScrutineer', 'teller', 'teller'], ['监票人（含总监票人）至少 2 名，现有 1 名']],
    [['chiefScrutineer', 'scrutineer'], []], // exactly two: enough
  ] as const)('%j → %j', (roles, expected) => {
    expect(scrutinyShortfalls(roles.map((role) => ({ role })))).toEqual(expected);
  });

  it.each([
    [['teller'], '计票人建议至少 2 名（纸质选票须由两位计票人各录入一遍），现有 1 名'],
    [['teller', 'teller'], null],
  ] as const)('tellers %j → %s', (roles, expected) => {
    expect(tellerShortfall(roles.map((role) => ({ role })))).toBe(expected);
  });
});

describe('officerChangeReason: free before the first poll opens, a reason after', () => {
  it.each([
    [false, '', true],
    [false, '补选', true],
    [true, '  ', false],
    [true, '因病离场', true],
  ])('frozen %s, reason %j → ok %s', (frozen, reason, ok) => {
    expect(officerChangeReason(frozen, reason).ok).toBe(ok);
  });
});

describe('the 计票结果报告单 figures', () => {
  it.each([
    [{}, true],
    [{ 1: 'abstain', 2: 'abstain' }, true], // unmarked lines are entered as 弃权
    [{ 1: 'for' }, false],
    [{ 1: 'spoiled' }, false], // a line marked twice is a mark
  ] as const)('%j blank → %s', (marks, blank) => {
    expect(isBlankBallot('selection', marks)).toBe(blank);
  });

  it('blank counts only valid ballots with no mark', () => {
    expect(certificateFigures('selection', { issued: 5, returned: 4, valid: 3, invalid: 1 }, [
      { marks: {}, valid: true }, { marks: { 1: 'for' }, valid: true }, { marks: { 1: 'abstain' }, valid: true }, { marks: {}, valid: false },
    ])).toEqual({ issued: 5, returned: 4, valid: 3, invalid: 1, blank: 2 });
  });

  it('spoiled lines: an option\'s invalid beyond the wholly invalid ballots', () => {
    expect(spoiledLines([{ label: 'A', invalid: 3 }, { label: 'B', invalid: 1 }], 1)).toEqual([{ label: 'A', count: 2 }]);
  });
});

describe('signatureState: every 总监票人 and 监票人 signs these very figures', () => {
  const officers: CertificateOfficer[] = [
    { id: 1, role: 'chiefScrutineer', name: '甲' }, { id: 2, role: 'scrutineer', name: '乙' }, { id: 3, role: 'teller', name: '丙' },
  ];
  it.each([
    ['nobody signed', [], ['甲', '乙'], false],
    ['the chief only', [{ officerId: 1, digest: 'd' }], ['乙'], false],
    ['both scrutineers: complete (the teller does not sign)', [{ officerId: 1, digest: 'd' }, { officerId: 2, digest: 'd' }], [], true],
    ['a signature over other figures does not count', [{ officerId: 1, digest: 'd' }, { officerId: 2, digest: 'old' }], ['乙'], false],
  ])('%s', (_name, signatures, missing, complete) => {
    const st = signatureState(officers, signatures, 'd');
    expect(st.missing.map((o) => o.name)).toEqual(missing);
    expect(st.complete).toBe(complete);
  });

  it('with too few scrutineers named, all signatures present is still not complete', () => {
    const st = signatureState([{ id: 1, role: 'chiefScrutineer', name: '甲' }], [{ officerId: 1, digest: 'd' }], 'd');
    expect(st).toMatchObject({ missing: [], complete: false, shortfalls: ['监票人（含总监票人）至少 2 名，现有 1 名'] });
  });
});
