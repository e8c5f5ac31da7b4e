import { like } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { user } from '../../db/schema';
import { setCollectionWindow } from '../data/collection';
import { createCycle } from '../data/cycles';
import { townsOf } from '../data/jurisdictions';
import { placesOf, stationsFor, submitProposal } from '../data/proposals';
import { addDays, chinaDateOf } from '../domain/chinaDate';
import type { ProposalCategory, ProposalSource } from '../domain/proposalLabels';
import { READY_TOWN, readyWindow } from './readyToVote';
import { actorFor, chinaTime, must, PUBLIC } from './steps';


/**
 * This year's collection in every township and subdistrict: a cycle in the collection phase whose window is open
 * around today, and 10–25 realistic proposals each, sent through the same data function as the public form, a
 * representative's own entry and the clerk's paper forms.
 */

interface Idea {
  category: ProposalCategory;
  title: string; // {p}: the village/community
  text: string;
  cost: [number, number]; // yuan, low–high
  whole?: boolean; // about the whole township rather than one place
}

const RURAL: Idea[] = [
  { category: 'water', title: '{p}饮水管网改造', text: '{p}部分村民组的饮水主管铺设于上世纪九十年代，老化漏水，夏季经常停水。建议更换主管约 2 公里，新建加压泵站一处。', cost: [400_000, 1_200_000] },
  { category: 'water', title: '{p}山坪塘整治', text: '{p}的山坪塘淤积严重，蓄水能力下降，灌溉和消防取水都困难。建议清淤、整修塘堤和放水设施。', cost: [80_000, 300_000] },
  { category: 'transport', title: '{p}村道硬化', text: '{p}到镇上的村道仍是泥结石路面，雨天泥泞，学生上学和农产品外运不便。建议硬化约 3 公里，宽 4.5 米。', cost: [600_000, 1_800_000] },
  { category: 'transport', title: '{p}便民桥维修', text: '{p}河上的便民桥桥面破损、护栏缺失，雨天行人容易滑倒，存在安全隐患。', cost: [50_000, 200_000] },
  { category: 'transport', title: '{p}太阳能路灯安装', text: '{p}主要道路和聚居点没有路灯，老人和学生晚上出行困难。建议安装太阳能路灯约 60 盏。', cost: [150_000, 360_000] },
  { category: 'elderly', title: '{p}老年食堂', text: '{p}留守老人多，不少老人独居、做饭困难。建议利用闲置村小校舍办老年食堂，为 70 岁以上老人提供午餐。', cost: [200_000, 450_000] },
  { category: 'elderly', title: '{p}互助养老服务点', text: '{p}距离镇敬老院较远，建议在村委会旁建互助养老服务点，提供日间照料、助餐和文娱活动。', cost: [250_000, 600_000] },
  { category: 'health', title: '{p}卫生室标准化建设', text: '{p}卫生室用房狭小，设备简陋，常见病检查要跑镇卫生院。建议扩建并配齐基本诊疗设备。', cost: [150_000, 400_000] },
  { category: 'health', title: '镇卫生院康复理疗科设备添置', text: '全镇中风、骨伤后康复的群众需到区里做理疗，往返不便。建议镇卫生院添置康复理疗设备并培训人员。', cost: [500_000, 900_000], whole: true },
  { category: 'education', title: '镇中心小学食堂改造', text: '镇中心小学食堂面积小、设施老旧，学生分三批就餐。建议改扩建食堂，更新厨房设备。', cost: [800_000, 1_500_000], whole: true },
  { category: 'education', title: '{p}儿童之家', text: '{p}留守儿童较多，放学后无人看管。建议建儿童之家，配备图书和活动器材，由志愿者开展课后服务。', cost: [80_000, 200_000] },
  { category: 'environment', title: '{p}生活污水处理设施', text: '{p}聚居点生活污水直排沟渠，夏天气味大、污染小河。建议建设小型一体化污水处理设施。', cost: [600_000, 1_600_000] },
  { category: 'environment', title: '{p}垃圾分类收集点', text: '{p}垃圾桶数量少、收运不及时，路边有乱倒现象。建议增设分类收集点并配置转运车辆。', cost: [60_000, 180_000] },
  { category: 'culture', title: '{p}文化广场健身器材', text: '{p}文化广场缺少健身器材，群众晚上跳坝坝舞没有灯光。建议安装健身器材和广场照明。', cost: [90_000, 250_000] },
  { category: 'culture', title: '{p}农家书屋提档升级', text: '{p}农家书屋图书陈旧，建议更新图书、增加电子阅读设备，延长开放时间。', cost: [30_000, 80_000] },
  { category: 'safety', title: '{p}地质灾害隐患点治理', text: '{p}后山有滑坡隐患，雨季威胁山脚十余户村民。建议修建挡土墙和排水沟并设立监测点。', cost: [700_000, 2_500_000] },
  { category: 'safety', title: '{p}雪亮工程视频监控', text: '{p}路口和河边缺少监控，曾发生溺水和盗窃事件。建议在重点部位安装视频监控。', cost: [100_000, 260_000] },
  { category: 'other', title: '{p}农产品冷链仓储点', text: '{p}柑橘、蔬菜集中上市时储存困难、价格被压低。建议建小型冷链仓储点。', cost: [300_000, 900_000] },
  // Cases the screening rules are there for: a major investment, a mostly private project, routine work.
  { category: 'transport', title: '镇区至高速路口快速通道', text: '建议新建镇区至高速路口的快速通道约 8 公里，双向四车道，带动镇区发展。', cost: [38_000_000, 60_000_000], whole: true },
  { category: 'other', title: '{p}乡村旅游民宿开发', text: '建议引进企业在{p}开发乡村民宿和农家乐，政府配套修建停车场。', cost: [2_000_000, 4_000_000] },
  { category: 'environment', title: '{p}道路日常清扫保洁', text: '{p}主路落叶和垃圾清扫不及时，建议增加保洁员。', cost: [20_000, 60_000] },
];

const URBAN: Idea[] = [
  { category: 'elderly', title: '{p}老旧小区加装电梯', text: '{p}有多栋七层无电梯老楼，住着不少行动不便的老人，下楼看病买菜很难。建议加装电梯，政府补助一部分。', cost: [500_000, 1_400_000] },
  { category: 'elderly', title: '{p}老年助餐食堂', text: '{p}老年人口多，独居老人吃饭难。建议在党群服务中心开办社区食堂，为老人提供优惠助餐。', cost: [250_000, 500_000] },
  { category: 'transport', title: '{p}背街小巷改造', text: '{p}背街小巷路面坑洼、排水不畅，雨天积水。建议整治路面、疏通排水、规范停车。', cost: [400_000, 1_100_000] },
  { category: 'transport', title: '{p}停车泊位和充电桩建设', text: '{p}停车难，电动自行车在楼道充电有火灾隐患。建议利用边角地建停车泊位和集中充电桩。', cost: [200_000, 600_000] },
  { category: 'safety', title: '{p}电动自行车集中充电棚', text: '{p}居民把电动车推进楼道充电，消防隐患大。建议建集中充电棚并安装智能充电桩。', cost: [80_000, 220_000] },
  { category: 'safety', title: '{p}老旧小区消防设施改造', text: '{p}老旧小区消火栓无水、灭火器过期，消防通道被占。建议整体改造消防设施。', cost: [300_000, 800_000] },
  { category: 'health', title: '{p}卫生服务站提档升级', text: '{p}卫生服务站面积小、排队久，建议扩大诊室，增设中医理疗和慢病管理。', cost: [300_000, 700_000] },
  { category: 'education', title: '{p}四点半课堂', text: '{p}双职工家庭多，孩子放学后无人照看。建议开办四点半课堂，由志愿者辅导作业。', cost: [50_000, 150_000] },
  { category: 'education', title: '街道幼儿园户外活动场地改造', text: '街道公办幼儿园户外场地小、地面硬，建议改造塑胶场地并增设游乐设施。', cost: [300_000, 600_000], whole: true },
  { category: 'environment', title: '{p}垃圾分类亭改造', text: '{p}垃圾桶露天摆放，气味大、招蚊蝇。建议建设带洗手池的垃圾分类亭。', cost: [60_000, 160_000] },
  { category: 'environment', title: '滨江步道绿化提升', text: '滨江步道部分路段绿化稀疏、座椅损坏，建议补植乔木、增设座椅和公厕。', cost: [900_000, 2_000_000], whole: true },
  { category: 'culture', title: '{p}口袋公园', text: '{p}周边没有休闲场地，建议利用闲置地块建口袋公园，设置健身器材和儿童游乐设施。', cost: [400_000, 900_000] },
  { category: 'water', title: '{p}二次供水设施改造', text: '{p}老旧小区二次供水水箱锈蚀，高峰期水压不足、水质发黄。建议改造二次供水设施。', cost: [350_000, 900_000] },
  { category: 'other', title: '{p}便民服务点', text: '{p}居民办理社保、医保需跑街道，建议在社区设便民服务点，提供代办服务。', cost: [30_000, 90_000] },
  { category: 'other', title: '{p}商业综合体建设', text: '建议在{p}引进开发商建设商业综合体，方便居民购物。', cost: [80_000_000, 120_000_000] },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢谭廖欧阳';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅志文辉林波斌宇浩凯鹏俊帆琴云莉燕春海成德福荣';

export function seedDemoProposals(db: Db, opts: { now: Date; rand: () => number }): { cycles: number; proposals: number } {
  const { rand, now } = opts;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const person = () => (rand() < 0.04 ? '欧阳' : pick([...SURNAMES.replace('欧阳', '')])) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : '');
  const mobile = () => pick(['139', '138', '136', '158', '187', '152', '177']) + String(between(0, 99_999_999)).padStart(8, '0');
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  const opens = addDays(today, -20);
  const closes = [addDays(today, 25), `${year}-12-31`].sort()[0]!; // a cycle's window ends within its year
  const opensAt = Date.parse(`${opens}T00:00:00+08:00`);
  let proposals = 0;

  const towns = townsOf(db);
  for (const town of towns) {
    const lc = town.code.toLowerCase();
    const clerk = actorFor(db, `${lc}.clerk`);
    const reps = db.select({ id: user.id, name: user.displayName, username: user.username }).from(user).where(like(user.username, `${lc}.%rep%`)).all();
    // 石门镇's window closed a month ago (readyToVote.ts takes it on from there); every other town is collecting.
    const window = town.code === READY_TOWN ? readyWindow(today) : { opens, closes };
    const createdAt = chinaTime(addDays(window.opens, -7), '09:00');
    const created = must(createCycle(db, clerk, town.id, year, createdAt), `${town.name}创建年度工作`);
    const cy = must(setCollectionWindow(db, clerk, created, window.opens, window.closes, createdAt, '年底前须完成征集，时间缩短'), `${town.name}设定征集时间`);

    const places = placesOf(db, town.id);
    const stations = stationsFor(db, town.id);
    const ideas = town.kind === 'subdistrict' ? URBAN : RURAL;
    const n = between(10, 25);
    const drawn = Array.from({ length: n }, () => opensAt + rand() * (now.getTime() - opensAt)).sort((a, b) => a - b);
    // A closed window's proposals came in evenly over it, up to two days before it closed.
    const from = chinaTime(window.opens, '09:00').getTime();
    const span = chinaTime(addDays(window.closes, -2), '18:00').getTime() - from;
    const times = town.code === READY_TOWN ? drawn.map((_, i) => from + Math.round(((i + 0.5) / n) * span)) : drawn;
    for (const at of times) {
      const idea = pick(ideas);
      const place = idea.whole ? null : pick(places);
      const title = idea.title.replace('{p}', place?.name ?? '');
      const cost = Math.round(between(idea.cost[0], idea.cost[1]) / 1000) * 1000;
      const roll = rand();
      const rep = roll >= 0.62 && roll < 0.8 && reps.length > 0 ? pick(reps) : undefined;
      const source: ProposalSource = rep ? (town.kind === 'subdistrict' ? 'deliberationRep' : 'representative')
        : roll >= 0.92 ? 'department' : roll >= 0.8 ? 'villageCommittee' : 'public';
      const paper = source === 'public' && rand() < 0.2; // elderly residents' paper forms, typed in by the clerk
      const station = source === 'public' && !paper && rand() < 0.45 ? pick(stations) : undefined;
      const crossYear = cost > 1_500_000 && rand() < 0.5;
      const proposer = rep?.name ?? person(); // for a committee or a department: its contact person
      // Who sent it: a representative from their own login, the clerk typing a paper form, or anyone on the public form.
      const actor = rep ? { id: rep.id, name: `${rep.name}（${rep.username}）` } : paper ? clerk : PUBLIC;
      must(submitProposal(db, actor, { cycle: cy, jurisdiction: town }, {
        title, description: idea.text.replaceAll('{p}', place?.name ?? town.name), place: place?.id ?? null,
        lat: null, lng: null, category: idea.category, estimatedCost: cost,
        fundingSource: pick(['镇财政', '镇财政 + 上级补助', '区级专项资金 + 镇财政配套', '财政资金为主，村集体自筹一部分', '']),
        fiscalSharePct: idea.cost[0] >= 2_000_000 && idea.category === 'other' ? between(10, 40) : pick([60, 70, 80, 90, 100, 100]),
        beneficiaries: place ? `${place.name}${town.kind === 'subdistrict' ? '居民' : '村民'}` : `${town.name}群众`,
        beneficiaryCount: rand() < 0.8 ? Math.round(between(200, 6000) / 10) * 10 : null,
        durationMonths: crossYear ? between(13, 20) : between(2, 10), crossYear,
        proposerName: proposer, proposerPhone: rep ? '' : mobile(), source, station: station?.shortCode ?? '',
      }, { entryChannel: paper ? 'paper' : 'online', submittedBy: rep?.id ?? (paper ? clerk.id : null) }, new Date(at)), `${town.name}提交提议`);
      proposals++;
    }
  }
  return { cycles: towns.length, proposals };
}
