import { Hono } from 'hono';
import { emblemOf } from '../data/emblems';
import { notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';

/** /p/:code/emblem — the town's emblem; its URL carries the upload time, so a browser may keep it a day. */
export const portalEmblem = new Hono<JurisdictionEnv>()
  .get('/', (c) => {
    const e = emblemOf(c.var.db, c.var.jurisdiction.id) ?? notFound();
    c.header('Content-Type', e.mime);
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(e.image));
  });
