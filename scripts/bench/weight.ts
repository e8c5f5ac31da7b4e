// `npm run bench:weight`: bytes a phone downloads per public page of the demo district, cold (first visit) and
// warm (again, with the browser's cache honoured: immutable files not asked for, pages revalidated by ETag), and a
// project page carrying 6 phone-size photos. Prints numbers; asserts nothing.
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { openDb } from '../../db/client';
import { progressPhoto, progressReport } from '../../db/schema';
import { createApp } from '../../src/app';
import { writePhotoFiles } from '../../src/data/photoFiles';
import { derivePhoto } from '../../src/data/photoSizes';
import { seedDemo } from '../../src/demo/seed';
import { desc, eq } from 'drizzle-orm';

const uploadsDir = mkdtempSync(join(tmpdir(), 'minsheng-weight-'));
const db = openDb(':memory:');
const now = new Date();
seedDemo(db, { passwordHash: 'unused', now });

// Six photos as a phone takes them (4000×3000, detail and camera noise, EXIF), on the demo's project 2.
const PROJECT = 2;
// The latest month's report: the one the public page shows first.
const report = db.select().from(progressReport).where(eq(progressReport.projectId, PROJECT)).orderBy(desc(progressReport.month)).limit(1).get()!;
let uploaded = 0;
for (let i = 0; i < 6; i++) {
  // Shapes at every scale (so thumbnails keep detail, as a site photo does) under camera noise.
  let seed = 7 + i;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const shapes = Array.from({ length: 400 }, () => `<circle cx="${rnd() * 4000}" cy="${rnd() * 3000}" r="${10 + rnd() * 400}" fill="rgb(${rnd() * 255 | 0},${rnd() * 255 | 0},${rnd() * 255 | 0})" fill-opacity="0.6"/>`);
  const scene = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000">${shapes.join('')}</svg>`)).png().toBuffer();
  const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#777', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).png().toBuffer();
  const bytes = new Uint8Array(await sharp(scene).composite([{ input: noise, blend: 'overlay' }])
    .jpeg({ quality: 85 }).withExif({ IFD0: { Make: 'Phone' } }).toBuffer());
  uploaded += bytes.byteLength;
  const [stored] = writePhotoFiles(uploadsDir, PROJECT, [{ bytes, mime: 'image/jpeg', originalName: `IMG_${i}.jpg`, sizes: await derivePhoto(bytes) }]);
  db.insert(progressPhoto).values({ ...stored!, reportId: report.id, uploadedAt: now }).run();
}

const app = createApp({ db, log: () => {}, uploadsDir });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface Cached { etag: string | null; immutable: boolean }

/** One browser's cache: what it keeps and how (immutable: never asked again; else revalidated with its ETag). */
class Visit {
  cache = new Map<string, Cached>();
  /** Bytes on the wire (compressed bodies) for a URL and, for a page, everything it links to. */
  async fetch(path: string, opts: { encoding: boolean }): Promise<number> {
    const hit = this.cache.get(path);
    if (hit?.immutable) return 0;
    const headers: Record<string, string> = { 'Accept-Encoding': opts.encoding ? 'br, gzip' : 'identity' };
    if (hit?.etag) headers['If-None-Match'] = hit.etag;
    const res = await fetch(base + path, { headers, decompress: false } as RequestInit);
    // undici decompresses: the wire size is the compressed one, measured again here.
    const body = new Uint8Array(await res.arrayBuffer());
    const wire = res.headers.get('content-encoding') ? await this.wireSize(path, headers) : body.byteLength;
    const cc = res.headers.get('cache-control') ?? '';
    this.cache.set(path, { etag: res.headers.get('etag'), immutable: cc.includes('immutable') });
    let total = res.status === 304 ? 0 : wire;
    if ((res.headers.get('content-type') ?? '').startsWith('text/html') && res.status === 200) {
      const html = new TextDecoder().decode(body);
      for (const m of html.matchAll(/(?:src|href)="(\/(?:static|p\/[^"]*\/photos)\/[^"]+)"/g)) {
        if (m[1]!.includes('/photos/') && !m[0].startsWith('src')) continue; // a photo's link is followed only when tapped
        total += await this.fetch(m[1]!, opts);
      }
    }
    return total;
  }

  /** The compressed length as sent, read with a raw request so nothing decompresses it. */
  private async wireSize(path: string, headers: Record<string, string>): Promise<number> {
    const { request } = await import('node:http');
    return new Promise((resolve, reject) => {
      const req = request(base + path, { headers }, (res) => {
        let n = 0;
        res.on('data', (ch: Buffer) => { n += ch.byteLength; });
        res.on('end', () => resolve(n));
      });
      req.on('error', reject);
      req.end();
    });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(9)} KB`;
const PAGES = [
  ['Portal /p/QS', '/p/QS'],
  ['Proposal form /p/QS/propose', '/p/QS/propose'],
  ['Tracking /track/2026-QS-0001', '/track/2026-QS-0001'],
  ['Results /p/QS/2025/results', '/p/QS/2025/results'],
  ['Progress list /p/QS/2025/projects', '/p/QS/2025/projects'],
  [`Project page with 6 photos /p/QS/2025/projects/${PROJECT}`, `/p/QS/2025/projects/${PROJECT}`],
] as const;

console.log(`Minsheng page weight — demo district, Node ${process.version}`);
console.log(`6 phone photos uploaded: ${kb(uploaded)} in all (originals, kept for staff only)`);
console.log(`${'page'.padEnd(58)}${'uncompressed'.padStart(13)}${'cold'.padStart(13)}${'warm'.padStart(13)}`);
for (const [label, path] of PAGES) {
  const raw = await new Visit().fetch(path, { encoding: false });
  const visit = new Visit();
  const cold = await visit.fetch(path, { encoding: true });
  const warm = await visit.fetch(path, { encoding: true });
  console.log(`${label.padEnd(58)}${kb(raw)}${kb(cold)}${kb(warm)}`);
}
const photo = db.select().from(progressPhoto).all().at(-1)!;
const display = await new Visit().fetch(`/p/QS/2025/projects/photos/${photo.id}`, { encoding: true });
console.log(`One photo opened at display size (1280 px): ${kb(display)}`);
server.close();
db.$client.close();
rmSync(uploadsDir, { recursive: true, force: true });
