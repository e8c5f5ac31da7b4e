import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { SetupPage } from '../../views/admin/SetupPage';
import { setLoginSessionCookie } from '../auth/middleware';
import { hashPassword } from '../auth/password';
import { sameSetupToken } from '../auth/setupToken';
import { createFirstAdministrator, hasAdministrator, SETUP_ACTOR } from '../data/firstRun';
import { logIn } from '../data/users';
import { setupFormSchema } from '../domain/firstRun';
import type { AppEnv } from '../env';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { notFound } from '../http/subjects/jurisdiction';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';

/**
 * /setup?token=… — the one-time page that installs Minsheng from the browser: the district and its first
 * administrator. It exists only while the server holds a token (printed at start on a database without users)
 * and no administrator exists; otherwise, and for a wrong token, it is a 404 like any unknown address.
 */
export function setup(token: string | undefined) {
  const gate = createMiddleware<AppEnv>(async (c, next) => {
    if (!token || !sameSetupToken(c.req.query('token') ?? '', token) || hasAdministrator(c.var.db)) notFound();
    await next();
  });

  // Passwords are never put back into the form.
  const page = (c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) =>
    c.render(<SetupPage token={token!} values={values && { ...values, password: undefined, confirm: undefined }} errors={errors} />,
      { title: '初始设置' });

  return new Hono<AppEnv>()
    .get('/', gate, (c) => page(c))
    .post('/', gate, validForm(setupFormSchema, page), async (c) => {
      const { confirm: _confirm, password, ...input } = c.req.valid('form');
      const now = c.var.now();
      const r = createFirstAdministrator(c.var.db, { ...input, passwordHash: await hashPassword(password) }, now,
        { ...SETUP_ACTOR, ip: c.var.clientIp });
      if (!r.ok) return refused(c, r, page, input);
      const { token: loginToken, session } = logIn(c.var.db, r.value.user, c.var.clientIp, now);
      setLoginSessionCookie(c, loginToken, session);
      return redirectWithFlash(c, '/admin/jurisdictions',
        `初始设置完成：已建立${r.value.jurisdiction.name}和管理员账号 ${r.value.user.username}。下一步：新增镇（乡）、街道及其村（社区）和代表之家。`);
    });
}
