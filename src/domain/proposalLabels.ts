import type { RedirectTarget } from './vocabulary';
import { ENTRY_CHANNELS, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, PROPOSAL_STATUSES, type ProposalCategory, type ProposalSource, type ProposalStatus } from './vocabulary';

export { ENTRY_CHANNELS, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, PROPOSAL_STATUSES };
export type { ProposalCategory, ProposalSource, ProposalStatus };
export type EntryChannel = (typeof ENTRY_CHANNELS)[number];

/** The categories of DOMAIN §3.1, as residents read them. */
export const CATEGORY_LABELS: Record<ProposalCategory, string> = {
  education: '教育',
  health: '医疗卫生',
  elderly: '养老服务',
  transport: '道路交通',
  water: '供水',
  environment: '生态环境',
  culture: '文化体育',
  safety: '公共安全',
  other: '其他',
};

export const SOURCE_LABELS: Record<ProposalSource, string> = {
  public: '群众',
  representative: '人大代表',
  deliberationRep: '议事代表',
  villageCommittee: '村（居）民委员会',
  department: '政府部门',
};

/** Who may name themselves as the source without logging in: representatives are attributed through their login. */
export const PUBLIC_SOURCES = ['public', 'villageCommittee', 'department'] as const satisfies readonly ProposalSource[];

/** The source a logged-in person proposes as by default: a representative as one, a clerk for the public. */
export function defaultSourceFor(roles: readonly string[]): ProposalSource {
  if (roles.includes('representative')) return 'representative';
  if (roles.includes('deliberationRep')) return 'deliberationRep';
  return 'public';
}

export const CHANNEL_LABELS: Record<EntryChannel, string> = {
  online: '网上提交',
  paper: '纸质表格录入',
  import: '表格批量导入',
};

/** Short labels for badges and filters. */
export const STATUS_LABELS: Record<ProposalStatus, string> = {
  submitted: '已提交',
  screening: '审查中',
  eligible: '符合条件',
  ineligible: '不符合条件',
  merged: '已合并',
  redirected: '已转其他渠道',
};

/** The same statuses in a sentence, for the proposer's tracking page. */
export const STATUS_SENTENCES: Record<ProposalStatus, string> = {
  submitted: '已收到您的提议，等待资格审查。',
  screening: '正在进行资格审查。',
  eligible: '经审查符合民生实事项目条件，将参加候选项目遴选。',
  ineligible: '经审查不符合民生实事项目条件，理由见下。',
  merged: '已与内容相近的提议合并办理，您的提议人身份予以保留。',
  redirected: '经审查不属于民生实事项目，已告知其他办理渠道，详见下方说明。',
};

/** The timeline's event kinds (proposalEvent.kind); kinds written by other parts of the system fall back to 进展. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交',
  screened: '资格审查',
  merged: '合并',
  mergedInto: '合并',
  redirected: '转其他渠道',
  reopened: '重新审查',
  candidate: '列入候选项目',
  pooled: '转入项目储备库',
  nominated: '从项目储备库选用',
  transferred: '移交其他层级办理',
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? '进展';
}

export const REDIRECT_LABELS: Record<RedirectTarget, string> = {
  petition: '信访部门',
  court: '人民法院',
  arbitration: '劳动人事争议仲裁委员会',
  adminReview: '行政复议机关',
  hotline: '12345政务服务便民热线或举报渠道',
};

/** "全镇" for a township, "全街道" for a subdistrict: the value of a proposal without one village/community. */
export function wholeAreaLabel(kind: string): string {
  return kind === 'subdistrict' ? '全街道' : kind === 'township' ? '全镇' : '全辖区';
}

/** The first line of every timeline: how the proposal reached the office (public text: no names). */
export function submittedNote(channel: EntryChannel, source: ProposalSource, stationName: string | null, byStaff: boolean): string {
  const via = stationName ? `，经${stationName}` : '';
  const how = channel === 'online' && byStaff && source !== 'public' ? `由${SOURCE_LABELS[source]}提交` : CHANNEL_LABELS[channel];
  return `已收到提议（${how}${via}），等待资格审查。`;
}
