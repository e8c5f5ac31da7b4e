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

/** A labelled field with its hint and its error right beside it. */
export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const describedBy = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{p.label}{p.required && <span class="req" aria-hidden="true"> *</span>}</label>
      {p.children ?? (
        <input
          id={id} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''}
          required={p.required} autocomplete={p.autocomplete} inputmode={p.inputmode} maxlength={p.maxlength}
          aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy}
        />
      )}
      {p.hint && <p class="hint" id={`${id}-hint`}>{p.hint}</p>}
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
      <textarea id={id} name={p.name} rows={p.rows ?? 3} required={p.required} maxlength={p.maxlength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : p.hint ? `${id}-hint` : undefined}>{p.value ?? ''}</textarea>
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
