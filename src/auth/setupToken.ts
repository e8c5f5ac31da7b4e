import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';

/** The one-time setup link's secret: 160 random bits, kept only in the server's memory. */
export function newSetupToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase64urlNoPadding(bytes);
}

/** Compared as digests in constant time: neither the length nor a common prefix leaks through timing. */
export function sameSetupToken(given: string, expected: string): boolean {
  const digest = (s: string) => sha256(new TextEncoder().encode(s));
  return constantTimeEqual(digest(given), digest(expected));
}
