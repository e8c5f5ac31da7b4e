import { Hono } from 'hono';
import { PublicDeliberationPage } from '../../views/deliberation/PublicDeliberationPage';
import { publicDeliberation } from '../data/deliberationPublic';
import { chinaDateOf } from '../domain/chinaDate';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';

/** /p/:code/deliberation — the subdistrict's public page: no login, nothing personal (no phones, no one who raised an item). */
export const deliberationPublic = new Hono<JurisdictionEnv>()
  .get('/', (c) => {
    const j = c.var.jurisdiction;
    const p = publicDeliberation(c.var.db, j, chinaDateOf(c.var.now()));
    return c.render(
      <PublicDeliberationPage name={j.name} communities={p.communities} total={p.total} suggestions={p.suggestions} meetings={p.meetings} />,
      { title: `${j.name}议事代表会议` });
  });
