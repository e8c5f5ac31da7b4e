import { randomInt } from 'node:crypto';
import { initialPassword } from '../domain/repLogin';
import { hashPassword } from './password';

/**
 * A one-time password for each entry, with its hash. Hashed one after another: argon2id takes 19 MiB a time,
 * and a hundred at once would take the server's memory for a roster's worth of slips.
 * The plain passwords live only in this request's memory, on their way to the printed slips.
 */
export async function issuePasswords<T>(entries: readonly T[]): Promise<(T & { password: string; passwordHash: string })[]> {
  const out: (T & { password: string; passwordHash: string })[] = [];
  for (const e of entries) {
    const password = initialPassword((n) => randomInt(n));
    out.push({ ...e, password, passwordHash: await hashPassword(password) });
  }
  return out;
}
