import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { opinionItem, representative } from '../../db/schema';
import { getCycle } from '../data/cycles';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { addMeetingItem, saveMinutesHeader, signOffMinutes, updateMeetingItem } from '../data/meetings';
import { checkIn, createSession, rollOf, selfCheckIn, transitionSession } from '../data/sessions';
import { selfCheckInActor } from '../data/voteNow';
import { addDays, chinaDateOf } from '../domain/chinaDate';
import { actorFor, actorOfUser, must } from './steps';

/**
 * 东城街道's start-of-year deliberation meeting of this year, already held: its roster snapshot, the roll (most
 * representatives present), two agenda items — a report heard and the opinion items raised before it — and minutes
 * signed off by the clerk, so the public page shows its decisions. The clerk's and the representatives' own steps,
 * dated on the meeting's day: mid-January, or yesterday when the demo starts earlier in the year.
 */
export function seedMeetingDemo(tx: Db, now: Date): void {
  const dc = getJurisdictionByCode(tx, 'DC');
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const cy = dc && getCycle(tx, dc.id, year);
  if (!dc || !cy) return;
  const clerk = actorFor(tx, 'dc.clerk');
  const jan15 = `${year}-01-15`;
  const date = today > jan15 ? jan15 : today === `${year}-01-01` ? today : addDays(today, -1);
  const at = (hhmm: string, seconds = 0) => new Date(Date.parse(`${date}T${hhmm}:00+08:00`) + seconds * 1000);
  const weekBefore = new Date(at('09:00').getTime() - 7 * 86_400_000);

  let s = must(createSession(tx, clerk, dc, {
    cycleId: cy.id, kind: 'startOfYear', title: `东城街道${year}年年初议事代表会议`,
    date, startTime: '09:00', endTime: '12:00', place: '东城街道党群服务中心三楼会议室',
    agenda: '听取街道办事处工作报告\n议决议事代表提出的民意事项',
  }, weekBefore), '创建议事代表会议');
  // The agenda as prepared before the meeting; the minutes and decisions are written up after it.
  const report = must(addMeetingItem(tx, clerk, s, {
    kind: 'reportHearing', title: '听取街道办事处关于上年度民生实事项目实施情况和本年度项目征集安排的报告',
  }, weekBefore), '添加议程');
  // The items raised before the meeting, if the demo's items reach back that far.
  const raised = tx.select({ id: opinionItem.id }).from(opinionItem)
    .where(and(eq(opinionItem.jurisdictionId, dc.id), lt(opinionItem.recordedAt, at('09:00')))).orderBy(asc(opinionItem.recordedAt)).all().slice(-3);
  const opinions = raised.length > 0
    ? must(addMeetingItem(tx, clerk, s, { kind: 'opinionItems', title: '议决议事代表提出的民意事项' }, weekBefore), '添加议程')
    : undefined;

  s = must(transitionSession(tx, clerk, s, 'open', at('08:20')), '开始签到');
  // Every ninth representative sent apologies; the rest checked in before nine, every fourth on their own phone.
  rollOf(tx, s.id).forEach((r, i) => {
    if (i % 9 === 8) return;
    const when = at('08:30', i * 20);
    const rep = tx.select().from(representative).where(eq(representative.id, r.representativeId)).get()!;
    const own = i % 4 === 0 && rep.userId !== null ? actorOfUser(tx, rep.userId) : undefined;
    must(own
      ? selfCheckIn(tx, selfCheckInActor(own, rep), s, rep.id, s.checkInCode, when)
      : checkIn(tx, clerk, s, rep.id, clerk.id, when), `${r.name}签到`);
  });
  s = must(transitionSession(tx, clerk, s, 'closed', at('12:00')), '闭会');

  must(updateMeetingItem(tx, clerk, s, report.id, {
    title: report.title, pollId: null, cycleId: null, opinionItemIds: [],
    minutes: '街道办事处副主任作报告。议事代表围绕老旧小区改造进度、项目征集渠道提出意见 6 条，办事处逐条作了说明。',
    decision: `会议听取并同意街道办事处的报告。请办事处按期完成${year}年度民生实事项目征集，在年中会议上报告项目实施情况。`,
  }, at('16:00')), '记录议程');
  if (opinions) {
    must(updateMeetingItem(tx, clerk, s, opinions.id, {
      title: opinions.title, pollId: null, cycleId: null, opinionItemIds: raised.map((o) => o.id),
      minutes: '提出民意事项的议事代表逐件介绍了群众反映的情况，街道有关部门负责人到会答复。',
      decision: '会议对所列民意事项逐件议决：需要区人大代表推动解决的，转交联系的区人大代表形成代表建议；其余交街道有关部门办理，办理情况在年中会议上报告。',
    }, at('16:00')), '记录议程');
  }
  must(saveMinutesHeader(tx, clerk, s, { chair: '人大街道工委主任 王建华', recorder: '杨帆' }, at('16:30')), '填写纪要');
  must(signOffMinutes(tx, clerk, s, at('16:30')), '签发纪要');
}
