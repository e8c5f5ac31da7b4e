import type { JurisdictionKind, Role } from './vocabulary';

/**
 * Where each role may be held. Congress work happens in townships and subdistricts (DOMAIN §2);
 * subdistricts have no congress but their own deliberation representatives (议事代表, seed 004).
 * Implementing units and supervision members also serve district-level projects, never a village.
 */
export const ROLE_SCOPES: Record<Role, readonly JurisdictionKind[]> = {
  districtAdmin: ['district'],
  clerk: ['township', 'subdistrict'],
  representative: ['district', 'township', 'subdistrict'], // district-level representatives link to deliberation groups (seed 004)
  deliberationRep: ['subdistrict'],
  implementingUnit: ['district', 'township', 'subdistrict'],
  supervisionMember: ['district', 'township', 'subdistrict'],
};

const SCOPE_TEXT: Record<Role, string> = {
  districtAdmin: '区级管理员只能设在区/县',
  clerk: '人大工作人员只能设在镇/乡或街道',
  representative: '人大代表只能设在区/县、镇/乡或街道',
  deliberationRep: '议事代表只能设在街道',
  implementingUnit: '承办单位只能设在区/县、镇/乡或街道',
  supervisionMember: '监督小组成员只能设在区/县、镇/乡或街道',
};

/** Why `role` may not be granted in this jurisdiction, or null when it may. */
export function roleScopeError(role: Role, target: { kind: JurisdictionKind; active: boolean } | undefined): string | null {
  if (!target) return '所选辖区不存在';
  if (!target.active) return '所选辖区已停用，不能分配角色';
  return ROLE_SCOPES[role].includes(target.kind) ? null : SCOPE_TEXT[role];
}

export type SelfChange = 'deactivate' | 'resetPassword' | 'removeAdminRole';

/**
 * An administrator changing their own account must not lock themself out:
 * a reset would end their own session, a deactivation or a lost admin role would leave the district without them.
 */
export function selfChangeError(change: SelfChange, actorId: number, targetUserId: number): string | null {
  if (actorId !== targetUserId) return null;
  switch (change) {
    case 'deactivate': return '不能停用自己的账号';
    case 'resetPassword': return '请在“修改密码”页面修改自己的密码';
    case 'removeAdminRole': return '不能移除自己的区级管理员角色，请由其他区级管理员操作';
  }
}

export const ROLE_TAKEN = '该用户在此辖区已有这一角色';

/** A role in a jurisdiction outside the administrator's own district. */
export const OUTSIDE_REACH = '只能在本区范围内分配角色';
