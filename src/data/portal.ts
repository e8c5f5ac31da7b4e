import type { RedirectTarget } from '../domain/vocabulary';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { candidate, candidateProposal, cycle, jurisdiction, proposal, proposalEvent, screening, station } from '../../db/schema';
import { maskName } from '../domain/privacy';
import { publicNumber } from '../domain/receipt';
import type { ProposalCategory, ProposalStatus } from '../domain/proposalLabels';
import type { Cycle } from './cycles';
import { placeLabel } from './proposals';

/**
 * What the public sees of proposals: the tracking page and the portal. Nothing here selects a phone number,
 * and the proposer's name leaves this module only masked (张**).
 */

const place = alias(jurisdiction, 'place');
const mergedTarget = alias(proposal, 'merged_target');

export interface Decision {
  decision: 'eligible' | 'ineligible' | 'merged' | 'redirected';
  explanation: string;
  redirectTarget: RedirectTarget | null;
  at: Date;
}

export function latestDecision(db: Db, proposalId: number): Decision | undefined {
  return db.select({ decision: screening.decision, explanation: screening.explanation, redirectTarget: screening.redirectTarget, at: screening.at })
    .from(screening).where(eq(screening.proposalId, proposalId)).orderBy(desc(screening.id)).limit(1).get();
}

function publicTimeline(db: Db, proposalId: number) {
  return db.select({ at: proposalEvent.at, kind: proposalEvent.kind, note: proposalEvent.note })
    .from(proposalEvent).where(eq(proposalEvent.proposalId, proposalId))
    .orderBy(asc(proposalEvent.at), asc(proposalEvent.id)).all();
}

function trackedRow(db: Db, where: SQL) {
  return db.select({
    id: proposal.id, receipt: proposal.receipt, title: proposal.title, description: proposal.description,
    category: proposal.category, estimatedCost: proposal.estimatedCost, fundingSource: proposal.fundingSource,
    fiscalSharePct: proposal.fiscalSharePct, beneficiaries: proposal.beneficiaries, beneficiaryCount: proposal.beneficiaryCount,
    durationMonths: proposal.durationMonths, crossYear: proposal.crossYear, proposerName: proposal.proposerName,
    source: proposal.source, entryChannel: proposal.entryChannel, status: proposal.status, mergedIntoId: proposal.mergedIntoId,
    createdAt: proposal.createdAt, placeName: placeLabel(place.name), stationName: station.name,
    year: cycle.year, candidatesLockedAt: cycle.candidatesLockedAt, poolReason: proposal.poolReason,
    jurisdictionCode: jurisdiction.code, jurisdictionName: jurisdiction.name, jurisdictionKind: jurisdiction.kind,
  }).from(proposal)
    .innerJoin(cycle, eq(cycle.id, proposal.cycleId))
    .innerJoin(jurisdiction, eq(jurisdiction.id, cycle.jurisdictionId))
    .leftJoin(place, eq(place.id, proposal.placeId))
    .leftJoin(station, eq(station.id, proposal.stationId))
    .where(where).get();
}

/** The candidate a proposal became, once the presidium has approved (locked) the list. */
function approvedCandidate(db: Db, proposalId: number) {
  return db.select({ title: candidate.title }).from(candidateProposal)
    .innerJoin(candidate, eq(candidate.id, candidateProposal.candidateId))
    .innerJoin(cycle, eq(cycle.id, candidate.cycleId))
    .where(and(eq(candidateProposal.proposalId, proposalId), sql`${cycle.candidatesLockedAt} is not null`)).get();
}

export function trackProposal(db: Db, receipt: string) {
  const row = trackedRow(db, eq(proposal.receipt, receipt));
  if (!row) return undefined;
  const { proposerName, mergedIntoId, candidatesLockedAt: _locked, ...rest } = row;
  // A merged proposal lives on in the item it was merged into (possibly merged again): follow to the end.
  let merged: { receipt: string; title: string; status: ProposalStatus; decision?: Decision; candidateTitle?: string } | undefined;
  let firstHop: string | undefined;
  const seen = new Set([row.id]);
  let next = mergedIntoId;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    const target = db.select({ id: proposal.id, receipt: proposal.receipt, title: proposal.title, status: proposal.status, mergedIntoId: proposal.mergedIntoId })
      .from(proposal).where(eq(proposal.id, next)).get();
    if (!target) break;
    firstHop ??= target.receipt;
    merged = {
      receipt: target.receipt, title: target.title, status: target.status,
      decision: latestDecision(db, target.id), candidateTitle: approvedCandidate(db, target.id)?.title,
    };
    next = target.mergedIntoId;
  }
  return {
    ...rest,
    proposerMasked: maskName(proposerName),
    events: publicTimeline(db, row.id),
    decision: latestDecision(db, row.id),
    candidateTitle: approvedCandidate(db, row.id)?.title,
    // The latest move out of the reserve pool: 已列入2028年度候选项目 / 已从项目储备库转入2028年度项目征集…
    nomination: rest.poolReason ? undefined : db.select({ note: proposalEvent.note }).from(proposalEvent)
      .where(and(eq(proposalEvent.proposalId, row.id), eq(proposalEvent.kind, 'nominated'))).orderBy(desc(proposalEvent.id)).get()?.note,
    mergedIntoReceipt: firstHop,
    merged,
  };
}

export type TrackedProposal = NonNullable<ReturnType<typeof trackProposal>>;

export interface PortalFilter { status?: ProposalStatus; category?: ProposalCategory }

/** The portal's list: every submission of a cycle with its status and public reason, no personal data. */
export function publicProposals(db: Db, cycleId: number, f: PortalFilter, page: { page: number; pageSize: number }) {
  const where: SQL[] = [eq(proposal.cycleId, cycleId)];
  if (f.status) where.push(eq(proposal.status, f.status));
  if (f.category) where.push(eq(proposal.category, f.category));
  const cond = and(...where);
  const total = db.select({ n: sql<number>`count(*)` }).from(proposal).where(cond).get()?.n ?? 0;
  const rows = db.select({
    receipt: proposal.receipt, title: proposal.title, category: proposal.category, estimatedCost: proposal.estimatedCost,
    status: proposal.status, proposerName: proposal.proposerName, source: proposal.source, createdAt: proposal.createdAt,
    placeName: placeLabel(place.name), mergedIntoReceipt: mergedTarget.receipt, personalMatter: proposal.personalMatter,
    explanation: sql<string | null>`(select s.explanation from screening s where s.proposal_id = ${proposal.id} order by s.id desc limit 1)`,
  }).from(proposal)
    .leftJoin(place, eq(place.id, proposal.placeId))
    .leftJoin(mergedTarget, eq(mergedTarget.id, proposal.mergedIntoId))
    .where(cond).orderBy(asc(proposal.seq))
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).all();
  // The list publishes each proposal's public number, never its whole receipt: the tracking page (description,
  // timeline) stays with the proposer, so nobody walks from this list to every resident's text.
  return {
    total,
    rows: rows.map(({ proposerName, receipt, mergedIntoReceipt, personalMatter, ...r }) => {
      const row = { ...r, number: publicNumber(receipt), mergedIntoNumber: mergedIntoReceipt === null ? null : publicNumber(mergedIntoReceipt), proposerMasked: maskName(proposerName) };
      // A personal matter is published minimal: its masked title and status only, no place, name or explanation.
      return personalMatter ? { ...row, placeName: null, proposerMasked: '', explanation: null } : row;
    }),
  };
}

export type PortalRow = ReturnType<typeof publicProposals>['rows'][number];

/** The approved candidate list, or null while the presidium has not approved (locked) it. */
export function publicCandidates(db: Db, c: Cycle) {
  if (!c.candidatesLockedAt) return null;
  const rows = db.select({
    id: candidate.id, title: candidate.title, description: candidate.description, budget: candidate.budget,
    unitName: candidate.unitName, leadOfficial: candidate.leadOfficial, startDate: candidate.startDate,
    endDate: candidate.endDate, crossYear: candidate.crossYear,
  }).from(candidate).where(eq(candidate.cycleId, c.id)).orderBy(asc(candidate.position), asc(candidate.id)).all();
  const links = rows.length
    ? db.select({ candidateId: candidateProposal.candidateId, receipt: proposal.receipt }).from(candidateProposal)
      .innerJoin(proposal, eq(proposal.id, candidateProposal.proposalId))
      .where(inArray(candidateProposal.candidateId, rows.map((r) => r.id))).orderBy(asc(proposal.seq)).all()
    : [];
  return {
    lockedAt: c.candidatesLockedAt,
    seatsToFill: c.seatsToFill,
    candidates: rows.map((r) => ({ ...r, numbers: links.filter((l) => l.candidateId === r.id).map((l) => publicNumber(l.receipt)) })),
  };
}
