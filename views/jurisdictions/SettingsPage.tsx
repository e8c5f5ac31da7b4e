import type { Jurisdiction } from '../../src/data/jurisdictions';
import { CONGRESS_VOTE_RULE, SETTING_DEFS, SETTING_KEYS, VOTE_SETTING_KEYS, type Settings } from '../../src/domain/settings';
import { Field, FormError, SelectField, type FieldErrors, type FormValues } from '../components/form';

export function SettingsPage(p: { j: Jurisdiction; settings: Settings; canEdit: boolean; values?: FormValues; errors?: FieldErrors }) {
  const value = (k: (typeof SETTING_KEYS)[number]) => p.values?.[k] ?? String(p.settings[k]);
  // A township's congress votes under the statute: its quorum and majority are shown, not offered (lawfulVoteSettings).
  const statutory = p.j.kind === 'township';
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a></p>
      <h1>{p.j.name} · 参数设置</h1>
      <p class="muted">这些参数用于法定人数、表决结果、资格审查和进度监督的自动计算，修改会记入审计日志。
        已经开始的表决按开始时的规则计票，修改参数不影响它们。</p>
      {p.canEdit ? (
        <form method="post" action={`/j/${p.j.code}/settings`} class="stack" novalidate>
          <FormError errors={p.errors} />
          {statutory && <StatutoryRule errors={p.errors} />}
          {SETTING_KEYS.map((k) => {
            const def = SETTING_DEFS[k];
            if (statutory && isVoteKey(k)) return <input type="hidden" name={k} value={CONGRESS_VOTE_RULE[k]} />;
            return 'choices' in def
              ? <SelectField name={k} label={def.label} hint={def.help} value={value(k)} error={p.errors?.[k]}
                  options={Object.entries(def.choices) as [string, string][]} required />
              : <Field name={k} label={def.label} hint={def.help} value={value(k)} error={p.errors?.[k]} type="number" inputmode="numeric" required />;
          })}
          <button type="submit">保存</button>
        </form>
      ) : (
        <table>
          <tbody>
            {SETTING_KEYS.map((k) => {
              const def = SETTING_DEFS[k];
              const v = String(p.settings[k]);
              return <tr><th>{def.label}</th><td>{'choices' in def ? (def.choices as Record<string, string>)[v] ?? v : v}</td></tr>;
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const isVoteKey = (k: string): k is (typeof VOTE_SETTING_KEYS)[number] => (VOTE_SETTING_KEYS as readonly string[]).includes(k);

/** The congress's quorum and majority as the law fixes them, with any refusal of a form that tried otherwise. */
function StatutoryRule(p: { errors?: FieldErrors }) {
  const error = VOTE_SETTING_KEYS.map((k) => p.errors?.[k]).find(Boolean);
  return (
    <div class="field" id="statutory-rule">
      <p><strong>法定人数与通过标准（法律规定）</strong></p>
      <p>镇人民代表大会会议须有三分之二以上（含本数）的代表出席方可表决；项目须获得全体代表的过半数（不含半数本身）赞成方为通过。
        这两项由地方组织法规定，不能在此更改。</p>
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
