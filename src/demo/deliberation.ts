import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jurisdiction, opinionItem, repLink, representative, suggestion, user } from '../../db/schema';
import { type OPINION_CATEGORIES } from '../domain/vocabulary';
import { addDays, chinaDateOf } from '../domain/chinaDate';
import { dueDate, latestExtension } from '../domain/suggestionDeadline';
import { seedMeetingDemo } from './meetings';

type Category = (typeof OPINION_CATEGORIES)[number];

/**
 * 东城街道's public-opinion items over the past months, in every state, with suggestions that were answered on
 * time, answered late, extended, are overdue and are still within time. Dates count back from `now`, so the
 * demo always has something overdue on the clerk's and the district representative's home pages.
 * Rows are written directly, like the rest of the demo (its one audit entry is seedDemo's); the item pages
 * then show a timeline built from the dated fields.
 */
interface Spec {
  raiser: number; // index into the roster (0 = dc.drep001, in yc.rep001's group)
  daysAgo: number;
  title: string; text: string; place: string; affected: number | null; category: Category;
  channel: 'self' | 'meeting';
  end:
    | { kind: 'recorded' }
    | { kind: 'answered'; response: string }
    | { kind: 'referred'; department: string; response: string }
    | { kind: 'handedToRep' }
    | {
      kind: 'converted'; suggestion: string; unit: 1 | 2 | null; unitName: string;
      extended?: boolean; answeredAfterDays?: number; satisfaction?: 'satisfied' | 'basicallySatisfied' | 'dissatisfied';
    };
}

const ITEMS: Spec[] = [
  { raiser: 0, daysAgo: 210, channel: 'self', title: '滨江路 3 栋至 8 栋路灯损坏', place: '滨江社区滨江路', affected: 300, category: 'facilities',
    text: '居民反映滨江路 3 栋到 8 栋之间有 4 盏路灯不亮已两个多月，晚上老人和学生出行不便，存在安全隐患。',
    end: { kind: 'converted', suggestion: '尽快修复滨江路损坏路灯并建立巡查机制', unit: 1, unitName: '东城街道城市管理办', answeredAfterDays: 45, satisfaction: 'satisfied' } },
  { raiser: 1, daysAgo: 130, channel: 'meeting', title: '解放社区老旧小区加装电梯', place: '解放社区东风小区', affected: 420, category: 'housing',
    text: '东风小区 6 栋楼均为七层无电梯住宅，住户中 60 岁以上老人占四成，多次提出加装电梯，但费用分摊和低层住户意见难以协调。',
    end: { kind: 'converted', suggestion: '推进东风小区老旧住宅加装电梯', unit: null, unitName: '区住房城乡建委', extended: true } },
  { raiser: 2, daysAgo: 165, channel: 'self', title: '朝阳农贸市场周边占道经营', place: '朝阳社区农贸市场', affected: 800, category: 'roads',
    text: '早晚高峰农贸市场门口流动摊贩占用人行道和半幅车道，行人只能走机动车道，多次发生剐蹭。',
    end: { kind: 'converted', suggestion: '整治朝阳农贸市场周边占道经营', unit: 1, unitName: '东城街道城市管理办', answeredAfterDays: 110, satisfaction: 'dissatisfied' } },
  { raiser: 3, daysAgo: 108, channel: 'meeting', title: '文化路社区缺少老年食堂', place: '文化路社区', affected: 260, category: 'elderly',
    text: '社区独居和高龄老人较多，附近没有老年食堂，子女不在身边的老人吃饭困难，希望在党群服务中心开设助餐点。',
    end: { kind: 'converted', suggestion: '在文化路社区设立老年助餐点', unit: 2, unitName: '东城街道社区服务中心' } },
  { raiser: 4, daysAgo: 24, channel: 'self', title: '滨江社区雨污管网堵塞', place: '滨江社区 12 栋后', affected: 150, category: 'environment',
    text: '每逢下雨 12 栋后面的雨水井就冒水，污水漫到小区道路，气味很大。',
    end: { kind: 'converted', suggestion: '疏通改造滨江社区 12 栋周边雨污管网', unit: 1, unitName: '东城街道城市管理办' } },
  { raiser: 14, daysAgo: 60, channel: 'self', title: '解放社区楼道堆放杂物', place: '解放社区 5 栋', affected: 40, category: 'safety',
    text: '5 栋楼道长期堆放纸箱和旧家具，堵塞消防通道。',
    end: { kind: 'answered', response: '会上社区书记答复：已安排网格员一周内通知住户清理，并纳入每月消防巡查。' } },
  { raiser: 15, daysAgo: 45, channel: 'meeting', title: '朝阳社区健身器材破损', place: '朝阳社区中心广场', affected: 120, category: 'culture',
    text: '广场上的漫步机和单杠锈蚀松动，有老人锻炼时险些摔倒。',
    end: { kind: 'referred', department: '东城街道社区服务中心', response: '请两周内完成检修或更换。' } },
  { raiser: 5, daysAgo: 12, channel: 'self', title: '文化路小学上学时段交通拥堵', place: '文化路小学门口', affected: 1200, category: 'roads',
    text: '早上 7 点半到 8 点家长接送车辆在校门口临时停车，文化路双向拥堵，学生过马路危险。',
    end: { kind: 'handedToRep' } },
  { raiser: 27, daysAgo: 5, channel: 'self', title: '滨江公园夜间广场舞噪音', place: '滨江公园南门', affected: 90, category: 'environment',
    text: '晚上 9 点半以后仍有音响外放，临近楼栋居民休息受影响。', end: { kind: 'recorded' } },
  { raiser: 40, daysAgo: 2, channel: 'self', title: '解放东路人行道地砖破损', place: '解放东路 100 号至 128 号', affected: null, category: 'facilities',
    text: '人行道地砖多处松动翘起，下雨后踩上去溅水，已有行人绊倒。', end: { kind: 'recorded' } },
];

export function seedDeliberationDemo(tx: Db, now: Date): void {
  const dc = tx.select().from(jurisdiction).where(eq(jurisdiction.code, 'DC')).get();
  if (!dc) return;
  const roster = tx.select().from(representative)
    .where(and(eq(representative.jurisdictionId, dc.id), eq(representative.body, 'deliberation'))).orderBy(asc(representative.id)).all();
  const userIdOf = (username: string) => tx.select({ id: user.id }).from(user).where(eq(user.username, username)).get()?.id ?? null;
  const clerk = userIdOf('dc.clerk')!;
  const units = { 1: userIdOf('dc.unit1'), 2: userIdOf('dc.unit2') };
  const seqs = new Map<number, number>();
  const day = 86_400_000;

  for (const spec of [...ITEMS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const rep = roster[spec.raiser];
    if (!rep) continue;
    const recordedAt = new Date(now.getTime() - spec.daysAgo * day);
    const year = Number(chinaDateOf(recordedAt).slice(0, 4));
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    const link = tx.select().from(repLink).where(and(eq(repLink.deliberationRepId, rep.id), isNull(repLink.toDate))).get();
    const districtRep = link ? tx.select().from(representative).where(eq(representative.id, link.districtRepId)).get() : undefined;
    const triagedAt = new Date(recordedAt.getTime() + 2 * day);
    const e = spec.end;
    const state = e.kind;
    const item = tx.insert(opinionItem).values({
      jurisdictionId: dc.id, year, seq, raisedById: rep.id, recordedBy: spec.channel === 'self' && rep.userId ? rep.userId : clerk,
      channel: spec.channel === 'self' && rep.userId ? 'self' : 'meeting', title: spec.title, text: spec.text, place: spec.place,
      affected: spec.affected, category: spec.category, state, recordedAt,
      triagedAt: state === 'recorded' ? null : triagedAt, triagedBy: state === 'recorded' ? null : clerk,
      response: e.kind === 'answered' || e.kind === 'referred' ? e.response : '',
      department: e.kind === 'referred' ? e.department : '',
      handedToRepId: e.kind === 'handedToRep' || e.kind === 'converted' ? districtRep?.id ?? null : null,
    }).returning().get();
    if (e.kind !== 'converted' || !districtRep) continue;

    const convertedAt = new Date(triagedAt.getTime() + 3 * day);
    const assignedOn = chinaDateOf(convertedAt);
    const dueOn = dueDate(assignedOn);
    // Extended: approved a week before the original deadline, to the furthest date allowed.
    const extension = e.extended ? { extendedTo: latestExtension(assignedOn), approvedOn: addDays(dueOn, -7) } : undefined;
    const answeredOn = e.answeredAfterDays === undefined ? null : addDays(assignedOn, e.answeredAfterDays);
    const unitUserId = e.unit === null ? null : units[e.unit];
    tx.insert(suggestion).values({
      opinionItemId: item.id, jurisdictionId: dc.id, representativeId: districtRep.id, title: e.suggestion, text: spec.text,
      unitName: e.unitName, unitUserId, assignedOn, dueOn, createdBy: districtRep.userId ?? clerk, createdAt: convertedAt,
      ...(extension && {
        extendedTo: extension.extendedTo, extensionApprovedOn: extension.approvedOn, extensionApprovedBy: '区人大常委会代表工作委员会',
        extensionReason: '涉及资金筹措和住户协商，三个月内难以办结', extendedAt: new Date(`${extension.approvedOn}T02:00:00Z`), extendedBy: clerk,
      }),
      ...(answeredOn && {
        answer: `${e.unitName}答复：已现场核查，制定整改方案并组织实施，将持续跟踪。`, answeredOn,
        answeredAt: new Date(`${answeredOn}T02:00:00Z`), answeredBy: unitUserId ?? clerk,
      }),
      ...(e.satisfaction && answeredOn && {
        satisfaction: e.satisfaction, ratedAt: new Date(`${answeredOn}T06:00:00Z`),
        satisfactionNote: e.satisfaction === 'dissatisfied' ? '整治后一周又出现占道，希望建立长效机制。' : '',
      }),
    }).run();
  }
  seedMeetingDemo(tx, now); // this year's start-of-year meeting, held, with signed-off minutes
}
