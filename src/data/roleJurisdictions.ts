import type { Db } from '../../db/client';
import { ok, refuse, type Result } from '../domain/result';
import { ROLE_SCOPES } from '../domain/roleScope';
import type { JurisdictionKind } from '../domain/vocabulary';
import { keptUntilWrite } from './keptUntilWrite';
import { findInSubtree, getJurisdiction, getJurisdictionByCode, jurisdictionTree, type Jurisdiction, type TreeNode } from './jurisdictions';

/** The kinds some role may be held in: the grant form offers only these (never a village). */
export const ROLE_KINDS: readonly JurisdictionKind[] = [...new Set(Object.values(ROLE_SCOPES).flat())];

/** Up to this many places the grant form lists in a <select>; a larger subtree is searched by code or name. */
export const LISTED_PLACES_MAX = 100;

/** Matches shown for a search that names more than one place. */
export const MATCHES_SHOWN = 20;

/**
 * The places under the administrator's subtrees where a role may be held, in tree order; null when there are more
 * than LISTED_PLACES_MAX of them (the form then searches instead of listing).
 */
export function listedRolePlaces(db: Db, rootIds: readonly number[]): TreeNode[] | null {
  // The user list's filter and every grant form ask; the tree changes only with a write (shared: read only).
  return keptUntilWrite(db, `listedRolePlaces:${rootIds.join(',')}`, () => jurisdictionTree(db, rootIds, { kinds: ROLE_KINDS, limit: LISTED_PLACES_MAX }));
}

/** The places under the administrator's subtrees a search text names (one more than shown, to tell "more"). */
export function rolePlaceMatches(db: Db, rootIds: readonly number[], text: string): Jurisdiction[] {
  return findInSubtree(db, rootIds, text, ROLE_KINDS, MATCHES_SHOWN + 1);
}

/**
 * The place a grant form names: a chosen id as it is; otherwise a typed code (anywhere: reach is checked by the
 * caller, so a place outside the subtree is refused as such, not as unknown) or the only place under the subtrees
 * whose code or name the text matches.
 */
export function chosenRolePlace(
  db: Db, rootIds: readonly number[], choice: { jurisdictionId?: number; jurisdiction?: string },
): Result<Jurisdiction | undefined> {
  if (choice.jurisdictionId !== undefined) return ok(getJurisdiction(db, choice.jurisdictionId));
  const text = choice.jurisdiction?.trim() ?? '';
  if (!text) return refuse('请选择所在辖区', 'jurisdiction');
  const byCode = getJurisdictionByCode(db, text.toUpperCase());
  if (byCode) return ok(byCode);
  const matches = rolePlaceMatches(db, rootIds, text);
  if (matches.length === 1) return ok(matches[0]!);
  return matches.length === 0
    ? refuse(`本区没有代码或名称含“${text}”的辖区，请检查后重新输入`, 'jurisdiction')
    : refuse(`有多个辖区符合“${text}”，请在下面选择一个`, 'jurisdiction');
}
