import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { MergeOption, ProposalDetail, ScreeningRow } from '../../src/data/screening';
import {
  ELIGIBILITY_RULES, OUTCOME_LABELS, RULE_STRENGTH, RULES_BY_CODE, STRENGTH_LABELS, ruleName, rulesToOverride, type EligibilityParams, type RuleResult,
} from '../../src/domain/eligibility';
import { DECISION_LABELS, REDIRECT_LABELS, REDIRECT_TARGETS } from '../../src/domain/screening';
import { CATEGORY_LABELS, CHANNEL_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../src/domain/proposalLabels';
import { THRESHOLD_CHOICES, type DuplicateSuggestion } from '../../src/domain/similarity';
import { FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime, fmtYuan } from '../components/format';
import { ChoiceGroup } from './ChoiceGroup';

export function Crumbs(p: { j: Jurisdiction; year: number; here?: { href: string; label: string } }) {
  return (
    <p class="muted crumbs">
      <a href={`/j/${p.j.code}`}>{p.j.name}</a> › <a href={`/j/${p.j.code}/cycles/${p.year}`}>{p.year} 年度</a>
      {p.here && <> › <a href={p.here.href}>{p.here.label}</a></>}
    </p>
  );
}

export function OutcomeBadge(p: { r: RuleResult }) {
  const cls = p.r.outcome === 'pass' ? 'badge ok' : p.r.outcome === 'fail' ? 'badge bad' : p.r.flagged ? 'badge warn' : 'badge';
  const label = p.r.outcome === 'needsReview' && p.r.flagged ? '存疑，可能不符合' : OUTCOME_LABELS[p.r.outcome];
  return <span class={cls}>{label}</span>;
}

export function StatusBadge(p: { status: keyof typeof STATUS_LABELS }) {
  const cls = p.status === 'eligible' ? 'badge ok' : p.status === 'ineligible' || p.status === 'redirected' ? 'badge bad' : p.status === 'merged' ? 'badge off' : 'badge';
  return <span class={cls}>{STATUS_LABELS[p.status]}</span>;
}

export function ParameterBox(p: { j: Jurisdiction; settings: EligibilityParams; canEdit: boolean }) {
  return (
    <div class="card params">
      <strong>本辖区审查参数</strong>
      <ul>
        <li>财政资金最低占比：{p.settings.minFiscalShare}%（含本数）</li>
        <li>重大投资项目标准：估算投资超过 {fmtYuan(p.settings.majorInvestmentThreshold)}</li>
        <li>当年完成的最长工期：{p.settings.maxDurationMonths} 个月（含本数）</li>
      </ul>
      <a href={`/j/${p.j.code}/settings`}>{p.canEdit ? '修改参数（记入审计日志）' : '查看全部参数'}</a>
    </div>
  );
}

function RuleTable(p: { results: RuleResult[]; settings: EligibilityParams }) {
  return (
    <div class="table-wrap">
      <table class="stack-sm rules">
        <thead><tr><th>审查规则</th><th>自动审查</th><th>说明</th><th>依据</th></tr></thead>
        <tbody>
          {p.results.map((r) => {
            const rule = RULES_BY_CODE.get(r.code)!;
            return (
              <tr class={r.outcome === 'fail' ? 'rule-fail' : r.flagged ? 'rule-flag' : undefined}>
                <td data-label="规则"><strong>{rule.name}</strong><div class="muted code">{rule.code}{rule.kind === 'reviewer' ? ' · 人工确认' : ''} · {STRENGTH_LABELS[RULE_STRENGTH[rule.code]]}</div></td>
                <td data-label="结果"><OutcomeBadge r={r} /></td>
                <td data-label="说明">{r.explanation}{rule.parameters(p.settings).map((x) => <div class="muted">{x}</div>)}</td>
                <td data-label="依据">
                  <details><summary>{rule.basis.short}</summary>
                    <p class="basis">{rule.basis.document}：“{rule.basis.quote}”</p>
                    <p class="muted">{rule.description}</p>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Facts(p: { d: ProposalDetail }) {
  const d = p.d;
  const row = (label: string, value: unknown) => <><dt>{label}</dt><dd>{value === '' || value === null || value === undefined ? <span class="muted">未填写</span> : String(value)}</dd></>;
  return (
    <dl class="facts">
      {row('回执号', d.receipt)}
      {row('提交时间', fmtDateTime(d.createdAt))}
      {row('类别', CATEGORY_LABELS[d.category])}
      {row('村/社区', d.outsideArea ? '本辖区以外' : d.placeName ?? '全镇（街道）范围')}
      {d.lat !== null && d.lng !== null && row('地图位置', `${d.lat}, ${d.lng}`)}
      {row('估算投资', fmtYuan(d.estimatedCost))}
      {row('资金来源', d.fundingSource)}
      {row('财政资金占比', `${d.fiscalSharePct}%`)}
      {row('受益对象', d.beneficiaries)}
      {row('受益人数', d.beneficiaryCount === null ? '' : `约 ${d.beneficiaryCount} 人`)}
      {row('预计工期', `${d.durationMonths} 个月${d.crossYear ? '（跨年度）' : ''}`)}
      {row('提议来源', `${SOURCE_LABELS[d.source]} · ${CHANNEL_LABELS[d.entryChannel]}${d.stationName ? ` · ${d.stationName}` : ''}`)}
      {d.submittedByName && row('录入人', d.submittedByName)}
    </dl>
  );
}

export interface ScreeningPageProps {
  j: Jurisdiction;
  cycle: Cycle;
  d: ProposalDetail;
  results: RuleResult[];
  settings: EligibilityParams;
  canEditSettings: boolean;
  canScreen: boolean;
  blocked?: string;
  inCandidate: boolean;
  mergedInto?: { id: number; receipt: string; title: string; finalReceipt: string; finalId: number };
  members: { id: number; receipt: string; title: string; proposerName: string; proposerPhone: string; mergedIntoId: number }[];
  duplicates: DuplicateSuggestion<MergeOption>[];
  threshold: number;
  /** Every item it may join, most similar first. */
  mergeOptions: DuplicateSuggestion<MergeOption>[];
  history: ScreeningRow[];
  events: { id: number; at: Date; kind: string; note: string; actorName: string | null }[];
  values?: FormValues;
  errors?: FieldErrors;
  /** The station opinion this proposal was made from, with its page. */
  fromOpinion?: { href: string; number: string; title: string };
}

export function ScreeningPage(p: ScreeningPageProps) {
  const { j, cycle, d } = p;
  const base = `/j/${j.code}/cycles/${cycle.year}`;
  const href = (id: number) => `${base}/proposals/${id}`;
  const over = rulesToOverride(p.results);
  const v = p.values;
  const prechecked = v ? (v.failedRules ?? '').split(',').filter(Boolean) : over;
  const suggested = new Set(p.duplicates.map((s) => s.item.id));
  const mergeOptions: [string, string][] = [
    ...p.duplicates.map((s): [string, string] => [String(s.item.id), `${s.item.receipt} ${s.item.title}（相似度 ${Math.round(s.score * 100)}%）`]),
    ...p.mergeOptions.filter((o) => !suggested.has(o.item.id))
      .map((o): [string, string] => [String(o.item.id), `${o.item.receipt} ${o.item.title}（相似度 ${Math.round(o.score * 100)}%）`]),
  ];
  return (
    <section class="area-screening">
      <Crumbs j={j} year={cycle.year} here={{ href: `${base}/screening`, label: '资格审查' }} />
      <h1>{d.title} <StatusBadge status={d.status} /></h1>
      {p.fromOpinion && <p class="card">由站点群众意见 <a href={p.fromOpinion.href}>{p.fromOpinion.number}“{p.fromOpinion.title}”</a> 转来。</p>}
      {p.mergedInto && (
        <p class="card">本提议已合并到 <a href={href(p.mergedInto.id)}>{p.mergedInto.receipt} {p.mergedInto.title}</a>
          {p.mergedInto.finalId !== p.mergedInto.id && <>，该提议又已合并到 <a href={href(p.mergedInto.finalId)}>{p.mergedInto.finalReceipt}</a></>}。
          回执号 {d.receipt} 的查询结果显示合并后的提议。</p>
      )}

      <p class="muted">属上级区或所辖镇（街道）事权的，可 <a href={`${href(d.id)}/transfer`}>移交其他层级办理</a>，回执号和提议人不变。</p>
      <h2>提议内容</h2>
      <p class="prose">{d.description}</p>
      <Facts d={d} />
      <div class="card private">
        <strong>提议人（个人信息，仅工作人员可见，不对外公开）</strong>
        <p>{d.proposerName}{d.proposerPhone && <> · {d.proposerPhone}</>}</p>
        {p.members.length > 0 && (
          <>
            <strong>已并入本提议的提议及其提议人（{p.members.length}）</strong>
            <ul>
              {p.members.map((m) => (
                <li><a href={href(m.id)}>{m.receipt}</a> {m.title} — {m.proposerName}{m.proposerPhone && ` · ${m.proposerPhone}`}
                  {m.mergedIntoId !== d.id && <span class="muted">（经由其他提议并入）</span>}</li>
              ))}
            </ul>
          </>
        )}
      </div>

      <h2>自动审查</h2>
      <ParameterBox j={j} settings={p.settings} canEdit={p.canEditSettings} />
      <RuleTable results={p.results} settings={p.settings} />

      <h2>疑似重复的提议</h2>
      <form method="get" action={href(d.id)} class="filters no-print">
        <SelectField name="similarity" label="相似度阈值" value={String(p.threshold)}
          options={THRESHOLD_CHOICES.map((t): [string, string] => [String(t), `${Math.round(t * 100)}% 以上`])} />
        <button type="submit" class="secondary">重新查找</button>
      </form>
      {p.duplicates.length === 0 ? <p class="muted">同一村/社区内没有相似度达到 {Math.round(p.threshold * 100)}% 的提议。</p> : (
        <ul class="duplicates">
          {p.duplicates.map((s) => (
            <li>
              <a href={href(s.item.id)}>{s.item.receipt} {s.item.title}</a> <StatusBadge status={s.item.status} />
              <span class="muted"> 相似度 {Math.round(s.score * 100)}%</span>
            </li>
          ))}
        </ul>
      )}

      <h2>审查结论</h2>
      {p.blocked ? <p class="card">{p.blocked}</p> : !p.canScreen ? <p class="muted">只有本辖区人大工作人员可以作出审查结论。</p> : (
        <form method="post" action={href(d.id)} class="stack card decide" novalidate>
          <FormError errors={p.errors} />
          {p.inCandidate && <p class="hint">本提议已列入候选项目：如需改为其他结论，请先在候选项目名单中移除。</p>}
          <ChoiceGroup name="decision" legend="结论" type="radio" required error={p.errors?.decision}
            checked={[v?.decision ?? '']}
            options={(['eligible', 'ineligible', 'merged', 'redirected'] as const).map((x) => ({ value: x, label: DECISION_LABELS[x] }))} />
          <ChoiceGroup name="failedRules" legend="不符合的规则" type="checkbox" error={p.errors?.failedRules}
            hint={`结论为“不符合条件”时必选${over.length ? '；已按自动审查结果预先勾选，请核实后调整' : ''}`} checked={prechecked}
            options={ELIGIBILITY_RULES.map((r) => ({ value: r.code, label: r.name }))} />
          <TextArea name="explanation" label="说明 / 答复（公开）" rows={4} maxlength={2000} value={v?.explanation} error={p.errors?.explanation}
            hint="向提议人和公众公开，请勿写入姓名、电话等个人信息。结论为“不符合条件”或“引导”时必填" />
          <TextArea name="overrideReason" label="不采纳自动审查意见的理由" rows={3} maxlength={2000} value={v?.overrideReason} error={p.errors?.overrideReason}
            hint={over.length ? `自动审查有 ${over.length} 项不符合或存疑：结论为“符合条件”时必填，记入审查记录和审计日志` : '自动审查没有不符合或存疑的规则，可不填'} />
          <SelectField name="mergeIntoId" label="合并到" blank="请选择同年度的提议" value={v?.mergeIntoId}
            error={p.errors?.mergeIntoId} options={mergeOptions} hint="结论为“合并”时必选；疑似重复的提议排在前面；合并后两份提议的提议人和回执号都保留" />
          <ChoiceGroup name="redirectTarget" legend="引导去向" hint="结论为“引导至信访或司法途径”时必选" type="radio" error={p.errors?.redirectTarget}
            checked={[v?.redirectTarget ?? '']}
            options={REDIRECT_TARGETS.map((x) => ({ value: x, label: REDIRECT_LABELS[x] }))} />
          <button type="submit">{p.history.length ? '提交更正后的结论' : '提交审查结论'}</button>
        </form>
      )}

      {p.history.length > 0 && (
        <>
          <h2>审查记录（{p.history.length}）</h2>
          <ol class="timeline">
            {p.history.map((h, i) => (
              <li>
                <strong>{DECISION_LABELS[h.decision]}</strong>{i === 0 ? <span class="badge">现行结论</span> : <span class="badge off">已更正</span>}
                <div class="muted">{fmtDateTime(h.at)} · {h.decidedByName}</div>
                {h.failedRules.length > 0 && <div>不符合：{h.failedRules.map(ruleName).join('、')}</div>}
                {h.redirectTarget && <div>引导至：{REDIRECT_LABELS[h.redirectTarget]}</div>}
                {h.explanation && <div>说明：{h.explanation}</div>}
                {h.overrideReason && <div>不采纳自动审查意见的理由：{h.overrideReason}</div>}
              </li>
            ))}
          </ol>
        </>
      )}

      <h2>公开进度记录</h2>
      <p class="muted">提议人凭回执号查询、以及公众门户看到的就是以下内容。</p>
      {p.events.length === 0 ? <p class="muted">暂无记录。</p> : (
        <ol class="timeline">
          {p.events.map((e) => (
            <li><div class="muted">{fmtDateTime(e.at)}</div><div>{e.note || e.kind}</div></li>
          ))}
        </ol>
      )}
    </section>
  );
}
