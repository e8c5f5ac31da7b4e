import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, station } from '../../db/schema';
import { JURISDICTION_KINDS, type JurisdictionKind } from '../domain/vocabulary';
import { keptUntilWrite } from './keptUntilWrite';
import { escapeLike } from './sql';
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

/**
 * The jurisdiction a URL names, with its ancestry as `ancestry` gives it, in one read: every guarded request asks
 * for both, a hall of phones voting at once among them.
 */
export function jurisdictionWithAncestry(db: Db, code: string): { jurisdiction: Jurisdiction; ancestry: number[] } | undefined {
  // Kept until the next write (a rename, a move, a town retired); a code that names nothing is not kept.
  return keptUntilWrite(db, `jurisdictionWithAncestry|${code}`, () => readJurisdictionWithAncestry(db, code), (found) => found !== undefined);
}

function readJurisdictionWithAncestry(db: Db, code: string): { jurisdiction: Jurisdiction; ancestry: number[] } | undefined {
  const row = prepared(db, 'jurisdictionWithAncestry', (db) => db.select({
    j: jurisdiction,
    ancestry: sql<string>`(with recursive up(id, parent_id, depth) as (
      select ${jurisdiction.id}, ${jurisdiction.parentId}, 0
      union all
      select above.id, above.parent_id, up.depth + 1 from ${jurisdiction} above join up on above.id = up.parent_id
    ) select json_group_array(id order by depth) from up)`,
  }).from(jurisdiction).where(eq(jurisdiction.code, sql.placeholder('code'))).prepare()).get({ code });
  return row ? { jurisdiction: row.j, ancestry: JSON.parse(row.ancestry) as number[] } : undefined;
}

/** The jurisdiction's id followed by its ancestors' ids, nearest first (every guarded request asks). */
export function ancestry(db: Db, id: number): number[] {
  // Kept until the next write: the tree changes only when a jurisdiction is added, moved or retired.
  return keptUntilWrite(db, `ancestry|${id}`, () => readAncestry(db, id), (ids) => ids.length > 0);
}

function readAncestry(db: Db, id: number): number[] {
  const statement = preparedSql(db, ANCESTRY);
  const rows = statement
    ? statement.all(id) as { id: number }[]
    : db.all<{ id: number }>(sql`${sql.raw(ANCESTRY_HEAD)}${id}${sql.raw(ANCESTRY_TAIL)}`);
  return rows.map((r) => r.id);
}

/** The jurisdiction's id and all its descendants' ids. */
export function descendantIds(db: Db, id: number): number[] {
  return subtreeIds(db, [id]);
}

const SUBTREE_IDS = `
    with recursive down(id) as (
      select id from jurisdiction where id in (select value from json_each(?))
      union
      select j.id from jurisdiction j join down on j.parent_id = down.id
    ) select id from down`;

/** The ids of these jurisdictions and of everything below them, each once. */
export function subtreeIds(db: Db, rootIds: readonly number[]): number[] {
  if (rootIds.length === 0) return [];
  const roots = JSON.stringify(rootIds);
  // Kept until the next write, like the ancestry: pages and checks of a town ask for its villages over and over.
  return keptUntilWrite(db, `subtreeIds|${roots}`, () => readSubtreeIds(db, roots), (ids) => ids.length > 0);
}

function readSubtreeIds(db: Db, roots: string): number[] {
  const statement = preparedSql(db, SUBTREE_IDS);
  const rows = statement
    ? statement.all(roots) as { id: number }[]
    : db.all<{ id: number }>(sql`${sql.raw(SUBTREE_IDS.split('?')[0]!)}${roots}${sql.raw(SUBTREE_IDS.split('?')[1]!)}`);
  return rows.map((r) => r.id);
}

export function allJurisdictions(db: Db): Jurisdiction[] {
  return db.select().from(jurisdiction).orderBy(asc(jurisdiction.id)).all();
}

/** The names of just these jurisdictions (a page of rows names a few of a province's thousands). */
export function jurisdictionNames(db: Db, ids: readonly (number | null)[]): Map<number, string> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  return new Map(prepared(db, 'jurisdictionNames', (db) => db.select({ id: jurisdiction.id, name: jurisdiction.name }).from(jurisdiction)
    .where(sql`${jurisdiction.id} in (select value from json_each(${sql.placeholder('ids')}))`).prepare())
    .all({ ids: JSON.stringify(wanted) }).map((j) => [j.id, j.name]));
}

export interface TreeNode extends Jurisdiction { depth: number; children: TreeNode[] }

/** Every kind: the tree as the jurisdictions page shows it. */
const EVERY_KIND: readonly JurisdictionKind[] = JURISDICTION_KINDS;

/**
 * The rows of the subtrees under `rootIds`, going down only through `kinds` (a role is never held in a village, so
 * the grant form stops at the townships), at most `limit` of them. Only these rows are read: a district's
 * administrator is not made to wait for the whole province's villages.
 */
function subtreeRows(db: Db, rootIds: readonly number[], kinds: readonly JurisdictionKind[], limit: number): Jurisdiction[] {
  if (rootIds.length === 0) return [];
  return prepared(db, 'subtreeRows', (db) => db.select().from(jurisdiction).where(sql`${jurisdiction.id} in (
      with recursive down(id) as (
        select id from ${jurisdiction} where id in (select value from json_each(${sql.placeholder('roots')}))
        union
        select j.id from ${jurisdiction} j join down on j.parent_id = down.id
          where j.kind in (select value from json_each(${sql.placeholder('kinds')}))
      ) select id from down limit ${sql.placeholder('limit')})`).orderBy(asc(jurisdiction.id)).prepare())
    .all({ roots: JSON.stringify(rootIds), kinds: JSON.stringify(kinds), limit });
}

/**
 * The subtrees under `rootIds` (where a user holds their role), in display order (depth-first, siblings by id);
 * `kinds` limits the kinds below the roots. Null when there are more than `limit` rows: the caller then asks by
 * search instead of listing.
 */
export function jurisdictionTree(
  db: Db, rootIds: readonly number[], opts: { kinds?: readonly JurisdictionKind[]; limit?: number } = {},
): TreeNode[] | null {
  const limit = opts.limit ?? Number.MAX_SAFE_INTEGER;
  const rows = subtreeRows(db, rootIds, opts.kinds ?? EVERY_KIND, limit === Number.MAX_SAFE_INTEGER ? -1 : limit + 1);
  if (rows.length > limit) return null;
  const byParent = new Map<number | null, Jurisdiction[]>();
  const ids = new Set(rows.map((j) => j.id));
  for (const j of rows) {
    const parent = j.parentId !== null && ids.has(j.parentId) ? j.parentId : null; // a root of these subtrees
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(j);
    else byParent.set(parent, [j]);
  }
  const build = (j: Jurisdiction, depth: number): TreeNode => ({ ...j, depth, children: (byParent.get(j.id) ?? []).map((k) => build(k, depth + 1)) });
  return (byParent.get(null) ?? []).map((r) => build(r, 0));
}

/**
 * Up to `limit` jurisdictions of the subtrees under `rootIds` (through `kinds`) whose code starts with `text` or whose
 * name contains it, the exact code first: a district with hundreds of townships is searched, not listed.
 */
export function findInSubtree(
  db: Db, rootIds: readonly number[], text: string, kinds: readonly JurisdictionKind[], limit: number,
): Jurisdiction[] {
  if (rootIds.length === 0) return [];
  const code = text.toUpperCase();
  return prepared(db, 'findInSubtree', (db) => db.select().from(jurisdiction).where(sql`${jurisdiction.id} in (
      with recursive down(id) as (
        select id from ${jurisdiction} where id in (select value from json_each(${sql.placeholder('roots')}))
        union
        select j.id from ${jurisdiction} j join down on j.parent_id = down.id
          where j.kind in (select value from json_each(${sql.placeholder('kinds')}))
      ) select id from down)
      and (${jurisdiction.code} like ${sql.placeholder('codePrefix')} escape '\\' or ${jurisdiction.name} like ${sql.placeholder('name')} escape '\\')`)
    .orderBy(sql`${jurisdiction.code} = ${sql.placeholder('code')} desc`, asc(jurisdiction.id)).limit(sql.placeholder('limit')).prepare())
    .all({ roots: JSON.stringify(rootIds), kinds: JSON.stringify(kinds), codePrefix: `${escapeLike(code)}%`, name: `%${escapeLike(text)}%`, code, limit });
}

export function flattenTree(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

export function childrenOf(db: Db, id: number): Jurisdiction[] {
  return prepared(db, 'childrenOf', (db) => db.select().from(jurisdiction).where(eq(jurisdiction.parentId, sql.placeholder('id')))
    .orderBy(asc(jurisdiction.id)).prepare()).all({ id });
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
