import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { ADMINISTRATOR_EXISTS, DATABASE_NOT_EMPTY } from '../domain/firstRun';
import { ok, refuse, type Refusal, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import { createAccount, usernameRefusal, type User } from './users';

/** Who the audit log names for the first entries: nobody is logged in yet. */
export const SETUP_ACTOR: Actor = { id: null, name: '初始设置' };

export interface FirstAdministratorInput {
  districtName: string;
  districtCode: string;
  username: string;
  displayName: string;
  passwordHash: string;
  /** True when the password was generated for the installer rather than chosen by the administrator. */
  mustChangePassword?: boolean;
}

export function hasAnyUser(db: Db): boolean {
  return db.select({ id: user.id }).from(user).limit(1).get() !== undefined;
}

export function hasAdministrator(db: Db): boolean {
  return db.select({ id: roleAssignment.id }).from(roleAssignment).where(eq(roleAssignment.role, 'districtAdmin')).limit(1).get() !== undefined;
}

/** Why this database cannot be set up (again), or null on an empty one. */
export function setupRefusal(db: Db): Refusal | null {
  if (hasAdministrator(db)) return refuse(ADMINISTRATOR_EXISTS, '_form', 409);
  const jurisdictions = db.select({ n: sql<number>`count(*)` }).from(jurisdiction).get()?.n ?? 0;
  return jurisdictions > 0 ? refuse(DATABASE_NOT_EMPTY, '_form', 409) : null;
}

/**
 * Installs Minsheng for a district: the district at the top of the tree and its first administrator, in one
 * transaction with its audit entries. Only on an empty database: once an administrator (or any jurisdiction)
 * exists, accounts are made on the admin pages by someone who is logged in.
 */
export function createFirstAdministrator(
  db: Db, input: FirstAdministratorInput, now: Date, actor: Actor = SETUP_ACTOR,
): Result<{ jurisdiction: Jurisdiction; user: User }> {
  return db.transaction((tx) => {
    const refusal = setupRefusal(tx) ?? usernameRefusal(tx, input.username);
    if (refusal) return refusal;
    const district = tx.insert(jurisdiction)
      .values({ kind: 'district', code: input.districtCode, name: input.districtName, parentId: null, createdAt: now }).returning().get();
    const account = createAccount(tx, actor, {
      username: input.username, displayName: input.displayName, passwordHash: input.passwordHash,
      mustChangePassword: input.mustChangePassword ?? false,
    }, { role: 'districtAdmin', jurisdictionId: district.id }, now);
    // The username was checked above and the role fits a district: a refusal here is a bug, and throwing rolls back.
    if (!account.ok) throw new Error(`first administrator refused: ${account.error}`);
    recordAudit(tx, actor, {
      action: 'setup.firstAdministrator', targetType: 'jurisdiction', targetId: district.id, jurisdictionId: district.id,
      after: { districtCode: district.code, districtName: district.name, username: account.value.username, displayName: account.value.displayName },
    }, now);
    return ok({ jurisdiction: district, user: account.value });
  });
}
