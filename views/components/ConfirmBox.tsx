/** A single "I confirm …" checkbox sending value "yes", with its error beside it: a deliberate step, no script needed. */
export function ConfirmBox(p: { name: string; label: string; error?: string; checked?: boolean }) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>
        <input type="checkbox" id={id} name={p.name} value="yes" checked={p.checked}
          aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${id}-error` : undefined} /> {p.label}
      </label>
      {p.error && <p class="error" id={`${id}-error`} role="alert">{p.error}</p>}
    </div>
  );
}
