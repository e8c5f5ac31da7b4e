import { openDb, type DbConnection } from '../../db/client';
import { createApp, type AppOptions } from '../../src/app';
import { hashPassword } from '../../src/auth/password';
import { createFirstAdministrator, type FirstAdministratorInput } from '../../src/data/firstRun';

export const ORIGIN = 'http://localhost';
export const ADMIN_PASSWORD = 'yuchuan-admin-2027';

let adminHash: Promise<string> | undefined;
/** One argon2 hash for every case: hashing is slow on purpose. */
export function adminPasswordHash(): Promise<string> {
  adminHash ??= hashPassword(ADMIN_PASSWORD);
  return adminHash;
}

export async function firstAdministrator(overrides: Partial<FirstAdministratorInput> = {}): Promise<FirstAdministratorInput> {
  return { districtName: '渝川区', districtCode: 'YC', username: 'admin', displayName: '张三', passwordHash: await adminPasswordHash(), ...overrides };
}

/** GET and same-origin form POST as a browser sends them, and logging in through the form. */
export function requestHelpers(app: ReturnType<typeof createApp>) {
  const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });
  const post = (path: string, body: Record<string, string>, cookie?: string) =>
    app.request(path, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(body).toString(),
    });
  /** Logs in; returns the session cookie and where the login sent the user. */
  async function login(username: string, password: string): Promise<{ cookie: string; location: string }> {
    const res = await post('/login', { username, password });
    if (res.status !== 303) throw new Error(`login as ${username} failed: ${res.status}`);
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('minsheng_session='))!.split(';')[0]!;
    return { cookie, location: res.headers.get('location')! };
  }
  return { get, post, login };
}

/** The real app on a fresh, empty database (as `npm start` finds it with NO_DEMO=1), with its request helpers. */
export function emptyApp(opts: Omit<AppOptions, 'db' | 'log'> = {}, db: DbConnection = openDb(':memory:')) {
  const app = createApp({ db, log: () => {}, ...opts });
  return { db, app, ...requestHelpers(app) };
}

/** An installed district: the empty app after `npm run setup`, the administrator logged in. */
export async function installedApp(opts: Omit<AppOptions, 'db' | 'log'> = {}) {
  const t = emptyApp(opts);
  const r = createFirstAdministrator(t.db, await firstAdministrator(), new Date('2027-01-04T01:00:00Z'));
  if (!r.ok) throw new Error(r.error);
  const { cookie } = await t.login('admin', ADMIN_PASSWORD);
  return { ...t, district: r.value.jurisdiction, admin: r.value.user, adminCookie: cookie };
}

/** A setup form as the page sends it, with the given fields changed. */
export function setupForm(changes: Record<string, string> = {}): Record<string, string> {
  return {
    districtName: '渝川区', districtCode: 'yc', username: 'admin', displayName: '张三',
    password: ADMIN_PASSWORD, confirm: ADMIN_PASSWORD, ...changes,
  };
}
