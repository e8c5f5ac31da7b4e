import { ok, refuse, type Result } from './result';
import { SESSION_OFFICER_ROLE_WORDS, type SessionOfficerRole } from './vocabulary';

/**
 * The session's counting officers (票决办法 names them, the session elects them): 总监票人 and 监票人 come from the
 * representatives, a 计票人 may be staff. One person holds one role per session; one 总监票人 per session.
 */

/** A person who may be named: a representative of the session's roster, or a staff account. */
export type OfficerPerson = { kind: 'rep'; representativeId: number; userId: number } | { kind: 'staff'; userId: number };

export interface OfficerHolder { role: SessionOfficerRole; representativeId: number | null; userId: number | null }

/** Those who watch the count and sign the 计票结果报告单. */
export const SCRUTINEER_ROLES: readonly SessionOfficerRole[] = ['chiefScrutineer', 'scrutineer'];
export const ALL_OFFICER_ROLES: readonly SessionOfficerRole[] = ['chiefScrutineer', 'scrutineer', 'teller'];

/** 总监票人 and 监票人 together: a count watched by one person alone is not watched. */
export const MIN_SCRUTINEERS = 2;
/** Each paper ballot is entered twice by two different 计票人. */
export const MIN_TELLERS = 2;

export function isScrutineerRole(role: SessionOfficerRole): boolean {
  return SCRUTINEER_ROLES.includes(role);
}

/** Whether `person` may take `role` beside those already named. */
export function checkOfficerAssignment(existing: readonly OfficerHolder[], role: SessionOfficerRole, person: OfficerPerson): Result {
  if (isScrutineerRole(role) && person.kind !== 'rep') {
    return refuse(`${SESSION_OFFICER_ROLE_WORDS[role]}须从本次会议的代表中产生`, 'person');
  }
  const held = existing.find((o) => o.userId === person.userId || (person.kind === 'rep' && o.representativeId === person.representativeId));
  if (held) return refuse(`此人已担任本次会议的${SESSION_OFFICER_ROLE_WORDS[held.role]}，每人只担任一项`, 'person');
  if (role === 'chiefScrutineer' && existing.some((o) => o.role === 'chiefScrutineer')) {
    return refuse('本次会议已有总监票人，请先撤换', 'role');
  }
  return ok();
}

/**
 * What the count still lacks: a 总监票人, enough scrutineers to sign, enough tellers for the double entry. The
 * first two keep the session's result from publication (the 计票结果报告单 cannot be signed without them).
 */
export function scrutinyShortfalls(officers: readonly Pick<OfficerHolder, 'role'>[]): string[] {
  const out: string[] = [];
  if (!officers.some((o) => o.role === 'chiefScrutineer')) out.push('尚未指定总监票人');
  const scrutineers = officers.filter((o) => isScrutineerRole(o.role)).length;
  if (scrutineers < MIN_SCRUTINEERS) out.push(`监票人（含总监票人）至少 ${MIN_SCRUTINEERS} 名，现有 ${scrutineers} 名`);
  return out;
}

export function tellerShortfall(officers: readonly Pick<OfficerHolder, 'role'>[]): string | null {
  const tellers = officers.filter((o) => o.role === 'teller').length;
  return tellers < MIN_TELLERS ? `计票人建议至少 ${MIN_TELLERS} 名（纸质选票须由两位计票人各录入一遍），现有 ${tellers} 名` : null;
}

/**
 * The officers are frozen once the first poll of the session has opened: after that a change is still possible
 * (someone falls ill) but only with a written reason, recorded in the audit log.
 */
export function officerChangeReason(frozen: boolean, reason: string): Result<string, 'reason'> {
  const r = reason.trim();
  if (frozen && !r) return refuse('本次会议已开始表决，监票人和计票人的变动须写明原因', 'reason');
  return ok(r);
}
