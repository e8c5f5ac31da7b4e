import { hashRaw, hashRawSync } from '@node-rs/argon2';
import {
  createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject,
} from 'node:crypto';

/**
 * The sealed ballot box's cryptography, from Node's crypto only.
 * - A ballot is sealed to the box's X25519 public key: a fresh ephemeral key pair per ballot, HKDF-SHA256 over the
 *   shared secret, AES-256-GCM with the poll id as associated data (a ballot moved to another poll does not open).
 *   Every ballot of a poll is padded to one length, so the ciphertext's size says nothing about the marks.
 * - The box's private key is wrapped with AES-256-GCM under a key derived by argon2id from the box code, which only
 *   the scrutineers' slips hold.
 * No I/O; keys are raw 32-byte X25519 keys.
 */

const INFO = Buffer.from('minsheng sealed ballot v1');
const WRAP_INFO = 'minsheng box key v1';
/** argon2id, 64 MiB, 3 passes: a fraction of a second once at opening and once at 开箱, and costly at scale. */
const ARGON2 = { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1, outputLen: 32 } as const;

export interface BoxKeys { publicKey: Buffer; privateKey: Buffer }

export function newBoxKeys(): BoxKeys {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'), privateKey: Buffer.from(jwk.d!, 'base64url') };
}

const publicKeyObject = (raw: Uint8Array) => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
const privateKeyObject = (raw: Uint8Array, pub: Uint8Array) => createPrivateKey({
  key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(pub).toString('base64url'), d: Buffer.from(raw).toString('base64url') }, format: 'jwk',
});

const aad = (pollId: number) => Buffer.from(`poll:${pollId}`);

function ballotKey(shared: Buffer, ephemeral: Uint8Array, recipient: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** ephemeral public key (32) ‖ nonce (12) ‖ tag (16) ‖ ciphertext of the padded plaintext. */
export function sealBallot(boxPublicKey: Uint8Array, pollId: number, plaintext: string, padTo: number): Buffer {
  const body = Buffer.from(plaintext, 'utf8');
  if (body.length > padTo) throw new RangeError('ballot longer than the poll\'s padded length');
  const padded = Buffer.concat([body, Buffer.alloc(padTo - body.length, 0x20)]); // trailing spaces: JSON ignores them
  const eph = generateKeyPairSync('x25519');
  const ephPub = Buffer.from(eph.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(boxPublicKey) });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ballotKey(shared, ephPub, boxPublicKey), iv);
  cipher.setAAD(aad(pollId));
  const ct = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([ephPub, iv, cipher.getAuthTag(), ct]);
}

/** The plaintext of a sealed ballot; throws when the key, the poll or a single byte is wrong. */
export function openBallot(boxPrivateKey: Uint8Array, boxPublicKey: Uint8Array, pollId: number, sealed: Uint8Array): string {
  return ballotOpener(boxPrivateKey, boxPublicKey, pollId)(sealed);
}

/** openBallot for a whole box: the private key is imported once, not once per ballot. */
export function ballotOpener(boxPrivateKey: Uint8Array, boxPublicKey: Uint8Array, pollId: number): (sealed: Uint8Array) => string {
  const privateKey = privateKeyObject(boxPrivateKey, boxPublicKey);
  return (sealed) => openWith(privateKey, boxPublicKey, pollId, sealed);
}

function openWith(privateKey: KeyObject, boxPublicKey: Uint8Array, pollId: number, sealed: Uint8Array): string {
  const buf = Buffer.from(sealed);
  if (buf.length < 60) throw new Error('sealed ballot too short');
  const ephPub = buf.subarray(0, 32);
  const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(ephPub) });
  const decipher = createDecipheriv('aes-256-gcm', ballotKey(shared, ephPub, boxPublicKey), buf.subarray(32, 44));
  decipher.setAAD(aad(pollId));
  decipher.setAuthTag(buf.subarray(44, 60));
  return Buffer.concat([decipher.update(buf.subarray(60)), decipher.final()]).toString('utf8').trimEnd();
}

function codeKey(boxCode: Uint8Array, salt: Uint8Array): Buffer {
  return hashRawSync(Buffer.from(boxCode), { ...ARGON2, salt });
}

/** salt (16) ‖ nonce (12) ‖ tag (16) ‖ the wrapped private key (32). */
export function wrapBoxKey(privateKey: Uint8Array, boxCode: Uint8Array, pollId: number): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', codeKey(boxCode, salt), iv);
  cipher.setAAD(Buffer.from(`${WRAP_INFO} poll:${pollId}`));
  const ct = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  return Buffer.concat([salt, iv, cipher.getAuthTag(), ct]);
}

/** The private key, or null when the box code is not this box's. */
export function unwrapBoxKey(wrapped: Uint8Array, boxCode: Uint8Array, pollId: number): Buffer | null {
  return unwrapWith(codeKey(boxCode, Buffer.from(wrapped).subarray(0, 16)), wrapped, pollId);
}

/**
 * The same, with the code's key derived on the thread pool: the derivation is deliberately slow (hundreds of ms),
 * and a server must not stop answering every other request — ballots, the projector — while a box is opened.
 */
export async function unwrapBoxKeyOffLoop(wrapped: Uint8Array, boxCode: Uint8Array, pollId: number): Promise<Buffer | null> {
  const key = Buffer.from(await hashRaw(Buffer.from(boxCode), { ...ARGON2, salt: Buffer.from(wrapped).subarray(0, 16) }));
  return unwrapWith(key, wrapped, pollId);
}

function unwrapWith(key: Uint8Array, wrapped: Uint8Array, pollId: number): Buffer | null {
  const buf = Buffer.from(wrapped);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(16, 28));
    decipher.setAAD(Buffer.from(`${WRAP_INFO} poll:${pollId}`));
    decipher.setAuthTag(buf.subarray(28, 44));
    return Buffer.concat([decipher.update(buf.subarray(44)), decipher.final()]);
  } catch {
    return null;
  }
}

/** A short public digest of the box's key, bound into each slip's check character. */
export function boxFingerprint(publicKey: Uint8Array): Uint8Array {
  return createHash('sha256').update('minsheng box fingerprint').update(publicKey).digest();
}
