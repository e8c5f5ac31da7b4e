import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PortalPage } from '../../views/portal/PortalPage';
import { notFound } from '../auth/authorize';
import { collectionFor } from '../data/collection';
import { cyclesOf, type Cycle } from '../data/cycles';
import type { Jurisdiction } from '../data/jurisdictions';
import { publicCandidates, publicProposals } from '../data/portal';
import { countByStatus } from '../data/proposals';
import { chinaDateOf } from '../domain/chinaDate';
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from '../domain/proposalLabels';
import type { AppEnv } from '../env';
import { validQuery } from '../http/validate';
import { propose, publicTown } from './propose';
import { tracking } from './tracking';

// 40 items with their reasons stay well under 100 KB, readable on a phone over a weak connection.
export const PORTAL_PAGE_SIZE = 40;

const portalQuery = z.object({
  status: z.union([z.enum(PROPOSAL_STATUSES), z.literal('')]).optional(),
  category: z.union([z.enum(PROPOSAL_CATEGORIES), z.literal('')]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

function portalPage(c: Context<AppEnv>, j: Jurisdiction, cycle: Cycle | undefined, years: number[]) {
  const db = c.get('db');
  const q = c.req.valid('query' as never) as z.output<typeof portalQuery>;
  const status = q.status || undefined;
  const category = q.category || undefined;
  const page = q.page ?? 1;
  const collection = collectionFor(db, j.id, chinaDateOf(c.get('now')()));
  const list = cycle ? publicProposals(db, cycle.id, { status, category }, { page, pageSize: PORTAL_PAGE_SIZE }) : { total: 0, rows: [] };
  return c.render(
    <PortalPage
      town={{ code: j.code, name: j.name, kind: j.kind }} year={cycle?.year} phase={cycle?.phase} years={years}
      collection={{ state: collection.state, year: collection.cycle?.year }}
      counts={cycle ? countByStatus(db, cycle.id) : {}} status={status} category={category}
      rows={list.rows} page={page} pageSize={PORTAL_PAGE_SIZE} total={list.total}
      candidates={cycle ? publicCandidates(db, cycle) : null}
    />,
    { title: `${j.name}${cycle ? ` ${cycle.year} 年度` : ''}民生实事项目` },
  );
}

/** The public side (no login): the proposal form, receipts and tracking, and the portal of every year. */
export const publicPortal = new Hono<AppEnv>()
  .route('/', propose)
  .route('/', tracking)
  .get('/p/:code', validQuery(portalQuery), (c) => {
    const j = publicTown(c);
    const cycles = cyclesOf(c.get('db'), j.id);
    return portalPage(c, j, cycles[0], cycles.map((cy) => cy.year));
  })
  .get('/p/:code/:year{[0-9]{4}}', validQuery(portalQuery), (c) => {
    const j = publicTown(c);
    const cycles = cyclesOf(c.get('db'), j.id);
    const cycle = cycles.find((cy) => cy.year === Number(c.req.param('year'))) ?? notFound();
    return portalPage(c, j, cycle, cycles.map((cy) => cy.year));
  });
