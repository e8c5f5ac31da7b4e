import { and, eq } from 'drizzle-orm';
import type { DbConnection } from '../../db/client';
import { candidate, cycle, pollOption, representative, roleAssignment, user } from '../../db/schema';
import { closureCertificate, signClosureCertificate } from '../../src/data/closureCertificates';
import { pollsOf } from '../../src/data/pollReads';
import { assignOfficer, officersOf } from '../../src/data/sessionOfficers';
import { checkIn, createSession, headcount, transitionSession, type Session } from '../../src/data/sessions';
import { adoptProcedure } from '../../src/data/votingProcedure';
import { hashPassword } from '../../src/auth/password';
import { freshDb, login, PASSWORD, post, seedBasics, testApp } from './app';

let hash: Promise<string> | undefined;
const passwordHash = () => (hash ??= hashPassword(PASSWORD));

export const CANDIDATE_TITLES = ['青石村饮水管网改造', '杨柳村至白果村道路硬化', '镇卫生院老年病房改造', '龙井村文化广场', '新华村路灯安装', '镇敬老院食堂扩建'];

export interface VotingFixtureOptions {
  /** Seated representatives in QS (congress). */
  reps?: number;
  /** How many of them (the first ones) have a login: qs.r001 … */
  logins?: number;
  candidates?: number;
  seatsToFill?: number;
  /** Lock the candidate list (the presidium's approval). */
  locked?: boolean;
  /** Seated deliberation representatives in the subdistrict DC, with logins dc.d001 … */
  dcReps?: number;
  db?: DbConnection;
}

/**
 * seedBasics, plus: a second QS clerk (the second teller), a QS 2027 cycle whose candidate list is inserted directly
 * and locked by setting cycle.candidatesLockedAt/By, and a roster of seated representatives with logins.
 */
export async function votingFixture(o: VotingFixtureOptions = {}) {
  const reps = o.reps ?? 12;
  const logins = o.logins ?? Math.min(reps, 5);
  const t = testApp(o.db ?? freshDb());
  const base = await seedBasics(t.db);
  const ph = await passwordHash();
  const addUser = (username: string, displayName: string, role: 'clerk' | 'representative' | 'deliberationRep', jurisdictionId: number) => {
    const u = t.db.insert(user).values({ username, displayName, passwordHash: ph }).returning().get();
    t.db.insert(roleAssignment).values({ userId: u.id, role, jurisdictionId }).run();
    return u;
  };
  const teller = addUser('qs.teller', '青石镇 计票人 孙涛', 'clerk', base.qs.id);

  const mkCycle = (jurisdictionId: number, clerkId: number, n: number, seats: number) => {
    const cy = t.db.insert(cycle).values({ jurisdictionId, year: 2027, phase: 'voting', createdBy: clerkId, seatsToFill: seats }).returning().get();
    const cands = Array.from({ length: n }, (_, i) => t.db.insert(candidate).values({
      cycleId: cy.id, title: CANDIDATE_TITLES[i] ?? `候选项目${i + 1}`, budget: 500_000 + i * 250_000, unitName: '农业服务中心',
      leadOfficial: '王副镇长', startDate: '2027-03-01', endDate: '2027-11-30', position: i + 1,
    }).returning().get());
    if (o.locked ?? true) {
      t.db.update(cycle).set({ candidatesLockedAt: new Date('2027-01-05T02:00:00Z'), candidatesLockedBy: clerkId }).where(eq(cycle.id, cy.id)).run();
    }
    return { cycle: t.db.select().from(cycle).where(eq(cycle.id, cy.id)).get()!, candidates: cands };
  };
  const qsCycle = mkCycle(base.qs.id, base.users.qsClerk.id, o.candidates ?? 4, o.seatsToFill ?? 2);

  const roster: (typeof representative.$inferSelect)[] = [];
  for (let i = 1; i <= reps; i++) {
    const no = String(i).padStart(3, '0');
    const u = i === 1 ? base.users.qsRep : i <= logins ? addUser(`qs.r${no}`, `代表${no}`, 'representative', base.qs.id) : null;
    roster.push(t.db.insert(representative).values({
      jurisdictionId: base.qs.id, body: 'congress', name: i === 1 ? '李强' : `代表${no}`, community: '青石村', status: 'seated', userId: u?.id ?? null,
    }).returning().get());
  }
  // A retired representative is not in any new snapshot.
  t.db.insert(representative).values({ jurisdictionId: base.qs.id, body: 'congress', name: '已离任代表', status: 'retired' }).run();

  const dcRoster: (typeof representative.$inferSelect)[] = [];
  let dcCycle: ReturnType<typeof mkCycle> | undefined;
  if (o.dcReps) {
    dcCycle = mkCycle(base.dc.id, base.users.dcClerk.id, 3, 1);
    for (let i = 1; i <= o.dcReps; i++) {
      const no = String(i).padStart(3, '0');
      const u = addUser(`dc.d${no}`, `议事代表${no}`, 'deliberationRep', base.dc.id);
      dcRoster.push(t.db.insert(representative).values({ jurisdictionId: base.dc.id, body: 'deliberation', name: `议事代表${no}`, status: 'seated', userId: u.id }).returning().get());
    }
  }

  const usernameOf = (i: number) => (i === 0 ? 'qs.rep' : `qs.r${String(i + 1).padStart(3, '0')}`);
  return {
    ...t, ...base, teller, qsCycle, roster, dcCycle, dcRoster,
    /** Login name of roster[i] (only for i < logins). */
    usernameOf,
    login: (username: string) => login(t.app, username),
    repByName: (name: string) => t.db.select().from(representative).where(and(eq(representative.name, name), eq(representative.jurisdictionId, base.qs.id))).get(),
  };
}

export type VotingFixture = Awaited<ReturnType<typeof votingFixture>>;

/**
 * An open session of QS (or DC) with the first `present` roster members checked in by the clerk —
 * through the data functions, for tests that are about what happens after the roll.
 */
export function openSession(f: VotingFixture, present: number, where: 'QS' | 'DC' = 'QS') {
  const j = where === 'QS' ? f.qs : f.dc;
  const clerk = where === 'QS' ? f.users.qsClerk : f.users.dcClerk;
  const cy = where === 'QS' ? f.qsCycle.cycle : f.dcCycle!.cycle;
  const roster = where === 'QS' ? f.roster : f.dcRoster;
  const actor = { id: clerk.id, name: clerk.displayName };
  const now = new Date();
  const created = createSession(f.db, actor, j, {
    cycleId: cy.id, kind: 'startOfYear', title: where === 'QS' ? '青石镇第十八届人民代表大会第三次会议' : '东城街道2027年议事代表会议',
    date: '2027-01-15', startTime: '09:00', endTime: '', place: '会议室', agenda: '',
  }, now);
  if (!created.ok) throw new Error(created.error);
  const s = transitionSession(f.db, actor, created.value, 'open', now);
  if (!s.ok) throw new Error(s.error);
  for (const r of roster.slice(0, present)) checkIn(f.db, actor, s.value, r.id, clerk.id, now);
  return s.value;
}

/** A representative's ballot through the app: marks by option position (0-based) → for/against/abstain. */
export function castVia(f: VotingFixture, cookie: string, pollId: number, marks: Record<string, string>, where = 'QS') {
  return post(f.app, `/j/${where}/vote/${pollId}`, marks, cookie);
}

export function optionIds(f: VotingFixture, pollId: number): number[] {
  return f.db.select().from(pollOption).where(eq(pollOption.pollId, pollId)).orderBy(pollOption.position).all().map((o) => o.id);
}

/** Form fields m<optionId> from a list of marks in option order ('' = unmarked). */
export function marksFor(ids: number[], marks: string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id, i) => [`m${id}`, marks[i] ?? '']));
}

/**
 * The session's 总监票人 and one 监票人 — the first two roster representatives with a login (QS: 李强 qs.rep and
 * qs.r002) — named through the data function, unless a 总监票人 is already named.
 */
export function nameScrutineers(f: VotingFixture, s: Session) {
  const dc = s.jurisdictionId === f.dc.id;
  const clerk = dc ? f.users.dcClerk : f.users.qsClerk;
  const actor = { id: clerk.id, name: clerk.displayName };
  if (officersOf(f.db, s.id).some((o) => o.role === 'chiefScrutineer')) return officersOf(f.db, s.id);
  const [chief, other] = (dc ? f.dcRoster : f.roster).filter((r) => r.userId !== null);
  for (const [role, rep] of [['chiefScrutineer', chief], ['scrutineer', other]] as const) {
    const r = assignOfficer(f.db, actor, s, { role, person: `rep:${rep!.id}`, reason: '大会表决通过的监票人名单' }, new Date());
    if (!r.ok) throw new Error(r.error);
  }
  return officersOf(f.db, s.id);
}

/** Every counted poll of the session signed by its 总监票人 and 监票人, each with their own login: publication may follow. */
export function signCertificates(f: VotingFixture, s: Session) {
  nameScrutineers(f, s);
  for (const p of pollsOf(f.db, s.id)) {
    const cert = closureCertificate(f.db, { poll: p, session: s });
    if (!cert || p.state !== 'closed') continue;
    for (const o of cert.missing) {
      const r = signClosureCertificate(f.db, { id: o.userId!, name: o.name }, p.id, cert.digest, new Date());
      if (!r.ok) throw new Error(r.error);
    }
  }
}

/**
 * The session adopts its 票决办法 by show of hands, every one present in favour — as every session does before its
 * first 票决. Generated from the poll set up (or the locked list), so call it after creating the selection poll
 * when its ballot form matters.
 */
export function adoptFor(f: VotingFixture, s: Session, where: 'QS' | 'DC' = 'QS') {
  const clerk = where === 'QS' ? f.users.qsClerk : f.users.dcClerk;
  const { present } = headcount(f.db, s.id);
  const r = adoptProcedure(f.db, { id: clerk.id, name: clerk.displayName }, s, { for: present, against: 0, abstain: 0 }, new Date());
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
