import type { Context } from 'hono';
import { IncomingMessage } from 'node:http';

/**
 * A request's body read as the Node adapter received it. Asking hono's request for its body makes the adapter build
 * the whole web Request first (a ReadableStream over the socket, an AbortController, undici's body reader): on a
 * ballot of a few hundred bytes that costs more than reading and checking the ballot itself, for every phone of the
 * hall at once. Both ways read the same bytes; this one is used only while nothing else has started reading them.
 */

/** The largest request body any form may send; uploads are the exception, each with its own limit. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The length the client declared, when that is the length the body will have (no chunked transfer); else undefined. */
export function declaredLength(c: Context): number | undefined {
  if (c.req.header('transfer-encoding') !== undefined) return undefined;
  const length = c.req.header('content-length');
  // As hono/body-limit reads it: an empty or unreadable value is no length over any limit.
  return length === undefined ? undefined : parseInt(length || '0', 10);
}

/**
 * The Node request behind c, while no one has begun to read its body (not the web Request either), and when its
 * length is declared and within the limit: Node's parser then hands over exactly that many bytes.
 */
function untouchedIncoming(c: Context): IncomingMessage | undefined {
  const length = declaredLength(c);
  if (length === undefined || !(length <= BODY_LIMIT_BYTES)) return undefined;
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage) || incoming.readableFlowing !== null || incoming.readableDidRead) return undefined;
  for (const _ in c.req.bodyCache) return undefined;
  return incoming;
}

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    incoming.once('error', reject);
    // A phone that drops the connection mid-body: the request fails instead of waiting for bytes that never come.
    incoming.once('close', () => reject(new Error('the request closed before its body ended')));
  });
}

// As the Fetch standard decodes a body's text: UTF-8, a leading BOM dropped, malformed bytes replaced.
const utf8 = new TextDecoder();

/**
 * The body as text, as c.req.text() gives it. The text is also left where hono keeps a read body, so anything that
 * asks c.req for the body later gets the same text.
 */
export async function bodyText(c: Context): Promise<string> {
  const incoming = untouchedIncoming(c);
  if (!incoming) return c.req.text();
  const text = readAll(incoming).then((bytes) => utf8.decode(bytes));
  // hono keeps a body's read promise under its kind (its BodyCache type names the methods, not what it holds).
  (c.req.bodyCache as { text?: Promise<string> }).text = text;
  return text;
}
