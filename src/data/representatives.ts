import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, repLink, representative, roleAssignment, user } from '../../db/schema';
import { invalidateUserLoginSessions } from '../auth/loginSession';
import { chinaDateOf, type ChinaDate } from '../domain/chinaDate';
import type { RepInput, RetireInput } from '../domain/repInput';
import { nextUsernames, repUsernamePrefix } from '../domain/repLogin';
import { ok, refuse, type Result } from '../domain/result';
import {
  congressRosterWarnings, isSeatedOn, ownerWord, placesToCheck, ROSTER_TERMS, seatedHistory, type SeatHistory,
} from '../domain/roster';
import { rosterWarnings, termWarning } from '../domain/rosterRange';
import { checkRoster, matchPlace, normalizeName, type RepStatus, type RosterCheck, type SheetRow } from '../domain/rosterImport';
import type { RepBody, RetireReason, Role } from '../domain/vocabulary';
import { auditFor, recordAudit, type Actor } from './audit';
import { getSettings } from './settings';
import { createUserAccount } from './users';
import { contains, startsWith } from './sql';

/**
 * Both rosters — a township congress's seated representatives (在册代表) and a subdistrict's deliberation
 * representatives (议事代表) — and the logins that let them vote and record on their phones.
 */
export type Representative = typeof representative.$inferSelect; // the one representative type, either body
export type RosterEntry = Representative & { username: string | null };

/** Which roster: a jurisdiction's seats in one body. */
export interface RosterScope { jurisdictionId: number; body: RepBody }

/** A subdistrict's deliberation representatives, as the street-deliberation pages read them. */
export const deliberationScope = (jurisdictionId: number): RosterScope => ({ jurisdictionId, body: 'deliberation' });

const inScope = (s: RosterScope) => and(eq(representative.jurisdictionId, s.jurisdictionId), eq(representative.body, s.body));
/** The same condition for a cached statement, bound with the scope itself ({ jurisdictionId, body }). */
const inScopeOf = and(eq(representative.jurisdictionId, sql.placeholder('jurisdictionId')), eq(representative.body, sql.placeholder('body')));

export interface RosterFilter { status?: RepStatus; q?: string }

function entries(db: Db, where: SQL | undefined): RosterEntry[] {
  return db.select({ rep: representative, username: user.username }).from(representative)
    .leftJoin(user, eq(user.id, representative.userId)).where(where)
    .orderBy(asc(representative.id)).all()
    .map((r) => ({ ...r.rep, username: r.username }));
}

/** The roster in entry order (as the clerk's file listed it), each with its login's username; `q` ignores spaces. */
export function rosterOf(db: Db, scope: RosterScope, filter: RosterFilter = {}): RosterEntry[] {
  const q = normalizeName(filter.q ?? '');
  return entries(db, and(inScope(scope), filter.status ? eq(representative.status, filter.status) : undefined, q ? contains(representative.name, q) : undefined));
}

/** One entry with its login's username. */
export function rosterEntry(db: Db, scope: RosterScope, id: number): RosterEntry | undefined {
  return entries(db, and(inScope(scope), eq(representative.id, id)))[0];
}

export function getRep(db: Db, scope: RosterScope, id: number): Representative | undefined {
  return db.select().from(representative).where(and(inScope(scope), eq(representative.id, id))).get();
}

/** Not retired (a by-election seat dated later is already on the list, counted from its date). */
export function seatedCount(db: Db, scope: RosterScope): number {
  return prepared(db, 'seatedCount', (db) => db.select({ n: sql<number>`count(*)` }).from(representative)
    .where(and(inScopeOf, eq(representative.status, 'seated'))).prepare()).get({ jurisdictionId: scope.jurisdictionId, body: scope.body })?.n ?? 0;
}

/** The representatives seated on a date, by entry order: what a session snapshots. */
export function seatedOnDate(db: Db, scope: RosterScope, date: ChinaDate): Representative[] {
  return db.select().from(representative).where(inScope(scope)).orderBy(asc(representative.id)).all()
    .filter((r) => isSeatedOn(r, date));
}

/** The seated count on each date the roster changed. */
export function rosterHistory(db: Db, scope: RosterScope): SeatHistory {
  return seatedHistory(db.select().from(representative).where(inScope(scope)).all());
}

/** The seated entry a login belongs to in this roster, if any. */
export function repOfUser(db: Db, scope: RosterScope, userId: number): Representative | undefined {
  return db.select().from(representative)
    .where(and(inScope(scope), eq(representative.userId, userId), eq(representative.status, 'seated'))).get();
}

/** The jurisdiction's own villages/communities, as the forms offer them. */
export function placesOf(db: Db, jurisdictionId: number): string[] {
  return db.select({ name: jurisdiction.name }).from(jurisdiction)
    .where(and(eq(jurisdiction.parentId, jurisdictionId), inArray(jurisdiction.kind, ['village', 'community']), eq(jurisdiction.active, true)))
    .orderBy(asc(jurisdiction.id)).all().map((r) => r.name);
}

interface PlaceRule { places: readonly string[]; owner: string }

function placeRule(db: Db, scope: RosterScope): PlaceRule {
  const j = db.select().from(jurisdiction).where(eq(jurisdiction.id, scope.jurisdictionId)).get()!;
  return { places: placesToCheck(scope.body, placesOf(db, scope.jurisdictionId)), owner: ownerWord(j) };
}

/** Advice above the roster: the body's usual size, and terms that ended without the roster being updated. */
export function rosterWarningsFor(db: Db, scope: RosterScope, today: ChinaDate): string[] {
  const reps = db.select().from(representative).where(inScope(scope)).all();
  const seated = reps.filter((r) => r.status === 'seated');
  const rep = ROSTER_TERMS[scope.body].rep;
  if (scope.body === 'congress') {
    return [...congressRosterWarnings(reps.filter((r) => isSeatedOn(r, today)).length), ...termWarning(seated, today, rep)];
  }
  const s = getSettings(db, scope.jurisdictionId);
  return [...rosterWarnings(seated.length, s.deliberationRosterMin, s.deliberationRosterMax).map((w) => w.text), ...termWarning(seated, today, rep)];
}

const fields = (input: RepInput) => ({
  name: input.name, community: input.community, sector: input.sector, phone: input.phone,
  termFrom: input.termFrom || null, termTo: input.termTo || null, byElection: input.byElection,
  // Without its own date a seat counts from the term's start (or from before the records, with neither).
  seatedOn: input.seatedOn || input.termFrom || null,
});

const loginRole = (body: RepBody): Role => ROSTER_TERMS[body].loginRole;

/**
 * Adds a seated representative. With `login` (a username and password the clerk chose), their account is made in
 * the same transaction, so a taken username leaves no half-added representative behind.
 */
export function addRep(
  db: Db, actor: Actor, scope: RosterScope, input: RepInput, login: { username: string; passwordHash: string } | undefined, now: Date,
): Result<Representative> {
  return db.transaction((tx) => {
    const rule = placeRule(tx, scope);
    const place = matchPlace(input.community, rule.places, rule.owner);
    if (!place.ok) return refuse(place.message, 'community');
    let userId: number | null = null;
    if (login) {
      const account = createUserAccount(tx, actor, {
        username: login.username, displayName: input.name, passwordHash: login.passwordHash, role: loginRole(scope.body),
        jurisdictionId: scope.jurisdictionId, mustChangePassword: true,
      }, now);
      if (!account.ok) return account;
      userId = account.value.id;
    }
    const values = { ...fields(input), community: place.value };
    const row = tx.insert(representative).values({ ...scope, status: 'seated', userId, ...values }).returning().get();
    recordAudit(tx, actor, { action: 'roster.add', targetType: 'representative', targetId: row.id, jurisdictionId: scope.jurisdictionId, after: { ...values, userId } }, now);
    return ok(row);
  });
}

export function updateRep(db: Db, actor: Actor, rep: Representative, input: RepInput, now: Date): Result<Representative> {
  return db.transaction((tx) => {
    const scope = { jurisdictionId: rep.jurisdictionId, body: rep.body };
    const rule = placeRule(tx, scope);
    const place = matchPlace(input.community, rule.places, rule.owner);
    if (!place.ok) return refuse(place.message, 'community');
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    const values = { ...fields(input), community: place.value };
    if (fresh.retiredOn && values.seatedOn && values.seatedOn > fresh.retiredOn) {
      return refuse(`当选日期不能晚于离任日期 ${fresh.retiredOn}`, 'seatedOn');
    }
    const row = tx.update(representative).set(values).where(eq(representative.id, rep.id)).returning().get();
    const before = {
      name: fresh.name, community: fresh.community, sector: fresh.sector, phone: fresh.phone, termFrom: fresh.termFrom, termTo: fresh.termTo,
      byElection: fresh.byElection, seatedOn: fresh.seatedOn,
    };
    recordAudit(tx, actor, { action: 'roster.update', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId, before, after: values }, now);
    return ok(row);
  });
}

/**
 * 代表资格终止: the seat ends on the date (which no longer counts), for one of the law's reasons. Recorded after the
 * fact, so never in the future. A deliberation representative's link to a district representative ends the same day.
 */
export function retireRep(db: Db, actor: Actor, rep: Representative, input: RetireInput, now: Date): Result<Representative> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    if (fresh.status === 'retired') return refuse('该代表已经离任');
    const { onDate, reason, note } = input;
    if (onDate > chinaDateOf(now)) return refuse('离任日期不能晚于今天', 'onDate');
    if (fresh.seatedOn && onDate < fresh.seatedOn) return refuse(`离任日期不能早于当选日期 ${fresh.seatedOn}`, 'onDate');
    if (fresh.termFrom && onDate < fresh.termFrom) return refuse(`离任日期不能早于任期开始 ${fresh.termFrom}`, 'onDate');
    const open = tx.select().from(repLink).where(and(eq(repLink.deliberationRepId, rep.id), isNull(repLink.toDate))).get();
    if (open && onDate < open.fromDate) return refuse(`离任日期不能早于其联系区人大代表的开始日期 ${open.fromDate}`, 'onDate');
    if (open) tx.update(repLink).set({ toDate: onDate }).where(eq(repLink.id, open.id)).run();
    const row = tx.update(representative).set({ status: 'retired', retiredOn: onDate, retireReason: reason, retireNote: note })
      .where(eq(representative.id, rep.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'roster.retire', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId,
      before: { status: fresh.status }, after: { status: 'retired', retiredOn: onDate, reason, note, linkClosed: open?.id ?? null },
    }, now);
    return ok(row);
  });
}

/**
 * Undo a retirement entered by mistake. Retirements recorded before the seat had its own dates overwrote the
 * term's end: that comes back from their audit entry. The old link stays closed: the clerk links again on purpose.
 */
export function reinstateRep(db: Db, actor: Actor, rep: Representative, now: Date): Result<Representative> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    if (fresh.status === 'seated') return refuse('该代表在册');
    const retirement = auditFor(tx, 'representative', rep.id).filter((a) => a.action === 'roster.retire').at(-1);
    const overwrote = retirement?.after && 'termTo' in (JSON.parse(retirement.after) as object);
    const termTo = overwrote ? (JSON.parse(retirement.before!) as { termTo: string | null }).termTo : fresh.termTo;
    const row = tx.update(representative).set({ status: 'seated', retiredOn: null, retireReason: null, retireNote: null, termTo })
      .where(eq(representative.id, rep.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'roster.reinstate', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId,
      before: { status: 'retired', retiredOn: fresh.retiredOn, reason: fresh.retireReason, note: fresh.retireNote, termTo: fresh.termTo },
      after: { status: 'seated', termTo },
    }, now);
    return ok(row);
  });
}

/** A roster entry as the import and the demo hand it over: checked already. */
export interface NewRep {
  name: string; community: string; sector: string; phone: string; termFrom: ChinaDate | null; termTo: ChinaDate | null;
  byElection: boolean; seatedOn: ChinaDate | null; status: RepStatus; retiredOn: ChinaDate | null; retireReason: RetireReason | null; retireNote: string;
}

/** Many entries in one transaction with one audit entry: a 120-line roster lands whole or not at all. */
export function addReps(db: Db, actor: Actor, scope: RosterScope, rows: readonly NewRep[], now: Date): Representative[] {
  return db.transaction((tx) => {
    const added = rows.map((r) => tx.insert(representative).values({
      ...scope, name: r.name, community: r.community, sector: r.sector, phone: r.phone, termFrom: r.termFrom, termTo: r.termTo,
      byElection: r.byElection, seatedOn: r.seatedOn ?? r.termFrom, status: r.status, retiredOn: r.retiredOn,
      retireReason: r.retireReason, retireNote: r.retireNote || null,
    }).returning().get());
    recordAudit(tx, actor, {
      action: 'roster.import', targetType: 'jurisdiction', targetId: scope.jurisdictionId, jurisdictionId: scope.jurisdictionId,
      after: { body: scope.body, count: rows.length, names: rows.map((r) => r.name) },
    }, now);
    return added;
  });
}

/**
 * A roster file's rows, checked against the roster as it is inside the same transaction, then added — or, with any
 * problem anywhere, nothing added and every problem listed.
 */
export function importRoster(
  db: Db, actor: Actor, scope: RosterScope, sheet: { rows: readonly SheetRow[]; strictWidth: boolean }, now: Date,
): RosterCheck {
  return db.transaction((tx) => {
    const rule = placeRule(tx, scope);
    const existing = tx.select({ name: representative.name, community: representative.community }).from(representative)
      .where(and(inScope(scope), eq(representative.status, 'seated'))).all();
    const checked = checkRoster(sheet.rows, { body: scope.body, ...rule, existing, today: chinaDateOf(now), strictWidth: sheet.strictWidth });
    if (checked.ok) addReps(tx, actor, scope, checked.rows, now);
    return checked;
  });
}

/** What a slip prints for one representative (the password is added by the caller, from memory only). */
export interface LoginIssued { repId: number; name: string; community: string; username: string }
export interface LoginBatch { issued: LoginIssued[]; skipped: string[] }

/** The roster's seated entries without a login: “all without a login”. */
export function repsWithoutLogin(db: Db, scope: RosterScope): Representative[] {
  return prepared(db, 'repsWithoutLogin', (db) => db.select().from(representative)
    .where(and(inScopeOf, eq(representative.status, 'seated'), isNull(representative.userId))).orderBy(asc(representative.id)).prepare()).all({ jurisdictionId: scope.jurisdictionId, body: scope.body });
}

/** How many seated entries have no login (the desk's and the roster's reminder), counted without reading them. */
export function countWithoutLogin(db: Db, scope: RosterScope): number {
  return prepared(db, 'countWithoutLogin', (db) => db.select({ n: sql<number>`count(*)` }).from(representative)
    .where(and(inScopeOf, eq(representative.status, 'seated'), isNull(representative.userId))).prepare())
    .get({ jurisdictionId: scope.jurisdictionId, body: scope.body })?.n ?? 0;
}

/** The chosen entries of this roster (ids of another roster are ignored), in roster order. */
export function repsByIds(db: Db, scope: RosterScope, ids: readonly number[]): Representative[] {
  if (ids.length === 0) return [];
  return db.select().from(representative).where(and(inScope(scope), inArray(representative.id, [...ids])))
    .orderBy(asc(representative.id)).all();
}

/**
 * Accounts for many representatives at once, one transaction and one audit entry (usernames, never passwords).
 * Usernames follow the roster's pattern (qs.rep087 …) unless given (the demo keeps its published ones); entries
 * that got a login meanwhile are skipped, not doubled.
 */
export function createRepLogins(
  db: Db, actor: Actor, scope: RosterScope & { code: string },
  entries: readonly { repId: number; passwordHash: string; username?: string }[], opts: { mustChangePassword: boolean }, now: Date,
): Result<LoginBatch> {
  return db.transaction((tx) => {
    const reps = new Map(repsByIds(tx, scope, entries.map((e) => e.repId)).map((r) => [r.id, r]));
    const todo = entries.filter((e) => reps.get(e.repId)?.userId === null);
    const skipped = entries.filter((e) => reps.get(e.repId)?.userId).map((e) => reps.get(e.repId)!.name);
    if (todo.length === 0) return refuse('没有需要创建账号的代表：所选代表都已有登录账号（补打凭条请用“重置初始密码”）');
    const prefix = repUsernamePrefix(scope.code, scope.body);
    const taken = tx.select({ u: user.username }).from(user).where(startsWith(user.username, prefix)).all().map((r) => r.u);
    const fresh = nextUsernames(prefix, taken, todo.filter((e) => !e.username).length);
    // Refused before anything is written: returning a refusal does not roll the transaction back.
    const given = todo.flatMap((e) => (e.username ? [e.username] : []));
    const clash = given.find((u, i) => given.indexOf(u) !== i || tx.select({ id: user.id }).from(user).where(eq(user.username, u)).get());
    if (clash) return refuse(`用户名 ${clash} 已被使用，请换一个`, 'username');
    const issued: LoginIssued[] = [];
    for (const e of todo) {
      const rep = reps.get(e.repId)!;
      const username = e.username ?? fresh.shift()!;
      const account = createUserAccount(tx, actor, {
        username, displayName: rep.name, passwordHash: e.passwordHash, role: loginRole(scope.body),
        jurisdictionId: scope.jurisdictionId, mustChangePassword: opts.mustChangePassword,
      }, now);
      if (!account.ok) return account;
      tx.update(representative).set({ userId: account.value.id }).where(eq(representative.id, rep.id)).run();
      issued.push({ repId: rep.id, name: rep.name, community: rep.community, username });
    }
    recordAudit(tx, actor, {
      action: 'roster.logins.create', targetType: 'jurisdiction', targetId: scope.jurisdictionId, jurisdictionId: scope.jurisdictionId,
      after: { body: scope.body, count: issued.length, reps: issued.map((i) => ({ id: i.repId, name: i.name, username: i.username })) },
    }, now);
    return ok({ issued, skipped });
  });
}

const REP_ROLES: readonly Role[] = ['representative', 'deliberationRep'];

/**
 * New one-time passwords for entries that have a login: reprinting a slip means this, since no password is kept.
 * Every session of those accounts ends. An account that also works as staff is left to the district administrator.
 */
export function resetRepLogins(
  db: Db, actor: Actor, scope: RosterScope, entries: readonly { repId: number; passwordHash: string }[], now: Date,
): Result<LoginBatch> {
  return db.transaction((tx) => {
    const reps = new Map(repsByIds(tx, scope, entries.map((e) => e.repId)).map((r) => [r.id, r]));
    const issued: LoginIssued[] = [];
    const skipped: string[] = [];
    for (const e of entries) {
      const rep = reps.get(e.repId);
      if (!rep) continue;
      const account = rep.userId ? tx.select().from(user).where(eq(user.id, rep.userId)).get() : undefined;
      if (!account) { skipped.push(`${rep.name}（没有登录账号）`); continue; }
      const roles = tx.select({ role: roleAssignment.role }).from(roleAssignment).where(eq(roleAssignment.userId, account.id)).all();
      if (roles.some((r) => !REP_ROLES.includes(r.role))) { skipped.push(`${rep.name}（该账号还有其他职务，请由区级管理员重置）`); continue; }
      if (!account.active) { skipped.push(`${rep.name}（账号已停用）`); continue; }
      tx.update(user).set({ passwordHash: e.passwordHash, mustChangePassword: true }).where(eq(user.id, account.id)).run();
      invalidateUserLoginSessions(tx, account.id);
      issued.push({ repId: rep.id, name: rep.name, community: rep.community, username: account.username });
    }
    if (issued.length === 0) return refuse(skipped.length ? `没有可以重置的账号：${skipped.join('；')}` : '所选代表都没有登录账号');
    recordAudit(tx, actor, {
      action: 'roster.logins.reset', targetType: 'jurisdiction', targetId: scope.jurisdictionId, jurisdictionId: scope.jurisdictionId,
      after: { body: scope.body, count: issued.length, reps: issued.map((i) => ({ id: i.repId, name: i.name, username: i.username })) },
    }, now);
    return ok({ issued, skipped });
  });
}

/**
 * Links an existing account (made in user management, say) to an entry: one entry per account in a roster, and
 * the account gets the roster's role here if it lacks it.
 */
export function linkRepLogin(db: Db, actor: Actor, rep: Representative, username: string, now: Date): Result<Representative> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    if (fresh.userId !== null) return refuse('该代表已关联登录账号，请先解除关联', 'username');
    const account = tx.select().from(user).where(eq(user.username, username)).get();
    if (!account) return refuse(`没有用户名为 ${username} 的账号`, 'username');
    if (!account.active) return refuse(`账号 ${username} 已停用`, 'username');
    const scope = { jurisdictionId: rep.jurisdictionId, body: rep.body };
    const other = tx.select().from(representative).where(and(inScope(scope), eq(representative.userId, account.id))).get();
    if (other) return refuse(`账号 ${username} 已关联名册中的 ${other.name}`, 'username');
    const role = loginRole(rep.body);
    const has = tx.select().from(roleAssignment)
      .where(and(eq(roleAssignment.userId, account.id), eq(roleAssignment.role, role), eq(roleAssignment.jurisdictionId, rep.jurisdictionId))).get();
    if (!has) tx.insert(roleAssignment).values({ userId: account.id, role, jurisdictionId: rep.jurisdictionId }).run();
    const row = tx.update(representative).set({ userId: account.id }).where(eq(representative.id, rep.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'roster.login.link', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId,
      after: { userId: account.id, username, roleGranted: has ? null : role },
    }, now);
    return ok(row);
  });
}

/**
 * Unlinks the entry's account. The roster's role goes with it unless the account still holds another entry of
 * this roster: a representative role without a seat would still open the voting pages.
 */
export function unlinkRepLogin(db: Db, actor: Actor, rep: Representative, now: Date): Result<Representative> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(representative).where(eq(representative.id, rep.id)).get()!;
    if (fresh.userId === null) return refuse('该代表没有关联登录账号');
    const account = tx.select().from(user).where(eq(user.id, fresh.userId)).get()!;
    const row = tx.update(representative).set({ userId: null }).where(eq(representative.id, rep.id)).returning().get();
    const scope = { jurisdictionId: rep.jurisdictionId, body: rep.body };
    const stillLinked = tx.select({ id: representative.id }).from(representative).where(and(inScope(scope), eq(representative.userId, account.id))).get();
    const role = loginRole(rep.body);
    const revoked = stillLinked ? [] : tx.delete(roleAssignment)
      .where(and(eq(roleAssignment.userId, account.id), eq(roleAssignment.role, role), eq(roleAssignment.jurisdictionId, rep.jurisdictionId))).returning().all();
    recordAudit(tx, actor, {
      action: 'roster.login.unlink', targetType: 'representative', targetId: rep.id, jurisdictionId: rep.jurisdictionId,
      before: { userId: account.id, username: account.username }, after: { roleRevoked: revoked.length ? role : null },
    }, now);
    return ok(row);
  });
}
