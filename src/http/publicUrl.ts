import { networkInterfaces } from 'node:os';
import type { Context } from 'hono';
import QRCode from 'qrcode';
import { savedPublicUrl } from '../data/publicAddress';
import { isLoopbackHost } from '../domain/publicUrl';
import type { AppEnv } from '../env';

export interface PublicAddress {
  /** Scheme, host and port that QR codes, posters, signs, slips and the projector print. */
  origin: string;
  /** False when nobody set it (PUBLIC_URL or the administrator's setting): print views then show a warning. */
  configured: boolean;
}

/**
 * One address for everything printed or projected, so the projector and the paper always agree:
 * PUBLIC_URL when the server was started with it, else the district's saved address, else this request's own
 * host — where a clerk prints from the laptop itself (localhost) the laptop's LAN address, which phones in the
 * hall can reach.
 */
export function publicAddress<E extends AppEnv>(c: Context<E>): PublicAddress {
  const fixed = c.get('publicUrl') ?? savedPublicUrl(c.get('db'));
  if (fixed) return { origin: fixed, configured: true };
  const u = new URL(c.req.url);
  u.protocol = c.get('secureCookies') ? 'https:' : 'http:';
  if (isLoopbackHost(u.hostname)) {
    const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (lan) u.hostname = lan.address;
  }
  return { origin: u.origin, configured: false };
}

export function publicOrigin<E extends AppEnv>(c: Context<E>): string {
  return publicAddress(c).origin;
}

/** A QR code as SVG, drawn by our server (no external service; halls are offline). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}
