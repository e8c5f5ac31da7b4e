import { describe, expect, it } from 'vitest';
import { JURISDICTION_KINDS, ROLES, type JurisdictionKind, type Role } from '../../src/domain/vocabulary';
import { roleScopeError, selfChangeError } from '../../src/domain/roleScope';

describe('roleScopeError', () => {
  // Every role × every kind: the table is the decision, so no pair is left to chance.
  const allowed: Record<Role, JurisdictionKind[]> = {
    districtAdmin: ['district'],
    clerk: ['township', 'subdistrict'],
    representative: ['district', 'township', 'subdistrict'], // district-level representatives link to deliberation groups (seed 004)
    deliberationRep: ['subdistrict'], // only subdistricts hold deliberation meetings (seed 004)
    implementingUnit: ['district', 'township', 'subdistrict'],
    supervisionMember: ['district', 'township', 'subdistrict'],
  };
  const rows = ROLES.flatMap((role) => JURISDICTION_KINDS.map((kind) => [role, kind, allowed[role].includes(kind)] as const));

  it.each(rows)('%s on an active %s → allowed %s', (role, kind, expected) => {
    expect(roleScopeError(role, { kind, active: true }) === null).toBe(expected);
  });

  it.each([
    ['districtAdmin', 'township', '区级管理员只能设在区/县'],
    ['clerk', 'district', '人大工作人员只能设在镇/乡或街道'],
    ['clerk', 'village', '人大工作人员只能设在镇/乡或街道'],
    ['representative', 'community', '人大代表只能设在区/县、镇/乡或街道'],
    ['deliberationRep', 'township', '议事代表只能设在街道'],
  ] as const)('%s on a %s says why: %s', (role, kind, message) => {
    expect(roleScopeError(role, { kind, active: true })).toBe(message);
  });

  it('refuses a jurisdiction that does not exist', () => {
    expect(roleScopeError('clerk', undefined)).toBe('所选辖区不存在');
  });

  it('refuses an inactive jurisdiction even where the kind fits', () => {
    expect(roleScopeError('clerk', { kind: 'township', active: false })).toBe('所选辖区已停用，不能分配角色');
  });
});

describe('selfChangeError', () => {
  it.each([
    ['deactivate', 1, 1, false],
    ['deactivate', 1, 2, true],
    ['resetPassword', 1, 1, false],
    ['resetPassword', 1, 2, true],
    ['removeAdminRole', 1, 1, false],
    ['removeAdminRole', 1, 2, true],
  ] as const)('%s by user %i on user %i → allowed %s', (change, actor, target, expected) => {
    expect(selfChangeError(change, actor, target) === null).toBe(expected);
  });
});
