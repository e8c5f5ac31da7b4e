/**
 * One refusal shape for data functions and domain checks. `field` names the form field the error belongs
 * beside ('_form' for the form as a whole); `status` is 409 when the request came too late (a state moved on),
 * 503 when the write itself failed and the same form may simply be sent again; otherwise the re-render is a 422.
 */
export type Refusal<F extends string = string> = {
  ok: false; field: F; error: string; status?: 409 | 422 | 503;
  /** Several fields wrong at once (see refuseAll): every message by field, `field`/`error` being the first of them. */
  errors?: Readonly<Record<string, string>>;
};
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

/**
 * A form with several fields wrong at once (a candidate's schedule, a screening decision): one Refusal whose
 * `field`/`error` name the first problem, so anything that reads a single refusal keeps working, and whose
 * `errors` carry every message, each shown beside its own field by refused(). `errors` must not be empty.
 */
export function refuseAll(errors: Readonly<Record<string, string>>): Refusal {
  const [field, error] = Object.entries(errors)[0] ?? ['_form', ''];
  return { ok: false, field, error, errors };
}
