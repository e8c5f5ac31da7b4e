import { eq, sql } from 'drizzle-orm';
import type { Db, DbConnection } from '../../db/client';
import { auditLog, jurisdiction } from '../../db/schema';
import { type JurisdictionKind, type Role } from '../domain/vocabulary';
import { recordAudit, type Actor } from '../data/audit';
import { markDemo } from '../data/demoMarker';
import { createFirstAdministrator } from '../data/firstRun';
import { addStation as addStationTo, createJurisdiction } from '../data/jurisdictionAdmin';
import { assignLink } from '../data/repLinks';
import { addReps, createRepLogins, retireRep, type NewRep, type RosterScope } from '../data/representatives';
import { getSettings, saveSettings } from '../data/settings';
import type { StationInput } from '../data/stations';
import { createAccount } from '../data/users';
import { addDays, chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { ROLE_LABELS } from '../domain/authz';
import { seedDeliberationDemo } from './deliberation';
import { seedStationOpinionsDemo } from './stationOpinions';
import { seedDeliveryDemo } from './delivery';
import { seedLedgerDemo } from './ledger';
import { castLastYearVote, seedLastYearVote } from './lastYearVote';
import { nameReadyToVoteOfficers } from './officers';
import { seedDemoProposals } from './proposals';
import { seedReadyToVote } from './readyToVote';
import { must } from './steps';
import { seedVotingDemo } from './voting';
import { seedStationsDemo } from './stations';

export interface DemoLogin { username: string; role: string /* Chinese label */; where: string }

// A fictional district. Roster sizes follow DOMAIN.md §5 (40–120 seated, 30–80 deliberation reps)
// and are deliberately uneven so quorum/majority arithmetic is exercised with different numbers.
interface TownSpec {
  code: string; name: string; kind: 'township' | 'subdistrict'; reps: number; road: string;
  places: string[]; units: string[]; sup: number; clerk: string; threshold?: number;
}
const TOWNS: TownSpec[] = [
  { code: 'QS', name: '青石镇', kind: 'township', reps: 86, road: '青石路18号', clerk: '陈敏', sup: 4,
    places: ['青石村', '杨柳村', '白果村', '龙井村', '新华村'], units: ['农业服务中心', '规划建设管理环保办', '社会事务办'] },
  { code: 'LX', name: '柳溪镇', kind: 'township', reps: 64, road: '柳溪街56号', clerk: '刘洋', sup: 3,
    places: ['柳溪村', '桃源村', '花园村', '大湾村'], units: ['农业服务中心', '社会事务办'] },
  { code: 'SM', name: '石门镇', kind: 'township', reps: 112, road: '石门大道2号', clerk: '张静', sup: 5,
    places: ['石门村', '黄桷村', '金竹村', '观音村', '五星村', '高峰村'], units: ['农业服务中心', '规划建设管理环保办', '社会事务办'] },
  // A poorer rural 乡 with a lower major-investment line: shows settings are per jurisdiction.
  { code: 'SH', name: '双河乡', kind: 'township', reps: 45, road: '双河街9号', clerk: '王磊', sup: 3, threshold: 3_000_000,
    places: ['双河村', '红岩村', '长岭村'], units: ['农业服务中心', '规划建设管理环保办'] },
  { code: 'DC', name: '东城街道', kind: 'subdistrict', reps: 52, road: '解放东路128号', clerk: '杨帆', sup: 4,
    places: ['文化路社区', '解放社区', '滨江社区', '朝阳社区'], units: ['城市管理办', '社区服务中心'] },
  { code: 'NH', name: '南湖街道', kind: 'subdistrict', reps: 39, road: '南湖路66号', clerk: '黄丽', sup: 3,
    places: ['南湖社区', '翠湖社区', '学府社区'], units: ['城市管理办', '社会事务办'] },
];
const DISTRICT = { code: 'YC', name: '渝川区' };
const GROUP_SIZE = 13; // deliberation reps per district representative (seed 004)
/** The congress's five-year term as the demo's day sees it: well under way, not about to run out. */
export function demoTerm(now: Date): { from: string; to: string } {
  const y = chinaYearOf(now);
  return { from: `${y - 3}-11-01`, to: `${y + 2}-10-31` };
}
const LINK_FROM = '2024-01-01';

const SECTORS = {
  township: ['农业', '农业', '村干部', '村干部', '教育', '医疗卫生', '个体工商', '企业', '机关事业单位', '退役军人', '建筑工程'],
  subdistrict: ['社区工作者', '社区工作者', '教育', '医疗卫生', '个体工商', '企业', '律师', '物业服务', '退休干部', '建筑工程'],
  district: ['企业', '教育', '医疗卫生', '机关事业单位', '律师', '农业'],
};
// Reps with these backgrounds are the 专业代表 asked onto supervision groups.
const PROFESSIONAL = ['建筑工程', '医疗卫生', '律师', '教育'];

// Common surnames repeated roughly by frequency, so 王/李/张 dominate as they do in practice.
const SURNAMES = '王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢谭廖';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志文辉林波斌宇浩凯鹏俊帆琴云莉燕春海成德福荣光明永祥庆利清发顺淑珍晓小丹萍凤';
const PHONE_PREFIXES = ['139', '138', '136', '135', '158', '187', '152', '177'];

/** mulberry32: tiny seeded PRNG, so every reset produces the same people. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A demo database seeded before the demo marker existed: its seed left an audit entry. */
export function wasSeededAsDemo(db: Db): boolean {
  return db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'demo.seed')).limit(1).get() !== undefined;
}

export function isEmpty(db: Db): boolean {
  return db.select({ n: sql<number>`count(*)` }).from(jurisdiction).get()!.n === 0;
}

export function seedDemo(conn: DbConnection, opts: { passwordHash: string; now: Date }): DemoLogin[] {
  const { now } = opts;
  const rand = mulberry32(20260101);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const phones = new Set<string>();
  const phone = () => {
    let p: string;
    do p = pick(PHONE_PREFIXES) + String(Math.floor(rand() * 1e8)).padStart(8, '0'); while (phones.has(p));
    phones.add(p);
    return p;
  };
  const nameFactory = () => {
    const used = new Set<string>(); // unique within one jurisdiction
    return () => {
      let n: string;
      do n = pick<string>(SURNAMES) + pick<string>(GIVEN) + (rand() < 0.6 ? pick<string>(GIVEN) : ''); while (used.has(n));
      used.add(n);
      return n;
    };
  };
  const logins: DemoLogin[] = [];
  const counts = { jurisdictions: 0, stations: 0, representatives: 0, users: 0, roleAssignments: 0, repLinks: 0 };
  // Every demo account has the one hash and no forced change: the README lists the demo password.
  const password = { passwordHash: opts.passwordHash, mustChangePassword: false };
  const today = chinaDateOf(now);

  // Everything below goes through the functions the app's pages call, as the people named would have clicked.
  // First, in one transaction: the district, its people, this year's work, and last year's 青石镇 up to its vote.
  const stage = conn.transaction((txn) => {
    const tx = txn as Db;
    const first = must(createFirstAdministrator(tx, {
      districtName: DISTRICT.name, districtCode: DISTRICT.code, username: 'admin', displayName: '区人大常委会管理员', ...password,
    }, now), '建立本区和区级管理员');
    const districtId = first.jurisdiction.id;
    // Every page shows the demo banner; demo:remove may wipe only a marked database. Marked in this first stage, so a
    // seed broken off after it still leaves a database that demo:reset may replace.
    markDemo(tx, districtId);
    const admin: Actor = { id: first.user.id, name: `${first.user.displayName}（${first.user.username}）` };
    counts.jurisdictions++; counts.users++; counts.roleAssignments++;

    const addJur = (parentId: number, kind: JurisdictionKind, code: string, name: string) => {
      counts.jurisdictions++;
      return must(createJurisdiction(tx, admin, parentId, { kind, code, name }, now), `建立辖区 ${name}`);
    };
    const addStation = (jurisdictionId: number, input: StationInput) => {
      counts.stations++;
      must(addStationTo(tx, admin, jurisdictionId, input, now), `建立站点 ${input.name}`);
    };
    const addUser = (username: string, displayName: string, role: Role, jurisdictionId: number): Actor => {
      const u = must(createAccount(tx, admin, { username, displayName, ...password }, { role, jurisdictionId }, now), `建立账号 ${username}`);
      counts.users++; counts.roleAssignments++;
      return { id: u.id, name: `${displayName}（${username}）` };
    };
    const term = demoTerm(now);
    const seat = (name: string, community: string, sector: string, tel = phone()): NewRep => ({
      name, community, sector, phone: tel, termFrom: term.from, termTo: term.to, byElection: false, seatedOn: null,
      status: 'seated', retiredOn: null, retireReason: null, retireNote: '',
    });
    // Representatives and their logins go through the roster's own functions, as a clerk's import and slips would.
    const seatWithLogins = (actor: Actor, scope: RosterScope & { code: string }, entries: { rep: NewRep; username: string }[]) => {
      const reps = addReps(tx, actor, scope, entries.map((e) => e.rep), now);
      must(createRepLogins(tx, actor, scope, reps.map((r, i) => ({ repId: r.id, passwordHash: opts.passwordHash, username: entries[i]!.username })),
        { mustChangePassword: false }, now), '建立代表账号');
      counts.representatives += reps.length;
      counts.users += reps.length;
      counts.roleAssignments += reps.length;
      return reps;
    };
    const login = (username: string, role: string, where: string) => logins.push({ username, role, where });

    login('admin', ROLE_LABELS.districtAdmin, DISTRICT.name);

    const districtName = nameFactory();
    let districtRepNo = 0;
    const firstTown = TOWNS[0]!;

    for (const t of TOWNS) {
      const lc = t.code.toLowerCase();
      const town = addJur(districtId, t.kind, t.code, t.name);
      const prefix = `${DISTRICT.name}${t.name}`;
      addStation(town.id, { kind: 'home', name: `${t.name}人大代表之家`, address: `${prefix}${t.road}便民服务中心二楼`, openingHours: '周一至周五 9:00–12:00，14:00–17:30', shortCode: `${lc}-home` });
      t.places.forEach((place, i) => {
        const code = `${t.code}${String(i + 1).padStart(2, '0')}`;
        const isVillage = t.kind === 'township';
        const placeId = addJur(town.id, isVillage ? 'village' : 'community', code, place).id;
        const office = isVillage ? '村民委员会' : '党群服务中心';
        // Liaison stations in the first place, contact points in the third: not every village has one.
        if (i === 0) addStation(placeId, { kind: 'liaison', name: `${place}人大代表联络站`, address: `${prefix}${place}${office}`, openingHours: '每月 15 日 9:00–11:30 代表接待', shortCode: `${code.toLowerCase()}-lx` });
        if (i === 2) addStation(placeId, { kind: 'contact', name: `${place}代表联系点`, address: `${prefix}${place}便民服务站`, shortCode: `${code.toLowerCase()}-lxd` });
      });

      const office = t.kind === 'township' ? '人大主席团办公室' : '人大工委办公室';
      const clerk = addUser(`${lc}.clerk`, `${t.name}${office} ${t.clerk}`, 'clerk', town.id);
      login(`${lc}.clerk`, ROLE_LABELS.clerk, t.name);

      const body = t.kind === 'township' ? 'congress' : 'deliberation';
      const role: Role = t.kind === 'township' ? 'representative' : 'deliberationRep';
      const tag = t.kind === 'township' ? 'rep' : 'drep';
      const newName = nameFactory();
      const entries: { rep: NewRep; username: string }[] = [];
      for (let i = 1; i <= t.reps; i++) {
        const name = newName();
        const sector = pick(SECTORS[t.kind]);
        entries.push({ rep: seat(name, pick(t.places), sector), username: `${lc}.${tag}${String(i).padStart(3, '0')}` });
        if (i === 1) login(entries[0]!.username, ROLE_LABELS[role], t.name);
      }
      const roster = seatWithLogins(clerk, { jurisdictionId: town.id, body, code: t.code }, entries);
      if (t === firstTown) {
        // A roster that has lived: a seat ended some months ago and a by-election filled it since (the roster's
        // history shows both; a session dated between them would count one fewer). Fixed values: no draw from rand.
        must(retireRep(tx, clerk, roster.at(-1)!, { onDate: addDays(today, -150), reason: 'death', note: '因病去世' }, now), '代表离任');
        seatWithLogins(clerk, { jurisdictionId: town.id, body, code: t.code }, [{
          rep: { ...seat('周雪梅', t.places[0]!, '教育', '13908230087'), byElection: true, seatedOn: addDays(today, -60) },
          username: `${lc}.${tag}${String(t.reps + 1).padStart(3, '0')}`,
        }]);
      }

      if (t.kind === 'subdistrict') {
        // One district-level representative per group of 13 deliberation reps in this subdistrict; the subdistrict's
        // clerk links the group on the links page.
        for (let g = 0; g < roster.length; g += GROUP_SIZE) {
          const no = String(++districtRepNo).padStart(3, '0');
          const name = districtName();
          const [districtRep] = seatWithLogins(admin, { jurisdictionId: districtId, body: 'congress', code: DISTRICT.code },
            [{ rep: seat(name, t.name, pick(SECTORS.district)), username: `yc.rep${no}` }]);
          for (const d of roster.slice(g, g + GROUP_SIZE)) {
            must(assignLink(tx, clerk, town, d.id, districtRep!.id, LINK_FROM, today, now), '安排联系区人大代表');
            counts.repLinks++;
          }
          if (districtRepNo === 1) login(`yc.rep${no}`, '区人大代表', DISTRICT.name);
        }
      }

      t.units.forEach((u, i) => addUser(`${lc}.unit${i + 1}`, `${t.name}${u}`, 'implementingUnit', town.id));
      if (t === firstTown) login(`${lc}.unit1`, ROLE_LABELS.implementingUnit, t.name);

      // 专项监督小组 = 人大干部 + 专业代表, and may include beneficiaries and media (DOMAIN.md §2).
      const pros = roster.filter((r) => PROFESSIONAL.includes(r.sector));
      const members = [
        `${t.name}${office} ${newName()}`,
        `${pros[0]?.name ?? newName()}（代表·${pros[0]?.sector ?? '专业'}）`,
        `${pros[1]?.name ?? newName()}（代表·${pros[1]?.sector ?? '专业'}）`,
        `${newName()}（受益群众代表）`,
        `${DISTRICT.name}融媒体中心记者 ${newName()}`,
      ];
      members.slice(0, t.sup).forEach((m, i) => addUser(`${lc}.sup${i + 1}`, m, 'supervisionMember', town.id));
      if (t === firstTown) login(`${lc}.sup1`, ROLE_LABELS.supervisionMember, t.name);

      if (t.threshold !== undefined) {
        saveSettings(tx, clerk, town, { ...getSettings(tx, town.id), majorInvestmentThreshold: t.threshold }, now);
      }
    }

    const collection = seedDemoProposals(tx, { now, rand: mulberry32(20260315) });
    collection.proposals += seedReadyToVote(tx, now).proposals; // 石门镇 screened, list approved, session planned
    seedDeliberationDemo(tx, now);
    seedStationOpinionsDemo(tx, now); // townships' stations: opinions in each state, one turned into a pool proposal
    const tellers = seedVotingDemo(tx, admin, password, now);
    counts.users += tellers.created;
    counts.roleAssignments += tellers.created;
    for (const t of tellers.logins) login(t.username, `${ROLE_LABELS.clerk}（计票人）`, t.where);
    nameReadyToVoteOfficers(tx, now); // 石门镇's session today: its officers named, ready for the 票决办法
    const lastYear = seedLastYearVote(tx, now); // 青石镇's congress last February, its poll open
    collection.cycles += 1;
    collection.proposals += lastYear.proposals;
    return { districtId, collection, lastYear };
  });

  // The representatives vote as in the hall: each ballot, the close and the publication are the app's own durable
  // transactions (synchronous=FULL cannot be set inside another), and closing forgets the ballots' write order.
  castLastYearVote(conn, stage.lastYear);

  // Then, in one transaction: the year of delivery that followed, and the seed's own entry in the audit log.
  conn.transaction((txn) => {
    const tx = txn as Db;
    seedDeliveryDemo(tx, now); // last year's 青石镇 projects under supervision (delivery.ts)
    seedLedgerDemo(tx, now); // 青石镇's duty ledger: station activities recorded by hand (ledger.ts)

    seedStationsDemo(tx, now); // the townships' stations: representatives, conveners, liaison, goals, reception days
    recordAudit(tx, { id: null, name: '系统' }, {
      action: 'demo.seed', targetType: 'jurisdiction', targetId: stage.districtId, jurisdictionId: stage.districtId,
      after: { ...counts, ...stage.collection },
    }, now);
  });

  // Present the logins grouped by role (admin, clerks, reps, district rep, unit, supervision), not by town.
  const rank = (u: string) => [/^admin$/, /\.(clerk|teller)$/, /^(?!yc\.).*\.rep\d/, /\.drep/, /^yc\./, /\.unit/, /\.sup/]
    .findIndex((re) => re.test(u));
  return logins.sort((a, b) => rank(a.username) - rank(b.username));
}
