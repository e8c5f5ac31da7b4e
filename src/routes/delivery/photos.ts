import { Hono } from 'hono';
import { allow } from '../../auth/authorize';
import { readPhotoFile, uploadsDirFor } from '../../data/photoFiles';
import { getPhotoIn } from '../../data/progress';
import { contentDisposition } from '../../http/download';
import { idParam, notFound, type CycleEnv } from '../../http/subjects/jurisdiction';

/** /j/:code/cycles/:year/photos/:photoId/original — the photo as the unit uploaded it, metadata and all: staff only. */
export const photoOriginals = new Hono<CycleEnv>()
  .get('/:photoId{[0-9]+}/original', allow('delivery.view'), (c) => {
    const { db } = c.var;
    const photo = getPhotoIn(db, c.var.cycle.id, idParam(c.req.param('photoId'))) ?? notFound();
    const bytes = readPhotoFile(c.var.uploadsDir ?? uploadsDirFor(db), photo.fileName) ?? notFound();
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': photo.mime,
      'Content-Disposition': contentDisposition('attachment', photo.originalName || photo.fileName.split('/').pop()!),
      'Cache-Control': 'private, no-store',
    });
  });
