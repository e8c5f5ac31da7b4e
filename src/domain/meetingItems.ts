import { MEETING_ITEM_KINDS } from './vocabulary';

/** What a deliberation meeting takes up (DOMAIN §4): selecting projects, hearing reports, public-opinion items. */
export { MEETING_ITEM_KINDS };
export type MeetingItemKind = (typeof MEETING_ITEM_KINDS)[number];

export const MEETING_ITEM_KIND_LABELS: Record<MeetingItemKind, string> = {
  projectSelection: '票选民生实事项目',
  reportHearing: '听取报告',
  opinionItems: '议决民意事项',
};

/** The title an item gets when the clerk leaves it blank. */
export function defaultItemTitle(kind: MeetingItemKind, year: number): string {
  switch (kind) {
    case 'projectSelection': return `票选${year}年度民生实事项目`;
    case 'reportHearing': return `听取街道办事处关于${year}年度民生实事项目实施情况的报告`;
    case 'opinionItems': return '议决议事代表提出的民意事项';
  }
}
