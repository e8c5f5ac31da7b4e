import { Hono } from 'hono';
import { OverviewPage } from '../../views/deliberation/OverviewPage';
import { authorize, can } from '../auth/authorize';
import { deliberationRepOfUser, seatedCount } from '../data/deliberationReps';
import { yearStats } from '../data/deliberationStats';
import { stateCounts } from '../data/opinionItems';
import { meetingsOf, meetingWarningsFor } from '../data/meetings';
import { getSettings } from '../data/settings';
import { linkOverview } from '../data/repLinks';
import { openSuggestions } from '../data/suggestions';
import { checkGroupSize } from '../domain/linkGroups';
import { rosterWarnings } from '../domain/rosterRange';
import { opinionNumber } from '../domain/opinionLabels';
import { effectiveDue, isOverdue } from '../domain/suggestionDeadline';
import type { AppEnv } from '../env';
import { deliberationItems } from './deliberationItems';
import { deliberationLinks } from './deliberationLinks';
import { deliberationPublic } from './deliberationPublic';
import { deliberationStats } from './deliberationStats';
import { meetings } from './meetings';
import { subdistrictParam, todayIn } from './deliberationCommon';

/**
 * Street deliberation (街道议事, DOMAIN §4): rosters, links to district representatives, public-opinion items and
 * the suggestions made from them, statistics and the public page. Meetings are sessions (the session pages).
 */
export const deliberation = new Hono<AppEnv>()
  .get('/j/:code/deliberation', (c) => {
    const j = subdistrictParam(c);
    const me = authorize(c, 'deliberation.view', j.id);
    const db = c.get('db');
    const today = todayIn(c);
    const year = Number(today.slice(0, 4));
    const settings = getSettings(db, j.id);
    const seated = seatedCount(db, j.id);
    const links = linkOverview(db, j);
    const counts = stateCounts(db, j.id);
    const { summary } = yearStats(db, j.id, year, today);
    const warnings = [
      ...rosterWarnings(seated, settings.deliberationRosterMin, settings.deliberationRosterMax).map((w) => w.text),
      ...links.groups.map((g) => ({ g, check: checkGroupSize(g.members.length, settings.linkGroupSize) }))
        .filter((x) => x.check.kind === 'over').map((x) => `${x.g.districtRep.name}：${x.check.kind === 'over' ? x.check.text : ''}`),
      ...meetingWarningsFor(db, j.id, year).map((w) => w.text),
    ];
    const self = deliberationRepOfUser(db, j.id, me.id);
    const overdue = openSuggestions(db, j.id).filter((s) => isOverdue(s, today))
      .map((s) => ({ itemId: s.itemId, number: opinionNumber(s.year, j.code, s.seq), title: s.title, due: effectiveDue(s), unitName: s.unitName }));
    return c.render(
      <OverviewPage j={j} warnings={warnings} overdue={overdue} canRecord={can(c, 'opinion.record', j.id)}
        mineHref={self ? `/j/${j.code}/deliberation/items?mine=1` : undefined}
        n={{
          seated, unlinked: links.unlinked.length + links.orphaned.length, recorded: counts.recorded, handedToRep: counts.handedToRep,
          overdue: overdue.length, year, items: summary.items, suggestions: summary.suggestions, meetings: meetingsOf(db, j.id, year).length,
        }} />,
      { title: `${j.name} · 街道议事` },
    );
  })
  .route('/', deliberationLinks)
  .route('/', deliberationItems)
  .route('/', deliberationStats)
  .route('/', deliberationPublic)
  .route('/', meetings);
