import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ScreeningPage } from '../../views/screening/ScreeningPage';
import { ScreeningQueuePage } from '../../views/screening/ScreeningQueuePage';
import { PROPOSAL_STATUSES, SCREENING_DECISIONS } from '../domain/vocabulary';
import { allow, can, userActor } from '../auth/authorize';
import {
  cycleProposals, decideScreening, eligibilityContext, duplicateSuggestions, evaluateProposal, eventsOf, finalProposalId, getProposalInCycle,
  isInCandidate, mergedMembers, mergeTargets, screeningHistory, statusCounts,
} from '../data/screening';
import { getSettings } from '../data/settings';
import { rulesToOverride } from '../domain/eligibility';
import { checkScreeningAllowed, REDIRECT_TARGETS } from '../domain/screening';
import { DUPLICATE_THRESHOLD, rankBySimilarity, THRESHOLD_CHOICES } from '../domain/similarity';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { ProposalEnv } from '../http/subjects/collection';
import type { CycleEnv } from '../http/subjects/jurisdiction';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import type { Db } from '../../db/client';
import { opinionOfProposal } from '../data/stationOpinions';
import { opinionNumber } from '../domain/opinionLabels';

/** Checkbox groups arrive as one string, several, or nothing. */
const many = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const decisionForm = z.object({
  decision: z.enum(SCREENING_DECISIONS, { error: '请选择审查结论' }),
  failedRules: many,
  explanation: trimmed(2000).default(''),
  overrideReason: trimmed(2000).default(''),
  redirectTarget: z.union([z.enum(REDIRECT_TARGETS), z.literal('')], { error: '请选择引导去向' }).optional()
    .transform((v) => (v ? v : undefined)),
  mergeIntoId: z.string().regex(/^\d*$/, '请从列表中选择').optional().transform((v) => (v ? Number(v) : undefined)),
});

const pageQuery = z.object({
  similarity: z.enum(THRESHOLD_CHOICES.map(String) as [string, ...string[]]).optional(),
});
const queueQuery = z.object({ status: z.enum(PROPOSAL_STATUSES).optional() });

function screeningPage(c: Context<ProposalEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle, proposal: d } = c.var;
  // The page comes back after a POST too: the threshold is read from the query, valid or the default.
  const threshold = Number(pageQuery.safeParse(c.req.query()).data?.similarity) || DUPLICATE_THRESHOLD;
  const inCandidate = isInCandidate(db, d.id);
  const allowed = checkScreeningAllowed({ phase: cycle.phase, listLocked: cycle.candidatesLockedAt !== null, inCandidate }, 'eligible');
  const target = d.mergedIntoId ? getProposalInCycle(db, cycle.id, d.mergedIntoId) : undefined;
  const finalId = finalProposalId(db, d.id);
  const final = finalId !== d.id ? getProposalInCycle(db, cycle.id, finalId) : undefined;
  return c.render(
    <ScreeningPage
      j={j} cycle={cycle} d={d} results={evaluateProposal(db, j, d)} settings={getSettings(db, j.id)}
      canEditSettings={can(c, 'settings.edit', j.id)} canScreen={can(c, 'proposal.screen', j.id)}
      blocked={allowed.ok ? undefined : allowed.error} inCandidate={inCandidate}
      mergedInto={target && { id: target.id, receipt: target.receipt, title: target.title, finalId, finalReceipt: final?.receipt ?? target.receipt }}
      members={mergedMembers(db, d.id)} duplicates={duplicateSuggestions(db, d, threshold)} threshold={threshold}
      mergeOptions={rankBySimilarity(d, mergeTargets(db, cycle.id, d.id))} history={screeningHistory(db, d.id)} events={eventsOf(db, d.id)}
      values={values} errors={errors} fromOpinion={fromOpinionLink(db, j.code, d.id)}
    />,
    { title: `资格审查 ${d.receipt}` },
  );
}

function fromOpinionLink(db: Db, code: string, proposalId: number) {
  const o = opinionOfProposal(db, proposalId);
  return o && { href: `/j/${code}/opinions/${o.id}`, number: opinionNumber(o.year, code, o.seq), title: o.title };
}

/** /j/:code/cycles/:year/screening — the queue: every proposal of the year with its automatic results. */
export const screening = new Hono<CycleEnv>()
  .get('/', allow('proposal.review'), validQuery(queueQuery), (c) => {
    const { db, jurisdiction: j, cycle } = c.var;
    const { status } = c.req.valid('query');
    const ctx = eligibilityContext(db, j);
    const rows = cycleProposals(db, cycle.id, status).map((p) => {
      const results = evaluateProposal(db, j, p, ctx);
      return { ...p, failed: results.filter((r) => r.outcome === 'fail').length, flagged: rulesToOverride(results).length - results.filter((r) => r.outcome === 'fail').length };
    });
    const allowed = checkScreeningAllowed({ phase: cycle.phase, listLocked: cycle.candidatesLockedAt !== null, inCandidate: false }, 'eligible');
    return c.render(
      <ScreeningQueuePage j={j} cycle={cycle} rows={rows} counts={statusCounts(db, cycle.id)} status={status}
        settings={getSettings(db, j.id)} canEditSettings={can(c, 'settings.edit', j.id)} blocked={allowed.ok ? undefined : allowed.error} />,
      { title: `资格审查 ${cycle.year}` },
    );
  });

/** /j/:code/cycles/:year/proposals/:proposalId — one proposal with its proposer, the rules, and the decision. */
export const screeningDecision = new Hono<ProposalEnv>()
  .get('/', allow('proposal.review'), validQuery(pageQuery), (c) => screeningPage(c))
  .post('/', allow('proposal.screen'), validForm(decisionForm, screeningPage), (c) => {
    const { db, jurisdiction: j, cycle, proposal: p } = c.var;
    const input = c.req.valid('form');
    const r = decideScreening(db, userActor(c), j, cycle.id, p.id, input, c.var.now());
    if (!r.ok) return refused(c, r, screeningPage, input);
    return redirectWithFlash(c, `/j/${j.code}/cycles/${cycle.year}/proposals/${p.id}`, '审查结论已保存，并已记入公开进度记录');
  });
