import { Hono } from 'hono';
import { z } from 'zod';
import { Dashboard, PublicHome } from '../../views/home/HomePages';
import { latestCycles } from '../data/cycles';
import { deliberationTodo } from '../data/deliberationTodo';
import { chinaDateOf } from '../domain/chinaDate';
import { deliveryHome } from '../data/deliveryReminders';
import { getJurisdiction, KIND_LABELS, townsOf } from '../data/jurisdictions';
import { scopesOf } from '../data/users';
import type { AppEnv } from '../env';
import { workingJurisdictions } from '../http/renderer';
import { validQuery } from '../http/validate';

export const home = new Hono<AppEnv>()
  .get('/', (c) => {
    const db = c.get('db');
    const user = c.get('user');
    if (!user) {
      const towns = townsOf(db);
      const latest = latestCycles(db, towns.map((t) => t.id));
      const district = towns[0]?.parentId ? getJurisdiction(db, towns[0].parentId) : undefined;
      return c.render(
        <PublicHome district={district?.name} jurisdictions={towns.map((t) => {
          const cy = latest.find((l) => l.id === t.id);
          return { code: t.code, name: t.name, kind: t.kind, kindLabel: KIND_LABELS[t.kind], year: cy?.year, phase: cy?.phase };
        })} />,
        { title: '首页' },
      );
    }
    const working = workingJurisdictions(c);
    return c.render(
      <Dashboard displayName={user.displayName} scopes={scopesOf(db, user.id)} working={working}
        cycles={latestCycles(db, working.map((w) => w.id)).filter((cy) => cy.phase !== 'closed')}
        deliberation={deliberationTodo(db, user.id, chinaDateOf(c.get('now')()))}
        delivery={deliveryHome(db, user, chinaDateOf(c.get('now')()))} />,
      { title: '工作台' },
    );
  })
  .get('/go', validQuery(z.object({ j: z.string().regex(/^[A-Za-z0-9-]{1,32}$/) })), (c) => c.redirect(`/j/${c.req.valid('query').j}`, 303));
