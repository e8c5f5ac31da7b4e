import { Hono } from 'hono';
import { z } from 'zod';
import { Dashboard, PublicHome } from '../../views/home/HomePages';
import { latestCycles } from '../data/cycles';
import { deliberationTodo } from '../data/deliberationTodo';
import { stationOpinionTodo, withStationOpinions } from '../data/stationOpinionTodo';
import { chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { gettingStarted } from '../data/gettingStarted';
import { deliveryHome } from '../data/deliveryReminders';
import { hasAnyUser } from '../data/firstRun';
import { districtRoot } from '../data/jurisdictionAdmin';
import { KIND_LABELS, townsOf } from '../data/jurisdictions';
import { officerDutiesOf } from '../data/sessionOfficers';
import { scopesOf } from '../data/users';
import { seatsInSession } from '../data/voteNow';
import { liveSessionsOf } from '../data/liveSessions';
import { myLedgerSummaries } from '../data/myLedger';

import { receptionDutiesOf } from '../data/receptions';
import { can } from '../auth/authorize';
import type { AppEnv } from '../env';
import { keptFragment } from '../http/keptFragment';
import { workingJurisdictions } from '../http/renderer';
import { validQuery } from '../http/validate';

/** / — the public front page, or the logged-in user's desk; /go — the jurisdiction switcher. */
export const home = new Hono<AppEnv>()
  .get('/', (c) => {
    const db = c.var.db;
    const user = c.var.user;
    if (!user) {
      const towns = townsOf(db);
      const latest = latestCycles(db, towns.map((t) => t.id));
      const district = districtRoot(db);
      return c.render(
        <PublicHome district={district?.name} notSetUp={!hasAnyUser(db)} jurisdictions={towns.map((t) => {
          const cy = latest.find((l) => l.id === t.id);
          return { code: t.code, name: t.name, kind: t.kind, kindLabel: KIND_LABELS[t.kind], year: cy?.year, phase: cy?.phase };
        })} />,
        { title: '首页' },
      );
    }
    const working = workingJurisdictions(c);
    const today = chinaDateOf(c.var.now());
    // The desk reads a dozen lists, all from the database, this user and the China date: the same until the next
    // write or the next day, so read and rendered once and shown again on every return to the desk. It is this
    // user's own (their name, their to-dos): kept under their id, shown to no one else.
    const desk = keptFragment(db, `desk|${user.id}|${today}`, () => (
      <Dashboard displayName={user.displayName} working={working} scopes={scopesOf(db, user.id)}
        cycles={latestCycles(db, working.map((w) => w.id)).filter((cy) => cy.phase !== 'closed')}
        hall={seatsInSession(db, user.id)} duties={officerDutiesOf(db, user.id)}
        live={liveSessionsOf(db, working.filter((w) => can(c, 'session.manage', w.id)).map((w) => w.id))}
        start={gettingStarted(db, user.id, chinaYearOf(c.var.now()))}
        deliberation={withStationOpinions(deliberationTodo(db, user.id, today), stationOpinionTodo(db, user.id, today))}
        delivery={deliveryHome(db, user, today)} ledgers={myLedgerSummaries(db, user.id, chinaYearOf(c.var.now()))}
        receptions={receptionDutiesOf(db, user.id, today)} />
    ));
    return c.render(desk, { title: '工作台' });
  })
  .get('/go', validQuery(z.object({ j: z.string().regex(/^[A-Za-z0-9-]{1,32}$/) })), (c) => c.redirect(`/j/${c.req.valid('query').j}`, 303));
