import { eq } from 'drizzle-orm';
import { openDb, type DbConnection } from '../../db/client';
import { jurisdiction, roleAssignment, user } from '../../db/schema';
import { type Role } from '../../src/domain/vocabulary';
import { createApp } from '../../src/app';
import { hashPassword } from '../../src/auth/password';
import { SETTING_DEFS, SETTING_KEYS } from '../../src/domain/settings';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct-horse-9';

export function freshDb(): DbConnection {
  return openDb(':memory:');
}

// Tests run as an installation whose public address is set (PUBLIC_URL): printed URLs are then exactly that.
export const TEST_PUBLIC_URL = ORIGIN;

export function testApp(db: DbConnection = freshDb(), opts: { now?: () => Date; publicUrl?: string } = {}) {
  return { db, app: createApp({ db, log: () => {}, publicUrl: TEST_PUBLIC_URL, ...opts }) };
}

export type App = ReturnType<typeof createApp>;

/** A same-origin form POST, as a browser sends it. */
export function post(app: App, path: string, body: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
}

export function get(app: App, path: string, cookie?: string) {
  return app.request(path, { headers: cookie ? { Cookie: cookie } : {} });
}

/** Logs in and returns the session cookie ("name=value"). */
export async function login(app: App, username: string, password = PASSWORD): Promise<string> {
  const res = await post(app, '/login', { username, password });
  if (res.status !== 303) throw new Error(`login ${username} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return cookie;
}

let hash: Promise<string> | undefined;
function passwordHash() {
  hash ??= hashPassword(PASSWORD);
  return hash;
}

/**
 * A district with two townships (QS, LX), one subdistrict (DC) and a village, and one user per role:
 * admin (district), qs.clerk, lx.clerk, qs.rep, dc.clerk, qs.unit, qs.sup.
 */
export async function seedBasics(db: DbConnection) {
  const ph = await passwordHash();
  const j = (kind: 'district' | 'township' | 'subdistrict' | 'village', code: string, name: string, parentId: number | null) =>
    db.insert(jurisdiction).values({ kind, code, name, parentId }).returning().get();
  const district = j('district', 'YC', '渝川区', null);
  const qs = j('township', 'QS', '青石镇', district.id);
  const lx = j('township', 'LX', '柳溪镇', district.id);
  const dc = j('subdistrict', 'DC', '东城街道', district.id);
  const village = j('village', 'QS01', '青石村', qs.id);
  const u = (username: string, displayName: string, role: Role, jurisdictionId: number) => {
    const row = db.insert(user).values({ username, displayName, passwordHash: ph }).returning().get();
    db.insert(roleAssignment).values({ userId: row.id, role, jurisdictionId }).run();
    return row;
  };
  const users = {
    admin: u('admin', '区管理员', 'districtAdmin', district.id),
    qsClerk: u('qs.clerk', '青石镇 陈敏', 'clerk', qs.id),
    lxClerk: u('lx.clerk', '柳溪镇 王芳', 'clerk', lx.id),
    qsRep: u('qs.rep', '青石镇代表 李强', 'representative', qs.id),
    dcClerk: u('dc.clerk', '东城街道 赵丽', 'clerk', dc.id),
    qsUnit: u('qs.unit', '青石镇农业服务中心', 'implementingUnit', qs.id),
    qsSup: u('qs.sup', '青石镇监督小组 周伟', 'supervisionMember', qs.id),
  };
  return { district, qs, lx, dc, village, users };
}

export function userId(db: DbConnection, username: string): number {
  return db.select().from(user).where(eq(user.username, username)).get()!.id;
}

/** A complete settings form (every key at its default), with the given values changed. */
export function settingsForm(changes: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(SETTING_KEYS.map((k) => [k, String(SETTING_DEFS[k].default)])), ...changes };
}
