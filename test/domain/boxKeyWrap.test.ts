import { hashRawSync } from '@node-rs/argon2';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newBoxKeys, unwrapBoxKey, wrapBoxKey } from '../../src/domain/sealedBox';

/** A box key wrapped as boxes were before the format byte: argon2id 64 MiB × 3 passes, salt ‖ nonce ‖ tag ‖ key. */
function wrapV1(privateKey: Uint8Array, code: Uint8Array, pollId: number): Buffer {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = hashRawSync(Buffer.from(code), { algorithm: 2, memoryCost: 65536, timeCost: 3, parallelism: 1, outputLen: 32, salt });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`minsheng box key v1 poll:${pollId}`));
  const ct = Buffer.concat([cipher.update(privateKey), cipher.final()]);
  return Buffer.concat([salt, iv, cipher.getAuthTag(), ct]);
}

describe('the box key wrapped under the box code', () => {
  const keys = newBoxKeys();
  const code = randomBytes(11);
  const wrapped = wrapBoxKey(keys.privateKey, code, 7);

  it('opens with its code and its poll, and with nothing else', () => {
    expect(wrapped[0]).toBe(0x02);
    expect(wrapped).toHaveLength(1 + 16 + 12 + 16 + 32);
    expect(unwrapBoxKey(wrapped, code, 7)).toEqual(keys.privateKey);
    expect(unwrapBoxKey(wrapped, randomBytes(11), 7)).toBeNull();
    expect(unwrapBoxKey(wrapped, code, 8)).toBeNull();
    expect(unwrapBoxKey(Buffer.concat([Buffer.from([0x03]), wrapped.subarray(1)]), code, 7)).toBeNull();
  });

  it('a box sealed in the earlier format still opens with its own parameters', () => {
    const old = wrapV1(keys.privateKey, code, 7);
    expect(unwrapBoxKey(old, code, 7)).toEqual(keys.privateKey);
    expect(unwrapBoxKey(old, randomBytes(11), 7)).toBeNull();
    expect(unwrapBoxKey(old, code, 8)).toBeNull();
  });
});
