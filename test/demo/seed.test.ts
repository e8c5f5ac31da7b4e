import Database from 'better-sqlite3';
import { and, eq, ne, sql } from 'drizzle-orm';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db, type DbConnection } from '../../db/client';
import { auditLog, jurisdiction, repLink, representative, roleAssignment, setting, station, user } from '../../db/schema';
import { verifyAuditChain } from '../../src/data/audit';
import { isDemo } from '../../src/data/demoMarker';
import { getSettings } from '../../src/data/settings';
import { backupDb, backupUploads, uploadsBackupOf } from '../../scripts/backup';
import { demoTerm, isEmpty, seedDemo, type DemoLogin } from '../../src/demo/seed';
import { printLogins } from '../../src/demo/logins';
import { checkDatabaseFile } from '../../scripts/restore';

const now = new Date('2026-01-05T09:00:00Z');
let db: DbConnection;
let logins: DemoLogin[];

beforeAll(() => {
  db = openDb(':memory:');
  expect(isEmpty(db)).toBe(true);
  logins = seedDemo(db, { passwordHash: 'dummy-hash', now });
});

const ROSTER_ACTIONS = ['roster.import', 'roster.logins.create', 'roster.retire'];
const kids = (kind: 'township' | 'subdistrict') => db.select().from(jurisdiction).where(eq(jurisdiction.kind, kind)).all();
const seated = (jurisdictionId: number, body: 'congress' | 'deliberation') => db.select().from(representative)
  .where(and(eq(representative.jurisdictionId, jurisdictionId), eq(representative.body, body), eq(representative.status, 'seated'))).all();
const rolesOf = (username: string) => db.select({ role: roleAssignment.role, jurisdictionId: roleAssignment.jurisdictionId })
  .from(roleAssignment).innerJoin(user, eq(user.id, roleAssignment.userId)).where(eq(user.username, username)).all();

describe('seedDemo', () => {
  it('builds a district with townships, subdistricts and their villages/communities', () => {
    expect(isEmpty(db)).toBe(false);
    const district = db.select().from(jurisdiction).where(eq(jurisdiction.kind, 'district')).all();
    expect(district).toHaveLength(1);
    expect(kids('township').length).toBeGreaterThanOrEqual(3);
    expect(kids('subdistrict').length).toBeGreaterThanOrEqual(2);
    for (const t of [...kids('township'), ...kids('subdistrict')]) {
      expect(t.parentId).toBe(district[0]!.id);
      const places = db.select().from(jurisdiction).where(eq(jurisdiction.parentId, t.id)).all();
      expect(places.length).toBeGreaterThanOrEqual(3);
      expect(places.length).toBeLessThanOrEqual(6);
      expect(places.every((p) => p.kind === (t.kind === 'township' ? 'village' : 'community'))).toBe(true);
      const home = db.select().from(station).where(and(eq(station.jurisdictionId, t.id), eq(station.kind, 'home'))).all();
      expect(home.map((s) => s.shortCode)).toEqual([`${t.code.toLowerCase()}-home`]);
    }
  });

  it('seats 40–120 congress reps per township and 30–80 deliberation reps per subdistrict, each with a login', () => {
    for (const t of kids('township')) {
      const reps = seated(t.id, 'congress');
      expect(reps.length).toBeGreaterThanOrEqual(40);
      expect(reps.length).toBeLessThanOrEqual(120);
      expect(new Set(reps.map((r) => r.name)).size).toBe(reps.length);
      expect(reps.every((r) => r.userId !== null && /^1\d{10}$/.test(r.phone))).toBe(true);
    }
    for (const s of kids('subdistrict')) {
      const reps = seated(s.id, 'deliberation');
      expect(reps.length).toBeGreaterThanOrEqual(30);
      expect(reps.length).toBeLessThanOrEqual(80);
      expect(reps.every((r) => r.userId !== null)).toBe(true);
    }
  });

  it('links every deliberation rep to exactly one district rep, in groups of at most 13', () => {
    const district = db.select().from(jurisdiction).where(eq(jurisdiction.kind, 'district')).get()!;
    const districtReps = new Set(seated(district.id, 'congress').map((r) => r.id));
    const links = db.select().from(repLink).all();
    const dreps = db.select().from(representative).where(eq(representative.body, 'deliberation')).all();
    for (const d of dreps) {
      const mine = links.filter((l) => l.deliberationRepId === d.id);
      expect(mine).toHaveLength(1);
      expect(districtReps.has(mine[0]!.districtRepId)).toBe(true);
      expect(mine[0]!.toDate).toBeNull();
    }
    for (const id of districtReps) {
      const n = links.filter((l) => l.districtRepId === id).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(13);
    }
  });

  it('gives the admin, every clerk and the listed demo logins their roles', () => {
    const district = db.select().from(jurisdiction).where(eq(jurisdiction.kind, 'district')).get()!;
    expect(rolesOf('admin')).toEqual([{ role: 'districtAdmin', jurisdictionId: district.id }]);
    for (const t of [...kids('township'), ...kids('subdistrict')]) {
      expect(rolesOf(`${t.code.toLowerCase()}.clerk`)).toEqual([{ role: 'clerk', jurisdictionId: t.id }]);
    }
    const names = db.select({ u: user.username }).from(user).all().map((r) => r.u);
    expect(new Set(names).size).toBe(names.length);
    for (const l of logins) expect(names).toContain(l.username);
    expect(logins[0]!.username).toBe('admin');
    expect(rolesOf('dc.drep001')[0]!.role).toBe('deliberationRep');
    expect(rolesOf('yc.rep001')).toEqual([{ role: 'representative', jurisdictionId: district.id }]);
    expect(rolesOf('qs.unit1')[0]!.role).toBe('implementingUnit');
    expect(rolesOf('qs.sup1')[0]!.role).toBe('supervisionMember');
    expect(db.select().from(user).all().every((u) => u.passwordHash === 'dummy-hash')).toBe(true);
  });

  it('enters every roster and its logins through the roster functions, by the clerk (the district\'s by its administrator)', () => {
    const audit = db.select().from(auditLog).all();
    const roster = audit.filter((a) => ROSTER_ACTIONS.includes(a.action));
    expect(roster.every((a) => /（([a-z]+\.clerk|admin)）$/.test(a.actorName))).toBe(true);
    expect(roster.filter((a) => a.action === 'roster.import')).toHaveLength(6 + 7 + 1); // six towns, seven district representatives, a by-election
    expect(audit.some((a) => `${a.before}${a.after}`.includes('dummy-hash'))).toBe(false);
    expect(db.select().from(user).all().some((u) => u.mustChangePassword)).toBe(false); // the README's password works
    const qs = kids('township').find((t) => t.code === 'QS')!;
    expect(seated(qs.id, 'congress').filter((r) => r.seatedOn !== demoTerm(now).from || r.byElection))
      .toEqual([expect.objectContaining({ name: '周雪梅', byElection: true, seatedOn: '2025-11-06' })]); // 60 days before the demo's day
    expect(db.select().from(representative).where(eq(representative.status, 'retired')).all())
      .toEqual([expect.objectContaining({ jurisdictionId: qs.id, retiredOn: '2025-08-08', retireReason: 'death' })]);
  });

  it('makes every account and role through the account function: the first administrator at setup, the rest by them', () => {
    const audit = db.select().from(auditLog).all();
    const users = db.select({ n: sql<number>`count(*)` }).from(user).get()!.n;
    expect(audit.filter((a) => a.action === 'user.create')).toHaveLength(users);
    expect(audit.filter((a) => a.action === 'role.grant')).toHaveLength(db.select({ n: sql<number>`count(*)` }).from(roleAssignment).get()!.n);
    expect(audit.filter((a) => a.action === 'setup.firstAdministrator')).toHaveLength(1);
    expect(audit.filter((a) => ['jurisdiction.create', 'station.create'].includes(a.action)).every((a) => a.actorName.endsWith('（admin）'))).toBe(true);
  });

  it('stores 双河乡\'s own investment line and 青石镇\'s 等额 rule as their clerks saved them, besides the demo marker', () => {
    const sh = kids('township').find((t) => t.code === 'SH')!;
    const qs = kids('township').find((t) => t.code === 'QS')!;
    // saveSettings writes every key, so the stored values are explicit; no other jurisdiction has any.
    expect(new Set(db.select().from(setting).where(ne(setting.key, 'demo')).all().map((s) => s.jurisdictionId))).toEqual(new Set([sh.id, qs.id]));
    expect(getSettings(db, sh.id).majorInvestmentThreshold).toBe(3_000_000);
    expect(getSettings(db, qs.id).allowEqualSlate).toBe('yes'); // last year's list: as many candidates as places
    expect(isDemo(db)).toBe(true);
  });

  it('writes only through the app\'s own functions: each entry names who acted, the seed\'s own entry last, the chain intact', () => {
    const audit = db.select().from(auditLog).all();
    const usernames = new Set(db.select({ u: user.username }).from(user).all().map((r) => r.u));
    // A login (as userActor names it), a representative checking in on their phone, the public form, or the setup.
    const actedBy = (name: string) => usernames.has(/（([a-z0-9.]+)）$/.exec(name)?.[1] ?? '') || /（本人签到）$/.test(name) || ['公众', '初始设置'].includes(name);
    expect(audit.slice(0, -1).filter((a) => !actedBy(a.actorName))).toEqual([]);
    // 石门镇 was brought to the vote by its clerk, on the days the steps would have been taken (readyToVote.ts).
    const sm = kids('township').find((t) => t.code === 'SM')!;
    expect(new Set(audit.filter((a) => a.jurisdictionId === sm.id && a.actorName.includes('（sm.clerk）')).map((a) => a.action))).toEqual(new Set([
      'roster.import', 'roster.logins.create', 'role.grant', 'cycle.create', 'cycle.collectionWindow', 'proposal.submit', 'cycle.transition', 'proposal.screen',
      'candidate.create', 'candidate.seats', 'candidate.approve', 'session.create', 'session.officer.assign',
      'opinion.propose', 'proposal.pool', // a station's opinion turned into a reserve-pool proposal (stationOpinions.ts)
    ]));
    expect(audit.at(-1)!.action).toBe('demo.seed');
    expect(JSON.parse(audit.at(-1)!.after!).users).toBe(db.select({ n: sql<number>`count(*)` }).from(user).get()!.n);
    expect(verifyAuditChain(db)).toBeNull();
  });

  it('is deterministic', () => {
    const other = openDb(':memory:');
    seedDemo(other, { passwordHash: 'x', now });
    const names = (d: Db) => d.select({ n: representative.name, p: representative.phone }).from(representative).all();
    expect(names(other)).toEqual(names(db));
  });

  it('prints a table with every login', () => {
    const lines: string[] = [];
    printLogins(logins, 'pw', (l) => lines.push(l));
    expect(lines[0]).toContain('pw');
    expect(lines).toHaveLength(logins.length + 2);
  });
});

describe('backup and restore check', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'minsheng-backup-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a seeded file database through the online backup', async () => {
    const live = openDb(join(dir, 'live.db'));
    seedDemo(live, { passwordHash: 'x', now });
    const dest = join(dir, 'out', 'copy.db');
    const size = await backupDb(join(dir, 'live.db'), dest);
    expect(size).toBeGreaterThan(0);
    live.$client.close();
    expect(checkDatabaseFile(dest)).toBeNull();
    expect(existsSync(`${dest}-wal`)).toBe(false); // a backup is one self-contained file
    const copy = openDb(dest);
    expect(copy.select({ n: sql<number>`count(*)` }).from(representative).get()!.n)
      .toBe(86 + 1 + 64 + 112 + 45 + 52 + 39 + 7); // 青石镇 has had a by-election
    copy.$client.close();
  });

  it('copies the uploaded photos and attachments beside the database backup', () => {
    const db = join(dir, 'withuploads', 'minsheng.db');
    mkdirSync(join(dir, 'withuploads', 'uploads', 'photos'), { recursive: true });
    writeFileSync(join(dir, 'withuploads', 'uploads', 'photos', 'a.jpg'), 'jpeg bytes');
    const dest = join(dir, 'out', 'with-uploads.db');
    expect(backupUploads(db, dest)).toBe(true);
    expect(readFileSync(join(uploadsBackupOf(dest), 'photos', 'a.jpg'), 'utf8')).toBe('jpeg bytes');
    expect(backupUploads(join(dir, 'nothing', 'minsheng.db'), dest)).toBe(false);
  });

  it('rejects files that are not a Minsheng database', () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not sqlite at all, just some text that is long enough to have a header'.repeat(20));
    expect(checkDatabaseFile(junk)).toMatch(/SQLite/);
    const other = join(dir, 'other.db');
    const plain = new Database(other);
    plain.exec('create table t (x)');
    plain.close();
    expect(checkDatabaseFile(other)).toMatch(/jurisdiction/);
    expect(checkDatabaseFile(join(dir, 'missing.db'))).toMatch(/不存在/);
  });
});
