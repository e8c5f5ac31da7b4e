import { z } from 'zod';
import { QUORUM_FRACTION_WORDS, QUORUM_FRACTIONS } from './quorum';
import { refuse, type Refusal } from './result';
import type { JurisdictionKind } from './vocabulary';

/**
 * Per-jurisdiction parameters. Stored as text rows; read only through `readSettings`, which
 * falls back to these defaults (DOMAIN.md) when a row is missing or unreadable.
 */
const int = (min: number, max: number) => {
  const msg = `须为 ${min} 到 ${max} 之间的整数`;
  return z.coerce.number({ error: msg }).int(msg).min(min, msg).max(max, msg);
};
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: '请从列表中选择' });

export const SETTING_DEFS = {
  quorumFraction: {
    label: '法定出席比例',
    help: '出席代表达到在册代表的该比例以上方可表决（“以上”含本数）',
    schema: oneOf(QUORUM_FRACTIONS),
    default: '2/3',
    choices: QUORUM_FRACTION_WORDS,
  },
  quorumComparator: {
    label: '法定人数的计算方式',
    help: '“以上”含本数（人代会为三分之二以上）；有的街道议事规则规定“超过”，恰好达到该比例不够',
    // Keys added after the first release keep their default when an older form does not send them.
    schema: oneOf(['atLeast', 'moreThan']).default('atLeast'),
    default: 'atLeast',
    choices: { atLeast: '以上（含本数）', moreThan: '超过（不含本数）' },
  },
  majorityBase: {
    label: '过半数的基数',
    help: '赞成票须超过该基数的一半（过半数不含半数本身）',
    schema: oneOf(['seated', 'present']),
    default: 'seated',
    choices: { seated: '全体在册代表', present: '出席代表' },
  },
  allowEqualSlate: {
    label: '允许等额票决',
    help: '候选项目数等于应选数（等额）时能否表决；一般应差额票决，只有本级票决办法允许时才开启',
    schema: oneOf(['no', 'yes']).default('no'),
    default: 'no',
    choices: { no: '不允许（差额票决）', yes: '允许' },
  },
  majorInvestmentThreshold: {
    label: '重大投资项目标准（元）',
    help: '估算投资超过此金额的属政府重大投资项目，不得作为票决候选项目',
    schema: int(0, 100_000_000_000),
    default: 5_000_000,
  },
  minFiscalShare: {
    label: '财政资金最低占比（%）',
    help: '以政府财政性资金投入为主',
    schema: int(0, 100),
    default: 50,
  },
  maxDurationMonths: {
    label: '当年完成的最长工期（月）',
    help: '超过的须为跨年度项目并有明确的年度阶段性目标',
    schema: int(1, 60),
    default: 12,
  },
  progressTolerancePct: {
    label: '进度滞后容差（百分点）',
    help: '实际完成比例落后计划超过此值即为进度滞后',
    schema: int(0, 100),
    default: 10,
  },
  reportDueDay: {
    label: '月度进展报送截止日',
    help: '每月进展须在次月该日前报送，逾期标为未报',
    schema: int(1, 28),
    default: 10,
  },
  satisfactionThreshold: {
    label: '满意率整改线（%）',
    help: '满意率低于此值的项目须整改',
    schema: int(0, 100),
    default: 60,
  },
  deliberationRosterMin: {
    label: '议事代表名额下限',
    help: '街道在册议事代表少于此数时提示（一般为 30 名至 80 名）',
    schema: int(0, 1000),
    default: 30,
  },
  deliberationRosterMax: {
    label: '议事代表名额上限',
    help: '街道在册议事代表多于此数时提示',
    schema: int(0, 1000),
    default: 80,
  },
  linkGroupSize: {
    label: '每名区人大代表联系的议事代表数',
    help: '每名区人大代表固定联系的议事代表人数（一般为 13 名），超过时提示',
    schema: int(1, 100),
    default: 13,
  },
  seriousLagPct: {
    label: '严重滞后（红灯）线（百分点）',
    help: '进度落后计划超过此值亮红灯；超过滞后容差但未超过此值亮橙灯',
    // A key added after the first release: a settings form without it (a page opened before the upgrade) keeps the default.
    schema: int(0, 100).default(25),
    default: 25,
  },
  followUpDays: {
    label: '测评整改期限（天）',
    help: '满意率低于整改线的项目，未另定整改期限时，自测评结果记录之日起的整改天数',
    schema: int(1, 365).default(90),
    default: 90,
  },
  presidiumMayAmend: {
    label: '主席团可决定项目调整',
    help: '本地规定允许时，乡镇人大主席团可决定民生实事项目的调整、暂停或终止；否则须提请人民代表大会会议决定',
    schema: oneOf(['no', 'yes']).default('no'),
    default: 'no',
    choices: { no: '不允许', yes: '允许' },
  },
  minCollectionDays: {
    label: '项目征集最短时间（天）',
    help: '公开征集时间少于此天数时提示，确需缩短的须填写原因',
    schema: int(1, 365).default(30),
    default: 30,
  },
} as const;

export type SettingKey = keyof typeof SETTING_DEFS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTING_DEFS)[K]['schema']> };
export const SETTING_KEYS = Object.keys(SETTING_DEFS) as SettingKey[];

export function readSettings(rows: readonly { key: string; value: string }[]): Settings {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const def = SETTING_DEFS[key];
    const row = rows.find((r) => r.key === key);
    const parsed = row ? def.schema.safeParse(row.value) : undefined;
    out[key] = parsed?.success ? parsed.data : def.default;
  }
  return out as Settings;
}

/** The whole set as one form schema: the edit page validates with the definitions themselves. */
export const settingsSchema = z.object(
  Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_DEFS[k].schema])) as { [K in SettingKey]: (typeof SETTING_DEFS)[K]['schema'] },
);

/** The settings that decide a vote: shown together and checked together against the body's law. */
export const VOTE_SETTING_KEYS = ['quorumFraction', 'quorumComparator', 'majorityBase'] as const satisfies readonly SettingKey[];

/**
 * A township's congress votes under the statute, not under a setting: the meeting may be held only when 三分之二以上
 * of its representatives are present, and a decision needs 全体代表的过半数 (地方组织法; DOMAIN §3.4). A clerk
 * expects the system to hold the town to that, not to offer a choice the law does not give: these keys are shown
 * fixed, and a form that sends anything else is refused with the reason. A subdistrict's deliberation meeting
 * follows the street's own 议事规则, where published rules differ (三分之二以上, 超过三分之二, 过半数出席; majority
 * of all or of those present), so it chooses among those; "二分之一以上" is refused because exactly half present
 * is not a majority of the members.
 */
export const CONGRESS_VOTE_RULE = { quorumFraction: '2/3', quorumComparator: 'atLeast', majorityBase: 'seated' } as const;

export function lawfulVoteSettings(kind: JurisdictionKind, s: Pick<Settings, (typeof VOTE_SETTING_KEYS)[number]>): Refusal | null {
  if (kind === 'township') {
    for (const key of VOTE_SETTING_KEYS) {
      if (s[key] !== CONGRESS_VOTE_RULE[key]) {
        return refuse('镇人民代表大会的法定人数（三分之二以上代表出席）和通过标准（全体代表的过半数）由法律规定，不能更改', key);
      }
    }
    return null;
  }
  if (s.quorumFraction === '1/2' && s.quorumComparator === 'atLeast') {
    return refuse('出席人数须超过二分之一：“二分之一以上”含半数本身，恰好半数出席不构成多数，请选择“超过”', 'quorumComparator');
  }
  return null;
}
