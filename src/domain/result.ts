/**
 * One refusal shape for data functions and domain checks. `field` names the form field the error belongs
 * beside ('_form' for the form as a whole); `status` is 409 when the request came too late (a state moved on),
 * otherwise the re-render is a 422.
 */
export type Refusal<F extends string = string> = { ok: false; field: F; error: string; status?: 409 | 422 };
export type Result<T = null, F extends string = string> = { ok: true; value: T } | Refusal<F>;

export function ok(): { ok: true; value: null };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value: T | null = null): { ok: true; value: T | null } {
  return { ok: true, value };
}

export function refuse<F extends string = '_form'>(error: string, field?: F, status?: 409 | 422): Refusal<F> {
  const f = (field ?? '_form') as F;
  return status ? { ok: false, field: f, error, status } : { ok: false, field: f, error };
}
