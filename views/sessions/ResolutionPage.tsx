import type { Correction } from '../../src/data/publication';
import type { Resolution, SessionOutcome } from '../../src/data/results';
import type { Session } from '../../src/data/sessions';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { Field, FormError, PostButton, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';

export function ResolutionText(p: { title: string; body: string }) {
  return (
    <article class="resolution">
      <h1 class="sheet-title">{p.title}</h1>
      <div class="resolution-text">{p.body.split('\n').map((line) => (line ? <p>{line}</p> : <br />))}</div>
    </article>
  );
}

/** The draft resolution: generated from the results, edited, printed, then published with the results. */
export function ResolutionPage(p: {
  j: Jurisdiction; s: Session; terms: BodyTerms; year?: number; outcome: SessionOutcome | null;
  draft: { title: string; body: string; saved?: Resolution } | null; blockers: string[]; corrections: Correction[];
  canEdit: boolean; canPublish: boolean; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/sessions/${p.s.id}`;
  const published = p.draft?.saved?.publishedAt;
  const title = p.values?.title ?? p.draft?.title ?? '';
  const body = p.values?.body ?? p.draft?.body ?? '';
  return (
    <section>
      <p class="muted no-print"><a href={base}>{p.s.title}</a></p>
      {!p.draft ? (
        <>
          <h1>决议</h1>
          <p class="notice">项目{p.terms.vote}结束并完成计票后，系统会根据结果生成决议草案。</p>
        </>
      ) : (
        <>
          <p class="no-print">
            {published ? <span class="badge ok">已于 {fmtDateTime(published)} 公布</span> : <span class="badge">草案{p.draft.saved ? `（${fmtDateTime(p.draft.saved.updatedAt)} 保存）` : '（根据结果生成，尚未保存）'}</span>}
            {published && p.year && <> · <a href={`/p/${p.j.code}/${p.year}/results`}>查看公开页面</a></>}
          </p>
          <FormError errors={p.errors} />
          <ResolutionText title={title} body={body} />
          {p.corrections.length > 0 && (
            <div class="corrections">
              <h2>更正说明</h2>
              {p.corrections.map((x) => <p><strong>{fmtDateTime(x.at)}</strong>：{x.text}（原因：{x.reason}）</p>)}
            </div>
          )}
          {!published && p.canEdit && (
            <form method="post" action={`${base}/resolution`} class="stack card wide-form" novalidate>
              <h2>修改决议草案</h2>
              <Field name="title" label="标题" value={title} error={p.errors?.title} maxlength={100} required />
              <TextArea name="body" label="正文" value={body} error={p.errors?.body} rows={16} maxlength={10000} required />
              <div class="actions">
                <button type="submit">保存草案</button>
              </div>
            </form>
          )}
          {!published && p.canEdit && (
            <div class="actions no-print">
              <PostButton action={`${base}/resolution/regenerate`} label="按最新结果重新生成草案" class="secondary"
                confirm="重新生成会覆盖已修改的草案，确定吗？" />
            </div>
          )}
          {!published && p.canPublish && (
            <form method="post" action={`${base}/publish`} class="card" data-confirm="确认公布？公布后结果和决议不能再修改，当选项目将列为本年度民生实事项目。">
              <h2>公布结果和决议</h2>
              {p.outcome && (
                <p>将公布：{p.outcome.polls.length} 轮表决的结果；确定民生实事项目 {p.outcome.adopted.length} 项（应选 {p.outcome.seatsToFill} 项）
                  {p.outcome.undecided > 0 && `；另有 ${p.outcome.undecided} 个名额得票相同尚未另行投票，公布后将空缺`}。</p>
              )}
              {p.blockers.length > 0 && <ul class="error">{p.blockers.map((b) => <li>{b}</li>)}</ul>}
              <button type="submit" disabled={p.blockers.length > 0}>公布</button>
            </form>
          )}
          {published && p.canPublish && (
            <form method="post" action={`${base}/corrections`} class="stack card" novalidate>
              <h2>发布更正说明</h2>
              <p class="hint">已公布的结果和决议不能修改。发现差错时，发布更正说明：写明更正内容和原因，与原结果一并公开，并记入审计日志。</p>
              <TextArea name="text" label="更正内容" value={p.values?.text} error={p.errors?.text} rows={3} maxlength={2000} required />
              <Field name="reason" label="更正原因" value={p.values?.reason} error={p.errors?.reason} maxlength={500} required />
              <button type="submit">发布更正说明</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
