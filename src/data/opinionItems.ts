import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { opinionAttachment, opinionItem, representative, suggestion, user } from '../../db/schema';
import { checkAttachments } from '../domain/attachmentRules';
import { checkOpinionStep, type OpinionState, type OpinionStep } from '../domain/opinionTriage';
import type { OpinionCategory, OpinionChannel } from '../domain/opinionLabels';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import { linkedDistrictRep } from './repLinks';
import { removeFiles, storeFiles, type StoredFile } from './uploads';

export type OpinionItem = typeof opinionItem.$inferSelect;
export type OpinionAttachment = typeof opinionAttachment.$inferSelect;

export interface ItemInput {
  /** null when the clerk has not said who raised it (a representative always raises their own). */
  raisedById: number | null;
  channel: OpinionChannel;
  title: string;
  text: string;
  place: string;
  affected: number | null;
  category: OpinionCategory;
}

/** A file as it arrived: its type is read from its bytes here, never from its name. */
export interface IncomingAttachment { name: string; bytes: Uint8Array }

/**
 * Records an item with its attachments: the files are checked and written under `dir` first, then the item and
 * its attachment rows go in one transaction; when that refuses or fails, the written files are removed again.
 */
export function recordItem(
  db: Db, dir: string, actor: Actor & { id: number }, sub: Jurisdiction, year: number, input: ItemInput, incoming: readonly IncomingAttachment[], now: Date,
): Result<OpinionItem> {
  const { raisedById } = input;
  if (raisedById === null) return refuse('请选择提出的议事代表', 'raisedById');
  const types = checkAttachments(incoming.map((x) => ({ name: x.name, size: x.bytes.byteLength, head: x.bytes.subarray(0, 16) })));
  if (!types.ok) return types;
  const stored = storeFiles(dir, incoming.map((x, i) => ({ ...x, type: types.value[i]! })));
  try {
    const r = insertItem(db, actor, sub, year, { ...input, raisedById }, stored, now);
    if (!r.ok) removeFiles(dir, stored);
    return r;
  } catch (e) {
    removeFiles(dir, stored);
    throw e;
  }
}

function insertItem(db: Db, actor: Actor & { id: number }, sub: Jurisdiction, year: number, input: ItemInput & { raisedById: number }, files: readonly StoredFile[], now: Date): Result<OpinionItem> {
  return db.transaction((tx) => {
    const rep = tx.select().from(representative).where(eq(representative.id, input.raisedById)).get();
    if (!rep || rep.jurisdictionId !== sub.id || rep.body !== 'deliberation' || rep.status !== 'seated') {
      return refuse('请选择本街道在册的议事代表', 'raisedById');
    }
    const seq = (tx.select({ n: sql<number>`max(${opinionItem.seq})` }).from(opinionItem)
      .where(and(eq(opinionItem.jurisdictionId, sub.id), eq(opinionItem.year, year))).get()?.n ?? 0) + 1;
    const row = tx.insert(opinionItem).values({
      jurisdictionId: sub.id, year, seq, recordedBy: actor.id, recordedAt: now, state: 'recorded', ...input,
    }).returning().get();
    for (const f of files) tx.insert(opinionAttachment).values({ opinionItemId: row.id, ...f, createdAt: now }).run();
    recordAudit(tx, actor, {
      action: 'opinion.record', targetType: 'opinionItem', targetId: row.id, jurisdictionId: sub.id,
      after: { ...input, year, seq, attachments: files.length },
    }, now);
    return ok(row);
  });
}

/** What concerns a district representative: items their linked group raised, items handed to them, their suggestions. */
export interface DistrictRepReach { districtRepIds: number[]; groupIds: number[] }

export interface ItemFilter {
  state?: OpinionState; year?: number; raisedById?: number; handedToRepIds?: number[]; concerning?: DistrictRepReach; page: number; pageSize: number;
}

export function listItems(db: Db, subId: number, f: ItemFilter) {
  const where: SQL[] = [eq(opinionItem.jurisdictionId, subId)];
  if (f.state) where.push(eq(opinionItem.state, f.state));
  if (f.year) where.push(eq(opinionItem.year, f.year));
  if (f.raisedById) where.push(eq(opinionItem.raisedById, f.raisedById));
  if (f.handedToRepIds) where.push(f.handedToRepIds.length ? inArray(opinionItem.handedToRepId, f.handedToRepIds) : sql`0`);
  if (f.concerning) {
    const { districtRepIds, groupIds } = f.concerning;
    where.push(or(
      inArray(opinionItem.raisedById, groupIds), inArray(opinionItem.handedToRepId, districtRepIds),
      inArray(opinionItem.id, db.select({ id: suggestion.opinionItemId }).from(suggestion).where(inArray(suggestion.representativeId, districtRepIds))),
    ) ?? sql`0`);
  }
  const cond = and(...where);
  const total = db.select({ n: sql<number>`count(*)` }).from(opinionItem).where(cond).get()?.n ?? 0;
  const rows = db.select({
    item: opinionItem, raisedBy: representative.name,
    suggestion: { assignedOn: suggestion.assignedOn, dueOn: suggestion.dueOn, extendedTo: suggestion.extendedTo, answeredOn: suggestion.answeredOn },
  }).from(opinionItem)
    .innerJoin(representative, eq(representative.id, opinionItem.raisedById))
    .leftJoin(suggestion, eq(suggestion.opinionItemId, opinionItem.id))
    .where(cond).orderBy(desc(opinionItem.year), desc(opinionItem.seq)).limit(f.pageSize).offset((f.page - 1) * f.pageSize).all();
  return { total, rows };
}

export function getItem(db: Db, subId: number, id: number): OpinionItem | undefined {
  return db.select().from(opinionItem).where(and(eq(opinionItem.id, id), eq(opinionItem.jurisdictionId, subId))).get();
}

/** One item with every name its page shows. */
export function itemDetail(db: Db, item: OpinionItem) {
  const recorder = alias(user, 'recorder');
  const triager = alias(user, 'triager');
  const handedTo = alias(representative, 'handed_to');
  const names = db.select({ raisedBy: representative.name, raisedByCommunity: representative.community, recordedBy: recorder.displayName, triagedBy: triager.displayName, handedTo: handedTo.name })
    .from(opinionItem)
    .innerJoin(representative, eq(representative.id, opinionItem.raisedById))
    .innerJoin(recorder, eq(recorder.id, opinionItem.recordedBy))
    .leftJoin(triager, eq(triager.id, opinionItem.triagedBy))
    .leftJoin(handedTo, eq(handedTo.id, opinionItem.handedToRepId))
    .where(eq(opinionItem.id, item.id)).get()!;
  const attachments = db.select().from(opinionAttachment).where(eq(opinionAttachment.opinionItemId, item.id)).orderBy(asc(opinionAttachment.id)).all();
  return { ...names, attachments };
}

export function getAttachment(db: Db, itemId: number, attachmentId: number) {
  return db.select().from(opinionAttachment)
    .where(and(eq(opinionAttachment.id, attachmentId), eq(opinionAttachment.opinionItemId, itemId))).get();
}

export interface TriageInput { response: string; department: string }

/**
 * The clerk's step on a recorded item. The machine in src/domain/opinionTriage.ts decides whether the step is
 * allowed from the item's state as read inside this transaction; handing over goes to the district representative
 * the raising deliberation representative is linked to today.
 */
export function triageItem(db: Db, actor: Actor & { id: number }, sub: Jurisdiction, itemId: number, step: Exclude<OpinionStep, 'convert'>, input: TriageInput, now: Date): Result<OpinionItem> {
  return db.transaction((tx) => {
    const item = getItem(tx, sub.id, itemId);
    if (!item) return refuse('事项不存在');
    const to = checkOpinionStep(item.state, step);
    if (!to.ok) return to;
    const set: Partial<OpinionItem> = { state: to.value, triagedAt: now, triagedBy: actor.id };
    if (step === 'answer') {
      if (!input.response) return refuse('请填写当场答复的内容', 'response');
      set.response = input.response;
    } else if (step === 'refer') {
      if (!input.department) return refuse('请填写承办的街道部门', 'department');
      set.department = input.department;
      set.response = input.response;
    } else {
      const rep = linkedDistrictRep(tx, sub, item.raisedById);
      if (!rep) {
        return refuse('提出该事项的议事代表目前没有联系的在册区人大代表，请先在“联系区人大代表”页面安排');
      }
      if (step === 'rehand' && rep.id === item.handedToRepId) {
        return refuse(`该事项已在 ${rep.name} 处，联系关系没有变化`);
      }
      set.handedToRepId = rep.id;
      set.response = input.response;
    }
    const row = tx.update(opinionItem).set(set).where(eq(opinionItem.id, item.id)).returning().get();
    const handedTo = row.handedToRepId === null ? null : linkedDistrictRep(tx, sub, item.raisedById)?.name ?? null;
    recordAudit(tx, actor, {
      action: `opinion.${step}`, targetType: 'opinionItem', targetId: item.id, jurisdictionId: sub.id,
      before: { state: item.state, handedToRepId: item.handedToRepId },
      after: { state: row.state, response: row.response, department: row.department, handedToRepId: row.handedToRepId, handedTo },
    }, now);
    return ok(row);
  });
}

/** How many of the subdistrict's items are in each state, over all years: the overview's work queue. */
export function stateCounts(db: Db, subId: number): Record<OpinionState, number> {
  const out: Record<OpinionState, number> = { recorded: 0, answered: 0, referred: 0, handedToRep: 0, converted: 0, replied: 0, proposed: 0 };
  const rows = db.select({ state: opinionItem.state, n: sql<number>`count(*)` }).from(opinionItem)
    .where(eq(opinionItem.jurisdictionId, subId)).groupBy(opinionItem.state).all();
  for (const r of rows) out[r.state] = r.n;
  return out;
}
