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
/**
 * How the box code becomes the key that wraps the box's private key, by the wrapped key's format. The code is 88
 * random bits: no key derivation is what keeps it from being guessed, argon2id only adds to a search that is
 * already out of reach. v2 uses the passwords' profile (OWASP's argon2id minimum, 19 MiB, 2 passes): v1's 64 MiB,
 * held twice per poll while the hall is connected, pushed the server's memory past what one laptop should need.
 * v1 boxes, sealed before, still open with their own parameters.
 */
const WRAP = {
  v1: { info: 'minsheng box key v1', argon2: { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1, outputLen: 32 } },
  v2: { info: 'minsheng box key v2', argon2: { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } },
} as const;
type WrapVersion = keyof typeof WRAP;
/** v2 starts with this byte; v1 has no version byte (salt, nonce, tag and key: 76 bytes). */
const V2 = 0x02;
const V1_LENGTH = 16 + 12 + 16 + 32;

export interface BoxKeys { publicKey: Buffer; privateKey: Buffer }

export function newBoxKeys(): BoxKeys {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'), privateKey: Buffer.from(jwk.d!, 'base64url') };
}

const publicKeyObject = (raw: Uint8Array) => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });

/** The open boxes' public keys as key objects, imported once per box rather than once per ballot (a public key: nothing secret kept). */
const boxKeyObjects = new Map<string, KeyObject>();
function boxKeyObject(raw: Uint8Array): KeyObject {
  const key = Buffer.from(raw).toString('base64url');
  let hit = boxKeyObjects.get(key);
  if (!hit) {
    if (boxKeyObjects.size >= 16) boxKeyObjects.delete(boxKeyObjects.keys().next().value!);
    hit = publicKeyObject(raw);
    boxKeyObjects.set(key, hit);
  }
  return hit;
}
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
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: boxKeyObject(boxPublicKey) });
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

function codeKey(version: WrapVersion, boxCode: Uint8Array, salt: Uint8Array): Buffer {
  return hashRawSync(Buffer.from(boxCode), { ...WRAP[version].argon2, salt });
}

const wrapAad = (version: WrapVersion, pollId: number) => Buffer.from(`${WRAP[version].info} poll:${pollId}`);

/** 0x02 (the format) ‖ salt (16) ‖ nonce (12) ‖ tag (16) ‖ the wrapped private key (32). */
export function wrapBoxKey(privateKey: Uint8Array, boxCode: Uint8Array, pollId: number): Buffer {
  const salt = randomBytes(16);
  return wrapWith(codeKey('v2', boxCode, salt), salt, privateKey, pollId);
}

/**
 * The same, with the code's key derived on the thread pool: opening a poll must not stop the server answering
 * the hall (the projector, logins, check-ins) for the derivation's second.
 */
export async function wrapBoxKeyOffLoop(privateKey: Uint8Array, boxCode: Uint8Array, pollId: number): Promise<Buffer> {
  const salt = randomBytes(16);
  const key = Buffer.from(await hashRaw(Buffer.from(boxCode), { ...WRAP.v2.argon2, salt }));
  try {
    return wrapWith(key, salt, privateKey, pollId);
  } finally {
    key.fill(0);
  }
}

function wrapWith(key: Uint8Array, salt: Uint8Array, privateKey: Uint8Array, pollId: number): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(wrapAad('v2', pollId));
  const ct = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  return Buffer.concat([Buffer.from([V2]), salt, iv, cipher.getAuthTag(), ct]);
}

/** The private key, or null when the box code is not this box's. */
export function unwrapBoxKey(wrapped: Uint8Array, boxCode: Uint8Array, pollId: number): Buffer | null {
  const parts = wrappedParts(wrapped);
  return parts && unwrapWith(codeKey(parts.version, boxCode, parts.salt), parts, pollId);
}

/**
 * The same, with the code's key derived on the thread pool: the derivation is deliberately slow, and a server must
 * not stop answering every other request (ballots, the projector) while a box is opened.
 */
export async function unwrapBoxKeyOffLoop(wrapped: Uint8Array, boxCode: Uint8Array, pollId: number): Promise<Buffer | null> {
  const parts = wrappedParts(wrapped);
  if (!parts) return null;
  const key = Buffer.from(await hashRaw(Buffer.from(boxCode), { ...WRAP[parts.version].argon2, salt: parts.salt }));
  return unwrapWith(key, parts, pollId);
}

interface WrappedParts { version: WrapVersion; salt: Buffer; body: Buffer }

/** The wrapped key's format and pieces; null when it is neither v1 nor v2. */
function wrappedParts(wrapped: Uint8Array): WrappedParts | null {
  const all = Buffer.from(wrapped);
  const version: WrapVersion = all.length === V1_LENGTH ? 'v1' : 'v2';
  if (version === 'v2' && all[0] !== V2) return null;
  const body = version === 'v1' ? all : all.subarray(1);
  return { version, salt: body.subarray(0, 16), body };
}

function unwrapWith(key: Uint8Array, { version, body: buf }: WrappedParts, pollId: number): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(16, 28));
    decipher.setAAD(wrapAad(version, pollId));
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
