import type { User } from '../data/users';
import { PASSWORD_UNCHANGED } from '../domain/account';
import { ok, refuse, type Result } from '../domain/result';
import { hashPassword, verifyPassword } from './password';

/**
 * The owner choosing a new password: the current one is asked for (a session left open on a shared computer must
 * not be enough), except right after logging in with a password someone else set — they have just typed it.
 * The new one must differ from the old. Gives the new hash.
 */
export async function chooseNewPassword(
  found: Pick<User, 'passwordHash' | 'mustChangePassword'>, input: { current: string; password: string },
): Promise<Result<string>> {
  if (!found.mustChangePassword) {
    if (input.current === '') return refuse('请输入当前密码', 'current');
    if (!(await verifyPassword(found.passwordHash, input.current))) return refuse('当前密码不正确', 'current');
  }
  if (await verifyPassword(found.passwordHash, input.password)) return refuse(PASSWORD_UNCHANGED, 'password');
  return ok(await hashPassword(input.password));
}
