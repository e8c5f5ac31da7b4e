import { createHash } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';

export type Encoding = 'gzip' | 'deflate';

/**
 * The fastest level: on our pages (4–40 KB of HTML) under a tenth larger than the default level's output at a
 * fraction of its time.
 */
const LEVEL = { level: 1 };

/** The strong validator of a body: the quoted hex SHA-1 of its bytes. */
export function validatorOf(body: Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('hex')}"`;
}

export function compress(body: Uint8Array, encoding: Encoding): Uint8Array<ArrayBuffer> {
  const packed = encoding === 'gzip' ? gzipSync(body, LEVEL) : deflateSync(body, LEVEL);
  return new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
}

/** What a page's text always yields: its validator, its size in bytes, and its compressed forms once asked for. */
export interface Packed {
  validator: string;
  byteLength: number;
  gzip?: Uint8Array<ArrayBuffer>;
  deflate?: Uint8Array<ArrayBuffer>;
}

/**
 * Pages by their text, least recently used first, bounded in bytes and in number. A logged-in page is rendered for
 * its user on every view, but between two writes it comes out the same text again: encoding, hashing and
 * compressing it again would give the same bytes. Nothing here goes stale — the text is the key — so nothing is
 * ever invalidated, only forgotten when room is needed.
 */
export class PackedPages {
  private pages = new Map<string, { packed: Packed; weight: number }>();
  private weight = 0;

  constructor(readonly maxBytes = 8 * 2 ** 20, readonly maxPages = 500) {}

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.weight };
  }

  /** The packed page of `text`, computed the first time (`bytes` gives its UTF-8 bytes, encoded once per call). */
  of(text: string, bytes: () => Uint8Array): Packed {
    const known = this.pages.get(text);
    if (known) {
      this.pages.delete(text);
      this.pages.set(text, known);
      return known.packed;
    }
    const body = bytes();
    const packed: Packed = { validator: validatorOf(body), byteLength: body.byteLength };
    // The text (two bytes a character at most) and its compressed forms, never larger than the page.
    const weight = text.length * 2 + 2 * body.byteLength;
    if (weight > this.maxBytes / 8) return packed;
    this.pages.set(text, { packed, weight });
    this.weight += weight;
    for (const [k, p] of this.pages) {
      if (this.weight <= this.maxBytes && this.pages.size <= this.maxPages) break;
      this.pages.delete(k);
      this.weight -= p.weight;
    }
    return packed;
  }
}
