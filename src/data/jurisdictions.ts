import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, station } from '../../db/schema';
import { type JurisdictionKind } from '../domain/vocabulary';
import { prepared, preparedSql } from './statements';

export type Jurisdiction = typeof jurisdiction.$inferSelect;

export const KIND_LABELS: Record<JurisdictionKind, string> = {
  district: '区/县',
  township: '镇/乡',
  subdistrict: '街道',
  village: '村',
  community: '社区',
};

/** Which kinds may sit under which: district → township/subdistrict → village/community. */
export const CHILD_KINDS: Record<JurisdictionKind, JurisdictionKind[]> = {
  district: ['township', 'subdistrict'],
  township: ['village', 'community'],
  subdistrict: ['community', 'village'],
  village: [],
  community: [],
};

export function getJurisdictionByCode(db: Db, code: string): Jurisdiction | undefined {
  return prepared(db, 'jurisdictionByCode', (db) => db.select().from(jurisdiction).where(eq(jurisdiction.code, sql.placeholder('code'))).prepare()).get({ code });
}

export function getJurisdiction(db: Db, id: number): Jurisdiction | undefined {
  return prepared(db, 'jurisdictionById', (db) => db.select().from(jurisdiction).where(eq(jurisdiction.id, sql.placeholder('id'))).prepare()).get({ id });
}

const ANCESTRY = `
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from jurisdiction where id = ?
      union all
      select j.id, j.parent_id, up.depth + 1 from jurisdiction j join up on j.id = up.parent_id
    ) select id from up order by depth`;
const [ANCESTRY_HEAD, ANCESTRY_TAIL] = ANCESTRY.split('?') as [string, string];

/** The jurisdiction's id followed by its ancestors' ids, nearest first (every guarded request asks). */
export function ancestry(db: Db, id: number): number[] {
  const statement = preparedSql(db, ANCESTRY);
  const rows = statement
    ? statement.all(id) as { id: number }[]
    : db.all<{ id: number }>(sql`${sql.raw(ANCESTRY_HEAD)}${id}${sql.raw(ANCESTRY_TAIL)}`);
  return rows.map((r) => r.id);
}

/** The jurisdiction's id and all its descendants' ids. */
const DESCENDANTS = `
    with recursive down(id) as (
      select id from jurisdiction where id = ?
      union all
      select j.id from jurisdiction j join down on j.parent_id = down.id
    ) select id from down`;
const [DESCENDANTS_HEAD, DESCENDANTS_TAIL] = DESCENDANTS.split('?') as [string, string];

export function descendantIds(db: Db, id: number): number[] {
  const statement = preparedSql(db, DESCENDANTS);
  const rows = statement
    ? statement.all(id) as { id: number }[]
    : db.all<{ id: number }>(sql`${sql.raw(DESCENDANTS_HEAD)}${id}${sql.raw(DESCENDANTS_TAIL)}`);
  return rows.map((r) => r.id);
}

export function allJurisdictions(db: Db): Jurisdiction[] {
  return db.select().from(jurisdiction).orderBy(asc(jurisdiction.id)).all();
}

/** The names of just these jurisdictions (a page of rows names a few of a province's thousands). */
export function jurisdictionNames(db: Db, ids: readonly (number | null)[]): Map<number, string> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  return new Map(db.select({ id: jurisdiction.id, name: jurisdiction.name }).from(jurisdiction)
    .where(inArray(jurisdiction.id, wanted)).all().map((j) => [j.id, j.name]));
}

export interface TreeNode extends Jurisdiction { depth: number; children: TreeNode[] }

/** The whole tree in display order (depth-first). */
export function jurisdictionTree(db: Db): TreeNode[] {
  const all = allJurisdictions(db);
  const byParent = new Map<number | null, Jurisdiction[]>();
  for (const j of all) {
    const siblings = byParent.get(j.parentId);
    if (siblings) siblings.push(j);
    else byParent.set(j.parentId, [j]);
  }
  const build = (parentId: number | null, depth: number): TreeNode[] =>
    (byParent.get(parentId) ?? []).map((j) => ({ ...j, depth, children: build(j.id, depth + 1) }));
  return build(null, 0);
}

/**
 * The trees under the roots `keep` accepts, in display order: only their rows are read (a district's
 * administrator is not made to wait for the whole province's villages).
 */
export function jurisdictionTreeUnder(db: Db, keep: (root: Jurisdiction) => boolean): TreeNode[] {
  const roots = db.select().from(jurisdiction).where(isNull(jurisdiction.parentId)).orderBy(asc(jurisdiction.id)).all().filter(keep);
  if (roots.length === 0) return [];
  const below = db.select().from(jurisdiction).where(sql`${jurisdiction.id} in (
      with recursive down(id) as (
        select id from jurisdiction where parent_id in ${roots.map((r) => r.id)}
        union all
        select j.id from jurisdiction j join down on j.parent_id = down.id
      ) select id from down)`).orderBy(asc(jurisdiction.id)).all();
  const byParent = new Map<number | null, Jurisdiction[]>();
  for (const j of below) {
    const siblings = byParent.get(j.parentId);
    if (siblings) siblings.push(j);
    else byParent.set(j.parentId, [j]);
  }
  const build = (j: Jurisdiction, depth: number): TreeNode => ({ ...j, depth, children: (byParent.get(j.id) ?? []).map((k) => build(k, depth + 1)) });
  return roots.map((r) => build(r, 0));
}

export function flattenTree(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

export function childrenOf(db: Db, id: number): Jurisdiction[] {
  return prepared(db, 'childrenOf', (db) => db.select().from(jurisdiction).where(eq(jurisdiction.parentId, sql.placeholder('id'))).orderBy(asc(jurisdiction.id)).prepare())
    .all({ id });
}

export function stationsOf(db: Db, jurisdictionIds: number[]) {
  if (jurisdictionIds.length === 0) return [];
  return db.select().from(station)
    .where(inArray(station.jurisdictionId, jurisdictionIds))
    .orderBy(asc(station.jurisdictionId), asc(station.id)).all();
}

/** Active townships and subdistricts: the units that run a yearly cycle. */
export function townsOf(db: Db): Jurisdiction[] {
  return db.select().from(jurisdiction)
    .where(and(inArray(jurisdiction.kind, ['township', 'subdistrict']), eq(jurisdiction.active, true)))
    .orderBy(asc(jurisdiction.id)).all();
}
