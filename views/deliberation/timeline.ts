import { OPINION_STATE_LABELS } from '../../src/domain/opinionTriage';
import { SATISFACTION_LABELS, type Satisfaction } from '../../src/domain/suggestionStatus';

/** The item's audit entries as the timeline its page shows: every step, dated, with who took it. */
export interface AuditRow { at: Date; actorName: string; action: string; after: string | null }

export function timelineOf(rows: readonly AuditRow[]): { at: Date; by: string; text: string }[] {
  return rows.map((r) => {
    const a = (r.after ? JSON.parse(r.after) : {}) as Record<string, unknown>;
    return { at: r.at, by: r.actorName, text: describe(r.action, a) };
  });
}

function describe(action: string, a: Record<string, unknown>): string {
  switch (action) {
    case 'opinion.record': return `登记民意事项${a.attachments ? `（附件 ${a.attachments} 个）` : ''}`;
    case 'opinion.answer': return '当场答复';
    case 'opinion.refer': return `交街道部门办理：${a.department ?? ''}`;
    case 'opinion.hand': return `转交区人大代表 ${a.handedTo ?? ''}`;
    case 'opinion.rehand': return `改交区人大代表 ${a.handedTo ?? ''}`;
    case 'suggestion.convert': return `转为代表建议，交 ${a.unitName ?? ''} 办理，${a.assignedOn ?? ''} 交办，${a.dueOn ?? ''} 前答复`;
    case 'suggestion.extend': return `经 ${a.approvedBy ?? ''} 同意（${a.approvedOn ?? ''}），延期至 ${a.extendedTo ?? ''}`;
    case 'suggestion.answer': return `承办单位答复（${a.answeredOn ?? ''}）${a.onBehalf ? '，由工作人员代为录入' : ''}`;
    case 'suggestion.rate': return `代表评价：${SATISFACTION_LABELS[a.satisfaction as Satisfaction] ?? ''}`;
    default: return typeof a.state === 'string' && a.state in OPINION_STATE_LABELS ? OPINION_STATE_LABELS[a.state as keyof typeof OPINION_STATE_LABELS] : action;
  }
}
