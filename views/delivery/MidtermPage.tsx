import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { MidtermReport, MidtermSnapshot } from '../../src/data/midterm';
import { quarterLabel } from '../../src/domain/supervision';
import { FormError, PostButton, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { chinaDateOf, fmtYuan } from '../components/format';
import { ColourBadge, ProgressBar } from './common';
import { DeliveryHeader } from './ProjectPages';

/** Paragraphs from plain text: the summary is typed, never HTML. */
export function Paragraphs(p: { text: string }) {
  return <>{p.text.split(/\n\s*\n|\r?\n/).filter((x) => x.trim()).map((x) => <p>{x}</p>)}</>;
}

export function MidtermBody(p: { title: string; summary: string; snapshot: MidtermSnapshot; publishedAt?: Date | null; printTitle?: boolean }) {
  const s = p.snapshot;
  const total = s.rows.reduce((a, r) => ({ budget: a.budget + r.budget, spent: a.spent + r.spent }), { budget: 0, spent: 0 });
  return (
    <article class="midterm">
      {p.printTitle !== false && <h2 class="print-title">{p.title}</h2>}
      <p class="muted">数据截至 {s.asOf}{p.publishedAt && ` · ${chinaDateOf(p.publishedAt)} 发布`}</p>
      {p.summary ? <Paragraphs text={p.summary} /> : <p class="muted">（概述尚未填写）</p>}
      <p>共 {s.rows.length} 个项目，预算合计 {fmtYuan(total.budget)}，已支出 {fmtYuan(total.spent)}。</p>
      {s.rows.map((r, i) => (
        <section class="midterm-project">
          <h2>{i + 1}. {r.title} <ColourBadge colour={r.colour} /></h2>
          <p class="meta">{r.unitName} · {r.status}{r.latestMonth ? ` · 最近报送 ${r.latestMonth}` : ' · 尚未报送进展'}</p>
          <ProgressBar actual={r.reportedPct} planned={r.plannedPct} colour={r.colour} />
          <p>资金：预算 {fmtYuan(r.budget)}，已支出 {fmtYuan(r.spent)}{r.budget > 0 && `（${Math.round((r.spent * 100) / r.budget)}%）`}</p>
          {r.problems && <p><strong>存在问题：</strong>{r.problems}</p>}
          {r.findings.length > 0 && (
            <div><strong>督查情况：</strong>
              <ul>{r.findings.map((f) => <li>{quarterLabel(f.quarter)}（{f.date}）：{f.text}{f.problems && `；问题：${f.problems}`}</li>)}</ul>
            </div>
          )}
          {r.openDemands.length > 0 && (
            <div><strong>未完成的整改要求：</strong>
              <ul>{r.openDemands.map((d) => <li>{d.demand}（期限 {d.deadline}，{d.state}{d.overdue ? '，已逾期' : ''}）</li>)}</ul>
            </div>
          )}
        </section>
      ))}
    </article>
  );
}

export function MidtermPage(p: {
  j: Jurisdiction; cycle: Cycle; tabs: [string, string][]; report?: MidtermReport; snapshot: MidtermSnapshot; canManage: boolean;
  values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}`;
  const published = !!p.report?.publishedAt;
  const title = `${p.j.name}${p.cycle.year}年度民生实事项目实施情况期中报告`;
  return (
    <section>
      <DeliveryHeader j={p.j} cycle={p.cycle} title="期中报告" tabs={p.tabs} current="/midterm" />
      <p class="no-print">{published ? <>已于 {chinaDateOf(p.report!.publishedAt!)} 发布，<a href={`/p/${p.j.code}/${p.cycle.year}/projects/midterm`}>查看公开版本</a>。发布后数据已固定。</> : '草稿：下方数据随月度进展和督查记录实时生成，发布时固定下来。'}</p>
      <div class="actions no-print"><span class="muted">可直接打印本页（打印时隐藏导航和表单）。</span></div>
      <FormError errors={p.errors} />
      {p.canManage && !published && (
        <form method="post" action={`${base}/midterm`} class="stack wide" novalidate>
          <TextArea name="summary" label="报告概述" value={p.values?.summary ?? p.report?.summary ?? ''} error={p.errors?.summary} maxlength={10000} rows={8} required
            hint="总体进展、主要成效、存在问题和下半年打算；下方各项目情况自动生成" />
          <button type="submit">保存概述</button>
        </form>
      )}
      {p.canManage && !published && p.report?.summary && (
        <div class="actions"><PostButton action={`${base}/midterm/publish`} label="发布期中报告" confirm="发布后报告内容将固定并在公开页面显示，确认发布？" /></div>
      )}
      <MidtermBody title={title} summary={p.report?.summary ?? ''} snapshot={p.snapshot} publishedAt={p.report?.publishedAt} />
    </section>
  );
}
