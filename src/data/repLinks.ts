import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { repLink, representative } from '../../db/schema';
import { isChinaDate } from '../domain/chinaDate';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import type { Representative } from './representatives';
import type { Result } from '../domain/result';
import { ok, refuse } from '../domain/result';

export type RepLink = typeof repLink.$inferSelect;

/** District-level representatives are congress representatives of the subdistrict's parent district. */
export function districtRepsFor(db: Db, sub: Jurisdiction, seatedOnly = true): Representative[] {
  if (!sub.parentId) return [];
  return db.select().from(representative)
    .where(and(
      eq(representative.jurisdictionId, sub.parentId), eq(representative.body, 'congress'),
      seatedOnly ? eq(representative.status, 'seated') : undefined,
    ))
    .orderBy(asc(representative.id)).all();
}

export function getDistrictRep(db: Db, sub: Jurisdiction, id: number): Representative | undefined {
  if (!sub.parentId) return undefined;
  return db.select().from(representative)
    .where(and(eq(representative.id, id), eq(representative.jurisdictionId, sub.parentId), eq(representative.body, 'congress'))).get();
}

/** The open link of one deliberation representative (there is at most one: assignLink keeps it so). */
export function openLinkOf(db: Db, deliberationRepId: number): RepLink | undefined {
  return db.select().from(repLink).where(and(eq(repLink.deliberationRepId, deliberationRepId), isNull(repLink.toDate))).get();
}

/** The seated district representative a deliberation representative is linked to today, if any. */
export function linkedDistrictRep(db: Db, sub: Jurisdiction, deliberationRepId: number | null): Representative | undefined {
  if (deliberationRepId === null) return undefined; // a resident's own opinion: nobody's group
  const link = openLinkOf(db, deliberationRepId);
  const rep = link ? getDistrictRep(db, sub, link.districtRepId) : undefined;
  return rep?.status === 'seated' ? rep : undefined;
}

/** The deliberation representatives of this subdistrict linked today to any of these district representatives. */
export function groupOf(db: Db, subId: number, districtRepIds: readonly number[]): number[] {
  if (!districtRepIds.length) return [];
  return openLinksIn(db, subId).filter((l) => districtRepIds.includes(l.districtRepId)).map((l) => l.deliberationRepId);
}

/** Open links of this subdistrict's deliberation representatives. */
export function openLinksIn(db: Db, subId: number): RepLink[] {
  return db.select({ link: repLink }).from(repLink)
    .innerJoin(representative, eq(representative.id, repLink.deliberationRepId))
    .where(and(eq(representative.jurisdictionId, subId), eq(representative.body, 'deliberation'), isNull(repLink.toDate)))
    .orderBy(asc(repLink.id)).all().map((r) => r.link);
}

export interface LinkGroup { districtRep: Representative; members: (Representative & { fromDate: string })[] }
export interface LinkOverview { groups: LinkGroup[]; unlinked: Representative[]; orphaned: (Representative & { formerRep: string })[] }

/**
 * Each district representative's group of this subdistrict's seated deliberation representatives, and the gap:
 * seated ones with no link, and those whose district representative has left (their link is open but useless).
 */
export function linkOverview(db: Db, sub: Jurisdiction): LinkOverview {
  const seated = db.select().from(representative)
    .where(and(eq(representative.jurisdictionId, sub.id), eq(representative.body, 'deliberation'), eq(representative.status, 'seated')))
    .orderBy(asc(representative.community), asc(representative.id)).all();
  const links = new Map(openLinksIn(db, sub.id).map((l) => [l.deliberationRepId, l]));
  const districtReps = new Map(districtRepsFor(db, sub, false).map((r) => [r.id, r]));
  const groups = new Map<number, LinkGroup>();
  const unlinked: Representative[] = [];
  const orphaned: (Representative & { formerRep: string })[] = [];
  for (const d of seated) {
    const link = links.get(d.id);
    const dr = link ? districtReps.get(link.districtRepId) : undefined;
    if (!link || !dr) unlinked.push(d);
    else if (dr.status !== 'seated') orphaned.push({ ...d, formerRep: dr.name });
    else {
      const g = groups.get(dr.id) ?? { districtRep: dr, members: [] };
      g.members.push({ ...d, fromDate: link.fromDate });
      groups.set(dr.id, g);
    }
  }
  return { groups: [...groups.values()].sort((a, b) => a.districtRep.id - b.districtRep.id), unlinked, orphaned };
}

/** Closed links, newest first, with both names: the history the clerk and an inspector read. */
export function linkHistory(db: Db, subId: number, limit = 200) {
  const d = alias(representative, 'd');
  const r = alias(representative, 'r');
  return db.select({
    id: repLink.id, fromDate: repLink.fromDate, toDate: repLink.toDate,
    deliberationRep: d.name, community: d.community, districtRep: r.name,
  }).from(repLink)
    .innerJoin(d, eq(d.id, repLink.deliberationRepId))
    .innerJoin(r, eq(r.id, repLink.districtRepId))
    .where(and(eq(d.jurisdictionId, subId), isNotNull(repLink.toDate)))
    .orderBy(desc(repLink.toDate), desc(repLink.id)).limit(limit).all();
}

/** All links of one deliberation representative, oldest first. */
export function linksOf(db: Db, deliberationRepId: number) {
  return db.select({ id: repLink.id, fromDate: repLink.fromDate, toDate: repLink.toDate, districtRep: representative.name })
    .from(repLink).innerJoin(representative, eq(representative.id, repLink.districtRepId))
    .where(eq(repLink.deliberationRepId, deliberationRepId)).orderBy(asc(repLink.fromDate), asc(repLink.id)).all();
}

function checkFromDate(fromDate: string, today: string, open: RepLink | undefined): Result<null> {
  if (!isChinaDate(fromDate)) return refuse('请填写开始联系的日期', 'fromDate');
  if (fromDate > today) return refuse('开始日期不能晚于今天', 'fromDate');
  if (open && fromDate < open.fromDate) {
    return refuse(`开始日期不能早于现有联系的开始日期 ${open.fromDate}`, 'fromDate');
  }
  return ok();
}

/**
 * Links a deliberation representative to a district representative from `fromDate`. A current link to someone
 * else is closed on that date and kept as history; there is never more than one open link per representative
 * (checked and changed inside the transaction, so two clerks at once cannot make two).
 */
export function assignLink(
  db: Db, actor: Actor, sub: Jurisdiction, deliberationRepId: number, districtRepId: number, fromDate: string, today: string, now: Date,
): Result<RepLink> {
  return db.transaction((tx) => {
    const d = tx.select().from(representative).where(eq(representative.id, deliberationRepId)).get();
    if (!d || d.jurisdictionId !== sub.id || d.body !== 'deliberation') return refuse('请选择本街道的议事代表', 'deliberationRepId');
    if (d.status !== 'seated') return refuse(`${d.name} 已离任，不能再安排联系`, 'deliberationRepId');
    const dr = getDistrictRep(tx, sub, districtRepId);
    if (!dr || dr.status !== 'seated') return refuse('请选择在册的区人大代表', 'districtRepId');
    const open = openLinkOf(tx, deliberationRepId);
    if (open?.districtRepId === districtRepId) return refuse(`${d.name} 已由 ${dr.name} 联系`, 'districtRepId');
    const check = checkFromDate(fromDate, today, open);
    if (!check.ok) return check;
    if (open) tx.update(repLink).set({ toDate: fromDate }).where(eq(repLink.id, open.id)).run();
    const row = tx.insert(repLink).values({ districtRepId, deliberationRepId, fromDate, toDate: null }).returning().get();
    recordAudit(tx, actor, {
      action: 'repLink.assign', targetType: 'representative', targetId: deliberationRepId, jurisdictionId: sub.id,
      before: open ? { districtRepId: open.districtRepId, linkId: open.id } : null,
      after: { districtRepId, districtRep: dr.name, fromDate, linkId: row.id },
    }, now);
    return ok(row);
  });
}

/** Ends a link without a successor (the district representative's term ended, say): the member joins the gap. */
export function endLink(db: Db, actor: Actor, sub: Jurisdiction, deliberationRepId: number, toDate: string, today: string, now: Date): Result<null> {
  return db.transaction((tx) => {
    const d = tx.select().from(representative).where(eq(representative.id, deliberationRepId)).get();
    if (!d || d.jurisdictionId !== sub.id || d.body !== 'deliberation') return refuse('请选择本街道的议事代表', 'deliberationRepId');
    const open = openLinkOf(tx, deliberationRepId);
    if (!open) return refuse(`${d.name} 目前没有联系的区人大代表`);
    if (!isChinaDate(toDate) || toDate > today || toDate < open.fromDate) {
      return refuse(`结束日期须在 ${open.fromDate} 到今天之间`, 'toDate');
    }
    tx.update(repLink).set({ toDate }).where(eq(repLink.id, open.id)).run();
    recordAudit(tx, actor, {
      action: 'repLink.end', targetType: 'representative', targetId: deliberationRepId, jurisdictionId: sub.id,
      before: { districtRepId: open.districtRepId, linkId: open.id }, after: { toDate },
    }, now);
    return ok();
  });
}

/**
 * Hands a whole group to another district representative (the usual case when one leaves): every member's
 * open link is closed on `fromDate` and a new one opened, all in one transaction with one audit entry.
 */
export function moveGroup(
  db: Db, actor: Actor, sub: Jurisdiction, fromDistrictRepId: number, toDistrictRepId: number, fromDate: string, today: string, now: Date,
): Result<number> {
  return db.transaction((tx) => {
    if (fromDistrictRepId === toDistrictRepId) return refuse('请选择另一名区人大代表', 'toDistrictRepId');
    const to = getDistrictRep(tx, sub, toDistrictRepId);
    if (!to || to.status !== 'seated') return refuse('请选择在册的区人大代表', 'toDistrictRepId');
    const links = openLinksIn(tx, sub.id).filter((l) => l.districtRepId === fromDistrictRepId);
    if (links.length === 0) return refuse('这一组已经没有成员');
    for (const l of links) {
      const check = checkFromDate(fromDate, today, l);
      if (!check.ok) return check;
    }
    const ids = links.map((l) => l.id);
    tx.update(repLink).set({ toDate: fromDate }).where(inArray(repLink.id, ids)).run();
    for (const l of links) {
      tx.insert(repLink).values({ districtRepId: toDistrictRepId, deliberationRepId: l.deliberationRepId, fromDate, toDate: null }).run();
    }
    recordAudit(tx, actor, {
      action: 'repLink.moveGroup', targetType: 'representative', targetId: fromDistrictRepId, jurisdictionId: sub.id,
      before: { districtRepId: fromDistrictRepId, members: links.map((l) => l.deliberationRepId) },
      after: { districtRepId: toDistrictRepId, districtRep: to.name, fromDate },
    }, now);
    return ok(links.length);
  });
}
