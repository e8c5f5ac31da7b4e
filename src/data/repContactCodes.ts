import { randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, repContactCode, representative, station } from '../../db/schema';
import { ok, refuse, type Result } from '../domain/result';
import { recordAudit, type Actor } from './audit';
import type { Jurisdiction } from './jurisdictions';
import { stationsFor } from './proposals';
import { townReps } from './stationOpinions';

/** Lower case without look-alikes (0/o, 1/l/i, u): read off a card and typed by hand if the camera fails. */
const TOKEN_ALPHABET = 'abcdefghjkmnpqrstvwxyz23456789';
export const TOKEN_LENGTH = 12; // 30^12 ≈ 5·10^17: no walking through representatives by guessing
export const TOKEN_PATTERN = /^[a-z0-9]{12}$/;

function newToken(): string {
  return Array.from({ length: TOKEN_LENGTH }, () => TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)]!).join('');
}

export type RepContactCode = typeof repContactCode.$inferSelect;

/**
 * 亮数字身份: gives a representative their QR code's token, at the station whose wall shows it. A representative
 * already carrying one keeps the same token (printed cards stay valid) and only moves to the new station.
 */
export function issueContactCode(db: Db, actor: Actor, town: Jurisdiction, repId: number, stationId: number, now: Date): Result<RepContactCode> {
  return db.transaction((tx) => {
    if (!townReps(tx, town.id).some((r) => r.id === repId)) return refuse('请选择本镇在册的人大代表', 'representativeId');
    if (!stationsFor(tx, town.id).some((s) => s.id === stationId)) return refuse('请选择本镇的站点', 'stationId');
    const had = tx.select().from(repContactCode).where(eq(repContactCode.representativeId, repId)).get();
    const row = had
      ? tx.update(repContactCode).set({ stationId }).where(eq(repContactCode.token, had.token)).returning().get()
      : tx.insert(repContactCode).values({ token: newToken(), representativeId: repId, stationId, createdAt: now }).returning().get();
    recordAudit(tx, actor, {
      action: had ? 'repCode.move' : 'repCode.issue', targetType: 'representative', targetId: repId, jurisdictionId: town.id,
      before: had ? { stationId: had.stationId } : undefined, after: { stationId },
    }, now);
    return ok(row);
  });
}

/** Whose card a scanned token is: the representative (still seated), their station and township; else undefined. */
export function contactByToken(db: Db, token: string) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const row = db.select({ code: repContactCode, rep: representative, station, town: jurisdiction }).from(repContactCode)
    .innerJoin(representative, eq(representative.id, repContactCode.representativeId))
    .innerJoin(station, eq(station.id, repContactCode.stationId))
    .innerJoin(jurisdiction, eq(jurisdiction.id, representative.jurisdictionId))
    .where(eq(repContactCode.token, token)).get();
  if (!row || row.rep.status !== 'seated' || !row.station.active || !row.town.active) return undefined;
  return row;
}
export type ContactTarget = NonNullable<ReturnType<typeof contactByToken>>;

/** The township's cards, one station's or all: what the A4 sheet prints. */
export function contactCards(db: Db, townId: number, stationId?: number) {
  const where = [eq(representative.jurisdictionId, townId), eq(representative.status, 'seated')];
  if (stationId) where.push(eq(repContactCode.stationId, stationId));
  return db.select({ token: repContactCode.token, repId: representative.id, name: representative.name, community: representative.community, station: station.name, stationId: station.id })
    .from(repContactCode)
    .innerJoin(representative, eq(representative.id, repContactCode.representativeId))
    .innerJoin(station, eq(station.id, repContactCode.stationId))
    .where(and(...where)).orderBy(asc(station.id), asc(representative.name)).all();
}
