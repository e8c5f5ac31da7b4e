import type { CollectionState } from '../../src/domain/collection';
import { FormError, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { CollectionNotice } from './CollectionNotice';
import { ProposalFields, type FormChoices } from './ProposalFields';
import { ProposalKindChoice } from './PersonalMatterPage';

export interface PublicTown { code: string; name: string; kind: string }

/** The resident's form (no login, phone first, works without JavaScript). */
export function ProposePage(p: {
  town: PublicTown; year: number; state: CollectionState; choices: FormChoices; values: FormValues; errors?: FieldErrors;
  stationName?: string; staffHref?: string;
  /** Outside the window: the form sends to the reserve pool instead. */
  toPool?: boolean;
}) {
  return (
    <section class="propose">
      <h1>{p.town.name}民生实事项目建议</h1>
      <CollectionNotice state={p.state} kind={p.town.kind} year={p.year} />
      {p.toPool
        ? <p class="notice">现在不在项目征集时间内。您的建议将转入<strong>项目储备库</strong>，以后年度征集时由工作人员选用；凭回执号可随时查询。</p>
        : <p>您希望政府今年为大家办哪件实事？请告诉我们。每条建议都会得到答复，您可以凭回执号随时查询办理情况。</p>}
      {!p.toPool && <ProposalKindChoice code={p.town.code} />}
      {p.staffHref && (
        <p class="notice">您已登录。代群众提交或录入纸质表格，请用<a href={p.staffHref}>工作人员录入页</a>，提交会记在您名下。</p>
      )}
      {p.stationName && <p class="badge">经 {p.stationName} 提交</p>}
      <form method="post" action={`/p/${p.town.code}/propose${p.toPool ? '/reserve' : ''}`} class="stack" novalidate>
        <FormError errors={p.errors} />
        {p.errors && !p.errors._form && <p class="error banner" role="alert">有几处需要修改，请看标红的地方。</p>}
        <input type="hidden" name="year" value={String(p.year)} />
        <ProposalFields choices={p.choices} values={p.values} errors={p.errors} forResident />
        {/* A field people never see (CSS moves it off screen): only robots fill it in. */}
        <div class="hp" aria-hidden="true">
          <label for="f-website">网址（请勿填写）</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <p class="hint">电话只用于工作人员联系您，不会公开；公开时姓名只显示姓氏（如“张**”）。</p>
        <button type="submit" class="wide">提交建议</button>
      </form>
      <p><a href={`/p/${p.town.code}`}>查看{p.town.name}已征集的项目</a> · <a href="/track">查询办理进度</a></p>
    </section>
  );
}

/** The resident's own words, refused because the window is shut: shown to copy, never thrown away. */
const KEPT_FIELDS: [string, string][] = [['title', '项目名称'], ['description', '项目内容'], ['beneficiaries', '受益对象'], ['fundingSource', '资金来源']];

function KeptText(p: { values: FormValues }) {
  const kept = KEPT_FIELDS.filter(([k]) => (p.values[k] ?? '').trim() !== '');
  if (kept.length === 0) return null;
  return (
    <section class="kept" aria-labelledby="kept-title">
      <h2 id="kept-title">您填写的内容（未提交，已保留在这里）</h2>
      <p class="hint">请复制保存，征集开始后再提交，或交到就近的代表之家、联络站。</p>
      {kept.map(([k, label]) => (
        <div class="field">
          <label for={`kept-${k}`}>{label}</label>
          <textarea id={`kept-${k}`} readonly rows={k === 'description' ? 6 : 2}>{p.values[k]}</textarea>
        </div>
      ))}
    </section>
  );
}

/** Outside the window: when it opens or closed, and no form (a refused submission's text is kept to copy). */
export function CollectionClosedPage(p: { town: PublicTown; year?: number; state: CollectionState; note?: string; kept?: FormValues }) {
  return (
    <section class="propose">
      <h1>{p.town.name}民生实事项目建议</h1>
      {p.note && <p class="error banner" role="alert">{p.note}</p>}
      <CollectionNotice state={p.state} kind={p.town.kind} year={p.year} />
      {p.kept && <KeptText values={p.kept} />}
      <p>征集期以外，您也可以到就近的人大代表之家、代表联络站反映意见。</p>
      <div class="actions">
        {p.state.kind !== 'noCycle' && <a class="button" href={`/p/${p.town.code}/propose/reserve`}>提交建议到项目储备库</a>}
        <a class="button" href={`/p/${p.town.code}`}>查看已征集的项目和办理情况</a>
        <a class="button secondary" href="/track">凭回执号查询</a>
      </div>
    </section>
  );
}

/** The 11th submission within the hour from one network: said beside the form, which keeps everything typed. */
export function tooOftenNote(max: number, minutes: number, retryAt: Date): string {
  return `提交过于频繁：为防止恶意刷屏，同一网络每小时最多提交 ${max} 条建议。`
    + `您填写的内容都保留在下面，请在 ${minutes} 分钟后（${fmtDateTime(retryAt).slice(11)} 以后）再点“提交建议”。`
    + '在代表之家等地集中填写大量建议的，也可以把纸质表格交给工作人员统一录入。';
}
