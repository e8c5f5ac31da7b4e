import { describe, expect, it } from 'vitest';
import { ARGON2_AT_ONCE, argon2Turns } from '../../src/auth/password';
import { get, post, seedBasics, testApp } from '../helpers/app';

const PASSWORD = 'correct-horse-9';

describe('a burst of logins: each one answered rightly, argon2 never more than its bound at once', () => {
  it('every account logging in at the same moment gets in, a wrong password does not, and at most two hashes ran together', async () => {
    const { db, app } = testApp();
    const { users } = await seedBasics(db);
    const usernames = Object.values(users).map((u) => u.username);
    argon2Turns.resetPeak();

    const attempts = [...usernames.map((username) => ({ username, password: PASSWORD })), { username: 'qs.rep', password: 'wrong-horse-9' }];
    const answers = await Promise.all(attempts.map((a) => post(app, '/login', a)));

    expect(answers.map((r) => r.status)).toEqual([...usernames.map(() => 303), 401]);
    // Each cookie is a working session of its own account.
    const cookies = answers.slice(0, -1).map((r) => r.headers.get('set-cookie')!.split(';')[0]!);
    expect(new Set(cookies).size).toBe(usernames.length);
    const homes = await Promise.all(cookies.map((c) => get(app, '/account/password', c)));
    expect(homes.map((r) => r.status)).toEqual(usernames.map(() => 200));
    expect(answers.at(-1)!.headers.get('set-cookie') ?? '').not.toContain('minsheng_session=');

    expect(ARGON2_AT_ONCE).toBeGreaterThanOrEqual(1);
    expect(ARGON2_AT_ONCE).toBeLessThanOrEqual(2);
    expect(argon2Turns.peak).toBeGreaterThanOrEqual(1);
    expect(argon2Turns.peak).toBeLessThanOrEqual(ARGON2_AT_ONCE);
    expect(argon2Turns.running).toBe(0);
  });
});
