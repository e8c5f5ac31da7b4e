import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { Session } from '../../src/data/sessions';
import type { VotingProcedure } from '../../src/data/votingProcedure';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { fmtDateTime } from '../components/format';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';

export interface ProcedureModel {
  j: Jurisdiction;
  s: Session;
  terms: BodyTerms;
  /** The frozen procedure once adopted. */
  adopted?: VotingProcedure;
  /** The text as it would read now (before adoption), or why it cannot be generated yet. */
  draft: { text: string } | { error: string };
  present: number;
  canAdopt: boolean;
  officersMissing: boolean;
}

/**
 * The text as paragraphs: the first lines are the heading, the numbered articles follow a blank line. On the printed
 * sheet the title is the page's one h1; on the procedure page it sits under the page's own h1.
 */
function ProcedureText(p: { text: string; sheet?: boolean }) {
  const [head, body] = p.text.split('\n\n');
  const [place, title, note] = (head ?? '').split('\n');
  const Title = p.sheet ? 'h1' : 'h2';
  return (
    <div class="procedure-text">
      <p class="sheet-sub">{place}</p>
      <Title class="sheet-title">{title}</Title>
      <p class="sheet-sub">{note}</p>
      {(body ?? '').split('\n').map((line) => <p>{line}</p>)}
    </div>
  );
}

/** /sessions/:id/procedure — the 票决办法: read out, adopted by show of hands, then frozen and printable. */
export function ProcedurePage(p: ProcedureModel & { values?: FormValues; errors?: FieldErrors }) {
  const base = `/j/${p.j.code}/sessions/${p.s.id}`;
  return (
    <section>
      <p class="muted"><a href={base}>← {p.s.title}</a></p>
      <h1>{p.terms.vote}办法</h1>
      {p.adopted ? (
        <>
          <p class="banner ok" role="status">
            已于 {fmtDateTime(p.adopted.adoptedAt)} 经会议举手表决通过（赞成 {p.adopted.forVotes}，反对 {p.adopted.againstVotes}，弃权 {p.adopted.abstentions}），
            此后不再更改；本次会议的每一轮{p.terms.vote}都按此办法进行。
          </p>
          <p><a href={`${base}/procedure/print`}>打印（A4）</a></p>
          <ProcedureText text={p.adopted.text} />
        </>
      ) : 'error' in p.draft ? (
        <p class="error banner" role="alert">{p.draft.error}</p>
      ) : (
        <>
          <p class="muted">本办法根据候选项目名单、应选数、选票形式和本辖区的表决规则生成。请在第一轮{p.terms.vote}前向会议宣读，
            由会议举手表决通过；通过后办法即固定，第一轮{p.terms.vote}才能开始。</p>
          {p.officersMissing && <p class="banner warn" role="status">尚未录入本次会议的总监票人、监票人、计票人，办法中将写明“尚未确定”。</p>}
          <p><a href={`${base}/procedure/print`}>打印草案（A4）</a></p>
          <ProcedureText text={p.draft.text} />
          {p.canAdopt && (
            <form method="post" action={`${base}/procedure`} class="stack" novalidate>
              <h2>记录举手表决结果</h2>
              <p class="muted">当前出席 {p.present} 名。</p>
              <FormError errors={p.errors} />
              <Field name="for" label="赞成" type="number" inputmode="numeric" value={p.values?.for ?? ''} error={p.errors?.for} required />
              <Field name="against" label="反对" type="number" inputmode="numeric" value={p.values?.against ?? '0'} error={p.errors?.against} required />
              <Field name="abstain" label="弃权" type="number" inputmode="numeric" value={p.values?.abstain ?? '0'} error={p.errors?.abstain} required />
              <button type="submit">记录表决结果，通过并固定办法</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** The printable A4 sheet: no navigation, the text alone (marked as a draft until adopted). */
export function ProcedurePrintPage(p: { j: Jurisdiction; s: Session; text: string; adopted: boolean }) {
  return (
    <article class="print-sheet">
      <p class="no-print actions"><a href={`/j/${p.j.code}/sessions/${p.s.id}/procedure`}>← 返回</a> <span class="muted">用浏览器的“打印”即可打印本页</span></p>
      {!p.adopted && <p class="draft-mark">草案 · 尚未经会议通过</p>}
      <ProcedureText text={p.text} sheet />
    </article>
  );
}
