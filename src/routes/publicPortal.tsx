import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PortalPage } from '../../views/portal/PortalPage';
import { collectionFor, collectionSummary } from '../data/collection';
import { collectionState } from '../domain/collection';
import { cyclesOf, type Cycle } from '../data/cycles';
import { publicCandidates, publicProposals } from '../data/portal';
import { emblemVersion } from '../data/emblems';
import { portalResults } from '../data/portalResults';
import { countByStatus } from '../data/proposals';
import { residentActions } from '../domain/portalTimeline';
import { chinaDateOf } from '../domain/chinaDate';
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from '../domain/proposalLabels';
import type { CycleEnv, JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validQuery } from '../http/validate';

// 40 items with their reasons stay well under 100 KB, readable on a phone over a weak connection.
export const PORTAL_PAGE_SIZE = 40;

const portalQuery = z.object({
  status: z.union([z.enum(PROPOSAL_STATUSES), z.literal('')]).optional(),
  category: z.union([z.enum(PROPOSAL_CATEGORIES), z.literal('')]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
type PortalQuery = z.output<typeof portalQuery>;

/** The collection summary is published once the cycle's window has closed (or the cycle moved on). */
function windowOver(cy: Cycle, now: Date): boolean {
  const kind = collectionState(cy, chinaDateOf(now)).kind;
  return kind === 'closed' || (kind === 'phaseOver' && cy.collectionOpens !== null);
}

/** The portal of the year `choose` picks among the jurisdiction's cycles (newest first), with links to every year. */
function portalPage<E extends JurisdictionEnv>(c: Context<E>, q: PortalQuery, choose: (cycles: Cycle[]) => Cycle | undefined) {
  const { db, jurisdiction: j } = c.var;
  const cycles = cyclesOf(db, j.id);
  const cycle = choose(cycles);
  const years = cycles.map((cy) => cy.year);
  const status = q.status || undefined;
  const category = q.category || undefined;
  const page = q.page ?? 1;
  const collection = collectionFor(db, j.id, chinaDateOf(c.var.now()));
  const results = cycle ? portalResults(db, j.id, cycle) : null;
  const actions = residentActions(cycle?.phase ?? 'collection', {
    // Only the latest year's window counts: an older year's portal must not offer the form.
    collectionOpen: collection.state.kind === 'open' && collection.cycle?.id === cycle?.id, resultsPublished: results !== null,
  });
  const list = cycle ? publicProposals(db, cycle.id, { status, category }, { page, pageSize: PORTAL_PAGE_SIZE }) : { total: 0, rows: [] };
  return c.render(
    <PortalPage
      town={{ code: j.code, name: j.name, kind: j.kind }} year={cycle?.year} phase={cycle?.phase} years={years}
      collection={{ state: collection.state, year: collection.cycle?.year }}
      counts={cycle ? countByStatus(db, cycle.id) : {}} status={status} category={category}
      rows={list.rows} page={page} pageSize={PORTAL_PAGE_SIZE} total={list.total}
      candidates={cycle ? publicCandidates(db, cycle) : null}
      results={results} actions={actions} emblem={emblemVersion(db, j.id)}
      summary={cycle && windowOver(cycle, c.var.now()) ? collectionSummary(db, cycle.id) : undefined}
      closeNotice={cycle?.collectionCloseNotice || undefined}
    />,
    { title: `${j.name}${cycle ? ` ${cycle.year} 年度` : ''}民生实事项目` },
  );
}

/** /p/:code — the public portal of the latest year (no login); the form lives at /p/:code/propose. */
export const publicPortal = new Hono<JurisdictionEnv>()
  .get('/', validQuery(portalQuery), (c) => portalPage(c, c.req.valid('query'), (cycles) => cycles[0]));

/** /p/:code/:year — the portal of one year: every submission with its status and reasons, and the approved candidates. */
export const publicYear = new Hono<CycleEnv>()
  .get('/', validQuery(portalQuery), (c) => portalPage(c, c.req.valid('query'), () => c.var.cycle));
