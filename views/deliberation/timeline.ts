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

/**
 * For items entered without audit entries (the demo data): the same steps read from the item's and the
 * suggestion's dated fields.
 */
export interface FieldsForTimeline {
  recordedAt: Date; recordedBy: string; state: string; triagedAt: Date | null; triagedBy: string | null;
  department: string; handedTo: string | null; attachments: number;
  suggestion?: {
    createdAt: Date; representative: string; unitName: string; assignedOn: string; dueOn: string;
    extendedAt: Date | null; extendedBy: string | null; extendedTo: string | null; extensionApprovedBy: string; extensionApprovedOn: string | null;
    answeredAt: Date | null; answeredBy: string | null; answeredOn: string | null; onBehalf: boolean;
    ratedAt: Date | null; satisfaction: Satisfaction | null;
  };
}

export function timelineFromFields(f: FieldsForTimeline): { at: Date; by: string; text: string }[] {
  const out: { at: Date; by: string; text: string }[] = [
    { at: f.recordedAt, by: f.recordedBy, text: describe('opinion.record', { attachments: f.attachments }) },
  ];
  if (f.triagedAt && f.triagedBy) {
    const action = f.state === 'answered' ? 'opinion.answer' : f.state === 'referred' ? 'opinion.refer' : 'opinion.hand';
    out.push({ at: f.triagedAt, by: f.triagedBy, text: describe(action, { department: f.department, handedTo: f.handedTo }) });
  }
  const s = f.suggestion;
  if (s) {
    out.push({ at: s.createdAt, by: s.representative, text: describe('suggestion.convert', s) });
    if (s.extendedAt) {
      out.push({ at: s.extendedAt, by: s.extendedBy ?? '', text: describe('suggestion.extend', { approvedBy: s.extensionApprovedBy, approvedOn: s.extensionApprovedOn, extendedTo: s.extendedTo }) });
    }
    if (s.answeredAt) out.push({ at: s.answeredAt, by: s.answeredBy ?? '', text: describe('suggestion.answer', s) });
    if (s.ratedAt) out.push({ at: s.ratedAt, by: s.representative, text: describe('suggestion.rate', s) });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
