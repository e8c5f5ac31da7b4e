// The rows of a province for `npm run bench:province`: townships under the district, each with its representatives,
// stations and a cycle per year taken through collection, screening, the candidate list, a published vote and a
// year of monthly progress reports. Written with raw prepared inserts in one transaction per township (the data
// functions would take hours at this scale), in the shapes those functions write, so every page renders them.
import { createHash, randomBytes } from 'node:crypto';
import type { DbConnection } from '../../db/client';
import type { Marks } from '../../src/domain/ballot';
import { encodeMarks } from '../../src/domain/compactMarks';
import { blankBallots } from '../../src/domain/closureCertificate';
import { formatReceipt, receiptCheck } from '../../src/domain/receipt';
import { tallySelection } from '../../src/domain/tally';
import type { PollRule } from '../../src/domain/pollRule';
import { PROPOSAL_CATEGORIES } from '../../src/domain/vocabulary';

export interface ProvinceScale {
  towns: number;
  /** Townships per district: each district has its own administrator (dNNN.admin). */
  townsPerDistrict: number;
  years: number;
  proposalsPerCycle: number;
  repsPerTown: number;
  candidatesPerCycle: number;
  seatsToFill: number;
  /** The last generated year: the current China year (its cycle is in delivery, the earlier ones closed). */
  lastYear: number;
}

export interface ProvinceCounts { [table: string]: number }

const GENESIS = '0'.repeat(64);
const DAY = 86_400_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰志强海燕文斌红梅春生';
const WORKS = ['道路硬化', '路灯安装', '饮水安全提升', '垃圾分类设施', '老年食堂', '文化广场', '卫生室改造', '公厕改造', '停车场建设', '河道整治', '幼儿园扩班', '便民服务中心', '污水管网延伸', '桥梁加固', '健身步道', '农贸市场改造', '消防通道打通', '学校食堂改造', '雨污分流', '养老服务站'];
const PLACE_WORDS = ['村', '社区'];
const MARKS = ['for', 'for', 'for', 'for', 'against', 'abstain'] as const;

/** A seeded generator, so two runs at one scale build the same province. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The code of the n-th generated township: letters only after the T, never one of the demo's codes. */
export function townCode(n: number): string {
  return `T${String(n + 1).padStart(4, '0')}`;
}

function auditChain(conn: DbConnection) {
  const last = conn.$client.prepare('select hash from audit_log order by id desc limit 1').get() as { hash: string } | undefined;
  let prev = last?.hash ?? GENESIS;
  const insert = conn.$client.prepare(`insert into audit_log (at, actor_id, actor_name, action, target_type, target_id, jurisdiction_id, before, after, ip, prev_hash, hash)
    values (?, ?, ?, ?, ?, ?, ?, null, ?, '', ?, ?)`);
  // The chain hashes exactly the fields recordAudit hashes, so the chain stays intact over generated rows.
  return (at: number, actorId: number, actorName: string, action: string, targetType: string, targetId: number, jurisdictionId: number, after: unknown) => {
    const afterText = JSON.stringify(after);
    const hash = createHash('sha256').update(prev + '\n' + JSON.stringify([at, actorId, actorName, action, targetType, String(targetId), jurisdictionId, null, afterText, ''])).digest('hex');
    insert.run(at, actorId, actorName, action, targetType, String(targetId), jurisdictionId, afterText, prev, hash);
    prev = hash;
  };
}

/** The code of the district the n-th generated township belongs to. */
export function districtCode(n: number, scale: Pick<ProvinceScale, 'townsPerDistrict'>): string {
  return `D${String(Math.floor(n / scale.townsPerDistrict) + 1).padStart(3, '0')}`;
}

/** Appends the province's districts and townships beside the districts already there. */
export function buildProvince(conn: DbConnection, passwordHash: string, scale: ProvinceScale, onTown?: (n: number) => void): ProvinceCounts {
  const c = conn.$client;
  const rand = mulberry32(20260615);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const name = () => pick<string>(SURNAMES) + pick<string>(GIVEN) + (rand() < 0.6 ? pick<string>(GIVEN) : '');
  const counts: ProvinceCounts = {};
  const add = (t: string, n = 1) => { counts[t] = (counts[t] ?? 0) + n; };
  const q = (sql: string) => c.prepare(sql);
  const ins = {
    jurisdiction: q('insert into jurisdiction (parent_id, kind, code, name, active, created_at) values (?, ?, ?, ?, 1, ?)'),
    user: q('insert into user (username, display_name, password_hash, active, must_change_password, created_at) values (?, ?, ?, 1, 0, ?)'),
    role: q('insert into role_assignment (user_id, role, jurisdiction_id) values (?, ?, ?)'),
    station: q(`insert into station (jurisdiction_id, kind, name, address, opening_hours, short_code, active) values (?, 'liaison', ?, ?, '每月 15 日 9:00–11:30 代表接待', ?, 1)`),
    rep: q(`insert into representative (jurisdiction_id, body, name, community, sector, phone, term_from, term_to, status, by_election) values (?, 'congress', ?, ?, '', ?, ?, ?, 'seated', 0)`),
    cycle: q(`insert into cycle (jurisdiction_id, year, phase, created_by, created_at, collection_opens, collection_closes, seats_to_fill, candidates_locked_at, candidates_locked_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    transition: q('insert into phase_transition (cycle_id, from_phase, to_phase, by, at, note) values (?, ?, ?, ?, ?, ?)'),
    proposal: q(`insert into proposal (cycle_id, receipt, seq, title, description, place_id, category, estimated_cost, funding_source, fiscal_share_pct, beneficiaries, duration_months, cross_year, proposer_name, proposer_phone, source, entry_channel, status, created_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, '镇财政', 100, ?, ?, 0, ?, ?, 'public', 'online', ?, ?)`),
    event: q('insert into proposal_event (proposal_id, at, actor_id, kind, note) values (?, ?, ?, ?, ?)'),
    screening: q(`insert into screening (proposal_id, decision, rule_results, failed_rules, explanation, decided_by, at) values (?, ?, ?, ?, ?, ?, ?)`),
    candidate: q(`insert into candidate (cycle_id, title, description, budget, unit_name, lead_official, start_date, end_date, cross_year, position, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`),
    candidateProposal: q('insert into candidate_proposal (candidate_id, proposal_id) values (?, ?)'),
    milestone: q('insert into milestone (candidate_id, title, due_date, planned_pct, planned_spend, position) values (?, ?, ?, ?, ?, ?)'),
    session: q(`insert into session (jurisdiction_id, cycle_id, body, kind, title, date, start_time, end_time, place, agenda, check_in_code, state, created_by, created_at) values (?, ?, 'congress', 'startOfYear', ?, ?, '09:00', '12:00', ?, ?, ?, 'closed', ?, ?)`),
    roster: q('insert into session_roster (session_id, representative_id, name, community) values (?, ?, ?, ?)'),
    attendance: q(`insert into attendance (session_id, representative_id, state, at, checked_in_by, reason) values (?, ?, ?, ?, ?, ?)`),
    attendanceEvent: q(`insert into attendance_event (session_id, representative_id, state, correction, reason, at, by) values (?, ?, ?, 0, ?, ?, ?)`),
    procedure: q('insert into voting_procedure (session_id, text, rule, for_votes, against_votes, abstentions, adopted_by, adopted_at) values (?, ?, ?, ?, 0, 0, ?, ?)'),
    poll: q(`insert into poll (session_id, kind, secrecy, title, seats_to_fill, state, paper_ballots_issued, ballot_form, rule, is_test, opened_at, closed_at, published_at, created_at) values (?, 'selection', 'secret', ?, ?, 'published', 0, 'perItem', ?, 0, ?, ?, ?, ?)`),
    option: q('insert into poll_option (poll_id, candidate_id, label, position) values (?, ?, ?, ?)'),
    roll: q('insert into poll_roll (poll_id, moment, representative_id, state) values (?, ?, ?, ?)'),
    participation: q(`insert into participation (poll_id, representative_id, channel, receipt_code) values (?, ?, 'electronic', ?)`),
    ballot: q('insert into ballot (id, poll_id, marks, valid, invalid_reason) values (?, ?, ?, 1, \'\')'),
    box: q('insert into ballot_box (poll_id, public_key, wrapped_key, opened_at) values (?, ?, null, ?)'),
    result: q('insert into poll_result (poll_id, result, computed_at, blank_ballots) values (?, ?, ?, ?)'),
    resolution: q('insert into resolution (cycle_id, session_id, title, body, published_at, published_by, updated_at) values (?, ?, ?, ?, ?, ?, ?)'),
    project: q(`insert into project (cycle_id, candidate_id, poll_id, status, created_at) values (?, ?, ?, ?, ?)`),
    report: q(`insert into progress_report (project_id, month, pct, spent, milestones, problems, help_needed, backwards_reason, filed_by, filed_at, updated_at) values (?, ?, ?, ?, ?, '', '', '', ?, ?, ?)`),
  };
  const audit = auditChain(conn);
  const id = (r: { lastInsertRowid: number | bigint }) => Number(r.lastInsertRowid);
  const ms = (date: string, hour = 9) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour - 8);
  const firstYear = scale.lastYear - scale.years + 1;

  let districtId = 0;
  let adminId = 0;
  const district = (n: number) => {
    const code = districtCode(n, scale);
    const created = ms(`${firstYear - 1}-09-01`);
    districtId = id(ins.jurisdiction.run(null, 'district', code, `${pick<string>(SURNAMES)}${pick<string>('江川山城原')}${code}区`, created)); add('jurisdiction');
    adminId = id(ins.user.run(`${code.toLowerCase()}.admin`, name(), passwordHash, created)); add('user');
    ins.role.run(adminId, 'districtAdmin', districtId); add('role_assignment');
  };

  const town = c.transaction((n: number) => {
    if (n % scale.townsPerDistrict === 0) district(n);
    const code = townCode(n);
    const townName = `${pick<string>(SURNAMES)}${pick<string>('山河湖桥坪塘溪岭湾')}${n}镇`;
    const created = ms(`${firstYear - 1}-10-01`);
    const townId = id(ins.jurisdiction.run(districtId, 'township', code, townName, created)); add('jurisdiction');
    const places: { id: number; name: string }[] = [];
    for (let p = 0; p < 5; p++) {
      const placeName = `${pick<string>(SURNAMES)}家${PLACE_WORDS[p % 2]}${p + 1}`;
      places.push({ id: id(ins.jurisdiction.run(townId, p % 2 ? 'community' : 'village', `${code}${String(p + 1).padStart(2, '0')}`, placeName, created)), name: placeName });
      add('jurisdiction');
    }
    const clerkName = name();
    const clerkId = id(ins.user.run(`${code.toLowerCase()}.clerk`, clerkName, passwordHash, created)); add('user');
    ins.role.run(clerkId, 'clerk', townId); add('role_assignment');
    const clerk = `${clerkName}（${code.toLowerCase()}.clerk）`;
    audit(created, adminId, '管理员', 'jurisdiction.create', 'jurisdiction', townId, townId, { code, name: townName }); add('audit_log');
    ins.station.run(townId, `${townName}人大代表联络站`, `${townName}政府一楼`, `${code.toLowerCase()}-lx`); add('station');
    const reps: { id: number; name: string; community: string }[] = [];
    for (let r = 0; r < scale.repsPerTown; r++) {
      const community = places[r % places.length]!.name;
      const repName = name();
      reps.push({ id: id(ins.rep.run(townId, repName, community, `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`, `${firstYear - 1}-11-01`, `${scale.lastYear + 4}-10-31`)), name: repName, community });
    }
    add('representative', reps.length);

    for (let year = firstYear; year <= scale.lastYear; year++) {
      const current = year === scale.lastYear;
      const opens = `${year - 1}-10-15`;
      const closes = `${year - 1}-11-20`;
      const locked = ms(`${year - 1}-12-20`);
      const sessionDate = `${year}-01-15`;
      const cycleId = id(ins.cycle.run(townId, year, current ? 'delivery' : 'closed', clerkId, ms(`${year - 1}-10-01`), opens, closes, scale.seatsToFill, locked, clerkId)); add('cycle');
      const phases = ['collection', 'screening', 'candidates', 'voting', 'delivery', ...(current ? [] : ['evaluation', 'closed'])];
      phases.forEach((to, i) => ins.transition.run(cycleId, i ? phases[i - 1] : null, to, clerkId, ms(opens) + i * 20 * DAY, ''));
      add('phase_transition', phases.length);

      const eligible: { id: number; title: string; description: string; cost: number }[] = [];
      for (let s = 1; s <= scale.proposalsPerCycle; s++) {
        const place = places[Math.floor(rand() * places.length)]!;
        const work = pick(WORKS);
        const title = `${place.name}${work}`;
        const description = `建议在${place.name}实施${work}项目，惠及群众约 ${100 + Math.floor(rand() * 2000)} 户，解决群众反映强烈的${work.slice(0, 2)}问题。`;
        const cost = 50_000 + Math.floor(rand() * 40) * 50_000;
        const r = rand();
        const status = r < 0.7 ? 'eligible' : r < 0.9 ? 'ineligible' : 'redirected';
        const at = ms(opens) + Math.floor(rand() * 30) * DAY;
        const receipt = formatReceipt(year, code, s, receiptCheck([s, n, year, s * 7]));
        const pid = id(ins.proposal.run(cycleId, receipt, s, title, description, place.id, pick(PROPOSAL_CATEGORIES), cost, `${place.name}村民`, 6, name(), '', status, at));
        ins.event.run(pid, at, null, 'submitted', '已收到提议（网上提交），等待资格审查。');
        const explanation = status === 'eligible' ? '' : status === 'ineligible' ? '属于政府日常工作，不列入民生实事项目。' : '已转交有关部门办理。';
        ins.screening.run(pid, status, '[]', status === 'ineligible' ? '["ROUTINE_WORK"]' : '[]', explanation, clerkId, at + 10 * DAY);
        ins.event.run(pid, at + 10 * DAY, clerkId, 'screened', status === 'eligible' ? '经资格审查，符合民生实事项目条件。' : explanation);
        audit(at, null as unknown as number, '群众', 'proposal.submit', 'proposal', pid, townId, { receipt, title, source: 'public' });
        if (status === 'eligible') eligible.push({ id: pid, title, description, cost });
      }
      add('proposal', scale.proposalsPerCycle); add('proposal_event', 2 * scale.proposalsPerCycle); add('screening', scale.proposalsPerCycle); add('audit_log', scale.proposalsPerCycle);

      const candidates: { id: number; title: string; budget: number }[] = [];
      for (let k = 0; k < Math.min(scale.candidatesPerCycle, eligible.length); k++) {
        const p = eligible[k]!;
        const cid = id(ins.candidate.run(cycleId, p.title, p.description, p.cost, `${townName}社会事务办`, `副镇长 ${name()}`, `${year}-03-01`, `${year}-11-30`, k + 1, locked));
        ins.candidateProposal.run(cid, p.id);
        ins.event.run(p.id, locked, clerkId, 'candidate', `已列入经主席团审定的${year}年度民生实事候选项目“${p.title}”，将提交人民代表大会票决。`);
        [['开工', `${year}-04-30`, 30], ['主体完工', `${year}-08-31`, 70], ['竣工验收', `${year}-11-30`, 100]].forEach(([t, due, pct], i) =>
          ins.milestone.run(cid, t, due, pct, Math.round((p.cost * (pct as number)) / 100), i));
        candidates.push({ id: cid, title: p.title, budget: p.cost });
      }
      add('candidate', candidates.length); add('candidate_proposal', candidates.length); add('milestone', 3 * candidates.length);

      const opened = ms(sessionDate, 10);
      const sessionId = id(ins.session.run(townId, cycleId, `${townName}人民代表大会${year}年会议`, sessionDate, `${townName}人民政府会议室`, `票决${year}年度民生实事项目`, String(100000 + Math.floor(rand() * 900000)), clerkId, locked)); add('session');
      const present = reps.filter(() => rand() < 0.92);
      const presentIds = new Set(present.map((r) => r.id));
      for (const r of reps) {
        ins.roster.run(sessionId, r.id, r.name, r.community);
        const state = presentIds.has(r.id) ? 'present' : 'leave';
        ins.attendance.run(sessionId, r.id, state, opened - 3600_000, clerkId, state === 'leave' ? '因病请假' : '');
        ins.attendanceEvent.run(sessionId, r.id, state, state === 'leave' ? '因病请假' : '', opened - 3600_000, clerkId);
      }
      add('session_roster', reps.length); add('attendance', reps.length); add('attendance_event', reps.length);
      const rule: PollRule = {
        body: 'congress', quorum: { fraction: { num: 2, den: 3 }, comparator: 'atLeast' }, majority: { base: 'seated', comparator: 'moreThan' },
        seatsToFill: scale.seatsToFill, candidates: candidates.length, ballotForm: 'perItem', slate: candidates.length > scale.seatsToFill ? 'competitive' : 'equal',
      };
      ins.procedure.run(sessionId, `${townName}${year}年民生实事项目票决办法`, JSON.stringify(rule), present.length, clerkId, opened - 1800_000); add('voting_procedure');
      const pollId = id(ins.poll.run(sessionId, `${year}年度民生实事项目票决`, scale.seatsToFill, JSON.stringify(rule), opened, opened + 1800_000, opened + 7200_000, opened - 600_000)); add('poll');
      const options = candidates.map((cand, i) => ({ optionId: id(ins.option.run(pollId, cand.id, cand.title, i + 1)), label: cand.title, candidateId: cand.id }));
      const optionIds = options.map((o) => o.optionId);
      add('poll_option', options.length);
      for (const moment of ['open', 'close']) for (const r of reps) ins.roll.run(pollId, moment, r.id, presentIds.has(r.id) ? 'present' : 'leave');
      add('poll_roll', 2 * reps.length);
      const ballots: { marks: Marks; valid: boolean }[] = [];
      // Earlier options draw more "for": the vote is not a coin toss, so the adopted projects are the first ones.
      for (const r of present) {
        ins.participation.run(pollId, r.id, randomBytes(4).toString('hex').toUpperCase());
        const marks: Marks = {};
        options.forEach((o, i) => { marks[o.optionId] = i < scale.seatsToFill ? pick(MARKS) : pick(['for', 'against', 'against', 'abstain'] as const); });
        ballots.push({ marks, valid: true });
        ins.ballot.run(randomBytes(16).toString('hex'), pollId, encodeMarks(optionIds, marks));
      }
      add('participation', present.length); add('ballot', present.length);
      ins.box.run(pollId, randomBytes(32), opened + 1800_000); add('ballot_box');
      const rollCounts = { seated: reps.length, present: present.length, leave: reps.length - present.length, departed: 0, absent: 0, notYet: 0 };
      const tally = tallySelection({
        kind: 'selection', options, ballots, seatsToFill: scale.seatsToFill, seated: reps.length, present: present.length,
        majorityBase: 'seated', quorum: rule.quorum.fraction, quorumComparator: 'atLeast', ballotForm: 'perItem',
      });
      const result = {
        pollId, secrecy: 'secret', ballots: { electronic: present.length, paperIssued: 0, paperReturned: 0, issued: present.length, returned: present.length },
        invalidReasons: [], quorumFraction: '2/3', majorityBase: 'seated', rule, computedAt: new Date(opened + 1800_000).toISOString(),
        roll: { atOpen: rollCounts, atClose: rollCounts, present: present.length, votedThenLeft: 0 }, kind: 'selection', tally,
      };
      ins.result.run(pollId, JSON.stringify(result), opened + 1800_000, blankBallots('selection', ballots)); add('poll_result');
      ins.resolution.run(cycleId, sessionId, `关于${year}年度民生实事项目票决结果的决议`, `${townName}人民代表大会票决通过${year}年度民生实事项目。`, opened + 7200_000, clerkId, opened + 7200_000); add('resolution');
      audit(opened + 7200_000, clerkId, clerk, 'poll.publish', 'poll', pollId, townId, { title: `${year}年度民生实事项目票决` }); add('audit_log');

      const adopted = new Set(tally.rows.filter((row) => row.outcome === 'adopted').map((row) => row.candidateId));
      const chosen = candidates.filter((cand) => adopted.has(cand.id));
      const lastMonth = current ? 11 : 12;
      for (const cand of chosen) {
        const projectId = id(ins.project.run(cycleId, cand.id, pollId, current ? 'inProgress' : 'accepted', opened + 7200_000)); add('project');
        for (let m = 1; m <= lastMonth; m++) {
          const pct = Math.min(100, Math.round((m / 11) * 100));
          const month = `${year}-${String(m).padStart(2, '0')}`;
          const milestones = JSON.stringify([
            { title: '开工', dueDate: `${year}-04-30`, state: m >= 4 ? 'done' : 'onTrack' },
            { title: '主体完工', dueDate: `${year}-08-31`, state: m >= 8 ? 'done' : 'onTrack' },
            { title: '竣工验收', dueDate: `${year}-11-30`, state: m >= 11 ? 'done' : 'onTrack' },
          ]);
          const filed = ms(`${month}-25`);
          ins.report.run(projectId, month, pct, Math.round((cand.budget * pct) / 100), milestones, clerkId, filed, filed);
        }
        add('progress_report', lastMonth);
      }
    }
  });
  for (let n = 0; n < scale.towns; n++) {
    town(n);
    onTown?.(n);
  }
  return counts;
}
