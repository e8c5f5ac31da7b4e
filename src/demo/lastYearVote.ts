import type { Db, DbConnection } from '../../db/client';
import type { Actor } from '../data/audit';
import { castBallot } from '../data/ballots';
import { approveList, saveCandidate, setSeatsToFill } from '../data/candidates';
import { setCollectionWindow } from '../data/collection';
import { createCycle, transitionCycle } from '../data/cycles';
import { getJurisdictionByCode, type Jurisdiction } from '../data/jurisdictions';
import { optionsOf } from '../data/pollReads';
import { closePoll, createSelectionPoll, openPoll, type OpenedPoll } from '../data/polls';
import { getSettings, saveSettings } from '../data/settings';
import { adoptProcedure } from '../data/votingProcedure';
import { getProposal, placesOf, stationsFor, submitProposal } from '../data/proposals';
import { publishSession } from '../data/publication';
import { unsealPoll } from '../data/unseal';
import { getRep } from '../data/representatives';
import { decideScreening, evaluateProposal } from '../data/screening';
import { recordRollState } from '../data/roll';
import { checkIn, createSession, rollOf, selfCheckIn, transitionSession, type Session } from '../data/sessions';
import { getUserByUsername } from '../data/users';
import { selfCheckInActor } from '../data/voteNow';
import type { Mark } from '../domain/choices';
import { monthsBetween } from '../domain/schedule';
import { lastYearOf, planOf, PROJECTS } from './delivery';
import { eligibleAfterCheck } from './readyToVote';
import { nameDemoOfficers, signDemoCertificate } from './officers';
import { actorFor, actorOfUser, chinaTime, must, PUBLIC } from './steps';

/**
 * How 青石镇's projects of last year came to be: proposals in the autumn before, screened, made candidates and
 * approved by the presidium, and voted on at the start-of-year congress in February — the six candidates, six
 * places (等额) — then published, which makes them the year's projects (delivery.ts follows them from there).
 * Everything up to the open poll runs inside the seed's first transaction; the ballots, the close and the
 * publication are the hall's own durable transactions (castLastYearVote).
 */

const SENT_ON = ['11-25', '11-28', '12-01', '12-04', '12-08', '12-12']; // one proposal each, in the window

/** The opened poll carries its box's three slips, as the scrutineers took them home on paper. */
export interface OpenVote { town: Jurisdiction; clerk: Actor & { id: number }; session: Session; poll: OpenedPoll; voters: number[]; day: string }

export function seedLastYearVote(db: Db, now: Date): OpenVote & { proposals: number } {
  const { year, d } = lastYearOf(now);
  const town = getJurisdictionByCode(db, 'QS')!;
  const clerk = actorFor(db, 'qs.clerk');
  const autumn = (md: string) => `${year - 1}-${md}`;
  const at = chinaTime;

  const created = must(createCycle(db, clerk, town.id, year, at(autumn('11-20'))), '创建上年度工作');
  let cy = must(setCollectionWindow(db, clerk, created, autumn('11-20'), autumn('12-20'), at(autumn('11-20'))), '设定征集时间');

  const places = placesOf(db, town.id);
  const station = stationsFor(db, town.id).find((s) => s.kind === 'liaison');
  const proposalIds = PROJECTS.map((p, i) => {
    const plan = planOf(p, d);
    const place = places.find((pl) => pl.name === p.proposal.place) ?? null;
    const { from } = p.proposal;
    const rep = 'rep' in from ? getUserByUsername(db, from.rep)! : undefined;
    const paper = 'paper' in from && from.paper === true;
    // A representative from their own login, the clerk typing a paper form, or a resident on a station's QR form.
    const actor = rep ? actorFor(db, rep.username) : paper ? clerk : PUBLIC;
    const made = must(submitProposal(db, actor, { cycle: cy, jurisdiction: town }, {
      title: p.title.replace('（跨年度）', ''), description: p.description, place: place?.id ?? null, lat: null, lng: null,
      category: p.proposal.category, estimatedCost: p.budget, fundingSource: '镇财政 + 区级专项资金', fiscalSharePct: 100,
      beneficiaries: place ? `${place.name}村民` : `${town.name}群众`, beneficiaryCount: null,
      durationMonths: monthsBetween(plan.startDate, plan.endDate).length, crossYear: p.crossYear ?? false,
      proposerName: rep?.displayName ?? ('name' in from ? from.name : ''), proposerPhone: 'phone' in from ? from.phone : '',
      source: 'source' in from ? from.source : 'representative', station: !rep && !paper ? station?.shortCode ?? '' : '',
    }, { entryChannel: paper ? 'paper' : 'online', submittedBy: rep?.id ?? (paper ? clerk.id : null) }, at(autumn(SENT_ON[i]!), '15:00')), '上年度提议');
    return made.id;
  });

  cy = must(transitionCycle(db, clerk, cy, 'screening', '征集结束', at(autumn('12-20'), '17:00')), '转入资格审查');
  proposalIds.forEach((id, i) => {
    // Each went to the vote as proposed.
    const input = eligibleAfterCheck(evaluateProposal(db, town, getProposal(db, id)!));
    must(decideScreening(db, clerk, town, cy.id, id, input, at(`${year}-01-0${5 + (i % 2)}`, '10:30')), '审查上年度提议');
  });
  cy = must(transitionCycle(db, clerk, cy, 'candidates', '审查完成', at(`${year}-01-08`)), '转入确定候选项目');

  PROJECTS.forEach((p, i) => {
    const plan = planOf(p, d);
    const unit = getUserByUsername(db, p.unit)!;
    must(saveCandidate(db, clerk, cy.id, null, {
      title: p.title, description: p.description, budget: p.budget, unitName: unit.displayName, unitUserId: unit.id, leadOfficial: p.lead,
      startDate: plan.startDate, endDate: plan.endDate, proposalIds: [proposalIds[i]!], milestones: plan.milestones,
    }, at(`${year}-01-10`)), `候选项目 ${p.title}`);
  });
  must(setSeatsToFill(db, clerk, cy.id, PROJECTS.length, at(`${year}-01-12`)), '设定应选数');
  must(approveList(db, clerk, cy.id, '经镇人大主席团会议审定，提请镇人民代表大会票决', at(`${year}-01-15`, '16:00')), '主席团审定');
  cy = must(transitionCycle(db, clerk, cy, 'voting', '主席团通过候选项目', at(`${year}-01-15`, '16:30')), '转入票决');

  // The start-of-year congress: the roll, the poll opened with a quorum present.
  const day = d('02-10');
  let session = must(createSession(db, clerk, town, {
    cycleId: cy.id, kind: 'startOfYear', title: `青石镇第十八届人民代表大会第${'一二三四五六七八九十'[Math.min(Math.max(year - 2022, 0), 9)]}次会议`,
    date: day, startTime: '09:00', endTime: '12:00', place: '青石镇人民政府三楼会议室',
    agenda: ['一、听取和审议镇人民政府工作报告', `二、票决${year}年度民生实事项目（应选 ${PROJECTS.length} 项）`, '三、通过关于民生实事项目票决结果的决议'].join('\n'),
  }, at(d('01-25'))), '创建上年度人代会');
  session = must(transitionSession(db, clerk, session, 'open', at(day, '08:20')), '开始签到');
  // Every twelfth representative sent apologies; every fifth checked in on their own phone, the clerk ticked the rest.
  const voters: number[] = [];
  rollOf(db, session.id).forEach((r, i) => {
    if (i % 12 === 11) {
      must(recordRollState(db, clerk, session, r.representativeId, 'leave', i % 24 === 23 ? '外出学习' : '因病请假', clerk.id, at(day, '08:25')), `${r.name}请假`);
      return;
    }
    const when = new Date(at(day, '08:30').getTime() + i * 15_000);
    const rep = getRep(db, { jurisdictionId: town.id, body: 'congress' }, r.representativeId)!;
    must(i % 5 === 0 && rep.userId !== null
      ? selfCheckIn(db, selfCheckInActor(actorOfUser(db, rep.userId), rep), session, rep.id, session.checkInCode, when)
      : checkIn(db, clerk, session, rep.id, clerk.id, when), `${r.name}签到`);
    voters.push(rep.id);
  });
  // The session elects its 总监票人, 监票人 and 计票人 as the 票决办法 names them, before the poll opens.
  nameDemoOfficers(db, clerk, session, 'qs.teller', at(day, '09:30'));
  // Last year's list had as many candidates as places: 青石镇's rule allows 等额票决 (as 北坡镇's did, 7 for 7).
  must(saveSettings(db, clerk, town, { ...getSettings(db, town.id), allowEqualSlate: 'yes' }, at(d('01-20'))), '允许等额票决');
  const draft = must(createSelectionPoll(db, clerk, session, { title: `${year}年度民生实事项目票决`, secrecy: 'secret' }, at(day, '09:40')), '发起票决');
  // The session adopts its 票决办法 by show of hands before the ballot: everyone present in favour.
  must(adoptProcedure(db, clerk, session, { for: voters.length, against: 0, abstain: 0 }, at(day, '09:50')), '通过票决办法');
  const poll = must(openPoll(db, clerk, draft, at(day, '10:00')), '开始投票');
  return { town, clerk, session, poll, voters, day, proposals: proposalIds.length };
}

/**
 * The votes, cast on the representatives' phones: most for every project, a few against or abstaining on the two
 * that had drawn complaints; then the clerk closes the poll, two scrutineers open the box, the 总监票人 and 监票人 sign
 * the 计票结果报告单, the clerk closes the session and publishes the result. Each is
 * its own durable transaction, as in the hall.
 */
export function castLastYearVote(conn: DbConnection, v: OpenVote): void {
  const options = optionsOf(conn, v.poll.id);
  v.voters.forEach((voter, i) => {
    const mark = (k: number): Mark => (k === 3 && i % 7 === 3 ? 'against' : (k === 3 || k === 5) && i % 11 === 5 ? 'abstain' : 'for');
    must(castBallot(conn, { poll: v.poll, options, voter: { id: voter } }, Object.fromEntries(options.map((o, k) => [String(o.id), mark(k)]))), '投票');
  });
  must(closePoll(conn, v.clerk, v.poll, chinaTime(v.day, '10:25')), '结束投票');
  // 开箱: the 总监票人's slip and the third scrutineer's open the box.
  const [first, , third] = v.poll.slips;
  must(unsealPoll(conn, v.clerk, v.poll, [first!.text, third!.text], chinaTime(v.day, '10:32')), '开箱计票');
  signDemoCertificate(conn, v.poll, chinaTime(v.day, '10:40')); // the scrutineers confirm the count before it is published
  const closed = must(transitionSession(conn, v.clerk, v.session, 'closed', chinaTime(v.day, '11:40')), '闭会');
  must(publishSession(conn, v.clerk, v.town, closed, chinaTime(v.day, '16:00')), '公布票决结果');
}
