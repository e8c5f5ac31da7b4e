import { Hono } from 'hono';
import { z } from 'zod';
import { ChangePasswordPage, LoginPage } from '../../views/auth/LoginPage';
import { actorOf, requireLogin } from '../auth/authorize';
import { clearLoginSessionCookie, setLoginSessionCookie } from '../auth/middleware';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { recordAudit } from '../data/audit';
import { changePassword, getUser, getUserByUsername, logIn, logOut } from '../data/users';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm } from '../http/validate';

const loginForm = z.object({
  username: trimmed(64, '请输入用户名'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
  next: z.string().max(500).optional(),
});

export const newPassword = z.string().min(8, '新密码至少 8 位').max(128, '新密码不能超过 128 位');

const passwordForm = z.object({
  current: z.string().min(1, '请输入当前密码'),
  password: newPassword,
  confirm: z.string(),
}).refine((f) => f.password === f.confirm, { path: ['confirm'], message: '两次输入的新密码不一致' });

/** Only same-site paths: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export const auth = new Hono<AppEnv>()
  .get('/login', (c) => {
    if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303);
    return c.render(<LoginPage next={safeNext(c.req.query('next'))} />, { title: '登录' });
  })
  .post('/login',
    validForm(loginForm, (c, values, errors) => c.render(<LoginPage values={{ ...values, password: '' }} errors={errors} />, { title: '登录' })),
    async (c) => {
      const { username, password, next } = c.req.valid('form');
      const db = c.get('db');
      const now = c.get('now')().getTime();
      const limits = c.get('limits');
      const ip = c.get('clientIp');
      const accountKey = username.toLowerCase();
      const wait = Math.max(limits.loginByAccount.retryAfterMs(accountKey, now), limits.loginByIp.retryAfterMs(ip, now));
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        c.status(429);
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        return c.render(
          <LoginPage values={{ username, next }} errors={{ _form: `登录失败次数过多，已暂停登录。请在 ${minutes} 分钟后再试。` }} />,
          { title: '登录' },
        );
      }
      const found = getUserByUsername(db, username);
      const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!found || !ok || !found.active) {
        limits.loginByAccount.fail(accountKey, now);
        limits.loginByIp.fail(ip, now);
        recordAudit(db, { id: null, name: username, ip }, {
          action: 'login.failure', targetType: 'user', targetId: found?.id ?? '',
          after: { username, reason: !found ? 'unknown user' : !ok ? 'wrong password' : 'inactive' },
        }, new Date(now));
        c.status(401);
        return c.render(<LoginPage values={{ username, next }} errors={{ _form: '用户名或密码错误' }} />, { title: '登录' });
      }
      limits.loginByAccount.clear(accountKey);
      const { token, session } = logIn(db, found, ip, new Date(now));
      setLoginSessionCookie(c, token, session);
      return c.redirect(safeNext(next), 303);
    })
  .post('/logout', (c) => {
    const loginSessionId = c.get('loginSessionId');
    if (loginSessionId) {
      logOut(c.get('db'), actorOf(c), loginSessionId, c.get('now')());
    }
    clearLoginSessionCookie(c);
    return c.redirect('/login', 303);
  })
  .get('/account/password', (c) => {
    requireLogin(c);
    return c.render(<ChangePasswordPage />, { title: '修改密码' });
  })
  .post('/account/password',
    validForm(passwordForm, (c, _v, errors) => c.render(<ChangePasswordPage errors={errors} />, { title: '修改密码' })),
    async (c) => {
      const me = requireLogin(c);
      const db = c.get('db');
      const { current, password } = c.req.valid('form');
      const found = getUser(db, me.id)!;
      if (!(await verifyPassword(found.passwordHash, current))) {
        c.status(422);
        return c.render(<ChangePasswordPage errors={{ current: '当前密码不正确' }} />, { title: '修改密码' });
      }
      const passwordHash = await hashPassword(password);
      const now = c.get('now')();
      const token = changePassword(db, me.id, passwordHash, actorOf(c), now);
      setLoginSessionCookie(c, token.token, token.session);
      flash(c, '密码已修改，其他设备上的登录已失效。');
      return c.redirect('/', 303);
    });
