import type { Context } from 'hono';
import QRCode from 'qrcode';
import type { AppEnv } from '../env';

/**
 * The address people reach us at, from the request itself: posters printed at the hall's laptop point to
 * that laptop, posters printed through the public address point there. Behind a trusted proxy the scheme
 * comes from X-Forwarded-Proto (secureCookies is decided from it).
 */
export function publicOrigin<E extends AppEnv>(c: Context<E>): string {
  const host = new URL(c.req.url).host;
  return `${c.get('secureCookies') ? 'https' : 'http'}://${host}`;
}

/** A QR code as SVG, drawn by our server (no external service; halls are offline). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
