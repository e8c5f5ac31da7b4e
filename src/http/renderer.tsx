import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Layout, type NavLink, type NavModel } from '../../views/layout/Layout';
import { can } from '../auth/authorize';
import { isDemo } from '../data/demoMarker';
import { keptUntilWrite } from '../data/keptUntilWrite';
import { childrenOf } from '../data/jurisdictions';
import { scopesOf } from '../data/users';
import { hasAnyRoleFor } from '../domain/authz';
import { chinaDateOf } from '../domain/chinaDate';
import type { AppEnv } from '../env';
import { htmlPage } from './responseBody';
import { rosterHref } from './subjects/roster';

export const FLASH_COOKIE = 'minsheng_flash';

/** A one-time message shown on the next page (after a POST → redirect). */
export function flash<E extends AppEnv>(c: Context<E>, message: string): void {
  // hono's setCookie/getCookie percent-encode and decode the value: no encoding of our own.
  setCookie(c, FLASH_COOKIE, message, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

/** After a POST: the message for the next page, and a 303 to it. */
export function redirectWithFlash<E extends AppEnv>(c: Context<E>, location: string, message: string): Response {
  flash(c, message);
  return c.redirect(location, 303);
}

function takeFlash<E extends AppEnv>(c: Context<E>): string | undefined {
  const v = getCookie(c, FLASH_COOKIE);
  if (!v) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  return v;
}

// The menu and the page both ask for the user's jurisdictions: read once per request (and user).
const workingOf = new WeakMap<Request, { userId: number; working: { code: string; name: string; id: number; kind: string }[] }>();

/** The jurisdictions a user works in: their scopes, and for district-wide roles the towns below (a district representative's role is not one). */
export function workingJurisdictions<E extends AppEnv>(c: Context<E>): { code: string; name: string; id: number; kind: string }[] {
  const user = c.get('user');
  if (!user) return [];
  const known = workingOf.get(c.req.raw);
  if (known && known.userId === user.id) return known.working;
  // Read from the user's scopes alone: the same until the next write (a role granted or revoked, a town added).
  const db = c.get('db');
  const working = keptUntilWrite(db, `workingJurisdictions|${user.id}`, () => readWorkingJurisdictions(db, user.id));
  workingOf.set(c.req.raw, { userId: user.id, working });
  return working;
}

function readWorkingJurisdictions(db: AppEnv['Variables']['db'], userId: number) {
  const out = new Map<number, { code: string; name: string; id: number; kind: string }>();
  for (const s of scopesOf(db, userId)) {
    out.set(s.jurisdictionId, { id: s.jurisdictionId, code: s.code, name: s.name, kind: s.kind });
    if (s.kind === 'district' && s.role !== 'representative') for (const ch of childrenOf(db, s.jurisdictionId)) out.set(ch.id, { id: ch.id, code: ch.code, name: ch.name, kind: ch.kind });
  }
  return [...out.values()];
}

export function navModel<E extends AppEnv>(c: Context<E>): NavModel {
  const user = c.get('user');
  const path = new URL(c.req.url).pathname;
  const demo = isDemo(c.get('db'));
  const rehearsalDate = c.get('rehearsal') ? chinaDateOf(c.get('now')()) : undefined;
  if (!user) return { user: null, links: [{ href: '/', label: '首页', current: path === '/' }], jurisdictions: [], demo, rehearsalDate };
  const mine = workingJurisdictions(c);
  const codeInPath = /^\/j\/([^/]+)/.exec(path)?.[1];
  const current = mine.find((j) => j.code === codeInPath) ?? mine[0];
  const links: NavLink[] = [{ href: '/', label: '工作台', current: path === '/' }];
  if (current && can(c, 'cycle.view', current.id)) {
    links.push({ href: `/j/${current.code}`, label: '年度工作', current: path === `/j/${current.code}` || path.startsWith(`/j/${current.code}/cycles`) });
  }
  if (current && can(c, 'session.manage', current.id)) {
    links.push({ href: `/j/${current.code}/sessions`, label: '会议', current: /^\/j\/[^/]+\/(sessions|polls)/.test(path) });
  }
  if (current && current.kind === 'township' && can(c, 'roster.view', current.id)) {
    links.push({ href: rosterHref(current, 'congress'), label: '代表名册', current: path.startsWith(`/j/${current.code}/roster`) });
  }
  if (current && (current.kind === 'township' || current.kind === 'subdistrict') && can(c, 'station.view', current.id)) {
    links.push({ href: `/j/${current.code}/stations`, label: '代表之家/站点', current: /^\/j\/[^/]+\/(stations|receptions)/.test(path) });
  }
  if (current && can(c, 'ballot.cast', current.id)) {
    links.push({ href: `/j/${current.code}/vote`, label: '我的表决', current: path.startsWith(`/j/${current.code}/vote`) });
  }
  if (current && current.kind === 'subdistrict' && can(c, 'deliberation.view', current.id)) {
    links.push({ href: `/j/${current.code}/deliberation`, label: '议事代表', current: path.startsWith(`/j/${current.code}/deliberation`) });
  }
  if (current && current.kind === 'district' && can(c, 'delivery.dashboard', current.id)) {
    links.push({ href: `/j/${current.code}/delivery`, label: '实施统计', current: path.startsWith(`/j/${current.code}/delivery`) });
  }
  if (current && can(c, 'settings.view', current.id)) {
    links.push({ href: `/j/${current.code}/settings`, label: '参数设置', current: path.endsWith('/settings') });
  }
  if (hasAnyRoleFor(user.assignments, 'audit.view')) links.push({ href: '/audit', label: '审计日志', current: path.startsWith('/audit') });
  if (hasAnyRoleFor(user.assignments, 'admin.users')) links.push({ href: '/admin/users', label: '用户管理', current: path.startsWith('/admin/users') });
  if (hasAnyRoleFor(user.assignments, 'admin.jurisdictions')) {
    links.push({ href: '/admin/jurisdictions', label: '辖区管理', current: path.startsWith('/admin/jurisdictions') });
    links.push({ href: '/admin/settings', label: '系统设置', current: path.startsWith('/admin/settings') });
  }
  return { user, links, jurisdictions: mine, currentCode: current?.code, demo, rehearsalDate };
}

/**
 * c.render(page, { title }): the page inside the layout, rendered to one string and answered as HTML. The string is
 * kept with the response (responseBody.ts), so the step that hashes and compresses the page reads no stream.
 */
export const renderer: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.setRenderer((content, { title }) => {
    const page: { toString(): string | Promise<string> } = <Layout title={title} nav={navModel(c)} flash={takeFlash(c)}>{content}</Layout>;
    const text = page.toString();
    return typeof text === 'string' ? htmlPage(c, DOCTYPE + text) : text.then((t) => htmlPage(c, DOCTYPE + t));
  });
  await next();
};

const DOCTYPE = '<!DOCTYPE html>';
