import type { Jurisdiction } from '../../src/data/jurisdictions';
import { SETTING_DEFS, SETTING_KEYS, type Settings } from '../../src/domain/settings';
import { Field, FormError, SelectField, type FieldErrors, type FormValues } from '../components/form';

export function SettingsPage(p: { j: Jurisdiction; settings: Settings; canEdit: boolean; values?: FormValues; errors?: FieldErrors }) {
  const value = (k: (typeof SETTING_KEYS)[number]) => p.values?.[k] ?? String(p.settings[k]);
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a></p>
      <h1>{p.j.name} · 参数设置</h1>
      <p class="muted">这些参数用于法定人数、表决结果、资格审查和进度监督的自动计算，修改会记入审计日志。</p>
      {p.canEdit ? (
        <form method="post" action={`/j/${p.j.code}/settings`} class="stack" novalidate>
          <FormError errors={p.errors} />
          {SETTING_KEYS.map((k) => {
            const def = SETTING_DEFS[k];
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
