import type { Amendment } from '../../src/data/amendments';
import type { AssessedProject } from '../../src/data/delivery';
import type { ImplementationPlan } from '../../src/data/implementationPlan';
import {
  AMENDMENT_KIND_LABELS, AMENDMENT_REASON_LABELS, DECIDING_BODY_LABELS, type DecidingBody,
} from '../../src/domain/amendment';
import { formatUnits, plannedUnits } from '../../src/domain/softTarget';
import { AMENDMENT_KINDS, AMENDMENT_REASONS } from '../../src/domain/vocabulary';
import { Field, FormError, PostButton, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { chinaDateOf, fmtYuan } from '../components/format';

/** The published 实施方案 as the public and the clerk read it. */
export function ImplementationPlanFacts(p: { plan: ImplementationPlan; a: AssessedProject }) {
  const { plan, a } = p;
  return (
    <div class="card" id="implementation">
      <h2>实施方案</h2>
      <dl class="facts">
        <dt>责任单位</dt><dd>{plan.responsibleUnit}</dd>
        <dt>责任人</dt><dd>{plan.responsibleOfficial}</dd>
        <dt>年度目标</dt><dd>{plan.yearlyTargets}</dd>
        {plan.target && <><dt>目标数量</dt><dd>{formatUnits(plan.target.quantity, plan.target.unit)}</dd></>}
        <dt>资金来源</dt><dd>{plan.funds.map((f) => `${f.source} ${fmtYuan(f.amount)}`).join('；')}</dd>
        {plan.safeguards && <><dt>保障措施</dt><dd>{plan.safeguards}</dd></>}
        {plan.publishedAt && <><dt>公布日期</dt><dd>{chinaDateOf(plan.publishedAt)}</dd></>}
      </dl>
      {plan.target && <SoftProgress a={a} unit={plan.target.unit} quantity={plan.target.quantity} />}
    </div>
  );
}

/** A soft project's progress in its units: achieved and planned, as shares of the target behind the colour. */
export function SoftProgress(p: { a: AssessedProject; unit: string; quantity: number }) {
  const achieved = p.a.latest?.achievedUnits ?? 0;
  const planned = plannedUnits(p.a.assessment.plannedPct, { unit: p.unit, quantity: p.quantity });
  return <p>已完成 {formatUnits(achieved, p.unit)}，计划 {formatUnits(planned, p.unit)}（目标 {formatUnits(p.quantity, p.unit)}）</p>;
}

/** 已暂停 / 已终止 with the reason, where the colour is shown. */
export function HaltNote(p: { a: AssessedProject }) {
  const h = p.a.assessment.halted;
  if (!h) return null;
  return <p class="badge" role="status">{h.state === 'terminated' ? '已终止' : '已暂停'}（{h.since} 起）：{h.reason}</p>;
}

/** 公告: decided adjustments, suspensions and terminations, each with its plan version and decision reference. */
export function Announcements(p: { items: Amendment[] }) {
  if (p.items.length === 0) return null;
  return (
    <div id="announcements">
      <h2>项目调整公告</h2>
      {p.items.map((a) => (
        <div class="card">
          <h3>{AMENDMENT_KIND_LABELS[a.kind]}公告 · 第 {a.version} 版计划</h3>
          <p>{a.announcement}</p>
          <p class="muted">原因：{a.reasonCategory ? AMENDMENT_REASON_LABELS[a.reasonCategory] : ''} {a.reason}</p>
          <p class="muted">{decisionRef(a)}</p>
        </div>
      ))}
    </div>
  );
}

function decisionRef(a: Amendment): string {
  const body = a.decidedBody ? DECIDING_BODY_LABELS[a.decidedBody] : '';
  const parts = [`${a.decidedOn ?? ''} ${body}${a.sessionTitle ? `（${a.sessionTitle}）` : ''}决定`];
  if (a.agendaItem) parts.push(`议程：${a.agendaItem}`);
  if (a.pollId) parts.push(`表决编号 ${a.pollId}`);
  return parts.join('；');
}

/** The plan's drafting page: the unit or clerk fills it in, the clerk sets the deadline and publishes. */
export function ImplementationPage(p: {
  base: string; title: string; plan: ImplementationPlan | undefined; values: FormValues; errors?: FieldErrors;
  canDraft: boolean; canManage: boolean; overdue: boolean;
}) {
  const v = (k: string) => p.values[k] ?? '';
  const e = (k: string) => p.errors?.[k];
  const published = !!p.plan?.publishedAt;
  return (
    <section>
      <p class="muted"><a href={p.base}>{p.title}</a></p>
      <h1>实施方案</h1>
      <FormError errors={p.errors} />
      {published
        ? <p>实施方案已于 {chinaDateOf(p.plan!.publishedAt!)} 公布，如需变更请<a href={`${p.base}/amendments`}>提出调整申请</a>。</p>
        : <p>{p.plan?.publishBy ? `应于 ${p.plan.publishBy} 前公布。` : '尚未设定公布期限。'}{p.overdue && <strong> 已逾期。</strong>}</p>}
      {p.canDraft && !published && (
        <form method="post" action={`${p.base}/implementation`} class="stack wide" novalidate>
          <Field name="responsibleUnit" label="责任单位" value={v('responsibleUnit')} error={e('responsibleUnit')} required />
          <Field name="responsibleOfficial" label="责任人" value={v('responsibleOfficial')} error={e('responsibleOfficial')} required />
          <TextArea name="yearlyTargets" label="年度目标" value={v('yearlyTargets')} error={e('yearlyTargets')} />
          <TextArea name="funds" label="资金来源" hint="每行一项：来源 金额（元），如：镇级财政 300000" value={v('funds')} error={e('funds')} />
          <TextArea name="safeguards" label="保障措施" value={v('safeguards')} error={e('safeguards')} />
          <fieldset>
            <legend>政策、服务类项目（按目标数量计量进度；工程类留空）</legend>
            <Field name="targetUnit" label="计量单位" hint="如：户、万人次" value={v('targetUnit')} error={e('targetUnit')} />
            <Field name="targetQuantity" label="目标数量" inputmode="decimal" value={v('targetQuantity')} error={e('targetQuantity')} />
          </fieldset>
          <button type="submit">保存实施方案</button>
        </form>
      )}
      {p.canManage && !published && (
        <>
          <form method="post" action={`${p.base}/implementation/deadline`} class="stack" novalidate>
            <Field name="publishBy" label="公布期限" type="date" value={v('publishBy')} error={e('publishBy')} required />
            <button type="submit" class="secondary">设定期限</button>
          </form>
          <PostButton action={`${p.base}/implementation/publish`} label="公布实施方案" confirm="公布后只能按程序调整，确定公布？" />
        </>
      )}
    </section>
  );
}

/** Requests and decisions: the unit or clerk asks, the clerk records the competent body's decision. */
export function AmendmentsPage(p: {
  base: string; title: string; items: Amendment[]; bodies: DecidingBody[]; sessions: { id: number; title: string }[];
  values: FormValues; errors?: FieldErrors; canRequest: boolean; canDecide: boolean;
}) {
  const v = (k: string) => p.values[k] ?? '';
  const e = (k: string) => p.errors?.[k];
  const pending = p.items.find((a) => a.state === 'requested');
  return (
    <section>
      <p class="muted"><a href={p.base}>{p.title}</a></p>
      <h1>项目调整、暂停、终止</h1>
      <p>票决通过的项目只能依法定程序变更：提出申请并附依据，由人民代表大会会议（或本地规定允许的主席团；街道为议事会议）决定后公告。原票决记录不变，每次决定形成新一版计划。</p>
      <FormError errors={p.errors} />
      <table>
        <thead><tr><th>版本</th><th>事项</th><th>原因</th><th>依据</th><th>状态</th></tr></thead>
        <tbody>
          <tr><td>第 1 版</td><td>票决通过的计划</td><td></td><td></td><td>有效</td></tr>
          {p.items.map((a) => (
            <tr>
              <td>{a.version ? `第 ${a.version} 版` : '—'}</td>
              <td>{AMENDMENT_KIND_LABELS[a.kind]}（{chinaDateOf(a.requestedAt)} {a.requestedByName} 申请）</td>
              <td>{a.reasonCategory ? AMENDMENT_REASON_LABELS[a.reasonCategory] : ''}：{a.reason}</td>
              <td>{a.evidence}</td>
              <td>{a.state === 'requested' ? '待决定' : a.state === 'rejected' ? `未通过（${a.decidedOn}）` : `已决定（${a.decidedOn}）`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.canRequest && !pending && (
        <form method="post" action={`${p.base}/amendments`} class="stack wide" novalidate>
          <h2>提出申请</h2>
          <SelectField name="kind" label="申请事项" value={v('kind')} error={e('kind')} required options={AMENDMENT_KINDS.map((k) => [k, AMENDMENT_KIND_LABELS[k]])} />
          <SelectField name="reasonCategory" label="原因类别" value={v('reasonCategory')} error={e('reasonCategory')} required options={AMENDMENT_REASONS.map((k) => [k, AMENDMENT_REASON_LABELS[k]])} />
          <TextArea name="reason" label="具体原因" value={v('reason')} error={e('reason')} required />
          <TextArea name="evidence" label="依据材料" hint="文件名称、文号或情况说明" value={v('evidence')} error={e('evidence')} required />
          <Field name="endDate" label="调整后完工日期（仅调整时填写）" type="date" value={v('endDate')} error={e('endDate')} />
          <Field name="budget" label="调整后预算（元，仅调整时填写）" inputmode="numeric" value={v('budget')} error={e('budget')} />
          <button type="submit">提交申请</button>
        </form>
      )}
      {p.canDecide && pending && (
        <form method="post" action={`${p.base}/amendments/${pending.id}/decide`} class="stack wide" novalidate>
          <h2>记录决定：{AMENDMENT_KIND_LABELS[pending.kind]}</h2>
          <SelectField name="body" label="决定机构" value={v('body')} error={e('body')} required options={p.bodies.map((b) => [b, DECIDING_BODY_LABELS[b]])} />
          <SelectField name="sessionId" label="会议（人民代表大会会议须选择）" value={v('sessionId')} error={e('sessionId')} blank="（无）" options={p.sessions.map((s) => [String(s.id), s.title])} />
          <Field name="agendaItem" label="议程事项" value={v('agendaItem')} error={e('agendaItem')} required />
          <Field name="pollId" label="表决编号（经表决的填写）" inputmode="numeric" value={v('pollId')} error={e('pollId')} />
          <Field name="decidedOn" label="决定日期" type="date" value={v('decidedOn')} error={e('decidedOn')} required />
          <SelectField name="approved" label="决定结果" value={v('approved')} error={e('approved')} required options={[['yes', '同意'], ['no', '不同意']]} />
          <TextArea name="announcement" label="公告内容（同意时在门户公布）" value={v('announcement')} error={e('announcement')} />
          <button type="submit">记录决定</button>
        </form>
      )}
    </section>
  );
}
