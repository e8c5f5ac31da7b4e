import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import { turns } from './turns';

// argon2id with OWASP's minimum-memory profile: 19 MiB, 2 passes.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many argon2 computations run at once; the rest wait their turn. Each one holds a core for about
 * 100 ms and 19 MiB of memory: a hall of representatives logging in together ran four at a time (libuv's pool) on
 * a two-core laptop and left the event loop, which answers every page and ballot, waiting seconds for a core.
 * One core stays free for the event loop, and never more than two run on any machine: a burst of logins holds at
 * most 38 MiB for argon2 and waits in line instead of growing the server by 19 MiB per login.
 */
export const ARGON2_AT_ONCE = Math.min(2, Math.max(1, availableParallelism() - 1));
export const argon2Turns = turns(ARGON2_AT_ONCE);
const inTurn = <T>(work: () => Promise<T>) => argon2Turns.run(work);

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password, options));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

// Verifying against this keeps an unknown username as slow as a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash;
}

// No look-alikes (l, 1, o, 0, I, O): generated passwords are read off a screen or a slip and typed on a phone.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password for someone who will be asked to choose their own at first login. */
export function generatePassword(length = 12): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n); // bytes at or above it would favour the first letters: drawn again
  let out = '';
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < limit && out.length < length) out += PASSWORD_ALPHABET[b % n];
    }
  }
  return out;
}
