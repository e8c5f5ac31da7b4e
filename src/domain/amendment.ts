import { ok, refuse, type Result } from './result';
import type { AMENDMENT_KINDS, AMENDMENT_REASONS, DECIDING_BODIES, JurisdictionKind } from './vocabulary';

/**
 * 项目调整、暂停、终止: a voted project changes only by a decision of the body that voted it — the township congress
 * at a mid-year or extraordinary session, or its presidium where local rules allow; a subdistrict's project by its
 * meeting. The voted record stays; each decided change is the next plan version.
 */
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];
export type AmendmentReason = (typeof AMENDMENT_REASONS)[number];
export type DecidingBody = (typeof DECIDING_BODIES)[number];

export const AMENDMENT_KIND_LABELS: Record<AmendmentKind, string> = {
  adjust: '调整', suspend: '暂停', resume: '恢复实施', terminate: '终止',
};
export const AMENDMENT_REASON_LABELS: Record<AmendmentReason, string> = {
  forceMajeure: '不可抗力', policyChange: '政策调整', fundsChange: '资金变化', siteChange: '选址或实施条件变化', other: '其他',
};
export const DECIDING_BODY_LABELS: Record<DecidingBody, string> = {
  congress: '人民代表大会会议', presidium: '人大主席团', subdistrictMeeting: '街道民生实事议事会议', clerk: '经办人员（调整前记录）',
};

/** Which bodies may decide for a jurisdiction: a township's congress, or its presidium if the setting allows. */
export function decidingBodies(kind: JurisdictionKind, presidiumMayDecide: boolean): DecidingBody[] {
  if (kind === 'subdistrict') return ['subdistrictMeeting'];
  return presidiumMayDecide ? ['congress', 'presidium'] : ['congress'];
}

export interface DecisionInput {
  body: DecidingBody;
  /** The session it was decided at, read with a plain select: its kind decides whether it may decide. */
  session: { kind: 'startOfYear' | 'midYear' | 'extraordinary'; date: string } | null;
  agendaItem: string;
  decidedOn: string;
}

/** A congress decision names a mid-year or extraordinary session and its agenda item, and falls on its date. */
export function checkDecision(kind: JurisdictionKind, presidiumMayDecide: boolean, d: DecisionInput): Result {
  if (!decidingBodies(kind, presidiumMayDecide).includes(d.body)) {
    return refuse(d.body === 'presidium' ? '本地规定未允许主席团决定项目调整，须提请人民代表大会会议决定' : '该决定机构不适用于本辖区', 'body');
  }
  if (d.body === 'congress') {
    if (!d.session) return refuse('请选择作出决定的会议', 'sessionId');
    if (d.session.kind === 'startOfYear') return refuse('项目调整须在年中或临时召开的人民代表大会会议上决定', 'sessionId');
    if (d.session.date !== d.decidedOn) return refuse(`决定日期应为会议召开日期（${d.session.date}）`, 'decidedOn');
  }
  if (!d.agendaItem.trim()) return refuse('请填写议程事项（如：关于调整××项目的决定）', 'agendaItem');
  return ok();
}

/** Where a project stands after its decided changes: suspended (paused) or terminated since a date, else running. */
export interface Halt { state: 'suspended' | 'terminated'; since: string; reason: string }

export function haltOf(decided: readonly { kind: AmendmentKind; decidedOn: string; reason: string }[]): Halt | undefined {
  let halt: Halt | undefined;
  for (const a of decided) {
    if (a.kind === 'terminate') return { state: 'terminated', since: a.decidedOn, reason: a.reason };
    if (a.kind === 'suspend') halt = { state: 'suspended', since: a.decidedOn, reason: a.reason };
    if (a.kind === 'resume') halt = undefined;
  }
  return halt;
}

/** What may be asked next: nothing after termination; resume only a suspended project; suspend only a running one. */
export function checkAmendmentKind(halt: Halt | undefined, kind: AmendmentKind): Result {
  if (halt?.state === 'terminated') return refuse('项目已终止，不能再调整', 'kind');
  if (kind === 'resume' && halt?.state !== 'suspended') return refuse('项目未暂停，无需恢复', 'kind');
  if (kind === 'suspend' && halt?.state === 'suspended') return refuse('项目已暂停', 'kind');
  return ok();
}
