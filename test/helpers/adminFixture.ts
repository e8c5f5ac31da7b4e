import { openDb } from '../../db/client';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { createApp } from '../../src/app';
import { hashPassword } from '../../src/auth/password';
import { requestHelpers } from './firstRunCases';

export const PASSWORD = 'qingxi-2024';

// One hash for every fixture user: argon2 is slow on purpose.
let passwordHash: Promise<string> | undefined;

/**
 * A district with two townships and a subdistrict, its administrator and a clerk of the first township,
 * behind the real app on a fresh in-memory database.
 */
export async function adminFixture() {
  const db = openDb(':memory:');
  const app = createApp({ db, log: () => {} });
  const addJurisdiction = (kind: 'district' | 'township' | 'subdistrict', code: string, name: string, parentId: number | null) =>
    db.insert(jurisdiction).values({ kind, code, name, parentId }).returning().get();
  const district = addJurisdiction('district', 'QX', '青溪区', null);
  const townA = addJurisdiction('township', 'HT', '河塘镇', district.id);
  const townB = addJurisdiction('township', 'SQ', '石桥镇', district.id);
  const street = addJurisdiction('subdistrict', 'CD', '城东街道', district.id);

  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const admin = db.insert(user).values({ username: 'admin', displayName: '周管理', passwordHash: hash }).returning().get();
  const clerk = db.insert(user).values({ username: 'clerk', displayName: '王文书', passwordHash: hash }).returning().get();
  db.insert(roleAssignment).values([
    { userId: admin.id, role: 'districtAdmin', jurisdictionId: district.id },
    { userId: clerk.id, role: 'clerk', jurisdictionId: townA.id },
  ]).run();

  const { get, post, login: logInAs } = requestHelpers(app);

  /** Logs in through the login form; returns the session cookie to send back. */
  async function login(username: string, password = PASSWORD): Promise<string> {
    return (await logInAs(username, password)).cookie;
  }

  return { db, app, district, townA, townB, street, admin, clerk, get, post, login };
}

export type AdminFixture = Awaited<ReturnType<typeof adminFixture>>;
