import { createMiddleware } from 'hono/factory';
import { TrackNotFoundPage } from '../../../views/proposals/TrackPages';
import { getCandidate, type CandidateView } from '../../data/candidates';
import { trackProposal, type TrackedProposal } from '../../data/portal';
import { opinionReceiptExists } from '../../data/stationOpinions';
import { proposalDetail, type ProposalDetail } from '../../data/screening';
import { getStationByShortCode, getStationIn, type Station } from '../../data/stations';
import { normalizeReceipt } from '../../domain/receipt';
import type { AppEnv } from '../../env';
import { subject, idParam, type CycleEnv, type JurisdictionEnv } from './jurisdiction';

/** A request under /j/:code/cycles/:year/proposals/:proposalId: the proposal of that cycle (another cycle's is a 404). */
export type ProposalEnv = CycleEnv & { Variables: { proposal: ProposalDetail } };
/** A request under /j/:code/cycles/:year/candidates/:candidateId: the candidate of that cycle. */
export type CandidateEnv = CycleEnv & { Variables: { candidate: CandidateView } };
/** A request under /j/:code/stations/:stationId: a station of the jurisdiction or of its villages. */
export type StationEnv = JurisdictionEnv & { Variables: { station: Station } };
/** A request under /s/:shortCode: the station a poster's QR code names, wherever it is. */
export type StationLinkEnv = AppEnv & { Variables: { station: Station } };
/** A request under /track/:receipt or /receipt/:receipt: the proposal as the public may see it. */
export type TrackedEnv = AppEnv & { Variables: { tracked: TrackedProposal } };

export const proposalSubject = subject<ProposalEnv, 'proposal'>('proposal', (c) => proposalDetail(c.var.db, c.var.cycle.id, idParam(c.req.param('proposalId'))));

export const candidateSubject = subject<CandidateEnv, 'candidate'>('candidate', (c) => getCandidate(c.var.db, c.var.cycle.id, idParam(c.req.param('candidateId'))));

export const jurisdictionStationSubject = subject<StationEnv, 'station'>('station', (c) => getStationIn(c.var.db, c.var.jurisdiction.id, idParam(c.req.param('stationId'))));

/** Short codes are printed in lower case, but people type them as they like. */
export const stationLinkSubject = subject<StationLinkEnv, 'station'>('station', (c) => getStationByShortCode(c.var.db, (c.req.param('shortCode') ?? '').toLowerCase()));

/**
 * The receipt as typed: a non-canonical spelling (lower case, full-width, no zero padding) redirects to the
 * canonical address under `base`; an unknown one gets the tracking 404 with the lookup form, not the bare one.
 */
export function trackedSubject(base: '/track' | '/receipt') {
  return createMiddleware<TrackedEnv>(async (c, next) => {
    const typed = c.req.param('receipt') ?? '';
    const receipt = normalizeReceipt(typed);
    if (receipt && receipt !== typed) return c.redirect(`${base}/${receipt}`, 301);
    const t = receipt ? trackProposal(c.var.db, receipt) : undefined;
    // A station's opinion carries a receipt of the same shape: its own page answers it.
    if (!t && receipt && opinionReceiptExists(c.var.db, receipt)) return c.redirect(`/opinion/${receipt}`, 303);
    if (!t) {
      c.status(404);
      return c.render(<TrackNotFoundPage receipt={typed.slice(0, 40)} />, { title: '没有找到回执号' });
    }
    c.set('tracked', t);
    await next();
  });
}
