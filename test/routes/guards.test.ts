import { describe, expect, it } from 'vitest';
import { post } from '../helpers/app';
import { votingFixture } from '../helpers/votingFixture';

// The guard runs before the body is read: a bad form from someone without the right is a 403, never a 422 page.
describe('route guards come before validation', () => {
  it.each([
    ['a bad state form', { to: 'explode' }],
    ['a good state form', { to: 'open' }],
  ])('a representative posting %s to a session gets 403', async (_label, body) => {
    const f = await votingFixture({ reps: 3, logins: 1 });
    const clerk = await f.login('qs.clerk');
    const created = await post(f.app, '/j/QS/sessions', {
      cycleId: String(f.qsCycle.cycle.id), kind: 'startOfYear', title: '第一次会议', date: '2027-01-15',
    }, clerk);
    const path = `${created.headers.get('location')!}/state`;
    expect((await post(f.app, path, body, await f.login('qs.rep'))).status).toBe(403);
  });

  it('a bad session form from another township\'s clerk is a 403 too', async () => {
    const f = await votingFixture({ reps: 3, logins: 1 });
    expect((await post(f.app, '/j/QS/sessions', { title: '' }, await f.login('lx.clerk'))).status).toBe(403);
  });
});
