import type { MiddlewareHandler, Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { assignmentsOf } from '../data/users';
import type { AppEnv } from '../env';
import { cookieMaxAge, validateSessionToken, type ValidSession } from './session';

export const SESSION_COOKIE = 'minsheng_session';

export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const db = c.get('db');
    const result = validateSessionToken(db, token, c.get('now')());
    if (result) {
      c.set('user', { ...result.user, assignments: assignmentsOf(db, result.user.id) });
      c.set('sessionId', result.session.id);
    } else {
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
  }
  await next();
};

export function setSessionCookie(c: Context<AppEnv>, token: string, s: ValidSession): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secureCookies'),
    maxAge: cookieMaxAge(s, c.get('now')()),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.get('secureCookies') });
}
