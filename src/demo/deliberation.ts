import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { representative } from '../../db/schema';
import { type OPINION_CATEGORIES } from '../domain/vocabulary';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { recordItem, triageItem } from '../data/opinionItems';
import { linkedDistrictRep } from '../data/repLinks';
import { answerSuggestion, convertItem, extendSuggestion, rateSuggestion } from '../data/suggestions';
import { addDays, chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { latestExtension } from '../domain/suggestionDeadline';
import { seedMeetingDemo } from './meetings';
import { actorFor, actorOfUser, must } from './steps';

type Category = (typeof OPINION_CATEGORIES)[number];

/**
 * 东城街道's public-opinion items over the past months, in every state, with suggestions that were answered on
 * time, answered late, extended, are overdue and are still within time. Dates count back from `now`, so the
 * demo always has something overdue on the clerk's and the district representative's home pages.
 * Each step is the page's own: the representative or the clerk records, the clerk triages, the linked district
 * representative converts and rates, the unit answers — each dated when it happened, so the timelines show it.
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

// The items carry no attachments: nothing is written to the uploads folder.
const NO_FILES = '';

export function seedDeliberationDemo(tx: Db, now: Date): void {
  const dc = getJurisdictionByCode(tx, 'DC');
  if (!dc) return;
  const roster = tx.select().from(representative)
    .where(and(eq(representative.jurisdictionId, dc.id), eq(representative.body, 'deliberation'))).orderBy(asc(representative.id)).all();
  const loginOf = (userId: number | null) => (userId === null ? undefined : actorOfUser(tx, userId));
  const clerk = actorFor(tx, 'dc.clerk');
  const units = { 1: actorFor(tx, 'dc.unit1'), 2: actorFor(tx, 'dc.unit2') };
  const day = 86_400_000;

  for (const spec of [...ITEMS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const rep = roster[spec.raiser];
    if (!rep) continue;
    const recordedAt = new Date(now.getTime() - spec.daysAgo * day);
    const year = chinaYearOf(recordedAt);
    // A representative with a login records their own item; the clerk records what was raised at a meeting.
    const self = spec.channel === 'self' ? loginOf(rep.userId) : undefined;
    const item = must(recordItem(tx, NO_FILES, self ?? clerk, dc, year, {
      raisedById: rep.id, channel: self ? 'self' : 'meeting', title: spec.title, text: spec.text, place: spec.place,
      affected: spec.affected, category: spec.category,
    }, [], recordedAt), `记录民意事项 ${spec.title}`);
    const e = spec.end;
    if (e.kind === 'recorded') continue;

    const triagedAt = new Date(recordedAt.getTime() + 2 * day);
    const step = e.kind === 'answered' ? 'answer' : e.kind === 'referred' ? 'refer' : 'hand';
    must(triageItem(tx, clerk, dc, item.id, step, {
      response: e.kind === 'answered' || e.kind === 'referred' ? e.response : '', department: e.kind === 'referred' ? e.department : '',
    }, triagedAt), `分办民意事项 ${spec.title}`);
    const districtRep = linkedDistrictRep(tx, dc, rep.id);
    const repLogin = loginOf(districtRep?.userId ?? null);
    if (e.kind !== 'converted' || !districtRep || !repLogin) continue;

    const convertedAt = new Date(triagedAt.getTime() + 3 * day);
    const assignedOn = chinaDateOf(convertedAt);
    const unit = e.unit === null ? undefined : units[e.unit];
    let s = must(convertItem(tx, repLogin, dc, item.id, [districtRep.id], {
      title: e.suggestion, text: spec.text, unitName: e.unitName, unitUserId: unit?.id ?? null, assignedOn,
    }, convertedAt), `转为代表建议 ${e.suggestion}`);
    if (e.extended) {
      // Approved a week before the original deadline, to the furthest date allowed.
      const approvedOn = addDays(s.dueOn, -7);
      s = must(extendSuggestion(tx, clerk, s, {
        extendedTo: latestExtension(assignedOn), approvedOn, approvedBy: '区人大常委会代表工作委员会',
        reason: '涉及资金筹措和住户协商，三个月内难以办结',
      }, new Date(`${approvedOn}T02:00:00Z`)), '延期办理');
    }
    if (e.answeredAfterDays === undefined) continue;
    const answeredOn = addDays(assignedOn, e.answeredAfterDays);
    // The chosen unit answers from its login; an answer from a unit without one is entered by the clerk.
    s = must(answerSuggestion(tx, unit ?? clerk, s, {
      answer: `${e.unitName}答复：已现场核查，制定整改方案并组织实施，将持续跟踪。`, answeredOn,
    }, new Date(`${answeredOn}T02:00:00Z`)), '答复代表建议');
    if (e.satisfaction) {
      must(rateSuggestion(tx, repLogin, s, {
        satisfaction: e.satisfaction, note: e.satisfaction === 'dissatisfied' ? '整治后一周又出现占道，希望建立长效机制。' : '',
      }, new Date(`${answeredOn}T06:00:00Z`)), '评价办理结果');
    }
  }
  seedMeetingDemo(tx, now); // this year's start-of-year meeting, held, with signed-off minutes
}
