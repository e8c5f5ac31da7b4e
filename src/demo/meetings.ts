import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attendance, cycle, jurisdiction, meetingItem, meetingItemOpinion, meetingMinutes, opinionItem, representative, session, sessionRoster, user } from '../../db/schema';
import { addDays, chinaDateOf } from '../domain/chinaDate';

/**
 * 东城街道's start-of-year deliberation meeting of this year, already held: its roster snapshot, the roll (most
 * representatives present), two agenda items — a report heard and the opinion items raised before it — and minutes
 * signed off by the clerk, so the public page shows its decisions. Rows are written directly, like the rest of the
 * demo. Dated mid-January, or yesterday when the demo starts earlier in the year.
 */
export function seedMeetingDemo(tx: Db, now: Date): void {
  const dc = tx.select().from(jurisdiction).where(eq(jurisdiction.code, 'DC')).get();
  const clerk = tx.select({ id: user.id }).from(user).where(eq(user.username, 'dc.clerk')).get();
  if (!dc || !clerk) return;
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const cy = tx.select().from(cycle).where(and(eq(cycle.jurisdictionId, dc.id), eq(cycle.year, year))).get();
  if (!cy) return;
  const jan15 = `${year}-01-15`;
  const date = today > jan15 ? jan15 : today === `${year}-01-01` ? today : addDays(today, -1);
  const at = (hhmm: string, seconds = 0) => new Date(Date.parse(`${date}T${hhmm}:00+08:00`) + seconds * 1000);

  const s = tx.insert(session).values({
    jurisdictionId: dc.id, cycleId: cy.id, body: 'deliberation', kind: 'startOfYear', title: `东城街道${year}年年初议事代表会议`,
    date, startTime: '09:00', endTime: '12:00', place: '东城街道党群服务中心三楼会议室',
    agenda: '听取街道办事处工作报告\n议决议事代表提出的民意事项', checkInCode: '482913', state: 'closed',
    createdBy: clerk.id, createdAt: new Date(at('09:00').getTime() - 7 * 86_400_000),
  }).returning().get();
  const seated = tx.select().from(representative)
    .where(and(eq(representative.jurisdictionId, dc.id), eq(representative.body, 'deliberation'), eq(representative.status, 'seated')))
    .orderBy(asc(representative.id)).all();
  tx.insert(sessionRoster).values(seated.map((r) => ({ sessionId: s.id, representativeId: r.id, name: r.name, community: r.community }))).run();
  // Every ninth representative sent apologies; the rest checked in before nine, a few on their own phones.
  seated.forEach((r, i) => {
    if (i % 9 === 8) return;
    tx.insert(attendance).values({ sessionId: s.id, representativeId: r.id, at: at('08:30', i * 20), checkedInBy: i % 4 === 0 ? null : clerk.id }).run();
  });

  tx.insert(meetingItem).values({
    sessionId: s.id, position: 1, kind: 'reportHearing', title: '听取街道办事处关于上年度民生实事项目实施情况和本年度项目征集安排的报告',
    minutes: '街道办事处副主任作报告。议事代表围绕老旧小区改造进度、项目征集渠道提出意见 6 条，办事处逐条作了说明。',
    decision: `会议听取并同意街道办事处的报告。请办事处按期完成${year}年度民生实事项目征集，在年中会议上报告项目实施情况。`,
    updatedAt: at('16:00'), updatedBy: clerk.id,
  }).run();
  // The items raised before the meeting, if the demo's items reach back that far.
  const raised = tx.select({ id: opinionItem.id }).from(opinionItem)
    .where(and(eq(opinionItem.jurisdictionId, dc.id), lt(opinionItem.recordedAt, at('09:00')))).orderBy(asc(opinionItem.recordedAt)).all().slice(-3);
  if (raised.length > 0) {
    const opinions = tx.insert(meetingItem).values({
      sessionId: s.id, position: 2, kind: 'opinionItems', title: '议决议事代表提出的民意事项',
      minutes: '提出民意事项的议事代表逐件介绍了群众反映的情况，街道有关部门负责人到会答复。',
      decision: '会议对所列民意事项逐件议决：需要区人大代表推动解决的，转交联系的区人大代表形成代表建议；其余交街道有关部门办理，办理情况在年中会议上报告。',
      updatedAt: at('16:00'), updatedBy: clerk.id,
    }).returning().get();
    tx.insert(meetingItemOpinion).values(raised.map((o) => ({ meetingItemId: opinions.id, opinionItemId: o.id }))).run();
  }

  tx.insert(meetingMinutes).values({
    sessionId: s.id, chair: '人大街道工委主任 王建华', recorder: '杨帆', signedOffAt: at('16:30'), signedOffBy: clerk.id,
    updatedAt: at('16:30'), updatedBy: clerk.id,
  }).run();
}
