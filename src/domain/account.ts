import { z } from 'zod';
import { ok, type Result } from './result';

/** Login names: typed on phones by elderly representatives too, so plain lower-case ASCII only. */
export const usernameSchema = z.string().trim()
  .min(3, '用户名至少 3 个字符').max(32, '用户名不能超过 32 个字符')
  .regex(/^[a-z0-9._-]+$/, '用户名只能使用小写字母、数字、点（.）、下划线（_）和连字符（-）');

export const USERNAME_HINT = '登录用，3–32 位：小写字母、数字、点、下划线、连字符';

export const PASSWORD_MIN = 8;
/** The first administrator holds every key of the district: a longer password than everyone else's. */
export const ADMIN_PASSWORD_MIN = 10;

export const newPasswordSchema = z.string()
  .min(PASSWORD_MIN, `新密码至少 ${PASSWORD_MIN} 位`).max(128, '新密码不能超过 128 位');

export const adminPasswordSchema = z.string()
  .min(ADMIN_PASSWORD_MIN, `密码至少 ${ADMIN_PASSWORD_MIN} 位`).max(128, '密码不能超过 128 位');

/** A username as data functions accept it (the forms check the same schema first). */
export function checkUsername(raw: string): Result<string, 'username'> {
  const r = usernameSchema.safeParse(raw);
  return r.success ? ok(r.data) : { ok: false, field: 'username', error: r.error.issues[0]!.message };
}

export const PASSWORD_UNCHANGED = '新密码不能与原密码相同';
