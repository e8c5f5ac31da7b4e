import { randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, repContactCode, representative, station, stationMember } from '../../db/schema';
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
export function issueContactCode(db: Db, actor: Actor, town: Jurisdiction, repId: number, chosen: number | undefined, now: Date): Result<RepContactCode> {
  return db.transaction((tx) => {
    if (!townReps(tx, town.id).some((r) => r.id === repId)) return refuse('请选择本镇在册的人大代表', 'representativeId');
    // Unchosen: the station the representative sits at (站点页面安排的代表), where residents meet them.
    const stationId = chosen ?? seatOf(tx, repId);
    if (stationId === undefined) return refuse('该代表还没有安排到站点：请选择站点，或先在站点页面安排该代表', 'stationId');
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

function seatOf(db: Db, repId: number): number | undefined {
  return db.select({ id: stationMember.stationId }).from(stationMember).where(eq(stationMember.representativeId, repId)).get()?.id;
}

/**
 * Cards for every seated representative of the town who sits at one of its stations and has none yet, at that
 * station: the whole wall in one step. One transaction, one audit entry naming them. Returns how many were issued.
 */
export function issueCodesAtStations(db: Db, actor: Actor, town: Jurisdiction, now: Date): number {
  return db.transaction((tx) => {
    const stations = new Set(stationsFor(tx, town.id).map((s) => s.id));
    const carrying = new Set(tx.select({ id: repContactCode.representativeId }).from(repContactCode).all().map((r) => r.id));
    const issued = townReps(tx, town.id).flatMap((r) => {
      const at = seatOf(tx, r.id);
      if (carrying.has(r.id) || at === undefined || !stations.has(at)) return [];
      tx.insert(repContactCode).values({ token: newToken(), representativeId: r.id, stationId: at, createdAt: now }).run();
      return [{ representativeId: r.id, stationId: at }];
    });
    if (issued.length > 0) {
      recordAudit(tx, actor, { action: 'repCode.issueAll', targetType: 'jurisdiction', targetId: town.id, jurisdictionId: town.id, after: { issued } }, now);
    }
    return issued.length;
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
