import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { idList, idsIn, prepared } from './statements';
import type { Db } from '../../db/client';
import { opinionFollowUp, opinionItem, proposal, representative, station, suggestion, user } from '../../db/schema';
import { chinaDateOf, type ChinaDate } from '../domain/chinaDate';
import type { OpinionCategory, OpinionChannel } from '../domain/opinionLabels';
import type { OpinionState } from '../domain/opinionTriage';
import { poolReasonFor } from '../domain/pool';
import type { ProposalInput } from '../domain/proposalInput';
import { formatReceipt, RECEIPT_ALPHABET, RECEIPT_CHECK_LENGTH, receiptCheck } from '../domain/receipt';
import { ok, refuse, type Result } from '../domain/result';
import {
  checkReferralDue, checkReferralExtension, checkReplyDate, checkStationStep, effectiveReferralDue, type ReferralLevel,
} from '../domain/stationOpinion';
import { dueDate } from '../domain/suggestionDeadline';
import { recordAudit, type Actor } from './audit';
import { collectionFor } from './collection';
import type { Jurisdiction } from './jurisdictions';
import type { OpinionItem } from './opinionItems';
import { stationsFor, submitProposal } from './proposals';

/**
 * Opinions (民意) brought to a township's stations: the same opinion_item rows as a subdistrict's items, numbered in
 * the same sequence, with a station, a receipt the resident follows them by, and their handling by level.
 */

export interface StationOpinionInput {
  /** The station's short code, as the QR code and the form's list carry it. */
  station: string;
  title: string;
  text: string;
  place: string;
  category: OpinionCategory;
  contactName: string;
  contactPhone: string;
}

export interface Registration {
  channel: Extract<OpinionChannel, 'resident' | 'reception' | 'station' | 'repCode'>;
  /** The logged-in person who typed it, or null for a resident on their own phone. */
  recordedBy: number | null;
  /** The representative who took it at a reception. */
  raisedById?: number | null;
  /** The representative whose QR code it was sent through. */
  addressedToRepId?: number | null;
}

/** A township's seated congress representatives: who may take an opinion, make a suggestion or carry a QR code. */
export function townReps(db: Db, townId: number) {
  return db.select().from(representative)
    .where(and(eq(representative.jurisdictionId, townId), eq(representative.body, 'congress'), eq(representative.status, 'seated')))
    .orderBy(asc(representative.name), asc(representative.id)).all();
}

/** A receipt no proposal and no opinion already carries (the random part makes a clash rare, not impossible). */
function freshReceipt(tx: Db, year: number, code: string, seq: number): string {
  for (;;) {
    const check = receiptCheck(Array.from({ length: RECEIPT_CHECK_LENGTH }, () => randomInt(RECEIPT_ALPHABET.length)));
    const r = formatReceipt(year, code, seq, check);
    const taken = tx.select({ id: proposal.id }).from(proposal).where(eq(proposal.receipt, r)).get()
      ?? tx.select({ id: opinionItem.id }).from(opinionItem).where(eq(opinionItem.receipt, r)).get();
    if (!taken) return r;
  }
}

/** Registers an opinion at one of the township's stations and gives it its receipt (a resident's own has no recorder). */
export function registerOpinion(db: Db, actor: Actor, town: Jurisdiction, input: StationOpinionInput, reg: Registration, now: Date): Result<OpinionItem> {
  return db.transaction((tx) => {
    const st = stationsFor(tx, town.id).find((s) => s.shortCode === input.station.toLowerCase());
    if (!st) return refuse('请选择本镇的站点', 'station');
    const reps = new Set(townReps(tx, town.id).map((r) => r.id));
    if (reg.raisedById != null && !reps.has(reg.raisedById)) return refuse('请选择本镇在册的人大代表', 'raisedById');
    if (reg.addressedToRepId != null && !reps.has(reg.addressedToRepId)) return refuse('该代表已不在册，留言未送出', 'station');
    const year = Number(chinaDateOf(now).slice(0, 4));
    const seq = (tx.select({ n: sql<number>`max(${opinionItem.seq})` }).from(opinionItem)
      .where(and(eq(opinionItem.jurisdictionId, town.id), eq(opinionItem.year, year))).get()?.n ?? 0) + 1;
    const receipt = freshReceipt(tx, year, town.code, seq);
    const row = tx.insert(opinionItem).values({
      jurisdictionId: town.id, year, seq, receipt, stationId: st.id, channel: reg.channel,
      raisedById: reg.raisedById ?? null, addressedToRepId: reg.addressedToRepId ?? null,
      recordedBy: reg.recordedBy, recordedAt: now, state: 'recorded',
      title: input.title, text: input.text, place: input.place, category: input.category,
      contactName: input.contactName, contactPhone: input.contactPhone, affected: null,
    }).returning().get();
    // The contact stays out of the audit log: it is read by the station only.
    recordAudit(tx, actor, {
      action: 'opinion.register', targetType: 'opinionItem', targetId: row.id, jurisdictionId: town.id,
      after: {
        receipt, stationId: st.id, channel: reg.channel, title: input.title, category: input.category, raisedById: row.raisedById,
        addressedToRepId: row.addressedToRepId, contactGiven: input.contactName !== '' || input.contactPhone !== '',
      },
    }, now);
    return ok(row);
  }, { behavior: 'immediate' });
}

export interface StationOpinionFilter {
  state?: OpinionState;
  stationId?: number;
  overdue?: boolean;
  /** Only what concerns these representatives: taken by them or addressed to them. */
  repIds?: number[];
  today: ChinaDate;
}

const effectiveDue = sql<string | null>`coalesce(${opinionItem.extendedTo}, ${opinionItem.dueOn})`;

function filterWhere(townId: number, f: StationOpinionFilter): SQL | undefined {
  const where: SQL[] = [eq(opinionItem.jurisdictionId, townId), isNotNull(opinionItem.stationId)];
  if (f.state) where.push(eq(opinionItem.state, f.state));
  if (f.stationId) where.push(eq(opinionItem.stationId, f.stationId));
  if (f.overdue) where.push(eq(opinionItem.state, 'referred'), sql`${effectiveDue} < ${f.today}`);
  if (f.repIds) {
    where.push(f.repIds.length ? or(inArray(opinionItem.raisedById, f.repIds), inArray(opinionItem.addressedToRepId, f.repIds))! : sql`0`);
  }
  return and(...where);
}

/** The station list for the clerk and the liaison (or a representative's own), newest first. */
export function listStationOpinions(db: Db, townId: number, f: StationOpinionFilter) {
  const addressed = alias(representative, 'addressed');
  return db.select({ item: opinionItem, station: station.name, raisedBy: representative.name, addressedTo: addressed.name })
    .from(opinionItem)
    .innerJoin(station, eq(station.id, opinionItem.stationId))
    .leftJoin(representative, eq(representative.id, opinionItem.raisedById))
    .leftJoin(addressed, eq(addressed.id, opinionItem.addressedToRepId))
    .where(filterWhere(townId, f)).orderBy(desc(opinionItem.year), desc(opinionItem.seq)).limit(500).all();
}

export function getStationOpinion(db: Db, townId: number, id: number): OpinionItem | undefined {
  return db.select().from(opinionItem)
    .where(and(eq(opinionItem.id, id), eq(opinionItem.jurisdictionId, townId), isNotNull(opinionItem.stationId))).get();
}

/** One opinion with every name its page shows, its follow-up notes, its suggestion and its proposal. */
export function stationOpinionDetail(db: Db, item: OpinionItem) {
  const recorder = alias(user, 'recorder');
  const addressed = alias(representative, 'addressed');
  const names = db.select({ station: station.name, stationCode: station.shortCode, raisedBy: representative.name, addressedTo: addressed.name, recordedBy: recorder.displayName })
    .from(opinionItem)
    .innerJoin(station, eq(station.id, opinionItem.stationId))
    .leftJoin(representative, eq(representative.id, opinionItem.raisedById))
    .leftJoin(addressed, eq(addressed.id, opinionItem.addressedToRepId))
    .leftJoin(recorder, eq(recorder.id, opinionItem.recordedBy))
    .where(eq(opinionItem.id, item.id)).get()!;
  const followUps = db.select({ note: opinionFollowUp.note, at: opinionFollowUp.at, by: user.displayName }).from(opinionFollowUp)
    .innerJoin(user, eq(user.id, opinionFollowUp.by))
    .where(eq(opinionFollowUp.opinionItemId, item.id)).orderBy(asc(opinionFollowUp.id)).all();
  const made = db.select({ s: suggestion, representative: representative.name }).from(suggestion)
    .innerJoin(representative, eq(representative.id, suggestion.representativeId))
    .where(eq(suggestion.opinionItemId, item.id)).get();
  const proposed = item.proposalId === null ? undefined : db.select({ id: proposal.id, receipt: proposal.receipt, title: proposal.title, poolReason: proposal.poolReason, cycleId: proposal.cycleId })
    .from(proposal).where(eq(proposal.id, item.proposalId)).get();
  return { ...names, followUps, suggestion: made, proposal: proposed };
}

/** The opinion a proposal was made from, for the proposal's page: the link back. */
export function opinionOfProposal(db: Db, proposalId: number) {
  return db.select({ id: opinionItem.id, title: opinionItem.title, year: opinionItem.year, seq: opinionItem.seq, receipt: opinionItem.receipt })
    .from(opinionItem).where(eq(opinionItem.proposalId, proposalId)).get();
}

type Step<T> = (tx: Db, item: OpinionItem) => Result<T>;

/** Reads the opinion inside the transaction, checks the step from its state there, runs it, and audits it. */
function step<T extends Partial<OpinionItem>>(
  db: Db, actor: Actor, town: Jurisdiction, id: number, name: Parameters<typeof checkStationStep>[1], change: Step<T>, now: Date,
): Result<OpinionItem> {
  return db.transaction((tx) => {
    const item = getStationOpinion(tx, town.id, id);
    if (!item) return refuse('该意见不存在');
    const to = checkStationStep(item.state, name);
    if (!to.ok) return to;
    const set = change(tx, item);
    if (!set.ok) return set;
    const row = tx.update(opinionItem).set({ ...set.value, state: to.value }).where(eq(opinionItem.id, item.id)).returning().get();
    recordAudit(tx, actor, {
      action: `opinion.${name}`, targetType: 'opinionItem', targetId: item.id, jurisdictionId: town.id,
      before: { state: item.state }, after: { state: row.state, ...set.value },
    }, now);
    return ok(row);
  });
}

/**
 * Answered on the spot by the station's staff, or by the representative a message was addressed to: the answer
 * the resident reads by receipt. `repIds` are the answering representative's rows (empty for staff).
 */
export function answerOpinion(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, answer: string, repIds: readonly number[] | null, now: Date) {
  return step(db, actor, town, id, 'answer', (_tx, item) => {
    if (repIds !== null && (item.addressedToRepId === null || !repIds.includes(item.addressedToRepId))) return refuse('只有收到留言的代表本人可以答复');
    if (!answer.trim()) return refuse('请填写答复内容', 'response');
    return ok({ response: answer, triagedAt: now, triagedBy: actor.id, repliedOn: chinaDateOf(now) });
  }, now);
}

export interface ReferInput { level: ReferralLevel; department: string; dueOn: string; note: string }

export function referOpinion(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, input: ReferInput, now: Date) {
  const today = chinaDateOf(now);
  return step(db, actor, town, id, 'refer', () => {
    if (!input.department.trim()) return refuse('请填写承办的机关或部门', 'department');
    const due = checkReferralDue(input.level, today, input.dueOn);
    if (!due.ok) return due;
    return ok({ referralLevel: input.level, department: input.department, dueOn: due.value, referredOn: today, response: input.note, triagedAt: now, triagedBy: actor.id });
  }, now);
}

/** The referring office's note on what it did to chase the answer (分级督查); the opinion stays referred. */
export function followUpOpinion(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, note: string, now: Date) {
  return step(db, actor, town, id, 'followUp', (tx, item) => {
    if (!note.trim()) return refuse('请填写督办情况', 'note');
    tx.insert(opinionFollowUp).values({ opinionItemId: item.id, note, by: actor.id, at: now }).run();
    return ok({});
  }, now);
}

export function extendReferral(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, input: { extendedTo: string; reason: string }, now: Date) {
  return step(db, actor, town, id, 'extend', (_tx, item) => {
    const r = checkReferralExtension(item, input.extendedTo, input.reason, chinaDateOf(now));
    if (!r.ok) return r;
    return ok({ extendedTo: r.value, extensionReason: input.reason });
  }, now);
}

/** The answer from the office the opinion was referred to, passed on to the resident. */
export function replyToResident(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, input: { reply: string; repliedOn: string }, now: Date) {
  return step(db, actor, town, id, 'reply', (_tx, item) => {
    if (!input.reply.trim()) return refuse('请填写给群众的答复', 'reply');
    const d = checkReplyDate(item, input.repliedOn, chinaDateOf(now));
    if (!d.ok) return d;
    return ok({ reply: input.reply, repliedOn: d.value });
  }, now);
}

export interface SuggestInput { representativeId: number; title: string; text: string; unitName: string; assignedOn: string }

/** A typical problem becomes a representative's suggestion (代表建议), answered within three months (seed 002 art. 24). */
export function suggestFromOpinion(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, input: SuggestInput, now: Date) {
  return step(db, actor, town, id, 'suggest', (tx, item) => {
    if (!townReps(tx, town.id).some((r) => r.id === input.representativeId)) return refuse('请选择本镇在册的人大代表', 'representativeId');
    const today = chinaDateOf(now);
    if (input.assignedOn > today || input.assignedOn < chinaDateOf(item.recordedAt)) return refuse('交办日期须在登记之后、今天之前', 'assignedOn');
    tx.insert(suggestion).values({
      opinionItemId: item.id, jurisdictionId: town.id, representativeId: input.representativeId, title: input.title, text: input.text,
      unitName: input.unitName, assignedOn: input.assignedOn, dueOn: dueDate(input.assignedOn), createdBy: actor.id, createdAt: now,
    }).run();
    return ok({ handedToRepId: input.representativeId });
  }, now);
}

export type ProposeInput = Omit<ProposalInput, 'place' | 'station' | 'lat' | 'lng' | 'source' | 'proposerName' | 'proposerPhone' | 'crossYear' | 'fundingSource' | 'beneficiaryCount'>;

/**
 * A livelihood project for the next cycle: a proposal of the cycle the public form serves today, through the same
 * data function (its receipt, timeline and audit); outside the collection window it lands in the reserve pool as
 * the public's own would. The opinion keeps the proposal's id; the proposal's page finds the opinion by it.
 */
export function proposeFromOpinion(db: Db, actor: Actor & { id: number }, town: Jurisdiction, id: number, input: ProposeInput, now: Date) {
  return db.transaction((tx) => {
    const { cycle, state } = collectionFor(tx, town.id, chinaDateOf(now));
    if (!cycle) return refuse('本镇还没有年度工作，暂不能转为项目建议');
    const poolReason = state.kind === 'open' ? undefined : poolReasonFor(state) ?? 'betweenWindows';
    let made: { id: number; receipt: string } | undefined;
    const r = step(tx, actor, town, id, 'propose', (inner, item) => {
      const st = stationsFor(inner, town.id).find((s) => s.id === item.stationId);
      const p = submitProposal(inner, actor, { cycle, jurisdiction: town }, {
        ...input, place: null, station: st?.shortCode ?? '', lat: null, lng: null, crossYear: false, fundingSource: '', beneficiaryCount: null,
        source: item.raisedById !== null ? 'representative' : 'public',
        proposerName: item.contactName || `民意登记 ${item.receipt ?? ''}`.trim(), proposerPhone: item.contactPhone,
      }, { entryChannel: 'paper', submittedBy: actor.id, poolReason }, now);
      if (!p.ok) return p;
      made = p.value;
      return ok({ proposalId: p.value.id });
    }, now);
    // Every refusal comes before submitProposal writes (the state, then its own checks): nothing to undo.
    return r.ok ? ok({ item: r.value, proposal: made!, pooled: poolReason !== undefined }) : r;
  }, { behavior: 'immediate' });
}

/** Referrals past their deadline in these townships: the clerk's home page. */
export function overdueReferrals(db: Db, townIds: readonly number[], today: ChinaDate) {
  if (!townIds.length) return [];
  return prepared(db, 'overdueReferrals', (db) => db.select({ id: opinionItem.id, title: opinionItem.title, year: opinionItem.year, seq: opinionItem.seq, jurisdictionId: opinionItem.jurisdictionId, dueOn: effectiveDue, department: opinionItem.department })
    .from(opinionItem)
    .where(and(inArray(opinionItem.jurisdictionId, idsIn('ids')), isNotNull(opinionItem.stationId), eq(opinionItem.state, 'referred'), sql`${effectiveDue} < ${sql.placeholder('today')}`))
    .orderBy(asc(effectiveDue)).prepare()).all({ ids: idList(townIds), today });
}

/** Messages sent through these representatives' QR codes still waiting for their answer: their home page. */
export function messagesAwaiting(db: Db, repIds: readonly number[]) {
  if (!repIds.length) return [];
  return prepared(db, 'messagesAwaiting', (db) => db.select({ id: opinionItem.id, title: opinionItem.title, jurisdictionId: opinionItem.jurisdictionId, recordedAt: opinionItem.recordedAt })
    .from(opinionItem).where(and(inArray(opinionItem.addressedToRepId, idsIn('ids')), eq(opinionItem.state, 'recorded')))
    .orderBy(asc(opinionItem.id)).prepare()).all({ ids: idList(repIds) });
}

/** What the public sees by receipt: never the contact, never the staff's names. */
export function trackOpinion(db: Db, receipt: string) {
  const row = db.select({ item: opinionItem, station: station.name, addressedTo: representative.name })
    .from(opinionItem).innerJoin(station, eq(station.id, opinionItem.stationId))
    .leftJoin(representative, eq(representative.id, opinionItem.addressedToRepId))
    .where(eq(opinionItem.receipt, receipt)).get();
  if (!row) return undefined;
  const i = row.item;
  return {
    receipt, title: i.title, text: i.text, station: row.station, addressedTo: row.addressedTo, recordedAt: i.recordedAt,
    referral: { state: i.state, referralLevel: i.referralLevel, referredOn: i.referredOn, dueOn: i.dueOn, extendedTo: i.extendedTo, repliedOn: i.repliedOn },
    answer: i.state === 'answered' ? i.response : i.state === 'replied' ? i.reply : '',
    answeredOn: i.repliedOn,
    due: effectiveReferralDue(i),
    proposalReceipt: i.proposalId === null ? null : db.select({ r: proposal.receipt }).from(proposal).where(eq(proposal.id, i.proposalId)).get()?.r ?? null,
  };
}
export type TrackedOpinion = NonNullable<ReturnType<typeof trackOpinion>>;

/** Which opinions exist with no answer yet, per state: the list's counts. */
export function stationStateCounts(db: Db, townId: number) {
  const rows = db.select({ state: opinionItem.state, n: sql<number>`count(*)` }).from(opinionItem)
    .where(and(eq(opinionItem.jurisdictionId, townId), isNotNull(opinionItem.stationId))).groupBy(opinionItem.state).all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Partial<Record<OpinionState, number>>;
}


export function opinionReceiptExists(db: Db, receipt: string): boolean {
  return db.select({ id: opinionItem.id }).from(opinionItem).where(eq(opinionItem.receipt, receipt)).get() !== undefined;
}
