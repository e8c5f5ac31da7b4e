// Chinese labels for proposal fields as the screening and candidate pages show them.
import type { ProposalCategory, ProposalSource, ProposalStatus } from '../../db/schema';

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  submitted: '已提交',
  screening: '审查中',
  eligible: '符合条件',
  ineligible: '不符合条件',
  merged: '已合并',
  redirected: '已引导至信访/司法途径',
};

export const CATEGORY_LABELS: Record<ProposalCategory, string> = {
  education: '教育', health: '医疗卫生', elderly: '养老服务', transport: '道路交通', water: '供水排水',
  environment: '环境整治', culture: '文化体育', safety: '公共安全', other: '其他',
};

export const SOURCE_LABELS: Record<ProposalSource, string> = {
  public: '群众', representative: '人大代表', deliberationRep: '议事代表', villageCommittee: '村（社区）委员会', department: '政府部门',
};

export const CHANNEL_LABELS: Record<'online' | 'paper' | 'import', string> = { online: '网上提交', paper: '纸质录入', import: '表格导入' };
