import type { TrackedOpinion } from '../../src/data/stationOpinions';
import type { PublicAddress } from '../../src/http/publicUrl';
import { OPINION_CATEGORIES, OPINION_CATEGORY_LABELS } from '../../src/domain/opinionLabels';
import { publicOpinionStatus } from '../../src/domain/stationOpinion';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';

type Town = { code: string; name: string };

/** The fields every way in shares: what, where, what kind, and how to reach the resident (optional, never public). */
export function OpinionFields(p: { values: FormValues; errors: FieldErrors }) {
  const v = p.values;
  const e = p.errors;
  return (
    <>
      <Field name="title" label="反映什么问题" value={v.title} error={e.title} required maxlength={60} hint="一句话，如：村口路灯坏了一个月" />
      <TextArea name="text" label="具体情况" value={v.text} error={e.text} required maxlength={2000} rows={5} hint="什么问题、在哪里、持续多久、您希望怎么解决" />
      <Field name="place" label="地点（可选）" value={v.place} error={e.place} maxlength={100} />
      <SelectField name="category" label="类别" options={OPINION_CATEGORIES.map((k) => [k, OPINION_CATEGORY_LABELS[k]])} blank="请选择"
        value={v.category} error={e.category} required />
      <Field name="contactName" label="您的称呼（可选）" value={v.contactName} error={e.contactName} maxlength={30} autocomplete="name" />
      <Field name="contactPhone" label="联系电话（可选）" value={v.contactPhone} error={e.contactPhone} type="tel" inputmode="tel" autocomplete="tel"
        hint="只给站点工作人员联系您用，不会公开；不留也可以，凭回执号查看答复。" />
    </>
  );
}

/** A field people never see (CSS moves it off screen): only robots fill it in. */
function Honeypot() {
  return (
    <div class="hp" aria-hidden="true">
      <label for="f-website">网址（请勿填写）</label>
      <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
    </div>
  );
}

/** /p/:code/opinions/new — a resident's opinion at one of the township's stations, from the station's QR code. */
export function OpinionFormPage(p: {
  town: Town; stations: { shortCode: string; name: string }[]; fixedStation?: { shortCode: string; name: string };
  values?: FormValues; errors?: FieldErrors;
}) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>向人大代表反映意见</h1>
      <p>{p.town.name}{p.fixedStation ? ` · ${p.fixedStation.name}` : ''}：您反映的问题由站点登记，能当场答复的当场答复，需要办理的交有关部门并在期限内答复您。</p>
      <form method="post" action={`/p/${p.town.code}/opinions/new`} class="stack" novalidate>
        <FormError errors={p.errors} />
        {p.fixedStation ? <input type="hidden" name="station" value={p.fixedStation.shortCode} /> : (
          <SelectField name="station" label="站点" options={p.stations.map((s) => [s.shortCode, s.name])} blank="请选择离您最近的站点"
            value={v.station} error={e.station} required />
        )}
        <OpinionFields values={v} errors={e} />
        <Honeypot />
        <button type="submit" class="wide">提交意见</button>
      </form>
      <p>要提民生实事项目？请用 <a href={`/p/${p.town.code}/propose`}>项目建议表</a>。已提交过？<a href="/track">凭回执号查询答复</a></p>
    </section>
  );
}

/** /r/:token — the form behind a representative's QR code (亮数字身份). */
export function RepMessagePage(p: {
  token: string; rep: { name: string; community: string }; station: string; town: string; values?: FormValues; errors?: FieldErrors;
}) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>给人大代表{p.rep.name}留言</h1>
      <p>{p.town}人大代表{p.rep.community ? `（${p.rep.community}）` : ''} · {p.station}</p>
      <p>留言由{p.rep.name}代表和站点工作人员看到。代表会答复您；需要有关部门办理的，由站点登记交办。</p>
      <form method="post" action={`/r/${p.token}`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <OpinionFields values={v} errors={e} />
        <Honeypot />
        <button type="submit" class="wide">发送留言</button>
      </form>
      <p><a href="/track">凭回执号查询答复</a></p>
    </section>
  );
}

/** /opinion/:receipt — the receipt to keep, the status in plain words and the answer once there is one. */
export function OpinionTrackPage(p: { t: TrackedOpinion; today: string; trackUrl: string; qrSvg: string; address: PublicAddress; justSent: boolean }) {
  const t = p.t;
  return (
    <section class="narrow">
      <h1>{p.justSent ? '已收到您的意见' : '意见办理情况'}</h1>
      <p class="receipt-number">回执号：<strong>{t.receipt}</strong></p>
      {p.justSent && <p>请记下或截图保存回执号，凭它在“查询办理进度”中查看答复。</p>}
      <dl class="facts">
        <dt>反映的问题</dt><dd>{t.title}</dd>
        <dt>站点</dt><dd>{t.station}{t.addressedTo ? `（留言给 ${t.addressedTo} 代表）` : ''}</dd>
        <dt>提交时间</dt><dd>{fmtDateTime(t.recordedAt)}</dd>
        <dt>办理情况</dt><dd><strong>{publicOpinionStatus(t.referral, p.today)}</strong></dd>
        {t.answer && <><dt>答复</dt><dd class="answer">{t.answer}{t.answeredOn && <span class="muted">（{t.answeredOn}）</span>}</dd></>}
        {t.proposalReceipt && <><dt>项目建议</dt><dd><a href={`/track/${t.proposalReceipt}`}>{t.proposalReceipt}</a></dd></>}
      </dl>
      <div class="qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
      <p class="muted">扫码或打开 {p.trackUrl} 随时查看。</p>
    </section>
  );
}
