import type { Child } from 'hono/jsx';
import type { FieldErrors, FormValues } from '../../src/http/validate';

export type { FieldErrors, FormValues };

interface FieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'search' | 'decimal' | 'none' | 'email' | 'url' | 'tel' | 'numeric';
  maxlength?: number;
  children?: Child;
}

/** Characters as a person counts them (and the proposal rules do): a line break is one, an emoji is one. */
export function charsUsed(value: string): number {
  return [...value.replace(/\r\n/g, '\n')].length;
}

/**
 * The characters used of the field's limit, always visible. There is no maxlength: a pasted text is never cut
 * silently; the count turns red and the form is refused (beside the field, the text kept) until it fits.
 */
function Counter(p: { id: string; value?: string; max: number }) {
  const used = charsUsed(p.value ?? '');
  return (
    <p class={used > p.max ? 'counter over' : 'counter'} id={`${p.id}-count`} data-counter-for={p.id} data-max={String(p.max)}>
      {used} / {p.max} 字{used > p.max && `，超出 ${used - p.max} 字`}
    </p>
  );
}

/** The ids the field's control is described by: its hint, its count, its error. */
function describedBy(p: FieldProps): string | undefined {
  const id = `f-${p.name}`;
  return [p.hint && `${id}-hint`, p.maxlength && `${id}-count`, p.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** A labelled field with its hint and its error right beside it. */
export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{p.label}{p.required && <span class="req" aria-hidden="true"> *</span>}</label>
      {p.children ?? (
        <input
          id={id} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''}
          required={p.required} autocomplete={p.autocomplete} inputmode={p.inputmode} data-maxlength={p.maxlength}
          aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p)}
        />
      )}
      {p.hint && <p class="hint" id={`${id}-hint`}>{p.hint}</p>}
      {p.maxlength && <Counter id={id} value={p.value} max={p.maxlength} />}
      {p.error && <p class="error" id={`${id}-error`} role="alert">{p.error}</p>}
    </div>
  );
}

export function SelectField(p: Omit<FieldProps, 'children' | 'type'> & { options: [string, string][]; blank?: string }) {
  const id = `f-${p.name}`;
  return (
    <Field {...p}>
      <select id={id} name={p.name} required={p.required} aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : p.hint ? `${id}-hint` : undefined}>
        {p.blank !== undefined && <option value="">{p.blank}</option>}
        {p.options.map(([v, label]) => <option value={v} selected={v === p.value}>{label}</option>)}
      </select>
    </Field>
  );
}

export function TextArea(p: Omit<FieldProps, 'children' | 'type'> & { rows?: number }) {
  const id = `f-${p.name}`;
  return (
    <Field {...p}>
      <textarea id={id} name={p.name} rows={p.rows ?? 3} required={p.required} data-maxlength={p.maxlength}
        aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p)}>{p.value ?? ''}</textarea>
    </Field>
  );
}

export function FormError(p: { errors?: FieldErrors }) {
  const msg = p.errors?._form;
  return msg ? <p class="error banner" role="alert">{msg}</p> : null;
}

/** A one-button POST form (logout, deactivate …): works without JavaScript. */
export function PostButton(p: { action: string; label: string; class?: string; confirm?: string; fields?: Record<string, string> }) {
  return (
    <form method="post" action={p.action} class="inline" data-confirm={p.confirm}>
      {Object.entries(p.fields ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class={p.class}>{p.label}</button>
    </form>
  );
}

export function Pagination(p: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="分页">
      {p.page > 1 ? <a href={p.href(p.page - 1)} rel="prev">上一页</a> : <span aria-hidden="true">上一页</span>}
      <span>第 {p.page} / {pages} 页，共 {p.total} 条</span>
      {p.page < pages ? <a href={p.href(p.page + 1)} rel="next">下一页</a> : <span aria-hidden="true">下一页</span>}
    </nav>
  );
}
