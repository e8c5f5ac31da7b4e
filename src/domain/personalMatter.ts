/**
 * The personal path (个人事项) of the public form: a resident's own or family's matter is not a livelihood project.
 * It needs no cost, fiscal share or duration; it is answered at once with where to take it, and the public sees
 * only a masked line, never its text. Pure functions.
 */
import { REDIRECT_LABELS } from './screening';
import type { PersonalMatter, RedirectTarget } from './vocabulary';

export const PERSONAL_MATTER_LABELS: Record<PersonalMatter, string> = {
  land: '宅基地、土地、山林权属纠纷',
  labour: '劳动争议（欠薪、工伤、劳动合同）',
  civil: '邻里、婚姻家庭、合同等民事纠纷',
  adminDecision: '对政府部门的具体行政决定不服',
  complaint: '投诉、举报具体问题或违法行为',
};

/** Where each kind of matter is lawfully handled. */
export const PERSONAL_MATTER_TARGETS: Record<PersonalMatter, RedirectTarget> = {
  land: 'petition',
  labour: 'arbitration',
  civil: 'court',
  adminDecision: 'adminReview',
  complaint: 'hotline',
};

const TARGET_SHORT: Record<RedirectTarget, string> = {
  petition: '信访', court: '司法', arbitration: '仲裁', adminReview: '行政复议', hotline: '12345/举报',
};

/** The only public trace of a personal matter: what it is and where it was sent, no text, no place, no name. */
export function maskedTitle(target: RedirectTarget): string {
  return `个人事项（已引导至${TARGET_SHORT[target]}渠道）`;
}

/** What the resident reads on the receipt and tracking page. */
export function personalGuidance(matter: PersonalMatter): string {
  const target = PERSONAL_MATTER_TARGETS[matter];
  const how: Record<RedirectTarget, string> = {
    petition: '可到乡镇（街道）信访办或县级信访部门反映，也可通过网上信访渠道提出；',
    court: '可向人民法院起诉，也可先申请村（社区）人民调解委员会调解；',
    arbitration: '可向县（区）劳动人事争议仲裁委员会申请仲裁（一般应在知道权利被侵害之日起一年内）；',
    adminReview: '可在知道该行政行为之日起六十日内向行政复议机关申请行政复议；',
    hotline: '可拨打12345政务服务便民热线，或向有关部门的举报渠道反映；',
  };
  return `您反映的是个人或家庭的具体事项（${PERSONAL_MATTER_LABELS[matter]}），不属于民生实事项目征集范围。建议向${REDIRECT_LABELS[target]}反映：${how[target]}乡镇（街道）工作人员也可以帮您联系。`;
}
