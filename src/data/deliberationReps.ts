import type { Db } from '../../db/client';
import type { RepStatus } from '../domain/rosterImport';
import type { Actor } from './audit';
import { getRep, repOfUser, retireRep as retire, rosterOf as roster, seatedCount as count, type Representative, type RosterEntry } from './representatives';

/**
 * The deliberation roster as the street-deliberation pages read it by subdistrict id. The roster itself —
 * both bodies, imports, logins — is representatives.ts.
 */
export type { Representative };

const deliberation = (jurisdictionId: number) => ({ jurisdictionId, body: 'deliberation' as const });

export function rosterOf(db: Db, jurisdictionId: number, status?: RepStatus): RosterEntry[] {
  return roster(db, deliberation(jurisdictionId), { status });
}

export function seatedCount(db: Db, jurisdictionId: number): number {
  return count(db, deliberation(jurisdictionId));
}

export function getDeliberationRep(db: Db, jurisdictionId: number, id: number): Representative | undefined {
  return getRep(db, deliberation(jurisdictionId), id);
}

/** The seated deliberation representative a login belongs to in this subdistrict, if any. */
export function deliberationRepOfUser(db: Db, jurisdictionId: number, userId: number): Representative | undefined {
  return repOfUser(db, deliberation(jurisdictionId), userId);
}

/** A retirement with the reason as free text: recorded as “其他” with the text as its note. */
export function retireRep(db: Db, actor: Actor, rep: Representative, onDate: string, reason: string, now: Date) {
  return retire(db, actor, rep, { onDate, reason: 'other', note: reason }, now);
}
