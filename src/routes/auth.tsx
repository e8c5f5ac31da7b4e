import { Hono } from 'hono';
import { z } from 'zod';
import { LoginPage } from '../../views/auth/LoginPage';
import { actorOf } from '../auth/authorize';
import { clearLoginSessionCookie, DEVICE_COOKIE, rememberThisDevice, setLoginSessionCookie } from '../auth/middleware';
import { getCookie } from 'hono/cookie';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { clearAccountFailures, isKnownDevice, loginWait, recordLoginFailure, rememberDevice } from '../data/loginThrottle';
import { safeNext } from '../domain/safeNext';
import { hasAnyUser } from '../data/firstRun';
import { getUserByUsername, logIn, logOut } from '../data/users';
import type { AppEnv } from '../env';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import type { Context } from 'hono';

const loginForm = z.object({
  username: trimmed(64, '请输入用户名'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
  next: z.string().max(500).optional(),
});
const loginQuery = z.object({ next: z.string().max(500).optional() });


function loginPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors, pausedMinutes?: number) {
  // Never echo a password back into the form.
  return c.render(
    <LoginPage values={values && { ...values, password: '' }} errors={errors} next={values?.next ? safeNext(values.next) : undefined}
      pausedMinutes={pausedMinutes} notSetUp={!hasAnyUser(c.var.db)} />,
    { title: '登录' },
  );
}

/** /login and /logout. */
export const auth = new Hono<AppEnv>()
  .get('/login', validQuery(loginQuery), (c) => {
    const next = safeNext(c.req.valid('query').next);
    if (c.var.user) return c.redirect(next, 303);
    return loginPage(c, { next });
  })
  .post('/login', validForm(loginForm, loginPage), async (c) => {
    const { username, password, next } = c.req.valid('form');
    const db = c.var.db;
    const now = c.var.now().getTime();
    const ip = c.var.clientIp;
    const found = getUserByUsername(db, username);
    // A browser this person logged in from before is never held back: an attacker elsewhere cannot lock them out.
    const known = found ? isKnownDevice(db, found.id, getCookie(c, DEVICE_COOKIE), new Date(now)) : false;
    const wait = known ? 0 : loginWait(db, username, ip, now);
    if (wait > 0) {
      // Counted even while waiting, without trying the password: hammering only lengthens the wait.
      recordLoginFailure(db, username, ip, now);
      const after = loginWait(db, username, ip, now);
      c.status(429);
      c.header('Retry-After', String(Math.ceil(after / 1000)));
      return loginPage(c, { username, next }, undefined, Math.ceil(after / 60_000));
    }
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!found || !ok || !found.active) {
      recordLoginFailure(db, username, ip, now);
      recordAudit(db, { id: null, name: username, ip }, {
        action: 'login.failure', targetType: 'user', targetId: found?.id ?? '',
        after: { username, reason: !found ? 'unknown user' : !ok ? 'wrong password' : 'inactive' },
      }, new Date(now));
      c.status(401);
      return loginPage(c, { username, next }, { _form: '用户名或密码错误' });
    }
    clearAccountFailures(db, username);
    const { token, session } = logIn(db, found, ip, new Date(now));
    setLoginSessionCookie(c, token, session);
    if (!known) rememberThisDevice(c, rememberDevice(db, found.id, new Date(now)));
    const to = safeNext(next);
    // A password someone else chose is changed first; then on to where the person was going.
    if (found.mustChangePassword) return c.redirect(`/account/password${to === '/' ? '' : `?next=${encodeURIComponent(to)}`}`, 303);
    return c.redirect(to, 303);
  })
  .post('/logout', (c) => {
    const loginSessionId = c.var.loginSessionId;
    if (loginSessionId) logOut(c.var.db, actorOf(c), loginSessionId, c.var.now());
    clearLoginSessionCookie(c);
    return c.redirect('/login', 303);
  });
