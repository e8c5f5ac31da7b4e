import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, DbConnection } from '../../db/client';
import { auditLog } from '../../db/schema';
import { escapeLike } from './sql';
import { prepared, preparedSql } from './statements';
import { keptUntilWrite } from './keptUntilWrite';
import { writeGeneration } from './writeGeneration';

export interface Actor { id: number | null; name: string; ip?: string }

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  jurisdictionId?: number | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);

function chainHash(prevHash: string, fields: unknown[]): string {
  return createHash('sha256').update(prevHash + '\n' + JSON.stringify(fields)).digest('hex');
}

function hashedFields(r: typeof auditLog.$inferSelect): unknown[] {
  return [r.at.getTime(), r.actorId, r.actorName, r.action, r.targetType, r.targetId, r.jurisdictionId, r.before, r.after, r.ip];
}

/** Appends one entry. Call inside the transaction that makes the change, so both land or neither does. */
export function recordAudit(db: Db, actor: Actor, e: AuditEntry, now: Date): void {
  const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: now,
    actorId: actor.id,
    actorName: actor.name,
    action: e.action,
    targetType: e.targetType ?? '',
    targetId: e.targetId === undefined ? '' : String(e.targetId),
    jurisdictionId: e.jurisdictionId ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    ip: actor.ip ?? '',
  };
  const hash = chainHash(prevHash, hashedFields({ ...row, id: 0, prevHash, hash: '' }));
  db.insert(auditLog).values({ ...row, prevHash, hash }).run();
}

/**
 * Where the chain was last found intact: that entry's id and hash, and the write generation it was found intact in.
 * Kept in memory, out of reach of the file.
 */
interface Checkpoint { id: number; hash: string; generation?: string }
const checkpoints = new WeakMap<Db, Checkpoint>();

/** Entries read at a time when checking: the whole log of a province (millions) is never held in memory at once. */
const WALK_BATCH = 2_000;

type Walked = { brokenAt: number } | { last: Checkpoint | undefined };

/**
 * Checks the entries after `from` (GENESIS: all of them), a batch at a time, pausing (yield) between batches; done
 * with the first that does not match, or the last intact one. Entries are read by id after the last one checked,
 * so entries written during a pause are checked too.
 */
function* walkChain(db: Db, from: Checkpoint | undefined): Generator<void, Walked> {
  let prev = from?.hash ?? GENESIS;
  let last = from;
  const after = prepared(db, 'auditAfter', (db) => db.select().from(auditLog).where(gt(auditLog.id, sql.placeholder('id')))
    .orderBy(asc(auditLog.id)).limit(sql.placeholder('limit')).prepare());
  let rows = after.all({ id: from?.id ?? 0, limit: WALK_BATCH });
  while (rows.length > 0) {
    for (const r of rows) {
      if (r.prevHash !== prev || chainHash(prev, hashedFields(r)) !== r.hash) return { brokenAt: r.id };
      prev = r.hash;
      last = { id: r.id, hash: r.hash };
    }
    if (rows.length < WALK_BATCH) break;
    yield;
    rows = after.all({ id: last!.id, limit: WALK_BATCH });
  }
  return { last };
}

/** A walk straight through, holding the loop (a township's log: milliseconds). */
function walkAtOnce(walk: Generator<void, Walked>): Walked {
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
  }
}

/** A walk a batch per turn of the event loop: a province's millions of entries never stop the server answering. */
async function walkInTurns(walk: Generator<void, Walked>): Promise<Walked> {
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Re-computes the whole chain; returns the id of the first row that does not match, or null when intact. */
export function verifyAuditChain(db: Db): number | null {
  const generation = generationOutsideTransaction(db);
  return wholeChainChecked(db, walkAtOnce(walkChain(db, undefined)), generation);
}

/**
 * verifyAuditChain for a request (校验全部记录): the same check, a batch per turn of the event loop. Writes made
 * meanwhile are checked too if they land before the walk reaches the end; the checkpoint keeps the generation the
 * walk started in, so the next view checks whatever came after.
 */
export async function verifyAuditChainInTurns(db: Db): Promise<number | null> {
  const generation = generationOutsideTransaction(db);
  return wholeChainChecked(db, await walkInTurns(walkChain(db, undefined)), generation);
}

function wholeChainChecked(db: Db, walked: Walked, generation: string | undefined): number | null {
  if ('brokenAt' in walked) return walked.brokenAt;
  if (walked.last) checkpoints.set(db, { ...walked.last, generation });
  return null;
}

/** The database's write generation, or undefined inside a transaction (whose writes may yet be rolled back). */
function generationOutsideTransaction(db: Db): string | undefined {
  const client = (db as Partial<DbConnection>).$client;
  return client && !client.inTransaction ? writeGeneration(db as DbConnection) : undefined;
}

/**
 * The chain checked from where it was last found intact: the entries added since, and the checkpoint entry
 * itself re-hashed (so the chain cannot be cut there). The first check after start checks it whole; a
 * change to an older entry behind the append-only triggers is found by verifyAuditChain, on demand.
 */
export function verifyNewAuditEntries(db: Db): number | null {
  const from = checkpoints.get(db);
  if (!from) return verifyAuditChain(db);
  // Nothing written since the chain was found intact, by this process or another (the generation moves with both):
  // it still is, and views of the log between two writes do not re-hash it each time.
  const generation = generationOutsideTransaction(db);
  if (generation !== undefined && generation === from.generation) return null;
  const entry = prepared(db, 'auditEntry', (db) => db.select().from(auditLog).where(eq(auditLog.id, sql.placeholder('id'))).prepare()).get({ id: from.id });
  if (!entry || entry.hash !== from.hash || chainHash(entry.prevHash, hashedFields(entry)) !== entry.hash) return from.id;
  const walked = walkAtOnce(walkChain(db, from));
  if ('brokenAt' in walked) return walked.brokenAt;
  checkpoints.set(db, { ...(walked.last ?? from), generation });
  return null;
}

/** Up to this many entries, a first view after start checks the whole chain; a longer log only when asked. */
export const WHOLE_CHECK_ON_VIEW_MAX = 50_000;

/**
 * The check a view of the log makes: from the last intact entry when there is one; otherwise the whole chain when it
 * is short, and nothing (undefined) when it is long, since re-hashing a province's millions of entries takes many
 * seconds and is asked for explicitly (verifyAuditChain).
 */
export function verifyAuditChainOnView(db: Db): number | null | undefined {
  if (!checkpoints.has(db) && newestAuditId(db) > WHOLE_CHECK_ON_VIEW_MAX) return undefined;
  return verifyNewAuditEntries(db);
}

function newestAuditId(db: Db): number {
  return prepared(db, 'newestAuditId', (db) => db.select({ n: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog).prepare()).get()?.n ?? 0;
}

export interface AuditFilter {
  jurisdictionIds?: number[]; // undefined = all (district admin)
  action?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** One statement pair per combination of filters (at most 32, built as they are asked for), each with its own plan. */
function auditListStatements(db: Db, shape: { [K in 'jurisdictionIds' | 'action' | 'actor' | 'from' | 'to']: boolean }) {
  const key = `listAudit:${+shape.jurisdictionIds}${+shape.action}${+shape.actor}${+shape.from}${+shape.to}`;
  return prepared(db, key, (db) => {
    const where: SQL[] = [];
    if (shape.jurisdictionIds) where.push(sql`${auditLog.jurisdictionId} in (select value from json_each(${sql.placeholder('jurisdictionIds')}))`);
    if (shape.action) where.push(sql`${auditLog.action} like ${sql.placeholder('action')} escape '\\'`);
    if (shape.actor) where.push(sql`${auditLog.actorName} like ${sql.placeholder('actor')} escape '\\'`);
    if (shape.from) where.push(gte(auditLog.at, sql.placeholder('from')));
    if (shape.to) where.push(lt(auditLog.at, sql.placeholder('to')));
    const cond = where.length ? and(...where) : undefined;
    return {
      // Unfiltered, the newest id is the count: the log is append-only (its triggers refuse DELETE), so ids have no
      // gaps, and the district's whole log is never counted entry by entry on every view.
      count: cond
        ? db.select({ n: sql<number>`count(*)` }).from(auditLog).where(cond).prepare()
        : db.select({ n: sql<number>`coalesce(max(${auditLog.id}), 0)` }).from(auditLog).prepare(),
      // The page's ids first, from the index alone: a district's tens of thousands of entries are sorted as ids,
      // and only the fifty shown are read whole.
      page: db.select().from(auditLog).where(inArray(auditLog.id, db.select({ id: auditLog.id }).from(auditLog).where(cond)
        .orderBy(desc(auditLog.id)).limit(sql.placeholder('limit')).offset(sql.placeholder('offset'))))
        .orderBy(desc(auditLog.id)).limit(sql.placeholder('limit')).prepare(),
    };
  });
}

export function listAudit(db: Db, f: AuditFilter) {
  const statements = auditListStatements(db, {
    jurisdictionIds: !!f.jurisdictionIds, action: !!f.action, actor: !!f.actor, from: !!f.from, to: !!f.to,
  });
  const params = {
    ...(f.jurisdictionIds ? { jurisdictionIds: JSON.stringify(f.jurisdictionIds) } : {}),
    ...(f.action ? { action: `${escapeLike(f.action)}%` } : {}),
    ...(f.actor ? { actor: `%${escapeLike(f.actor)}%` } : {}),
    ...(f.from ? { from: f.from.getTime() } : {}),
    ...(f.to ? { to: f.to.getTime() } : {}),
  };
  const total = statements.count.get(params)?.n ?? 0;
  const rows = statements.page.all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { total, rows };
}

/**
 * The actions the log holds, for the filter: a few dozen kinds among millions of entries, so each is found by one
 * seek of the action index to the next kind (a skip scan), not by reading every entry.
 */
export function auditActions(db: Db): string[] {
  // Every view of the log asks; the list changes only with a write (a new kind of entry).
  return keptUntilWrite(db, 'auditActions', () => {
    const statement = preparedSql(db, AUDIT_ACTIONS);
    const rows = statement ? statement.all() as { action: string }[] : db.all<{ action: string }>(sql.raw(AUDIT_ACTIONS));
    return rows.map((r) => r.action);
  });
}
const AUDIT_ACTIONS = `with recursive kind(action) as (
      select min(action) from audit_log
      union all
      select (select min(action) from audit_log where action > kind.action) from kind where kind.action is not null
    ) select action from kind where action is not null`;

export function auditFor(db: Db, targetType: string, targetId: string | number) {
  return db.select().from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))))
    .orderBy(asc(auditLog.id)).all();
}
