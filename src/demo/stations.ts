import type { Db } from '../../db/client';
import { descendantIds, getJurisdictionByCode, getJurisdiction, stationsOf } from '../data/jurisdictions';
import { copyQuarterForward, planReception, receptionsInQuarter, recordOutcome } from '../data/receptions';
import { addGoal, updateGoal } from '../data/stationGoals';
import { assignReps, placeableReps, saveLiaison, setConveners, stationReps } from '../data/stationPeople';
import { addDays, chinaDateOf, formatChinaDate } from '../domain/chinaDate';
import { quarterBounds, quarterOf } from '../domain/quarter';
import { actorFor, must } from './steps';

// 石门镇 is the demo's town on the eve of its vote: its log shows only the steps to it (test/demo/seed.test.ts).
const TOWNSHIPS = ['QS', 'LX', 'SH'];
const LIAISONS = ['何晓燕', '罗建华', '邓丽萍', '唐志勇', '冯秀兰', '曾德明', '彭春燕', '谢国平'];
const GOALS = [
  '每季度至少开展一次代表接待群众日，接待情况全部登记',
  '组织本站代表围绕民生实事项目开展视察和走访不少于 2 次',
  '收集整理群众意见建议，年底前向选民述职',
];

/**
 * The townships' stations as their clerks set them up: every seated representative placed at the station of their
 * village (else the town's 代表之家), two conveners and a liaison officer each, this year's goals with their
 * completion, and this quarter's reception days — those already past recorded as held (one not) — copied into
 * the next quarter, so representatives' home pages show their next duty.
 */
export function seedStationsDemo(tx: Db, now: Date): void {
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const q = quarterOf(today);
  let liaisonNo = 0;
  for (const code of TOWNSHIPS) {
    const town = getJurisdictionByCode(tx, code);
    if (!town) continue;
    const clerk = actorFor(tx, `${code.toLowerCase()}.clerk`);
    const stations = stationsOf(tx, descendantIds(tx, town.id)).filter((s) => s.active);
    const home = stations.find((s) => s.jurisdictionId === town.id) ?? stations[0]!;
    const placeName = new Map(stations.map((s) => [s.id, getJurisdiction(tx, s.jurisdictionId)?.name ?? '']));
    const reps = placeableReps(tx, town).filter((r) => r.level === 'town');
    for (const s of stations) {
      const mine = reps.filter((r) => (s === home ? !stations.some((x) => x !== home && placeName.get(x.id) === r.community) : placeName.get(s.id) === r.community));
      if (mine.length) must(assignReps(tx, clerk, s, mine.map((r) => r.id), now), `编入${s.name}代表`);
      const members = stationReps(tx, s.id);
      must(setConveners(tx, clerk, s, members.slice(0, 2).map((r) => r.id), now), `指定${s.name}召集人`);
      const n = liaisonNo++;
      must(saveLiaison(tx, clerk, s, { name: LIAISONS[n % LIAISONS.length]!, phone: `1390823${String(4100 + n).padStart(4, '0')}`, username: '' }, now), `指定${s.name}联络员`);

      GOALS.slice(0, s === home ? 3 : 2).forEach((text, i) => {
        const g = addGoal(tx, clerk, s, year, text, now);
        if (i === 0) must(updateGoal(tx, clerk, s, g, { text, state: 'done', note: '', reportedOn: addDays(today, -20) }, now), '记录目标完成');
        if (i === 1) must(updateGoal(tx, clerk, s, g, { text, state: 'partly', note: '已视察 1 次，下半年再组织 1 次', reportedOn: addDays(today, -10) }, now), '记录目标部分完成');
      });

      // One reception a month at village stations, two at the 代表之家; representatives take turns in pairs.
      if (members.length === 0) continue;
      const from = quarterBounds(q).from;
      const days = s === home ? [10, 25] : [15];
      let turn = 0;
      for (let m = 0; m < 3; m++) {
        for (const d of days) {
          const date = formatChinaDate(Number(from.slice(0, 4)), Number(from.slice(5, 7)) + m, d);
          const pair = [members[turn % members.length]!, members[(turn + 1) % members.length]!].map((r) => r.id);
          turn += 2;
          must(planReception(tx, clerk, s, { date, startTime: '09:00', endTime: '11:30', representativeIds: [...new Set(pair)] }, now), `安排${s.name}接待`);
        }
      }
      receptionsInQuarter(tx, [s.id], q).filter((r) => r.date < today).forEach((r, i) => {
        const outcome = i === 1 && s === home ? { held: false as const, reason: '暴雨红色预警，改期' } : { held: true as const, residents: 3 + ((r.id * 7) % 10) };
        must(recordOutcome(tx, clerk, s, r, outcome, today, now), '记录接待情况');
      });
    }
    copyQuarterForward(tx, clerk, town.id, stations, q, now);
  }
}
