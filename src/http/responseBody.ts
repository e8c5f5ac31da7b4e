import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * The bodies of the responses the app built itself from a string or bytes, by response. Reading a Response's body
 * back (`arrayBuffer()`) turns it into a web stream and reads the stream, which cost more than hashing and
 * compressing the page; a body known here is taken as it is.
 */
const bodies = new WeakMap<Response, string | Uint8Array>();

/** An HTML page answered from one string, remembered as its body (c.html with a string: no rendering left to wait for). */
export function htmlPage<E extends AppEnv>(c: Context<E>, text: string): Response {
  const res = c.html(text);
  bodies.set(res, text);
  return res;
}

/** A response built from bytes, remembered as its body. */
export function withBody(body: Uint8Array<ArrayBuffer> | string, init: ResponseInit): Response {
  const res = new Response(body, init);
  bodies.set(res, body);
  return res;
}

/** The body of a response built by htmlPage or withBody, else undefined (read it from the response). */
export function knownBody(res: Response): string | Uint8Array | undefined {
  return bodies.get(res);
}

/** The body's bytes: the known ones, else read from the response. */
export async function bodyBytes(res: Response): Promise<Uint8Array<ArrayBuffer>> {
  const known = bodies.get(res);
  if (known === undefined) return new Uint8Array(await res.arrayBuffer());
  if (typeof known === 'string') return Buffer.from(known) as Uint8Array<ArrayBuffer>;
  return known as Uint8Array<ArrayBuffer>;
}

/**
 * Answer `res` instead of what the handlers answered. `res` must carry every header of the response it replaces:
 * hono's setter would otherwise copy them over, re-wrapping the body as a stream on the way, so the Node adapter could
 * no longer write the bytes to the socket as they are. Clearing the old response first skips that copy.
 */
export function replaceResponse<E extends AppEnv>(c: Context<E>, res: Response): void {
  c.res = undefined as unknown as Response;
  c.res = res;
}
