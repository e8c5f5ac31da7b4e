import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { z, type ZodType } from 'zod';
import type { AppEnv } from '../env';
import { errorResponse } from './errors';
import { isChinaDate } from '../domain/chinaDate';
import { bodyText } from './requestBody';

z.config(z.locales.zhCN());

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | undefined>;

/** The first message per field, keyed by the field's name. */
export function fieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/** Form values as strings, to put back into the form that failed. */
export function formValues(data: unknown): FormValues {
  const out: FormValues = {};
  if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      out[k] = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? v.join(',') : undefined;
    }
  }
  return out;
}

/**
 * Validates a form body; on failure the handler's page comes back (422) filled in, errors beside the fields.
 */
export function validForm<S extends ZodType, E extends AppEnv = AppEnv>(
  schema: S,
  onInvalid: (c: Context<E>, values: FormValues, errors: FieldErrors) => Response | Promise<Response>,
) {
  return zValidator('form', schema, (result, c) => {
    if (result.success) return;
    c.status(422);
    return onInvalid(c as unknown as Context<E>, formValues(result.data), fieldErrors(result.error));
  });
}

/** Query strings are validated too; a bad query is the Chinese 400 page, not a crash. */
export function validQuery<S extends ZodType>(schema: S) {
  return zValidator('query', schema, (result, c) => {
    if (!result.success) return errorResponse(c as unknown as Context<AppEnv>, 400);
  });
}

export const trimmed = (max: number, required?: string) =>
  required ? z.string().trim().min(1, required).max(max, `不能超过${max}个字`) : z.string().trim().max(max, `不能超过${max}个字`);

type FormBody = Record<string, string | File | (string | File)[]>;

/**
 * The fields of a posted form, as parseBody reads them (a repeated name keeps its last value; name[] collects
 * them all). A plain form is read from its text: a ballot's few fields do not need a FormData object built first,
 * nor, on Node, a web Request (http/requestBody.ts).
 */
async function formBody<E extends AppEnv>(c: Context<E>): Promise<FormBody> {
  if (c.req.header('Content-Type')?.split(';')[0]!.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return c.req.parseBody();
  const form: FormBody = Object.create(null);
  for (const [key, value] of new URLSearchParams(await bodyText(c))) {
    const prior = form[key];
    if (!key.endsWith('[]')) form[key] = value;
    else if (Array.isArray(prior)) prior.push(value);
    else form[key] = [value];
  }
  return form;
}

/**
 * A form whose fields depend on the row (a ballot's m<optionId> fields), so its schema is built in the handler:
 * the same zod reading of the body as validForm, handing back what to put into the form again and the errors.
 */
export async function readForm<S extends ZodType, E extends AppEnv>(c: Context<E>, schema: S):
  Promise<{ ok: true; data: z.output<S>; values: FormValues } | { ok: false; values: FormValues; errors: FieldErrors }> {
  const body = await formBody(c);
  const r = schema.safeParse(body);
  if (!r.success) return { ok: false, values: formValues(body), errors: fieldErrors(r.error) };
  // Only a form refused further on is shown again: its values are copied out when asked for, not for every ballot.
  return { ok: true, data: r.data, get values() { return formValues(body); } };
}

/** A calendar date typed into a form ('YYYY-MM-DD', a real day: 2026-02-30 and 0000-00-00 are refused). */
export const chinaDateField = (message: string) => z.string().trim().refine(isChinaDate, message);
