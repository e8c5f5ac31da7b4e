import { personalGuidance } from '../domain/personalMatter';
import type { PersonalMatter } from '../domain/vocabulary';
import { addToPool } from './pool';
import type { PoolReason } from '../domain/vocabulary';
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { idList, idsIn, prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, proposal, proposalEvent, station } from '../../db/schema';
import { randomInt } from 'node:crypto';
import { formatReceipt, RECEIPT_ALPHABET, RECEIPT_CHECK_LENGTH, receiptCheck } from '../domain/receipt';
import { chinaDateOf } from '../domain/chinaDate';
import { checkImportAllowed } from '../domain/collection';
import { decodeUpload } from '../domain/csv';
import { parseProposalCsv, type CsvIssue } from '../domain/proposalCsv';
import {
  submittedNote, wholeAreaLabel, type EntryChannel, type ProposalCategory, type ProposalSource, type ProposalStatus,
} from '../domain/proposalLabels';
import { OUTSIDE_AREA, type ProposalInput } from '../domain/proposalInput';
import { recordAudit, type Actor } from './audit';
import type { Cycle } from './cycles';
import { descendantIds, type Jurisdiction } from './jurisdictions';
import { contains } from './sql';
import { ok, refuse, type Refusal, type Result } from '../domain/result';

/** The place as people read it: the village/community, '本辖区以外' for an item placed outside, null = the whole area. */
export function placeLabel(placeName: SQL | AnySQLiteColumn) {
  return sql<string | null>`case when ${proposal.outsideArea} then '本辖区以外' else ${placeName} end`;
}


export type Proposal = typeof proposal.$inferSelect;

/** Where a proposal goes: the cycle, and its jurisdiction (whose code is part of the receipt). */
export interface Target { cycle: Cycle; jurisdiction: Jurisdiction }

export interface SubmissionMeta {
  entryChannel: EntryChannel;
  /** The logged-in person who entered it (a representative, a clerk typing a paper form), or null for the public. */
  submittedBy: number | null;
  /** Sent outside the collection window: kept in the reserve pool for a later year. */
  poolReason?: PoolReason;
  /** Sent on the personal path (个人事项): stored redirected at once, with where to take it on the timeline. */
  personalMatter?: PersonalMatter;
}


/** The villages/communities a proposal may name: the jurisdiction's active children. */
export function placesOf(db: Db, jurisdictionId: number): { id: number; name: string }[] {
  // The intake list's filter and every proposal form ask.
  return prepared(db, 'placesOf', (db) => db.select({ id: jurisdiction.id, name: jurisdiction.name }).from(jurisdiction)
    .where(and(eq(jurisdiction.parentId, sql.placeholder('jurisdictionId')), eq(jurisdiction.active, true)))
    .orderBy(asc(jurisdiction.id)).prepare()).all({ jurisdictionId });
}

/** Active stations in the jurisdiction and its villages/communities: the entry points residents may name. */
export function stationsFor(db: Db, jurisdictionId: number) {
  return prepared(db, 'stationsFor', (db) => db.select().from(station)
    .where(and(inArray(station.jurisdictionId, idsIn('ids')), eq(station.active, true)))
    .orderBy(asc(station.jurisdictionId), asc(station.id)).prepare()).all({ ids: idList(descendantIds(db, jurisdictionId)) });
}

type Refs = { placeId: number | null; outsideArea: boolean; station: { id: number; name: string } | null };

/** The place and station named by the input, checked against the jurisdiction (a form can be forged). */
function resolveRefs(db: Db, jurisdictionId: number, input: Pick<ProposalInput, 'place' | 'station'>): Result<Refs> {
  const outsideArea = input.place === OUTSIDE_AREA;
  const placeId = input.place === OUTSIDE_AREA ? null : input.place;
  if (placeId !== null && !placesOf(db, jurisdictionId).some((p) => p.id === placeId)) {
    return refuse('请从列表中选择本辖区的村/社区', 'place');
  }
  if (!input.station) return ok({ placeId, outsideArea, station: null });
  const s = stationsFor(db, jurisdictionId).find((x) => x.shortCode === input.station);
  if (!s) return refuse('该站点不属于本辖区或已停用，请重新选择', 'station');
  return ok({ placeId, outsideArea, station: { id: s.id, name: s.name } });
}

/**
 * Inserts the proposal with the next receipt of its cycle and the first event of its timeline. Call inside a
 * transaction that holds the write lock (submitProposal does), so two submissions never take the same number.
 */
export function insertProposal(
  tx: Db, target: Target, input: Omit<ProposalInput, 'place' | 'station'> & { placeId: number | null; outsideArea?: boolean; station: { id: number; name: string } | null },
  meta: SubmissionMeta, now: Date,
): { id: number; receipt: string } {
  const seq = (tx.select({ n: sql<number>`coalesce(max(${proposal.seq}), 0)` }).from(proposal)
    .where(eq(proposal.cycleId, target.cycle.id)).get()?.n ?? 0) + 1;
  const check = receiptCheck(Array.from({ length: RECEIPT_CHECK_LENGTH }, () => randomInt(RECEIPT_ALPHABET.length)));
  const receipt = formatReceipt(target.cycle.year, target.jurisdiction.code, seq, check);
  const { placeId, station: st, ...fields } = input;
  const row = tx.insert(proposal).values({
    ...fields, cycleId: target.cycle.id, receipt, seq, placeId, stationId: st?.id ?? null,
    entryChannel: meta.entryChannel, submittedBy: meta.submittedBy, createdAt: now,
    status: meta.personalMatter ? 'redirected' : 'submitted', personalMatter: meta.personalMatter ?? null,
  }).returning({ id: proposal.id }).get();
  tx.insert(proposalEvent).values({
    proposalId: row.id, at: now, actorId: meta.submittedBy, kind: 'submitted',
    note: submittedNote(meta.entryChannel, input.source, st?.name ?? null, meta.submittedBy !== null),
  }).run();
  return { id: row.id, receipt };
}

/** One proposal from any entry path: checked, numbered, its timeline started and audited, in one transaction. */
export function submitProposal(db: Db, actor: Actor, target: Target, input: ProposalInput, meta: SubmissionMeta, now: Date): Result<{ id: number; receipt: string }> {
  // 'immediate' takes the write lock before reading the last sequence number: no two writers read the same one.
  return db.transaction((tx) => {
    const refs = resolveRefs(tx, target.jurisdiction.id, input);
    if (!refs.ok) return refs;
    const made = insertProposal(tx, target, { ...input, ...refs.value }, meta, now);
    if (meta.personalMatter) {
      tx.insert(proposalEvent).values({ proposalId: made.id, at: now, actorId: meta.submittedBy, kind: 'redirected', note: personalGuidance(meta.personalMatter) }).run();
    }
    if (meta.poolReason) addToPool(tx, { ...actor, id: meta.submittedBy }, made.id, meta.poolReason, target.jurisdiction.id, now);
    recordAudit(tx, actor, {
      action: 'proposal.submit', targetType: 'proposal', targetId: made.id, jurisdictionId: target.jurisdiction.id,
      after: { receipt: made.receipt, title: input.title, source: input.source, personalMatter: meta.personalMatter, entryChannel: meta.entryChannel, stationId: refs.value.station?.id ?? null },
    }, now);
    return ok(made);
  }, { behavior: 'immediate' });
}

/** A refused import names the spreadsheet row (the header is row 1) as well as the column's field. */
export type ImportRefusal = Refusal & { row: number };
export type ImportResult = { ok: true; value: string[] } | ImportRefusal;

/** A whole spreadsheet in one transaction: every row lands, or (on any bad reference) none does. The receipts, in order. */
export function importProposals(db: Db, actor: Actor, target: Target, rows: ProposalInput[], submittedBy: number, now: Date): ImportResult {
  return db.transaction((tx) => {
    // Check every row's references before the first insert: nothing is written unless all are good.
    const resolved = [];
    for (const [i, input] of rows.entries()) {
      const refs = resolveRefs(tx, target.jurisdiction.id, input);
      if (!refs.ok) return { ...refs, row: i + 2 };
      resolved.push({ ...input, ...refs.value });
    }
    const receipts = resolved.map((r) => insertProposal(tx, target, r, { entryChannel: 'import', submittedBy }, now).receipt);
    recordAudit(tx, actor, {
      action: 'proposal.import', targetType: 'cycle', targetId: target.cycle.id, jurisdictionId: target.jurisdiction.id,
      after: { count: receipts.length, first: receipts[0], last: receipts.at(-1) },
    }, now);
    return ok(receipts);
  }, { behavior: 'immediate' });
}

/** Every problem of an uploaded file, by spreadsheet row and column; `error` is the first of them. */
export type FileRefusal = Refusal & { issues: CsvIssue[] };

function refuseFile(issues: CsvIssue[]): FileRefusal {
  return { ...refuse(issues[0]?.message ?? '', 'file'), issues };
}

/**
 * A spreadsheet as uploaded (批量导入): while clerks may still enter proposals, readable (UTF-8, or the GBK that
 * Excel writes), every row valid and every reference this jurisdiction's — then all rows at once. The receipts.
 */
export function importProposalFile(
  db: Db, actor: Actor & { id: number }, target: Target, bytes: Uint8Array, now: Date,
): { ok: true; value: string[] } | FileRefusal {
  const allowed = checkImportAllowed(target.cycle, chinaDateOf(now));
  if (!allowed.ok) return refuseFile([{ row: null, column: null, message: allowed.error }]);
  const text = decodeUpload(bytes);
  if (text === null) {
    return refuseFile([{ row: null, column: null, message: '无法读取该文件：请上传 CSV 文件（Excel/WPS 中“另存为”→“CSV UTF-8”），不要直接上传 .xlsx' }]);
  }
  const j = target.jurisdiction;
  const parsed = parseProposalCsv(text, { places: placesOf(db, j.id), stationCodes: stationsFor(db, j.id).map((s) => s.shortCode), wholeArea: wholeAreaLabel(j.kind) });
  if (!parsed.ok) return refuseFile(parsed.issues);
  const r = importProposals(db, actor, target, parsed.rows, actor.id, now);
  return r.ok ? r : refuseFile([{ row: r.row, column: null, message: r.error }]);
}

export function getByReceipt(db: Db, receipt: string): Proposal | undefined {
  return db.select().from(proposal).where(eq(proposal.receipt, receipt)).get();
}

export function getProposal(db: Db, id: number): Proposal | undefined {
  return db.select().from(proposal).where(eq(proposal.id, id)).get();
}

// ------------------------------------------------------------------ the clerk's intake list

export const SORTS = ['new', 'old', 'costDesc', 'costAsc', 'receipt'] as const;
export type SortKey = (typeof SORTS)[number];

export interface ProposalFilter {
  status?: ProposalStatus;
  category?: ProposalCategory;
  /** A village/community id, or 'none' for proposals about the whole township. */
  place?: number | 'none';
  source?: ProposalSource;
  costMin?: number;
  costMax?: number;
  q?: string;
  sort: SortKey;
}

/**
 * Search within one cycle: every word must appear in the title, description, receipt or proposer. The cycle holds a
 * few hundred proposals, found by its index first, so each is matched directly (LIKE, case-insensitive for Latin
 * letters as the trigram index was); a full-text lookup per row costs more than that, and a full-text list of every
 * match in every township and year grows with the province.
 */
function searchCondition(q: string): SQL | undefined {
  const terms = q.split(/\s+/).filter(Boolean).slice(0, 8);
  if (terms.length === 0) return undefined;
  return and(...terms.map((term) => or(contains(proposal.title, term), contains(proposal.description, term), contains(proposal.receipt, term), contains(proposal.proposerName, term))!));
}

/** How a filter's value enters the SQL: as itself, or as a named placeholder of a kept statement. */
type Bind = <T>(name: string, value: T) => T;
const asValue: Bind = (_name, value) => value;
const asPlaceholder: Bind = (name) => sql.placeholder(name) as never;

function filterCondition(cycleId: number, f: Omit<ProposalFilter, 'sort'>, bind: Bind = asValue): SQL {
  const where: SQL[] = [eq(proposal.cycleId, bind('cycleId', cycleId))];
  if (f.status) where.push(eq(proposal.status, bind('status', f.status)));
  if (f.category) where.push(eq(proposal.category, bind('category', f.category)));
  if (f.place === 'none') where.push(isNull(proposal.placeId));
  else if (f.place !== undefined) where.push(eq(proposal.placeId, bind('place', f.place)));
  if (f.source) where.push(eq(proposal.source, bind('source', f.source)));
  if (f.costMin !== undefined) where.push(gte(proposal.estimatedCost, bind('costMin', f.costMin)));
  if (f.costMax !== undefined) where.push(lte(proposal.estimatedCost, bind('costMax', f.costMax)));
  if (f.q) {
    const s = searchCondition(f.q);
    if (s) where.push(s);
  }
  return and(...where)!;
}

const ORDER: Record<SortKey, SQL[]> = {
  new: [desc(proposal.createdAt), desc(proposal.id)],
  old: [asc(proposal.createdAt), asc(proposal.id)],
  costDesc: [desc(proposal.estimatedCost), asc(proposal.id)],
  costAsc: [asc(proposal.estimatedCost), asc(proposal.id)],
  receipt: [asc(proposal.seq)],
};

const place = alias(jurisdiction, 'place');

function staffRows(db: Db, cond: SQL, sort: SortKey) {
  return db.select({
    id: proposal.id, receipt: proposal.receipt, title: proposal.title, description: proposal.description,
    category: proposal.category, estimatedCost: proposal.estimatedCost, fundingSource: proposal.fundingSource,
    fiscalSharePct: proposal.fiscalSharePct, beneficiaries: proposal.beneficiaries, beneficiaryCount: proposal.beneficiaryCount,
    durationMonths: proposal.durationMonths, crossYear: proposal.crossYear, proposerName: proposal.proposerName,
    proposerPhone: proposal.proposerPhone, source: proposal.source, entryChannel: proposal.entryChannel,
    status: proposal.status, createdAt: proposal.createdAt, lat: proposal.lat, lng: proposal.lng,
    placeName: placeLabel(place.name), stationName: station.name, personalMatter: proposal.personalMatter,
  }).from(proposal)
    .leftJoin(place, eq(place.id, proposal.placeId))
    .leftJoin(station, eq(station.id, proposal.stationId))
    .where(cond).orderBy(...ORDER[sort]);
}

export type IntakeRow = Awaited<ReturnType<ReturnType<typeof staffRows>['all']>>[number];

export function listProposals(db: Db, cycleId: number, f: ProposalFilter, page: { page: number; pageSize: number }) {
  if (f.q) {
    // A search's words vary in number: built for each request.
    const cond = filterCondition(cycleId, f);
    const total = db.select({ n: sql<number>`count(*)` }).from(proposal).where(cond).get()?.n ?? 0;
    const rows = staffRows(db, cond, f.sort).limit(page.pageSize).offset((page.page - 1) * page.pageSize).all();
    return { total, rows };
  }
  // The clerk's list without a search: one pair of kept statements per combination of filters and order, the
  // same conditions with each value a placeholder.
  const shape = [f.sort, f.status && 's', f.category && 'c', f.place === 'none' ? 'p0' : f.place !== undefined && 'p', f.source && 'o',
    f.costMin !== undefined && 'min', f.costMax !== undefined && 'max'].filter(Boolean).join(',');
  const cond = () => filterCondition(cycleId, f, asPlaceholder);
  const values = {
    cycleId, status: f.status, category: f.category, place: f.place, source: f.source, costMin: f.costMin, costMax: f.costMax,
    limit: page.pageSize, offset: (page.page - 1) * page.pageSize,
  };
  const total = prepared(db, `proposalCount:${shape}`, (db) => db.select({ n: sql<number>`count(*)` }).from(proposal).where(cond()).prepare())
    .get(values)?.n ?? 0;
  const rows = prepared(db, `proposalPage:${shape}`, (db) => staffRows(db, cond(), f.sort)
    .limit(sql.placeholder('limit')).offset(sql.placeholder('offset')).prepare()).all(values);
  return { total, rows };
}

/** Every row the filter matches, for the CSV export. It carries phone numbers: who exported what is on record. */
export function exportProposals(db: Db, actor: Actor, target: Target, f: ProposalFilter, now: Date): IntakeRow[] {
  const rows = staffRows(db, filterCondition(target.cycle.id, f), f.sort).all();
  recordAudit(db, actor, {
    action: 'proposal.export', targetType: 'cycle', targetId: target.cycle.id, jurisdictionId: target.jurisdiction.id,
    after: { rows: rows.length, filter: f },
  }, now);
  return rows;
}

export function countByStatus(db: Db, cycleId: number): Partial<Record<ProposalStatus, number>> {
  const rows = db.select({ status: proposal.status, n: sql<number>`count(*)` }).from(proposal)
    .where(eq(proposal.cycleId, cycleId)).groupBy(proposal.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
