import { asc, eq, sql } from 'drizzle-orm';
import { prepared } from './statements';
import type { Db } from '../../db/client';
import { jurisdiction, representative } from '../../db/schema';
import { ledgerEntries } from './dutyLedger';
import { countLedger, emptyCounts, LEDGER_KIND_LABELS, LEDGER_KINDS } from '../domain/dutyLedger';

export interface MyLedgerLink { repId: number; name: string; code: string; jurisdictionName: string; status: 'seated' | 'retired' }

/** The representative rows a login speaks for, each with the jurisdiction whose ledger holds it. */
export function myLedgers(db: Db, userId: number): MyLedgerLink[] {
  return prepared(db, 'myLedgers', (db) => db.select({ repId: representative.id, name: representative.name, code: jurisdiction.code, jurisdictionName: jurisdiction.name, status: representative.status })
    .from(representative).innerJoin(jurisdiction, eq(jurisdiction.id, representative.jurisdictionId))
    .where(eq(representative.userId, sql.placeholder('userId'))).orderBy(asc(representative.id)).prepare()).all({ userId });
}

/** The home page's 我的履职: each of the login's ledgers with this year's counts in one line. */
export function myLedgerSummaries(db: Db, userId: number, year: number): { href: string; label: string; summary: string }[] {
  return myLedgers(db, userId).filter((l) => l.status === 'seated').map((l) => {
    const c = countLedger(ledgerEntries(db, l.repId, year), year).get(l.repId) ?? emptyCounts();
    return {
      href: `/j/${l.code}/ledger/${l.repId}?year=${year}`,
      label: `${l.jurisdictionName} · ${l.name} ${year}年度履职台账`,
      summary: LEDGER_KINDS.filter((k) => c[k] > 0).map((k) => `${LEDGER_KIND_LABELS[k]} ${c[k]}`).join('、') || '本年度暂无记录',
    };
  });
}
