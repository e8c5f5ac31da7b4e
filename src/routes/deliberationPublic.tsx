import { Hono } from 'hono';
import { PublicDeliberationPage } from '../../views/deliberation/PublicDeliberationPage';
import { publicRoster, publicSuggestions } from '../data/deliberationPublic';
import { publicMeetings } from '../data/meetings';
import { opinionNumber } from '../domain/opinionLabels';
import { effectiveDue } from '../domain/suggestionDeadline';
import { suggestionStatus } from '../domain/suggestionStatus';
import type { AppEnv } from '../env';
import { subdistrictParam, todayIn } from './deliberationCommon';

/** The subdistrict's public page: no login, nothing personal (no phones, no one who raised an item). */
export const deliberationPublic = new Hono<AppEnv>()
  .get('/p/:code/deliberation', (c) => {
    const j = subdistrictParam(c);
    if (!j.active) return c.notFound();
    const db = c.get('db');
    const today = todayIn(c);
    const roster = publicRoster(db, j.id);
    const communities: { community: string; names: string[] }[] = [];
    for (const r of roster) {
      const g = communities.find((x) => x.community === r.community);
      if (g) g.names.push(r.name);
      else communities.push({ community: r.community, names: [r.name] });
    }
    communities.sort((a, b) => Number(a.community === '') - Number(b.community === '')); // "其他" last
    const suggestions = publicSuggestions(db, j.id).map((s) => ({
      ...s, number: opinionNumber(s.year, j.code, s.seq), due: effectiveDue(s), extended: s.extendedTo !== null, status: suggestionStatus(s, today),
    }));
    return c.render(
      <PublicDeliberationPage name={j.name} communities={communities} total={roster.length} suggestions={suggestions} meetings={publicMeetings(db, j.id)} />,
      { title: `${j.name}议事代表会议` });
  });
