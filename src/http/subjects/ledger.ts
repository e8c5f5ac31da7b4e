import { and, eq } from 'drizzle-orm';
import { representative } from '../../../db/schema';
import type { Representative } from '../../data/representatives';
import { idParam, subject, type JurisdictionEnv } from './jurisdiction';

/** A request under /j/:code/ledger/:repId: a representative of this jurisdiction's own ledger (anyone else's id is a 404). */
export type LedgerRepEnv = JurisdictionEnv & { Variables: { rep: Representative } };

export const ledgerRepSubject = subject<LedgerRepEnv, 'rep'>('rep', (c) => c.get('db').select().from(representative)
  .where(and(eq(representative.id, idParam(c.req.param('repId'))), eq(representative.jurisdictionId, c.get('jurisdiction').id))).get());
