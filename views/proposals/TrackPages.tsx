import type { TrackedProposal } from '../../src/data/portal';
import {
  CATEGORY_LABELS, CHANNEL_LABELS, eventLabel, REDIRECT_LABELS, SOURCE_LABELS, STATUS_LABELS, STATUS_SENTENCES,
  wholeAreaLabel, type ProposalStatus,
} from '../../src/domain/proposalLabels';
import type { PublicAddress } from '../../src/http/publicUrl';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';
import { PublicUrlWarning } from '../components/PublicUrlWarning';
import { chinaDateOf, fmtDateTime } from '../components/format';
import { yuanWords } from './format';
import { groupedNumber } from '../../src/domain/numberText';

export function StatusBadge(p: { status: ProposalStatus }) {
  return <span class={`badge st-${p.status}`}>{STATUS_LABELS[p.status]}</span>;
}

function Facts(p: { t: TrackedProposal }) {
  const t = p.t;
  return (
    <dl class="facts">
      <dt>项目名称</dt><dd>{t.title}</dd>
      <dt>地点</dt><dd>{t.jurisdictionName} {t.placeName ?? wholeAreaLabel(t.jurisdictionKind)}</dd>
      <dt>类别</dt><dd>{CATEGORY_LABELS[t.category]}</dd>
      <dt>估算投资</dt><dd>{yuanWords(t.estimatedCost)}（财政资金占 {t.fiscalSharePct}%）</dd>
      <dt>受益对象</dt><dd>{t.beneficiaries}{t.beneficiaryCount ? `，约 ${groupedNumber(t.beneficiaryCount)} 人` : ''}</dd>
      <dt>预计工期</dt><dd>{t.durationMonths} 个月{t.crossYear ? '（跨年度）' : ''}</dd>
      <dt>提议人</dt><dd>{t.proposerMasked}（{SOURCE_LABELS[t.source]}）</dd>
      <dt>提交方式</dt><dd>{CHANNEL_LABELS[t.entryChannel]}{t.stationName ? `，经${t.stationName}` : ''}</dd>
      <dt>提交时间</dt><dd>{fmtDateTime(t.createdAt)}</dd>
    </dl>
  );
}

/** Printed or screenshotted right after submitting: the number, what was sent, and where to follow it. */
export function ReceiptPage(p: {
  t: TrackedProposal; address: PublicAddress; warnAddress: boolean; trackUrl: string; qrSvg: string; againHref?: string;
}) {
  const t = p.t;
  return (
    <section class="receipt">
      {p.warnAddress && <PublicUrlWarning address={p.address} />}
      <p class="flash" role="status">提交成功，感谢您的建议！</p>
      <h1>{t.jurisdictionName}民生实事项目建议回执</h1>
      <p>您的回执号</p>
      <p class="receipt-no">{t.receipt}</p>
      <p>请截图、抄下或打印保存回执号。凭回执号可随时查看办理进度和审查结果。</p>
      <div class="receipt-track">
        <div class="qr" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
        <p>查询网址：<br /><a href={`/track/${t.receipt}`}>{p.trackUrl}</a></p>
      </div>
      <Facts t={t} />
      <div class="actions">
        <a class="button" href={`/track/${t.receipt}`}>查看办理进度</a>
        {p.againHref && <a class="button secondary" href={p.againHref}>再提一条</a>}
      </div>
    </section>
  );
}

export function TrackLookupPage(p: { values?: FormValues; errors?: FieldErrors }) {
  return (
    <section>
      <h1>查询提议办理进度</h1>
      <p>输入提交建议时得到的回执号，查看审查结果和每一步的办理情况。</p>
      <form method="get" action="/track" class="stack" novalidate>
        <FormError errors={p.errors} />
        <Field name="receipt" label="回执号" value={p.values?.receipt} error={p.errors?.receipt} required autocomplete="off"
          hint="格式如 2027-QS-0042-K7MX：年度-辖区代码-序号-四位校验码（不含 0、O、1、I、L、U）" />
        <button type="submit">查询</button>
      </form>
    </section>
  );
}

export function TrackNotFoundPage(p: { receipt: string }) {
  return (
    <section>
      <h1>没有找到这个回执号</h1>
      <p>没有找到回执号为“{p.receipt}”的提议。请核对：</p>
      <ul>
        <li>回执号的格式是“年度-辖区代码-序号-四位校验码”，如 2027-QS-0042-K7MX，须完整输入；</li>
        <li>数字 0 和字母 O、数字 1 和字母 I 容易看错；</li>
        <li>刚提交的建议会立即生成回执号；如仍查不到，请联系镇（街道）人大工作人员。</li>
      </ul>
      <TrackLookupPage values={{ receipt: p.receipt }} />
    </section>
  );
}

function DecisionBlock(p: { decision: NonNullable<TrackedProposal['decision']> }) {
  const d = p.decision;
  return (
    <div class="card decision">
      <h3>审查结果（{chinaDateOf(d.at)}）</h3>
      {d.redirectTarget && <p>建议您向<strong>{REDIRECT_LABELS[d.redirectTarget]}</strong>反映。</p>}
      {d.explanation ? <p class="prewrap">{d.explanation}</p> : <p class="muted">未填写说明。</p>}
    </div>
  );
}

export function TrackPage(p: { t: TrackedProposal }) {
  const t = p.t;
  return (
    <section class="track">
      <p class="muted"><a href={`/p/${t.jurisdictionCode}/${t.year}`}>{t.jurisdictionName} {t.year} 年度项目公开</a></p>
      <h1>{t.title}</h1>
      <p>回执号 <strong class="receipt-inline">{t.receipt}</strong> <StatusBadge status={t.status} /></p>
      <p class="status-sentence">{STATUS_SENTENCES[t.status]}</p>
      {t.poolReason && <p class="notice">已转入项目储备库，以后年度征集时可从储备库中选用。</p>}
      {t.nomination && <p class="notice open">{t.nomination}。</p>}
      {t.candidateTitle && <p class="notice open">已列入经主席团通过的候选项目：“{t.candidateTitle}”。</p>}
      {t.merged && t.mergedIntoReceipt && (
        <div class="card">
          <p>已与回执号 <a href={`/track/${t.mergedIntoReceipt}`}>{t.mergedIntoReceipt}</a> 合并。</p>
          <p>合并后的项目“{t.merged.title}”（{t.merged.receipt}）目前：<StatusBadge status={t.merged.status} /> {STATUS_SENTENCES[t.merged.status]}</p>
          {t.merged.candidateTitle && <p>已列入候选项目：“{t.merged.candidateTitle}”。</p>}
          {t.merged.decision && <DecisionBlock decision={t.merged.decision} />}
        </div>
      )}
      {t.decision && <DecisionBlock decision={t.decision} />}
      <h2>办理经过</h2>
      <ol class="timeline">
        {t.events.map((e) => (
          <li>
            <strong>{eventLabel(e.kind)}</strong> <span class="muted">{fmtDateTime(e.at)}</span>
            {e.note && <div class="prewrap">{e.note}</div>}
          </li>
        ))}
      </ol>
      <h2>提议内容</h2>
      <Facts t={t} />
      <p class="prewrap">{t.description}</p>
    </section>
  );
}
