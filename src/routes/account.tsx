import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ChangePasswordPage } from '../../views/auth/LoginPage';
import { loggedIn, requireLogin, userActor } from '../auth/authorize';
import { setLoginSessionCookie } from '../auth/middleware';
import { chooseNewPassword } from '../auth/newPassword';
import { changePassword, getUser } from '../data/users';
import { newPasswordSchema } from '../domain/account';
import type { AppEnv } from '../env';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { safeNext } from '../domain/safeNext';

const nextQuery = z.object({ next: z.string().max(500).optional() });
const passwordForm = z.object({
  current: z.string().max(256).default(''), // not asked right after logging in with a password someone else set
  password: newPasswordSchema,
  confirm: z.string().max(128),
  next: z.string().max(500).default(''),
}).refine((f) => f.password === f.confirm, { path: ['confirm'], message: '两次输入的新密码不一致' });

/** 设置新密码 for a password someone else chose, 修改密码 otherwise. Only `next` is ever put back into the form. */
function passwordPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const forced = requireLogin(c).mustChangePassword;
  return c.render(
    <ChangePasswordPage forced={forced} next={values?.next ? safeNext(values.next) : undefined} errors={errors} />,
    { title: forced ? '设置新密码' : '修改密码' },
  );
}

/** /account — what every logged-in user does for themself. */
export const account = new Hono<AppEnv>()
  .get('/password', loggedIn, validQuery(nextQuery), (c) => passwordPage(c, { next: c.req.valid('query').next }))
  .post('/password', loggedIn, validForm(passwordForm, passwordPage), async (c) => {
    const me = requireLogin(c);
    const input = c.req.valid('form');
    const r = await chooseNewPassword(getUser(c.var.db, me.id)!, input);
    if (!r.ok) return refused(c, r, passwordPage, { next: input.next });
    const { token, session } = changePassword(c.var.db, userActor(c), me.id, r.value, c.var.now());
    setLoginSessionCookie(c, token, session);
    return redirectWithFlash(c, safeNext(input.next), me.mustChangePassword ? '新密码已设置，请牢记。' : '密码已修改，其他设备上的登录已失效。');
  });
