// Radio and checkbox groups: a fieldset with its legend, hint and error, like Field.
import type { Child } from 'hono/jsx';

export function ChoiceGroup(p: {
  name: string; legend: string; type: 'radio' | 'checkbox'; options: { value: string; label: Child; hint?: string }[];
  checked: readonly string[]; error?: string; hint?: string; required?: boolean;
}) {
  const id = `f-${p.name}`;
  const describedBy = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={p.error ? 'choices invalid' : 'choices'} id={id} aria-describedby={describedBy} aria-invalid={p.error ? 'true' : undefined}>
      <legend>{p.legend}{p.required && <span class="req" aria-hidden="true"> *</span>}</legend>
      {p.hint && <p class="hint" id={`${id}-hint`}>{p.hint}</p>}
      {p.options.map((o, i) => (
        <div class="choice">
          <input type={p.type} id={`${id}-${i}`} name={p.name} value={o.value} checked={p.checked.includes(o.value)} />
          <label for={`${id}-${i}`}>{o.label}{o.hint && <span class="hint"> {o.hint}</span>}</label>
        </div>
      ))}
      {p.error && <p class="error" id={`${id}-error`} role="alert">{p.error}</p>}
    </fieldset>
  );
}
