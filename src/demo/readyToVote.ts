import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { proposal, user } from '../../db/schema';
import { approveList, saveCandidate, setSeatsToFill } from '../data/candidates';
import { getCycle, transitionCycle } from '../data/cycles';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { placesOf, submitProposal } from '../data/proposals';
import { decideScreening, evaluateProposal } from '../data/screening';
import { createSession } from '../data/sessions';
import { addDays, addMonths, chinaDateOf } from '../domain/chinaDate';
import type { MilestoneInput } from '../domain/candidateList';
import type { RuleResult } from '../domain/eligibility';
import type { DecisionInput } from '../domain/screening';
import type { ProposalCategory } from '../domain/proposalLabels';
import { actorFor, must } from './steps';

/**
 * 石门镇 ready to vote: this year's cycle taken from collection through screening and the candidate list to
 * "票决", with N = 6 approved by the presidium and a start-of-year congress session planned for today — not
 * opened, no poll yet, so whoever runs the demo opens it, checks people in and runs the vote.
 * The steps go through the same data functions as the clerk's clicks (screening, candidates, approval, session
 * with its roster snapshot), so their rows — and their audit entries, dated on the days the clerk would have
 * made them — are exactly what the app itself writes.
 */

const SEATS = 6;
const MAX_CANDIDATES = 9;
const SESSION_PLACE = '石门镇人民政府三楼会议室';

// Which office carries which kind of work, and the official in charge (units are the sm.unitN logins).
const UNIT_OF: Record<ProposalCategory, 1 | 2 | 3> = {
  water: 2, transport: 2, environment: 2, safety: 2, other: 1, elderly: 3, health: 3, education: 3, culture: 3,
};
const LEAD_OF = { 1: '副镇长 何国平', 2: '副镇长 罗晓燕', 3: '镇党委委员 谢明' } as const;

const at = (date: string, hhmm = '09:00') => new Date(`${date}T${hhmm}:00+08:00`);
const wan = (yuan: number) => `${Math.round(yuan / 10_000)} 万元`;

/** 石门镇's collection closed a month ago (proposals.ts gives its cycle this window), so screening and the list follow. */
export const READY_TOWN = 'SM';
export function readyWindow(today: string): { opens: string; closes: string } {
  return { opens: addDays(today, -60), closes: addDays(today, -30) };
}

/** Eligible; an automatic flag the clerk checked on the ground is overruled, with the reason the rules ask for. */
export function eligibleAfterCheck(results: readonly RuleResult[]): DecisionInput {
  const over = results.some((r) => r.outcome === 'fail' || r.flagged);
  return { decision: 'eligible', failedRules: [], explanation: '', overrideReason: over ? '经实地核实，属于群众普遍关心、以财政资金为主的公益性项目。' : '' };
}

export function seedReadyToVote(db: Db, now: Date): { proposals: number } {
  const sm = getJurisdictionByCode(db, READY_TOWN);
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const cy = sm && getCycle(db, sm.id, year);
  if (!sm || !cy) return { proposals: 0 };
  const clerk = actorFor(db, 'sm.clerk');
  const { closes } = readyWindow(today);

  // A private dispute typed in from a paper form: not a project, so it is pointed to mediation and the court.
  const village = placesOf(db, sm.id)[2] ?? null;
  const dispute = must(submitProposal(db, clerk, { cycle: cy, jurisdiction: sm }, {
    title: `${village?.name ?? ''}宅基地边界纠纷`, place: village?.id ?? null, lat: null, lng: null, category: 'other',
    description: '本人与邻居因宅基地边界争执多年，村里调解过两次没有结果，请政府出面解决，并出钱在两家之间修一道隔墙。',
    estimatedCost: 20_000, fundingSource: '', fiscalSharePct: 100, beneficiaries: '本户', beneficiaryCount: 5,
    durationMonths: 1, crossYear: false, proposerName: '罗德福', proposerPhone: '13908231746', source: 'public', station: '',
  }, { entryChannel: 'paper', submittedBy: clerk.id }, at(addDays(closes, -1), '15:30')), '录入纸质提议');

  let day = addDays(closes, 1);
  let cur = must(transitionCycle(db, clerk, cy, 'screening', '征集期已结束，转入资格审查', at(day)), '转入资格审查');

  // Screening, in receipt order over five days: duplicates merge into the first, rule failures are ineligible.
  const all = db.select().from(proposal).where(eq(proposal.cycleId, cy.id)).orderBy(proposal.seq).all();
  const firstOfTitle = new Map<string, number>();
  const tally = { eligible: 0, ineligible: 0, merged: 0, redirected: 0 };
  all.forEach((p, i) => {
    const results = evaluateProposal(db, sm, p);
    const failed = (code: string) => results.some((r) => r.code === code && (r.outcome === 'fail' || r.flagged));
    let input: DecisionInput;
    if (p.id === dispute.id) {
      input = {
        decision: 'redirected', redirectTarget: 'court', failedRules: [], overrideReason: '',
        explanation: '您反映的宅基地边界争议属于邻里之间的民事纠纷，不属于民生实事项目征集范围。建议向镇司法所申请人民调解；调解不成的，可依法向人民法院起诉。',
      };
    } else if (failed('MAJOR_INVESTMENT')) {
      input = {
        decision: 'ineligible', failedRules: ['MAJOR_INVESTMENT'], overrideReason: '',
        explanation: `估算投资约 ${wan(p.estimatedCost)}，超过重大投资项目标准，应按重大事项程序报区级研究决定，不列入镇级民生实事票决。您的意见已转镇规划建设管理环保办，在编制镇区交通规划时研究。`,
      };
    } else if (failed('ROUTINE_WORK')) {
      input = {
        decision: 'ineligible', failedRules: ['ROUTINE_WORK'], overrideReason: '',
        explanation: '道路清扫保洁属于镇村日常工作，所需经费在日常保洁经费中安排，不作为民生实事项目。已请镇规划建设管理环保办督促保洁公司增加该路段的清扫频次。',
      };
    } else if (firstOfTitle.has(p.title)) {
      input = { decision: 'merged', mergeIntoId: firstOfTitle.get(p.title)!, failedRules: [], explanation: '', overrideReason: '' };
    } else {
      input = eligibleAfterCheck(results);
      firstOfTitle.set(p.title, p.id);
    }
    must(decideScreening(db, clerk, sm, cy.id, p.id, input, at(addDays(day, 1 + Math.floor((i * 5) / all.length)), `${10 + (i % 6)}:${i % 2 ? '30' : '00'}`)), `审查 ${p.receipt}`);
    tally[input.decision]++;
  });

  day = addDays(day, 7);
  cur = must(transitionCycle(db, clerk, cur, 'candidates',
    `资格审查完成：符合条件 ${tally.eligible} 项，不符合条件 ${tally.ineligible} 项，合并 ${tally.merged} 项，引导至其他途径 ${tally.redirected} 项`, at(day)), '转入确定候选项目');

  // Candidates: eligible proposals about the same kind of work in different villages become one project.
  const places = new Map(placesOf(db, sm.id).map((pl) => [pl.id, pl.name]));
  const eligible = db.select().from(proposal).where(and(eq(proposal.cycleId, cy.id), eq(proposal.status, 'eligible'))).orderBy(proposal.seq).all();
  const groups = new Map<string, typeof eligible>();
  for (const p of eligible) {
    const place = p.placeId === null ? '' : places.get(p.placeId) ?? '';
    const key = place && p.title.startsWith(place) ? p.title.slice(place.length) : p.title;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const units = db.select().from(user).where(inArray(user.username, ['sm.unit1', 'sm.unit2', 'sm.unit3'])).all();
  const unitOf = (n: 1 | 2 | 3) => units.find((u) => u.username === `sm.unit${n}`)!;
  // Work starts after the vote, within the cycle's year (a demo seeded in late December still validates).
  const start = year === Number(addDays(today, 20).slice(0, 4)) ? addDays(today, 20) : `${year}-12-10`;
  [...groups].slice(0, MAX_CANDIDATES).forEach(([key, ps], i) => {
    const first = ps[0]!;
    const named = ps.map((p) => (p.placeId === null ? '' : places.get(p.placeId) ?? '')).filter((n) => n !== '');
    const title = ps.length > 1 && named.length === ps.length ? `${named.join('、')}${key}` : first.title;
    const budget = Math.round(ps.reduce((s, p) => s + p.estimatedCost, 0) / 10_000) * 10_000;
    const months = Math.min(Math.max(...ps.map((p) => p.durationMonths), 3), 18);
    const end = addDays(addMonths(start, months), -1);
    const quarter = addDays(start, Math.max(14, Math.round(months * 7.5)));
    const unit = UNIT_OF[first.category];
    const milestones: MilestoneInput[] = [
      { title: '完成设计、预算评审和招标', dueDate: quarter < `${year}-12-31` ? quarter : `${year}-12-31`, plannedPct: 15, plannedSpend: Math.round(budget * 0.1) },
      { title: '主体工程完工', dueDate: addDays(addMonths(start, Math.ceil(months * 0.7)), -1), plannedPct: 70, plannedSpend: Math.round(budget * 0.65) },
      { title: '完工验收并投入使用', dueDate: end, plannedPct: 100, plannedSpend: budget },
    ];
    const joined = ps.length > 1 ? `合并 ${ps.length} 条提议（${ps.map((p) => p.receipt).join('、')}）。` : `来源于提议 ${first.receipt}。`;
    must(saveCandidate(db, clerk, cy.id, null, {
      title, description: `${first.description}${joined}`, budget, unitName: unitOf(unit).displayName, unitUserId: unitOf(unit).id,
      leadOfficial: LEAD_OF[unit], startDate: start, endDate: end, proposalIds: ps.map((p) => p.id), milestones,
    }, at(addDays(day, 1 + Math.floor(i / 3)), `${14 + (i % 3)}:00`)), `候选项目 ${title}`);
  });

  must(setSeatsToFill(db, clerk, cy.id, SEATS, at(addDays(day, 5))), '设定应选数');
  must(approveList(db, clerk, cy.id, '经镇人大主席团会议审定，提请镇人民代表大会票决', at(addDays(day, 6), '16:00')), '主席团审定');
  cur = getCycle(db, sm.id, year)!;
  must(transitionCycle(db, clerk, cur, 'voting', '候选项目名单已经主席团审定，提请镇人民代表大会票决', at(addDays(today, -10))), '转入票决');

  must(createSession(db, clerk, sm, {
    cycleId: cy.id, kind: 'startOfYear', title: `石门镇第十八届人民代表大会第${'一二三四五六七八九十'[Math.min(Math.max(year - 2022, 0), 9)]}次会议`, date: today,
    startTime: '09:00', endTime: '12:00', place: SESSION_PLACE,
    agenda: [
      '一、听取和审议镇人民政府工作报告',
      `二、听取关于${year}年度民生实事候选项目的说明`,
      `三、票决${year}年度民生实事项目（差额票决，应选 ${SEATS} 项）`,
      '四、通过关于民生实事项目票决结果的决议',
    ].join('\n'),
  }, at(addDays(today, -7), '10:00')), '创建会议');
  return { proposals: 1 };
}
