import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { rehearsalClock } from '../../src/clock';
import { freshDb, get, login } from '../helpers/app';
import { deliveryFixture } from '../helpers/deliveryFixture';

/** The instance as `npm start` builds it with AS_OF: the rehearsal clock, started at a fixed real instant. */
function rehearsalApp(db: ReturnType<typeof freshDb>, asOf: string) {
  return createApp({ db, log: () => {}, rehearsal: true, now: rehearsalClock(asOf, () => new Date('2026-12-06T08:00:00Z')) });
}

describe('演练模式 (AS_OF)', () => {
  it('every page says the instance runs as of the chosen date; a normal instance says nothing', async () => {
    const db = freshDb();
    await deliveryFixture(db);
    const app = rehearsalApp(db, '2027-06-30');
    for (const path of ['/', '/login', '/p/QS/2026/projects']) {
      const html = await (await get(app, path)).text();
      expect(html, path).toContain('演练模式：系统日期为 2027-06-30');
    }
    const normal = createApp({ db, log: () => {} });
    expect(await (await get(normal, '/login')).text()).not.toContain('演练模式');
  });

  it('dated pages follow the chosen date: the reports due from the unit are those due before it', async () => {
    const db = freshDb();
    await deliveryFixture(db); // the road reports monthly from March 2026, due on the 10th of the next month
    const inApril = rehearsalApp(db, '2026-04-11');
    const aprilHome = await (await get(inApril, '/', await login(inApril, 'qs.unit'))).text();
    expect(aprilHome).toContain('演练模式：系统日期为 2026-04-11');
    expect(aprilHome).toContain('2026-03 月度进展');
    expect(aprilHome).not.toContain('2026-04 月度进展');

    const inMarch = rehearsalApp(db, '2026-03-15');
    const marchHome = await (await get(inMarch, '/', await login(inMarch, 'qs.unit'))).text();
    expect(marchHome).not.toContain('2026-03 月度进展'); // March is not over yet
  });
});
