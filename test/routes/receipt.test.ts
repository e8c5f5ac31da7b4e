import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { freshDb, get, login } from '../helpers/app';
import { addProposal, NOW, seedCollection } from '../helpers/proposals';

describe('the receipt while no public address is set', () => {
  it('the resident who just proposed is not asked to fix the server; staff printing it for someone are warned', async () => {
    const db = freshDb();
    const f = await seedCollection(db);
    const receipt = addProposal(db, f).receipt;
    const app = createApp({ db, log: () => {}, now: () => NOW });
    const resident = await (await get(app, `/receipt/${receipt}`)).text();
    expect(resident).toContain(receipt);
    expect(resident).not.toContain('尚未设置公开网址');
    const clerk = await (await get(app, `/receipt/${receipt}`, await login(app, 'qs.clerk'))).text();
    expect(clerk).toContain('尚未设置公开网址');
  });
});
