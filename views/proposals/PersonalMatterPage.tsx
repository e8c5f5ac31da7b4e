import { PERSONAL_MATTER_LABELS } from '../../src/domain/personalMatter';
import { LIMITS, OUTSIDE_AREA } from '../../src/domain/proposalInput';
import { PERSONAL_MATTERS } from '../../src/domain/vocabulary';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import type { PublicTown } from './ProposePages';
import type { FormChoices } from './ProposalFields';

/** The first choice of the public form: a project for everyone, or one's own or family's matter. */
export function ProposalKindChoice(p: { code: string }) {
  return (
    <nav class="notice" aria-label="您要反映的是">
      <p><strong>您要反映的是：</strong></p>
      <ul>
        <li><strong>这是一个民生项目建议</strong>（为大家办的实事）：请填写下面的表格。</li>
        <li><a href={`/p/${p.code}/propose/personal`}>这是我个人或家庭的具体问题（如宅基地纠纷、劳动争议）</a>：不用填投资和工期，我们告诉您该去哪里办。</li>
      </ul>
    </nav>
  );
}

/** The personal path: the kind of matter, what happened, where, and a contact. */
export function PersonalMatterPage(p: { town: PublicTown; year: number; choices: FormChoices; values: FormValues; errors?: FieldErrors }) {
  const v = p.values;
  const e = p.errors ?? {};
  const placeOptions: [string, string][] = [
    ...p.choices.places.map((x): [string, string] => [String(x.id), x.name]), ['all', p.choices.wholeArea], [OUTSIDE_AREA, '本辖区以外'],
  ];
  return (
    <section class="propose">
      <h1>个人或家庭的具体问题</h1>
      <p>民生实事项目是为大家办的实事。个人或家庭的纠纷、诉求有专门的办理渠道：请简单说明情况，提交后马上告诉您该去哪里办，并给您回执号。</p>
      <p class="hint">您的情况不会公开：公开名单上只显示“个人事项（已引导至……渠道）”。</p>
      <form method="post" action={`/p/${p.town.code}/propose/personal`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <input type="hidden" name="year" value={String(p.year)} />
        <SelectField name="matter" label="属于哪一类" options={PERSONAL_MATTERS.map((m): [string, string] => [m, PERSONAL_MATTER_LABELS[m]])}
          value={v.matter} error={e.matter} required blank="请选择" />
        <TextArea name="description" label="具体情况" value={v.description} error={e.description} required rows={5} maxlength={LIMITS.description}
          hint="发生了什么、涉及谁、您希望怎样解决" />
        <SelectField name="place" label="所在村/社区" options={placeOptions} value={v.place} error={e.place} required blank="请选择" />
        <Field name="proposerName" label="您的姓名" value={v.proposerName} error={e.proposerName} required maxlength={LIMITS.proposerName} autocomplete="name" />
        <Field name="proposerPhone" label="联系电话" type="tel" value={v.proposerPhone} error={e.proposerPhone} required autocomplete="tel" inputmode="tel"
          hint="只用于工作人员联系您，不会公开" />
        <div class="hp" aria-hidden="true">
          <label for="f-website">网址（请勿填写）</label>
          <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <button type="submit" class="wide">提交</button>
      </form>
      <p><a href={`/p/${p.town.code}/propose`}>返回民生项目建议</a> · <a href="/track">查询办理进度</a></p>
    </section>
  );
}
