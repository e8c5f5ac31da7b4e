import { expect } from 'vitest';
import { post, type App } from './app';

/** The box-code slips on the page shown once when a secret poll opens. */
export function slipsIn(html: string): string[] {
  return [...html.matchAll(/<p class="slip-code"[^>]*>([A-Z2-9-]+)<\/p>/g)].map((m) => m[1]!);
}

/** The clerk opens a secret poll through the app: the page with the three slips, read. */
export async function openVia(app: App, pollId: number, cookie: string, code = 'QS'): Promise<string[]> {
  const res = await post(app, `/j/${code}/polls/${pollId}/open`, {}, cookie);
  expect(res.status).toBe(200);
  const slips = slipsIn(await res.text());
  expect(slips).toHaveLength(3);
  return slips;
}

/** 开箱 through the app with two of the slips (the first two unless told). */
export async function unsealVia(app: App, pollId: number, slips: string[], cookie: string, code = 'QS', which: [number, number] = [0, 1]) {
  const res = await post(app, `/j/${code}/polls/${pollId}/unseal`, { slipA: slips[which[0]]!, slipB: slips[which[1]]! }, cookie);
  expect(res.status).toBe(303);
  return res;
}

/** Closes through the app and, for a secret poll (slips given), opens the box: what the day's close now is. */
export async function closeVia(app: App, pollId: number, cookie: string, slips?: string[], code = 'QS') {
  const res = await post(app, `/j/${code}/polls/${pollId}/close`, {}, cookie);
  expect(res.status).toBe(303);
  if (slips?.length) await unsealVia(app, pollId, slips, cookie, code);
  return res;
}
