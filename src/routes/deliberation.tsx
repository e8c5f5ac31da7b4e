import { Hono } from 'hono';
import { OverviewPage } from '../../views/deliberation/OverviewPage';
import { allow, can, userActor } from '../auth/authorize';
import { deliberationOverview } from '../data/deliberationStats';
import { chinaDateOf } from '../domain/chinaDate';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { opinionItem, opinionItems, suggestionSteps } from './deliberationItems';
import { deliberationLink, deliberationLinks } from './deliberationLinks';
import { deliberationStats } from './deliberationStats';
import { meetingList } from './meetings';

/**
 * /j/:code/deliberation — street deliberation (街道议事, DOMAIN §4): links to district representatives, public-opinion
 * items and the suggestions made from them, statistics and the meeting list. The roster has its own routes; the
 * meetings themselves are sessions (their agenda and minutes hang under the session, src/routes/meetings.tsx).
 */
export const deliberation = new Hono<JurisdictionEnv>()
  .get('/', allow('deliberation.view'), (c) => {
    const j = c.var.jurisdiction;
    const o = deliberationOverview(c.var.db, j, userActor(c).id, chinaDateOf(c.var.now()));
    return c.render(
      <OverviewPage j={j} warnings={o.warnings} overdue={o.overdue} canRecord={can(c, 'opinion.record', j.id)} n={o.n}
        mineHref={o.onRoster ? `/j/${j.code}/deliberation/items?mine=1` : undefined} />,
      { title: `${j.name} · 街道议事` },
    );
  })
  .route('/links', deliberationLinks)
  .route('/links/:repId{[0-9]+}', deliberationLink)
  .route('/items', opinionItems)
  .route('/items/:itemId{[0-9]+}', opinionItem)
  .route('/items/:itemId{[0-9]+}', suggestionSteps)
  .route('/', deliberationStats)
  .route('/meetings', meetingList);
