import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cycle, representative, session } from '../../db/schema';
import { post } from '../helpers/app';
import { collectionCase } from '../helpers/collectionCases';
import { votingFixture } from '../helpers/votingFixture';

// Every date a form takes is a real calendar day, checked by the one China-date module: 2026-02-30 never reaches
// the database, the public pages or the annual report.
const IMPOSSIBLE = ['2026-02-30', '2026-13-01', '0000-00-00', '2027-04-31', '2026-2-3'];

describe('impossible dates are refused at the form, beside the field, and nothing is stored', () => {
  it.each(IMPOSSIBLE)('a session dated %s', async (date) => {
    const f = await votingFixture({ reps: 3, logins: 1 });
    const res = await post(f.app, '/j/QS/sessions', { cycleId: String(f.qsCycle.cycle.id), kind: 'startOfYear', title: '第一次会议', date }, await f.login('qs.clerk'));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`value="${date}"`);
    expect(f.db.select().from(session).all()).toHaveLength(0);
  });

  it.each(IMPOSSIBLE)('a collection window opening %s', async (date) => {
    const t = await collectionCase();
    const res = await post(t.app, '/j/QS/cycles/2027/collection', { collectionOpens: date, collectionCloses: '2027-04-15' }, await t.as('qs.clerk'));
    expect(res.status).toBe(422);
    expect(t.db.select().from(cycle).where(eq(cycle.year, 2027)).get()!.collectionOpens).toBe('2027-03-01');
  });

  it.each(IMPOSSIBLE)('a representative whose term starts %s', async (date) => {
    const f = await votingFixture({ reps: 3, logins: 1 });
    const before = f.db.select().from(representative).all().length;
    const res = await post(f.app, '/j/QS/roster', { name: '孙丽', community: '', sector: '', phone: '', termFrom: date, termTo: '', seatedOn: '' }, await f.login('qs.clerk'));
    expect(res.status).toBe(422);
    expect(f.db.select().from(representative).all()).toHaveLength(before);
  });
});
