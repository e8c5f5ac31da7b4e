// Each test builds its own world with these: a fresh app and database, seeded, with logins on demand.
import { createCycle } from '../../src/data/cycles';
import { approveList, saveCandidate, setSeatsToFill, type CandidateInput } from '../../src/data/candidates';
import { type Phase } from '../../src/domain/vocabulary';
import { login, seedBasics, testApp } from './app';
import { addCycle, addProposal } from './proposalFixture';
import { seedCollection, NOW } from './proposals';

type App = ReturnType<typeof testApp>['app'];

/** The session cookie of a user, logged in once per world however often a test asks. */
function loginAs(app: App) {
  const cookies = new Map<string, Promise<string>>();
  return (username: string): Promise<string> => {
    let cookie = cookies.get(username);
    if (!cookie) cookies.set(username, (cookie = login(app, username)));
    return cookie;
  };
}

/** seedBasics in a fresh app: two townships (QS, LX), a subdistrict (DC), a village and one user per role. */
export async function basicsCase(opts: { now?: () => Date } = {}) {
  const t = testApp(undefined, opts);
  const s = await seedBasics(t.db);
  return { ...t, s, as: loginAs(t.app) };
}

/** basicsCase with QS's 2027 cycle created by its clerk (in collection, its first transition recorded). */
export async function cycleCase() {
  const w = await basicsCase();
  const made = createCycle(w.db, { id: w.s.users.qsClerk.id, name: 'qs.clerk' }, w.s.qs.id, 2027, new Date());
  if (!made.ok) throw new Error(made.error);
  return { ...w, cycle: made.value };
}

/** seedCollection (QS 2027 collecting 1–31 March, stations) in a fresh app whose clock says `now`. */
export async function collectionCase(now: () => Date = () => NOW) {
  const t = testApp(undefined, { now });
  const f = await seedCollection(t.db);
  return { ...t, f, as: loginAs(t.app) };
}

/** basicsCase with QS's 2027 cycle in `phase`, its proposals added straight to the table (helpers/proposalFixture). */
export async function phaseCase(phase: Phase) {
  const w = await basicsCase();
  const cycleId = addCycle(w.db, w.s.qs.id, 2027, phase, w.s.users.qsClerk.id).id;
  return { ...w, cycleId };
}

/**
 * QS 2027 in the candidates phase with five eligible proposals (canteen, lights, lights2, water — 15 months,
 * cross-year — and clinic), one ineligible (rejected) and one not yet screened (fresh).
 */
export async function candidatesCase() {
  const w = await phaseCase('candidates');
  const eligible = (title: string, extra = {}) => addProposal(w.db, w.cycleId, { title, status: 'eligible', ...extra }).id;
  const ids = {
    canteen: eligible('青石村老年食堂'),
    lights: eligible('青石村主干道安装路灯'),
    lights2: eligible('青石村路灯补装'),
    water: eligible('杨柳村自来水管网改造', { durationMonths: 15, crossYear: true }),
    clinic: eligible('村卫生室改造'),
    rejected: addProposal(w.db, w.cycleId, { title: '招商配套道路', status: 'ineligible' }).id,
    fresh: addProposal(w.db, w.cycleId, { title: '尚未审查的提议' }).id,
  };
  const clerk = { id: w.s.users.qsClerk.id, name: 'qs.clerk' };

  /** A candidate saved straight through the data function: one year, two milestones. */
  const addCandidate = (over: Partial<CandidateInput> = {}) => {
    const r = saveCandidate(w.db, clerk, w.cycleId, null, {
      title: '青石村老年食堂', description: '新建老年食堂一处', budget: 800_000, unitName: '镇社会事务办', unitUserId: null,
      leadOfficial: '副镇长 刘红', startDate: '2027-03-01', endDate: '2027-11-30', proposalIds: [ids.canteen],
      milestones: [
        { title: '完成选址和设计', dueDate: '2027-05-31', plannedPct: 20, plannedSpend: 100_000 },
        { title: '建成投用', dueDate: '2027-11-30', plannedPct: 100, plannedSpend: 800_000 },
      ],
      ...over,
    }, new Date());
    if (!r.ok) throw new Error(`${r.field}: ${r.error}`);
    return r.value;
  };

  /**
   * The list the presidium approved (note 镇人大主席团第三次会议), N = 2: the cross-year water works (二期完工 in 2028),
   * the lights combining two proposals, and the canteen at 900,000 元. The list is locked.
   */
  const approved = () => {
    addCandidate({
      title: '杨柳村自来水管网改造', endDate: '2028-06-30', proposalIds: [ids.water],
      milestones: [
        { title: '一期完工', dueDate: '2027-12-31', plannedPct: 60, plannedSpend: 500_000 },
        { title: '二期完工', dueDate: '2028-06-30', plannedPct: 100, plannedSpend: 800_000 },
      ],
    });
    addCandidate({ title: '青石村路灯安装', budget: 300_000, unitName: '镇规划建设管理环保办', proposalIds: [ids.lights, ids.lights2], milestones: [] });
    addCandidate({
      budget: 900_000,
      milestones: [
        { title: '完成选址和设计', dueDate: '2027-05-31', plannedPct: 20, plannedSpend: 100_000 },
        { title: '建成投用', dueDate: '2027-11-30', plannedPct: 100, plannedSpend: 900_000 },
      ],
    });
    const steps = [setSeatsToFill(w.db, clerk, w.cycleId, 2, new Date()), approveList(w.db, clerk, w.cycleId, '镇人大主席团第三次会议', new Date())];
    for (const r of steps) if (!r.ok) throw new Error(r.error);
  };

  return { ...w, ids, addCandidate, approved };
}
