import type { Db } from '../../db/client';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { issueContactCode } from '../data/repContactCodes';
import { stationsFor } from '../data/proposals';
import {
  answerOpinion, extendReferral, followUpOpinion, proposeFromOpinion, referOpinion, registerOpinion, replyToResident, townReps,
  type StationOpinionInput,
} from '../data/stationOpinions';
import { addDays, chinaDateOf } from '../domain/chinaDate';
import { actorFor, must } from './steps';

const DAY = 86_400_000;
const resident = { id: null, name: '公众' };

/**
 * Townships' stations' opinions, one or more in each state, through the pages' own data functions: 青石镇 takes them
 * at its stations, by QR code and at receptions; 石门镇 (its window long closed) turns one into a reserve-pool proposal.
 */
export function seedStationOpinionsDemo(tx: Db, now: Date): void {
  const qs = getJurisdictionByCode(tx, 'QS')!;
  const clerk = actorFor(tx, 'qs.clerk') as { id: number; name: string };
  const reps = townReps(tx, qs.id).filter((r) => r.userId !== null);
  const [first, second] = [reps[0]!, reps[1]!];
  const [home, liaison] = stationsFor(tx, qs.id);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const today = chinaDateOf(now);
  const input = (station: string, title: string, text: string, category: StationOpinionInput['category'], place = ''): StationOpinionInput =>
    ({ station, title, text, place, category, contactName: '', contactPhone: '' });

  must(issueContactCode(tx, clerk, qs, first.id, home!.id, ago(60)), '代表二维码');
  must(issueContactCode(tx, clerk, qs, second.id, liaison!.id, ago(60)), '代表二维码');

  // Waiting: a resident's own, and a message to a representative not yet answered.
  must(registerOpinion(tx, resident, qs, input(home!.shortCode, '便民服务中心门口台阶太陡', '老人上下台阶不方便，建议加装扶手。', 'elderly', '便民服务中心'),
    { channel: 'resident', recordedBy: null }, ago(1)), '群众意见');
  must(registerOpinion(tx, resident, qs, input(home!.shortCode, '公交车晚上班次太少', '晚上七点以后等车要一个小时。', 'roads'),
    { channel: 'repCode', recordedBy: null, addressedToRepId: first.id }, ago(2)), '代表留言');

  // Answered on the spot at a reception.
  const spot = must(registerOpinion(tx, clerk, qs, input(liaison!.shortCode, '医保缴费怎么在手机上办', '村里老人不会在手机上缴医保。', 'health'),
    { channel: 'reception', recordedBy: clerk.id, raisedById: second.id }, ago(20)), '接待登记');
  must(answerOpinion(tx, clerk, qs, spot.id, '已现场演示缴费步骤，村卫生室每周二可代办。', null, ago(20)), '当场答复');

  // Referred to the district, on time.
  const district = must(registerOpinion(tx, clerk, qs, input(home!.shortCode, '省道路口缺少红绿灯', '青石路与省道交叉口车速快，学生过马路危险。', 'roads', '青石路口'),
    { channel: 'reception', recordedBy: clerk.id, raisedById: first.id }, ago(10)), '接待登记');
  must(referOpinion(tx, clerk, qs, district.id, { level: 'district', department: '区交通运输局', dueOn: addDays(chinaDateOf(ago(10)), 30), note: '请实地查看' }, ago(10)), '交办');

  // Referred to the township and now overdue, chased once.
  const late = must(registerOpinion(tx, clerk, qs, input(liaison!.shortCode, '河边垃圾堆放', '青石河桥下有人倾倒建筑垃圾。', 'environment', '青石河桥'),
    { channel: 'station', recordedBy: clerk.id }, ago(40)), '站点登记');
  must(referOpinion(tx, clerk, qs, late.id, { level: 'township', department: '镇综合行政执法办', dueOn: addDays(chinaDateOf(ago(40)), 15), note: '' }, ago(40)), '交办');
  must(followUpOpinion(tx, clerk, qs, late.id, '电话督办，执法办称已安排清运。', ago(20)), '督办');

  // Referred, extended, and answered to the resident.
  const replied = must(registerOpinion(tx, resident, qs, input(home!.shortCode, '菜市场排水沟堵塞', '下雨天菜市场积水。', 'environment', '青石菜市场'),
    { channel: 'resident', recordedBy: null }, ago(50)), '群众意见');
  must(referOpinion(tx, clerk, qs, replied.id, { level: 'township', department: '镇城建办', dueOn: addDays(chinaDateOf(ago(50)), 15), note: '' }, ago(50)), '交办');
  must(extendReferral(tx, clerk, qs, replied.id, { extendedTo: addDays(chinaDateOf(ago(50)), 30), reason: '需协调市场业主共同出资' }, ago(40)), '延期');
  must(replyToResident(tx, clerk, qs, replied.id, { reply: '排水沟已疏通并加装盖板。', repliedOn: addDays(today, -25) }, ago(25)), '答复群众');

  // 石门镇: a livelihood project out of an opinion, after its window closed: the reserve pool.
  const sm = getJurisdictionByCode(tx, 'SM')!;
  const smClerk = actorFor(tx, 'sm.clerk') as { id: number; name: string };
  const smHome = stationsFor(tx, sm.id)[0]!;
  const big = must(registerOpinion(tx, resident, sm, input(smHome.shortCode, '石门老街没有公共厕所', '赶集日老街人多，附近没有公共厕所。', 'facilities', '石门老街'),
    { channel: 'resident', recordedBy: null }, ago(5)), '群众意见');
  must(proposeFromOpinion(tx, smClerk, sm, big.id, {
    title: '石门老街公共厕所建设', description: '在石门老街中段新建一座公共厕所，方便赶集群众。', category: 'environment',
    estimatedCost: 350_000, fiscalSharePct: 100, beneficiaries: '石门老街居民和赶集群众', durationMonths: 4,
  }, now), '转为项目建议');
}
