import type { Child } from 'hono/jsx';

/**
 * Fields for pages that repeat one small form many times (one per representative): the shared Field derives
 * its id from the name, which would repeat; these take a suffix so every label points at its own input.
 */
interface Props { name: string; suffix: string; label: string; value?: string; error?: string; required?: boolean }

function Wrap(p: Props & { children: Child }) {
  const id = `f-${p.name}-${p.suffix}`;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{p.label}{p.required && <span class="req" aria-hidden="true"> *</span>}</label>
      {p.children}
      {p.error && <p class="error" id={`${id}-error`} role="alert">{p.error}</p>}
    </div>
  );
}

export function SelectRow(p: Props & { options: [string, string][]; blank?: string }) {
  const id = `f-${p.name}-${p.suffix}`;
  return (
    <Wrap {...p}>
      <select id={id} name={p.name} required={p.required} aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.blank !== undefined && <option value="">{p.blank}</option>}
        {p.options.map(([v, label]) => <option value={v} selected={v === p.value}>{label}</option>)}
      </select>
    </Wrap>
  );
}

export function DateRow(p: Props) {
  const id = `f-${p.name}-${p.suffix}`;
  return (
    <Wrap {...p}>
      <input id={id} name={p.name} type="date" value={p.value ?? ''} required={p.required}
        aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${id}-error` : undefined} />
    </Wrap>
  );
}
