import { Hono } from 'hono';
import { allow } from '../auth/authorize';
import { rosterOf } from '../data/representatives';
import { rosterCsv, rosterTable } from '../domain/rosterExport';
import { csvDownload } from '../http/csv';
import type { RosterEnv } from '../http/subjects/roster';
import { rosterRoutes } from './roster';
import { ownNavigationOnly } from '../http/navigation';

/**
 * /j/:code/deliberation/reps — a subdistrict's deliberation representatives: the same roster pages as a township's
 * congress, readable by every insider of the subdistrict (phones and changes stay the clerk's).
 */
export const deliberationRoster = rosterRoutes(['roster.view', 'deliberation.view']);

/** /j/:code/deliberation/reps.csv: the export's first address, kept for bookmarks and links already shared. */
export const deliberationRosterCsv = new Hono<RosterEnv>()
  .get('/', allow('roster.manage'), ownNavigationOnly, (c) =>
    csvDownload(c, `${c.var.jurisdiction.name}${c.var.roster.terms.roster}.csv`, rosterCsv(rosterTable('deliberation', rosterOf(c.var.db, c.var.roster.scope)))));
