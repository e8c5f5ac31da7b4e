import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ScreeningPage } from '../../views/screening/ScreeningPage';
import { ScreeningQueuePage } from '../../views/screening/ScreeningQueuePage';
import { PROPOSAL_STATUSES, SCREENING_DECISIONS } from '../domain/vocabulary';
import { actorOf, authorize, can, jurisdictionParam, notFound } from '../auth/authorize';
import { getCycle, type Cycle } from '../data/cycles';
import type { Jurisdiction } from '../data/jurisdictions';
import {
  cycleProposals, decideScreening, eligibilityContext, duplicateSuggestions, evaluateProposal, eventsOf, finalProposalId, getProposalInCycle,
  isInCandidate, mergedMembers, mergeTargets, proposalDetail, screeningHistory, statusCounts,
} from '../data/screening';
import { getSettings } from '../data/settings';
import { rulesToOverride } from '../domain/eligibility';
import { checkScreeningAllowed, REDIRECT_TARGETS } from '../domain/screening';
import { DUPLICATE_THRESHOLD, THRESHOLD_CHOICES } from '../domain/similarity';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

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

function cycleParam(c: Context<AppEnv>, j: Jurisdiction): Cycle {
  return getCycle(c.get('db'), j.id, Number(c.req.param('year'))) ?? notFound();
}

function screeningPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const db = c.get('db');
  const j = jurisdictionParam(c);
  authorize(c, 'proposal.review', j.id);
  const cycle = cycleParam(c, j);
  const d = proposalDetail(db, cycle.id, Number(c.req.param('id'))) ?? notFound();
  const threshold = Number(c.req.query('similarity') ?? '') || DUPLICATE_THRESHOLD;
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
      mergeOptions={mergeTargets(db, cycle.id, d.id)} history={screeningHistory(db, d.id)} events={eventsOf(db, d.id)}
      values={values} errors={errors}
    />,
    { title: `资格审查 ${d.receipt}` },
  );
}

export const screening = new Hono<AppEnv>()
  .get('/j/:code/cycles/:year{[0-9]{4}}/screening', validQuery(queueQuery), (c) => {
    const db = c.get('db');
    const j = jurisdictionParam(c);
    authorize(c, 'proposal.review', j.id);
    const cycle = cycleParam(c, j);
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
  })
  .get('/j/:code/cycles/:year{[0-9]{4}}/proposals/:id{[0-9]+}', validQuery(pageQuery), (c) => screeningPage(c))
  .post('/j/:code/cycles/:year{[0-9]{4}}/proposals/:id{[0-9]+}',
    validForm(decisionForm, (c, values, errors) => {
      authorize(c, 'proposal.screen', jurisdictionParam(c).id);
      return screeningPage(c, values, errors);
    }),
    (c) => {
      const j = jurisdictionParam(c);
      const me = authorize(c, 'proposal.screen', j.id);
      const cycle = cycleParam(c, j);
      const id = Number(c.req.param('id'));
      if (!getProposalInCycle(c.get('db'), cycle.id, id)) notFound();
      const form = c.req.valid('form');
      const result = decideScreening(c.get('db'), { ...actorOf(c), id: me.id }, j, cycle.id, id, form, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return screeningPage(c, {
          decision: form.decision, failedRules: form.failedRules.join(','), explanation: form.explanation, overrideReason: form.overrideReason,
          redirectTarget: form.redirectTarget, mergeIntoId: form.mergeIntoId === undefined ? '' : String(form.mergeIntoId),
        }, result.errors);
      }
      flash(c, '审查结论已保存，并已记入公开进度记录');
      return c.redirect(`/j/${j.code}/cycles/${cycle.year}/proposals/${id}`, 303);
    });
