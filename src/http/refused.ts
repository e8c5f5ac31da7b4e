import type { Context } from 'hono';
import type { Refusal } from '../domain/result';
import type { AppEnv } from '../env';
import { formValues, type FieldErrors, type FormValues } from './validate';

export type Page<E extends AppEnv> = (c: Context<E>, values?: FormValues, errors?: FieldErrors) => Response | Promise<Response>;

/**
 * A data function or domain check said no: the same page comes back (422, or 409 when the state moved on)
 * with what was typed kept and the reason beside its field (every reason, when it refused several at once).
 * The zod path is `validForm`'s; this is the other one.
 */
export function refused<E extends AppEnv>(c: Context<E>, r: Refusal, page: Page<E>, values?: unknown): Response | Promise<Response> {
  c.status(r.status ?? 422);
  return page(c, values === undefined ? undefined : formValues(values), { ...r.errors, [r.field]: r.error });
}
