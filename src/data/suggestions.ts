import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { opinionItem, representative, roleAssignment, suggestion, user } from '../../db/schema';
import { chinaDateOf } from '../domain/chinaDate';
import { checkOpinionStep } from '../domain/opinionTriage';
import { checkAnswerDate, checkAssignmentDate, checkExtension, dueDate } from '../domain/suggestionDeadline';
import { checkRating, type Satisfaction } from '../domain/suggestionStatus';
import { recordAudit, type Actor } from './audit';
import type { Result } from '../domain/result';
import type { Jurisdiction } from './jurisdictions';
import { getItem, type DistrictRepReach, type OpinionItem } from './opinionItems';
import { groupOf, linkedDistrictRep } from './repLinks';
import { ok, refuse } from '../domain/result';

export type Suggestion = typeof suggestion.$inferSelect;

/** The district representative rows a login speaks for (seated; one person normally has one). */
export function districtRepIdsOfUser(db: Db, sub: Jurisdiction, userId: number): number[] {
  if (!sub.parentId) return [];
  return db.select({ id: representative.id }).from(representative)
    .where(and(eq(representative.userId, userId), eq(representative.jurisdictionId, sub.parentId),
      eq(representative.body, 'congress'), eq(representative.status, 'seated')))
    .all().map((r) => r.id);
}

/**
 * The district representative an item belongs with: the one it was handed to, or, before handover, the one its
 * raiser is linked to now. Only that representative's login may convert it (others get 403).
 */
export function isItemsDistrictRep(db: Db, sub: Jurisdiction, item: OpinionItem, userId: number): boolean {
  const target = item.handedToRepId ?? linkedDistrictRep(db, sub, item.raisedById)?.id;
  return target !== undefined && districtRepIdsOfUser(db, sub, userId).includes(target);
}

/** What a district representative login may read in this subdistrict (empty ids: nothing). */
export function districtRepReach(db: Db, sub: Jurisdiction, userId: number): DistrictRepReach {
  const districtRepIds = districtRepIdsOfUser(db, sub, userId);
  return { districtRepIds, groupIds: groupOf(db, sub.id, districtRepIds) };
}

/** Whether the item concerns the district representative: raised by their group, handed to them, or their suggestion. */
export function itemConcerns(db: Db, reach: DistrictRepReach, item: OpinionItem): boolean {
  if (!reach.districtRepIds.length) return false;
  if (item.raisedById !== null && reach.groupIds.includes(item.raisedById)) return true;
  if (item.handedToRepId !== null && reach.districtRepIds.includes(item.handedToRepId)) return true;
  const s = suggestionOfItem(db, item.id);
  return s !== undefined && reach.districtRepIds.includes(s.representativeId);
}

export function suggestionOfItem(db: Db, itemId: number): Suggestion | undefined {
  return db.select().from(suggestion).where(eq(suggestion.opinionItemId, itemId)).get();
}

export function suggestionDetail(db: Db, s: Suggestion) {
  const creator = alias(user, 'creator');
  const answerer = alias(user, 'answerer');
  const extender = alias(user, 'extender');
  const unit = alias(user, 'unit');
  return db.select({
    representative: representative.name, createdBy: creator.displayName, answeredBy: answerer.displayName,
    extendedBy: extender.displayName, unitLogin: unit.displayName,
  }).from(suggestion)
    .innerJoin(representative, eq(representative.id, suggestion.representativeId))
    .innerJoin(creator, eq(creator.id, suggestion.createdBy))
    .leftJoin(answerer, eq(answerer.id, suggestion.answeredBy))
    .leftJoin(extender, eq(extender.id, suggestion.extendedBy))
    .leftJoin(unit, eq(unit.id, suggestion.unitUserId))
    .where(eq(suggestion.id, s.id)).get()!;
}

/** Unit logins that may answer: implementing units of the subdistrict itself or of its district. */
export function unitChoices(db: Db, sub: Jurisdiction): { id: number; name: string }[] {
  const places = sub.parentId ? [sub.id, sub.parentId] : [sub.id];
  return db.selectDistinct({ id: user.id, name: user.displayName }).from(user)
    .innerJoin(roleAssignment, eq(roleAssignment.userId, user.id))
    .where(and(eq(roleAssignment.role, 'implementingUnit'), inArray(roleAssignment.jurisdictionId, places), eq(user.active, true)))
    .orderBy(asc(user.id)).all();
}

export interface ConvertInput { title: string; text: string; unitName: string; unitUserId: number | null; assignedOn: string }

/**
 * The linked district representative turns a handed-over item into a suggestion assigned to a unit. The item
 * moves to "converted" and the suggestion is created with its due date in one transaction. `repIds` are the
 * caller's district representative rows: the item must have been handed to one of them.
 */
export function convertItem(db: Db, actor: Actor & { id: number }, sub: Jurisdiction, itemId: number, repIds: readonly number[], input: ConvertInput, now: Date): Result<Suggestion> {
  return db.transaction((tx) => {
    const item = getItem(tx, sub.id, itemId);
    if (!item) return refuse('事项不存在');
    const to = checkOpinionStep(item.state, 'convert');
    if (!to.ok) return to;
    if (item.handedToRepId === null || !repIds.includes(item.handedToRepId)) {
      return refuse('只有事项转交的区人大代表本人可以转为代表建议');
    }
    const handedOn = chinaDateOf(item.triagedAt ?? item.recordedAt);
    const dateCheck = checkAssignmentDate(input.assignedOn, handedOn, chinaDateOf(now));
    if (!dateCheck.ok) return dateCheck;
    if (input.unitUserId !== null && !unitChoices(tx, sub).some((u) => u.id === input.unitUserId)) {
      return refuse('请从列表中选择承办单位的账号', 'unitUserId');
    }
    tx.update(opinionItem).set({ state: to.value }).where(eq(opinionItem.id, item.id)).run();
    const row = tx.insert(suggestion).values({
      opinionItemId: item.id, jurisdictionId: sub.id, representativeId: item.handedToRepId,
      title: input.title, text: input.text, unitName: input.unitName, unitUserId: input.unitUserId,
      assignedOn: input.assignedOn, dueOn: dueDate(input.assignedOn), createdBy: actor.id, createdAt: now,
    }).returning().get();
    recordAudit(tx, actor, {
      action: 'suggestion.convert', targetType: 'opinionItem', targetId: item.id, jurisdictionId: sub.id,
      before: { state: item.state },
      after: { state: to.value, suggestionId: row.id, title: row.title, unitName: row.unitName, unitUserId: row.unitUserId, assignedOn: row.assignedOn, dueOn: row.dueOn },
    }, now);
    return ok(row);
  });
}

export interface ExtendInput { extendedTo: string; approvedOn: string; approvedBy: string; reason: string }

/** Records the assigning body's approval of the one extension (seed 002 art. 24). */
export function extendSuggestion(db: Db, actor: Actor & { id: number }, s: Suggestion, input: ExtendInput, now: Date): Result<Suggestion> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(suggestion).where(eq(suggestion.id, s.id)).get()!;
    const check = checkExtension(fresh, input, chinaDateOf(now));
    if (!check.ok) return check;
    const row = tx.update(suggestion).set({
      extendedTo: input.extendedTo, extensionApprovedOn: input.approvedOn, extensionApprovedBy: input.approvedBy,
      extensionReason: input.reason, extendedAt: now, extendedBy: actor.id,
    }).where(eq(suggestion.id, s.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'suggestion.extend', targetType: 'opinionItem', targetId: s.opinionItemId, jurisdictionId: s.jurisdictionId,
      before: { dueOn: fresh.dueOn, extendedTo: null }, after: { suggestionId: s.id, ...input },
    }, now);
    return ok(row);
  });
}

/** The unit's answer (or the clerk's entry of a paper answer): the date it was given decides "on time". */
export function answerSuggestion(db: Db, actor: Actor & { id: number }, s: Suggestion, input: { answer: string; answeredOn: string }, now: Date): Result<Suggestion> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(suggestion).where(eq(suggestion.id, s.id)).get()!;
    const check = checkAnswerDate(fresh, input.answeredOn, chinaDateOf(now));
    if (!check.ok) return check;
    const row = tx.update(suggestion).set({ answer: input.answer, answeredOn: input.answeredOn, answeredAt: now, answeredBy: actor.id })
      .where(eq(suggestion.id, s.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'suggestion.answer', targetType: 'opinionItem', targetId: s.opinionItemId, jurisdictionId: s.jurisdictionId,
      after: { suggestionId: s.id, answeredOn: input.answeredOn, answer: input.answer, onBehalf: fresh.unitUserId !== actor.id },
    }, now);
    return ok(row);
  });
}

export function rateSuggestion(db: Db, actor: Actor & { id: number }, s: Suggestion, input: { satisfaction: Satisfaction; note: string }, now: Date): Result<Suggestion> {
  return db.transaction((tx) => {
    const fresh = tx.select().from(suggestion).where(eq(suggestion.id, s.id)).get()!;
    const check = checkRating(fresh);
    if (!check.ok) return check;
    const row = tx.update(suggestion).set({ satisfaction: input.satisfaction, satisfactionNote: input.note, ratedAt: now })
      .where(eq(suggestion.id, s.id)).returning().get();
    recordAudit(tx, actor, {
      action: 'suggestion.rate', targetType: 'opinionItem', targetId: s.opinionItemId, jurisdictionId: s.jurisdictionId,
      after: { suggestionId: s.id, satisfaction: input.satisfaction, note: input.note },
    }, now);
    return ok(row);
  });
}

/** Unanswered suggestions with their item's number, for picking the overdue ones with the domain rule. */
export function openSuggestions(db: Db, subId: number) {
  return db.select({
    itemId: suggestion.opinionItemId, year: opinionItem.year, seq: opinionItem.seq, title: suggestion.title, unitName: suggestion.unitName,
    assignedOn: suggestion.assignedOn, dueOn: suggestion.dueOn, extendedTo: suggestion.extendedTo, answeredOn: suggestion.answeredOn,
  }).from(suggestion).innerJoin(opinionItem, eq(opinionItem.id, suggestion.opinionItemId))
    .where(and(eq(suggestion.jurisdictionId, subId), isNull(suggestion.answeredOn))).orderBy(asc(suggestion.dueOn)).all();
}
