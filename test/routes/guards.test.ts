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

describe('the roll\'s headcount follows phones\' self check-ins', () => {
  it('the fragment gives the live count to the clerk only; a plain request goes to the roll', async () => {
    const { openSession } = await import('../helpers/votingFixture');
    const { get } = await import('../helpers/app');
    const f = await votingFixture({ reps: 3, logins: 1 });
    const s = openSession(f, 2);
    const clerk = await f.login('qs.clerk');
    const url = `/j/QS/sessions/${s.id}/roll/headcount`;
    const frag = await f.app.request(url, { headers: { Cookie: clerk, 'HX-Request': 'true' } });
    expect(frag.status).toBe(200);
    const html = await frag.text();
    expect(html).toContain('id="headcount"');
    expect(html).not.toContain('<html');
    expect(html).toContain('2');
    expect((await get(f.app, url, clerk)).status).toBe(303);
    expect((await f.app.request(url, { headers: { Cookie: await f.login('qs.rep'), 'HX-Request': 'true' } })).status).toBe(403);
  });
});
