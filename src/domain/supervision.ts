import type { SupervisionMemberRole, VisitRating } from './vocabulary';

export const MEMBER_ROLE_LABELS: Record<SupervisionMemberRole, string> = {
  staff: '人大干部',
  professionalRep: '专业代表',
  beneficiary: '受益群众',
  media: '新闻媒体',
};

/** Beneficiaries and media join as observers (seed 004: 项目受益人和新闻媒体全过程参与监督). */
export function isObserverRole(role: SupervisionMemberRole): boolean {
  return role === 'beneficiary' || role === 'media';
}

export const VISIT_RATING_LABELS: Record<VisitRating, string> = {
  good: '进展良好',
  fair: '基本正常',
  poor: '问题较多',
};

export function quarterLabel(quarter: string): string {
  const [y, q] = quarter.split('-Q');
  return `${y}年第${['一', '二', '三', '四'][Number(q) - 1] ?? q}季度`;
}
