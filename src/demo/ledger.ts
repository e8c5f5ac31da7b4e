import type { Db } from '../../db/client';
import { recordDutyActivity } from '../data/dutyActivities';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { rosterOf } from '../data/representatives';
import { addDays, chinaDateOf } from '../domain/chinaDate';
import type { DutyActivityKind } from '../domain/vocabulary';
import { actorFor, must } from './steps';

/** [roster position, kind, days before today, place (null: the representative's own village), what was done]. */
const ACTIVITIES: [number, DutyActivityKind, number, string | null, string][] = [
  [0, 'visit', 41, null, '走访独居老人，了解冬季取暖困难'],
  [0, 'survey', 27, null, '调研村道路灯损坏情况，形成调研记录'],
  [0, 'training', 12, '镇代表之家', '参加镇人大主席团组织的代表履职培训'],
  [1, 'inspection', 20, '镇卫生院', '视察镇卫生院老年病房改造进度'],
  [2, 'other', 6, null, '协助联络站整理群众意见登记簿'],
];

/** 青石镇's duty ledger: a few station activities recorded by hand, through the page's own data function. */
export function seedLedgerDemo(db: Db, now: Date): number {
  const town = getJurisdictionByCode(db, 'QS');
  if (!town) return 0;
  const clerk = actorFor(db, 'qs.clerk');
  const reps = rosterOf(db, { jurisdictionId: town.id, body: 'congress' }, { status: 'seated' });
  const today = chinaDateOf(now);
  for (const [i, kind, daysBefore, place, detail] of ACTIVITIES) {
    const rep = reps[i]!;
    must(recordDutyActivity(db, clerk, rep, { kind, date: addDays(today, -daysBefore), place: place ?? rep.community, detail }, today, now), `登记履职活动：${detail}`);
  }
  return ACTIVITIES.length;
}
