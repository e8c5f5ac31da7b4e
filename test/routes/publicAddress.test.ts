import { describe, expect, it } from 'vitest';
import { savePublicUrl } from '../../src/data/publicAddress';
import { checkPublicUrl } from '../../src/domain/publicUrl';
import { get, login, testApp } from '../helpers/app';
import { seedCollection } from '../helpers/proposals';

const actor = { id: null, name: '测试', ip: '127.0.0.1' };

async function stationsPage(opts: { publicUrl?: string; saved?: string }) {
  const t = testApp(undefined, { publicUrl: opts.publicUrl });
  await seedCollection(t.db);
  if (opts.saved) expect(savePublicUrl(t.db, actor, opts.saved, new Date()).ok).toBe(true);
  const cookie = await login(t.app, 'qs.clerk');
  return (await get(t.app, '/j/QS/stations', cookie)).text();
}

describe('the public address printed on QR codes and posters', () => {
  it('unset: a printed page warns instead of quietly printing a loopback address', async () => {
    const html = await stationsPage({ publicUrl: undefined });
    expect(html).toContain('尚未设置公开网址');
    expect(html).not.toMatch(/https?:\/\/(localhost|127\.0\.0\.1)\/s\//);
  });

  it('PUBLIC_URL set: every printed URL carries it and there is no warning', async () => {
    const html = await stationsPage({ publicUrl: 'https://ms.yuchuan.gov.cn' });
    expect(html).not.toContain('尚未设置公开网址');
    expect(html).toContain('https://ms.yuchuan.gov.cn/s/');
  });

  it('the administrator\'s saved address is used when PUBLIC_URL is not set', async () => {
    const html = await stationsPage({ publicUrl: undefined, saved: 'http://192.168.1.10:3000' });
    expect(html).toContain('http://192.168.1.10:3000/s/');
    expect(html).not.toContain('尚未设置公开网址');
  });

  it.each([
    ['https://ms.yuchuan.gov.cn', true],
    ['https://ms.yuchuan.gov.cn/', true],
    ['http://192.168.1.10:3000', true],
    ['http://localhost:3000', false],
    ['http://127.0.0.1', false],
    ['ftp://ms.yuchuan.gov.cn', false],
    ['https://ms.yuchuan.gov.cn/portal', false],
    ['ms.yuchuan.gov.cn', false],
  ])('%s → accepted %s', (raw, accepted) => {
    expect(checkPublicUrl(raw).ok).toBe(accepted);
  });
});
