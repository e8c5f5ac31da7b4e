import { OPINION_CATEGORIES, OPINION_CHANNELS } from './vocabulary';

export { OPINION_CATEGORIES, OPINION_CHANNELS };
export type OpinionCategory = (typeof OPINION_CATEGORIES)[number];
export type OpinionChannel = (typeof OPINION_CHANNELS)[number];

export const OPINION_CATEGORY_LABELS: Record<OpinionCategory, string> = {
  roads: '道路交通',
  environment: '环境卫生',
  housing: '物业与住房',
  elderly: '养老服务',
  safety: '公共安全',
  health: '医疗卫生',
  education: '教育',
  culture: '文体设施',
  facilities: '市政设施',
  other: '其他',
};

export const OPINION_CHANNEL_LABELS: Record<OpinionChannel, string> = {
  self: '议事代表自行登记',
  meeting: '议事代表会议上登记',
  office: '工作人员代为登记',
  resident: '群众扫码登记',
  reception: '代表接待群众时登记',
  station: '站点联络员/工作人员登记',
  repCode: '群众通过代表二维码留言',
};

/** The number written on paper and said on the phone: 2026-DC-007. */
export function opinionNumber(year: number, code: string, seq: number): string {
  return `${year}-${code}-${String(seq).padStart(3, '0')}`;
}
