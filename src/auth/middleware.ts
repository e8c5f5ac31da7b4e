import type { MiddlewareHandler, Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { cookieMaxAge, validateLoginSessionToken, type ValidLoginSession } from './loginSession';

export const LOGIN_SESSION_COOKIE = 'minsheng_session';

export const loadLoginSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, LOGIN_SESSION_COOKIE);
  if (token) {
    const db = c.get('db');
    const result = validateLoginSessionToken(db, token, c.get('now')());
    if (result) {
      c.set('user', { ...result.user, assignments: result.assignments });
      c.set('loginSessionId', result.session.id);
    } else {
      deleteCookie(c, LOGIN_SESSION_COOKIE, { path: '/' });
    }
  }
  await next();
};

// While a user must choose a new password, only these stay open: the page itself, logging out, and what any page
// needs to load (styles, scripts) or a monitor asks (health).
const OPEN_BEFORE_NEW_PASSWORD = /^\/(account\/password|logout|healthz|static\/.+)$/;

/** Someone else chose this user's password: every other page leads to the page where they choose their own. */
export const newPasswordFirst: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')?.mustChangePassword && !OPEN_BEFORE_NEW_PASSWORD.test(c.req.path)) {
    const back = c.req.method === 'GET' && c.req.path !== '/' ? `?next=${encodeURIComponent(c.req.path)}` : '';
    return c.redirect(`/account/password${back}`, 303);
  }
  await next();
};

export function setLoginSessionCookie<E extends AppEnv>(c: Context<E>, token: string, s: ValidLoginSession): void {
  setCookie(c, LOGIN_SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secureCookies'),
    maxAge: cookieMaxAge(s, c.get('now')()),
  });
}

export function clearLoginSessionCookie<E extends AppEnv>(c: Context<E>): void {
  deleteCookie(c, LOGIN_SESSION_COOKIE, { path: '/', secure: c.get('secureCookies') });
}

/** A browser that logged in before (src/data/loginThrottle.ts): a year, HttpOnly, never readable by scripts. */
export const DEVICE_COOKIE = 'minsheng_device';

export function rememberThisDevice<E extends AppEnv>(c: Context<E>, secret: string): void {
  setCookie(c, DEVICE_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('secureCookies'), maxAge: 365 * 24 * 3600 });
}
