import type { Cycle } from '../../src/data/cycles';
import type { AssessedProject } from '../../src/data/delivery';
import type { Feedback } from '../../src/data/feedback';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { PlanAdjustmentRow } from '../../src/data/projects';
import type { VisitWithDemands } from '../../src/data/supervision';
import type { RatingWindowState } from '../../src/domain/feedbackWindow';
import { PROJECT_STATUS_LABELS } from '../../src/domain/projectStatus';
import { RECTIFICATION_LABELS } from '../../src/domain/rectification';
import { RATING_LABELS, ratePct, satisfactionRate, type RatingCounts } from '../../src/domain/satisfaction';
import { COLOURS, COLOUR_LABELS, type Plan } from '../../src/domain/schedule';
import { VISIT_RATING_LABELS, quarterLabel } from '../../src/domain/supervision';
import type { PublicAddress } from '../../src/http/publicUrl';
import { FormError, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { PublicUrlWarning } from '../components/PublicUrlWarning';
import { chinaDateOf, fmtYuan } from '../components/format';
import { ColourBadge, MILESTONE_STATE_LABELS, ProgressBar } from './common';
import { PlanTable } from './ProjectPages';
import { PhotoGrid } from './ReportPage';
import { Announcements, HaltNote, ImplementationPlanFacts } from './ImplementationPages';
import type { ImplementationPlan } from '../../src/data/implementationPlan';
import type { Amendment } from '../../src/data/amendments';

const pub = (j: Jurisdiction, cycle: Cycle) => `/p/${j.code}/${cycle.year}/projects`;

export function ColourLegend() {
  return <p class="legend">{COLOURS.map((c) => <><ColourBadge colour={c} /> <span class="muted">{COLOUR_LABELS[c].split(' · ')[1]}</span>　</>)}</p>;
}

export function PublicProjectsPage(p: { j: Jurisdiction; cycle: Cycle; items: AssessedProject[]; midtermPublished: boolean; today: string }) {
  const base = pub(p.j, p.cycle);
  return (
    <section>
      <h1>{p.j.name} {p.cycle.year} 年度民生实事项目</h1>
      <p>项目由群众定、实施让群众看、效果交群众评。以下是经代表{p.j.kind === 'subdistrict' ? '票选' : '票决'}确定的项目及其实施进展（截至 {p.today}）。</p>
      <ColourLegend />
      {p.items.length === 0 ? <p class="muted">本年度项目尚未确定。</p> : (
        <ul class="project-list">
          {p.items.map((a) => (
            <li class="card">
              <div class="project-head"><ColourBadge colour={a.assessment.colour} /> <a class="project-title" href={`${base}/${a.project.id}`}>{a.project.title}</a></div>
              <ProgressBar actual={a.assessment.reportedPct} planned={a.assessment.plannedPct} colour={a.assessment.colour} />
              <p class="meta">{a.project.unitName} · {PROJECT_STATUS_LABELS[a.project.status]} · 计划 {a.plan.endDate} 完成</p>
            </li>
          ))}
        </ul>
      )}
      {p.midtermPublished && <p><a href={`${base}/midterm`}>查看期中报告</a></p>}
    </section>
  );
}

function Ratings(p: { title: string; counts: RatingCounts; note?: string }) {
  const rate = ratePct(satisfactionRate(p.counts));
  return (
    <div class="ratings">
      <h3>{p.title}</h3>
      <p>满意 {p.counts.satisfied} · 基本满意 {p.counts.basic} · 不满意 {p.counts.dissatisfied} · 满意率 <strong>{rate === null ? '—' : `${rate}%`}</strong></p>
      {p.note && <p class="muted">{p.note}</p>}
    </div>
  );
}

export function PublicProjectPage(p: {
  j: Jurisdiction; cycle: Cycle; a: AssessedProject; original: Plan; adjustments: PlanAdjustmentRow[];
  visits: VisitWithDemands[]; feedback: Feedback[]; today: string; rating: RatingWindowState;
  /** The published 实施方案 (never a draft) and the 公告 of decided amendments. */
  implementation?: ImplementationPlan; announcements?: Amendment[];
}) {
  const { a } = p;
  const base = pub(p.j, p.cycle);
  const recent = [...a.reports].reverse().slice(0, 6);
  const ev = a.evaluation;
  return (
    <section>
      <p class="muted no-print"><a href={base}>{p.j.name} {p.cycle.year} 年度民生实事项目</a></p>
      <h1>{a.project.title}</h1>
      <p><ColourBadge colour={a.assessment.colour} long /> <span class="badge">{PROJECT_STATUS_LABELS[a.project.status]}</span></p>
      <HaltNote a={a} />
      <ProgressBar actual={a.assessment.reportedPct} planned={a.assessment.plannedPct} colour={a.assessment.colour} />
      {a.project.description && <p>{a.project.description}</p>}
      <dl class="facts">
        <dt>承办单位</dt><dd>{a.project.unitName}</dd>
        <dt>责任领导</dt><dd>{a.project.leadOfficial}</dd>
        <dt>预算</dt><dd>{fmtYuan(a.plan.budget)}</dd>
        <dt>已支出</dt><dd>{fmtYuan(a.spent)}</dd>
        <dt>工期</dt><dd>{a.plan.startDate} 至 {a.plan.endDate}</dd>
      </dl>
      {a.carried && <p>本项目由上年度结转，结转时已完成 {a.carried.pct}%，累计支出 {fmtYuan(a.carried.spent)}。</p>}
      <div class="actions no-print">
        <a class="button" href={`${base}/${a.project.id}/feedback`}>{p.rating.kind === 'open' ? '我要评价 / 提建议' : '我要提建议'}</a>
        <a class="button secondary" href={`${base}/${a.project.id}/sign`}>公示牌</a>
      </div>

      {p.implementation && <ImplementationPlanFacts plan={p.implementation} a={a} />}
      <Announcements items={p.announcements ?? []} />

      <h2>实施计划</h2>
      <PlanTable plan={a.plan} />
      {p.adjustments.length > 0 && (
        <>
          <h3>计划调整</h3>
          <ul>{p.adjustments.map((adj) => <li>{chinaDateOf(adj.at)}：{adj.reason}（调整后工期至 {adj.plan.endDate}，预算 {fmtYuan(adj.plan.budget)}）</li>)}</ul>
          <details><summary>原计划</summary><PlanTable plan={p.original} /></details>
        </>
      )}

      <h2>月度进展</h2>
      {recent.length === 0 ? <p class="muted">尚未报送进展。</p> : recent.map((r) => (
        <div class="card report">
          <h3>{r.month}：累计完成 {r.pct}%，累计支出 {fmtYuan(r.spent)}</h3>
          {r.reported.length > 0 && <ul class="milestones">{r.reported.map((m) => <li>{m.title}：{MILESTONE_STATE_LABELS[m.state]}{m.state === 'late' && m.expectedDate && `，预计 ${m.expectedDate} 完成`}</li>)}</ul>}
          {r.problems && <p><strong>存在问题：</strong>{r.problems}</p>}
          <PhotoGrid photos={r.photos} href={(id) => `${base}/photos/${id}`} />
        </div>
      ))}

      <h2>监督检查</h2>
      {p.visits.length === 0 ? <p class="muted">暂无公开的督查结果。</p> : p.visits.map((v) => (
        <div class="card">
          <h3>{quarterLabel(v.quarter)}督查（{v.date}）<span class="badge">{VISIT_RATING_LABELS[v.rating]}</span></h3>
          <p>{v.findings}</p>
          {v.problems && <p><strong>存在问题：</strong>{v.problems}</p>}
          {v.rectifications.length > 0 && <ul>{v.rectifications.map((r) => <li>整改要求：{r.demand}（期限 {r.deadline}，{RECTIFICATION_LABELS[r.state]}）</li>)}</ul>}
        </div>
      ))}

      <h2>评价</h2>
      {ev && <Ratings title="代表年底评议" counts={ev} note={ev.marked ? `满意率低于 ${ev.thresholdPct}%，项目须整改。` : undefined} />}
      {a.followUp && <p><strong>整改情况：</strong>{a.followUp.state === 'done' ? '已完成' : '整改中'}{a.followUp.measures && `。${a.followUp.measures}`}{a.followUp.outcome && `。${a.followUp.outcome}`}</p>}
      {a.residents
        ? <Ratings title="群众满意度（扫码评价，经审核）" counts={a.residents} />
        : !ev && <p class="muted">暂无评价。</p>}
      <p class="muted">{ratingWindowText(p.rating)}群众满意度只计评价时间内、经审核公开的评价，与代表评议分开。</p>
      {p.feedback.length > 0 && (
        <>
          <h3>群众留言</h3>
          <ul class="feedback-list">{p.feedback.map((f) => <li class="card"><p class="meta">{chinaDateOf(f.createdAt)}{f.rating && ` · ${RATING_LABELS[f.rating]}`}</p><p>{f.text}</p></li>)}</ul>
        </>
      )}
    </section>
  );
}

/** 公示牌: printed and posted at the site; the QR code opens the feedback form. */
export function SignPage(p: { j: Jurisdiction; cycle: Cycle; a: AssessedProject; qrHref: string; feedbackUrl: string; address: PublicAddress }) {
  const { a } = p;
  return (
    <section class="sign">
      <p class="no-print"><a href={`${pub(p.j, p.cycle)}/${a.project.id}`}>返回项目页面</a> · 用 A4 纸打印本页，张贴在项目现场。</p>
      <PublicUrlWarning address={p.address} />
      <h1 class="sign-title">{p.j.name}{p.cycle.year}年度民生实事项目公示牌</h1>
      <h2 class="sign-project">{a.project.title}</h2>
      <div class="sign-body">
        <dl class="facts">
          <dt>承办单位</dt><dd>{a.project.unitName}</dd>
          <dt>责任领导</dt><dd>{a.project.leadOfficial}</dd>
          <dt>项目预算</dt><dd>{fmtYuan(a.plan.budget)}</dd>
          <dt>实施工期</dt><dd>{a.plan.startDate} 至 {a.plan.endDate}</dd>
          <dt>确定方式</dt><dd>{p.j.kind === 'subdistrict' ? '议事代表会议票选' : '镇人民代表大会票决'}</dd>
        </dl>
        <figure class="qr">
          <img src={p.qrHref} alt={`二维码：${p.feedbackUrl}`} width="220" height="220" />
          <figcaption>扫码查看进展、评价和建议<br /><span class="url">{p.feedbackUrl}</span></figcaption>
        </figure>
      </div>
      <p class="sign-foot">项目由群众定 · 实施让群众看 · 效果交群众评</p>
    </section>
  );
}

/** When residents may rate, in words: the dates when set, and what the form does meanwhile. */
export function ratingWindowText(w: RatingWindowState): string {
  switch (w.kind) {
    case 'open': return `群众满意度评价时间：${w.opens} 至 ${w.closes}（含当天）。`;
    case 'before': return `群众满意度评价将于 ${w.opens} 开始，${w.closes} 截止。在此之前可以提意见和建议。`;
    case 'closed': return `群众满意度评价已于 ${w.closes} 截止。仍可提意见和建议。`;
    case 'unset': return '群众满意度评价时间尚未公布。现在可以提意见和建议。';
  }
}

export function FeedbackFormPage(p: {
  j: Jurisdiction; cycle: Cycle; a: AssessedProject; rating: RatingWindowState; values?: FormValues; errors?: FieldErrors; status?: string;
}) {
  const { a } = p;
  const base = `${pub(p.j, p.cycle)}/${a.project.id}`;
  const rating = p.values?.rating ?? '';
  const open = p.rating.kind === 'open';
  return (
    <section>
      <p class="muted"><a href={base}>{a.project.title}</a></p>
      <h1>{open ? '评价与建议' : '意见和建议'}</h1>
      <p><ColourBadge colour={a.assessment.colour} /> {a.project.title} · {a.project.unitName}</p>
      <ProgressBar actual={a.assessment.reportedPct} planned={a.assessment.plannedPct} colour={a.assessment.colour} />
      <p><a href={base}>查看项目计划、进展和督查情况</a></p>
      <form method="post" action={`${base}/feedback`} class="stack" novalidate>
        <FormError errors={p.errors} />
        {open ? (
          <fieldset class={p.errors?.rating ? 'field invalid' : 'field'}>
            <legend>您对这个项目满意吗？</legend>
            {([['satisfied', '满意'], ['basic', '基本满意'], ['dissatisfied', '不满意'], ['', '暂不评价']] as const).map(([v, label]) => (
              <label class="check" for={`f-rating-${v || 'none'}`}>
                <input type="radio" id={`f-rating-${v || 'none'}`} name="rating" value={v} checked={rating === v} /> {label}
              </label>
            ))}
            <p class="hint">{ratingWindowText(p.rating)}</p>
            {p.errors?.rating && <p class="error" role="alert">{p.errors.rating}</p>}
          </fieldset>
        ) : (
          // Outside the window there is nothing to choose: the notice says when rating opens, and why a rating was refused.
          <div class={p.errors?.rating ? 'field invalid notice' : 'notice'}>
            <p>{ratingWindowText(p.rating)}</p>
            {p.errors?.rating && <p class="error" role="alert">{p.errors.rating}</p>}
          </div>
        )}
        <TextArea name="text" label="意见和建议" value={p.values?.text} error={p.errors?.text} maxlength={1000} rows={4}
          hint="请不要填写姓名、电话等个人信息。留言经工作人员审核后公开；监督小组能看到全部留言。" />
        <div class="hp" aria-hidden="true">
          <label for="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <button type="submit">提交</button>
      </form>
    </section>
  );
}

export function FeedbackThanksPage(p: { j: Jurisdiction; cycle: Cycle; projectId: number; title: string }) {
  return (
    <section>
      <h1>感谢您的评价</h1>
      <p>您的意见已收到。留言经工作人员审核后在项目页面公开，监督小组会看到全部意见。</p>
      <p><a href={`${pub(p.j, p.cycle)}/${p.projectId}`}>返回“{p.title}”</a></p>
    </section>
  );
}

/** 公示栏: one printable sheet per station with every project's colour and progress. */
export function BoardPage(p: {
  j: Jurisdiction; cycle: Cycle; station: { name: string; address: string }; items: AssessedProject[]; today: string; siteUrl: string; address: PublicAddress;
}) {
  return (
    <section class="board">
      <PublicUrlWarning address={p.address} />
      <h1>{p.j.name}{p.cycle.year}年度民生实事项目公示栏</h1>
      <p class="muted">{p.station.name}{p.station.address && ` · ${p.station.address}`} · 截至 {p.today}</p>
      <ColourLegend />
      <div class="table-wrap">
        <table class="stack-sm board-table">
          <thead><tr><th>序号</th><th>项目</th><th>承办单位</th><th>亮灯</th><th>进度</th><th>计划完成</th></tr></thead>
          <tbody>
            {p.items.map((a, i) => (
              <tr>
                <td data-label="序号">{i + 1}</td>
                <td data-label="项目">{a.project.title}</td>
                <td data-label="承办单位">{a.project.unitName}</td>
                <td data-label="亮灯"><ColourBadge colour={a.assessment.colour} /></td>
                <td data-label="进度"><ProgressBar actual={a.assessment.reportedPct} planned={a.assessment.plannedPct} colour={a.assessment.colour} /></td>
                <td data-label="计划完成">{a.plan.endDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">查看详细进展、评价项目：{p.siteUrl}</p>
    </section>
  );
}
