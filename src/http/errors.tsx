import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ErrorPage, ERROR_TEXT } from '../../views/errors/ErrorPage';
import { Layout } from '../../views/layout/Layout';
import type { AppEnv } from '../env';
import { navModel } from './renderer';

export function errorResponse<E extends AppEnv>(c: Context<E>, status: number): Response | Promise<Response> {
  let nav;
  try {
    nav = navModel(c);
  } catch {
    nav = { user: null, links: [{ href: '/', label: '首页' }], jurisdictions: [] };
  }
  const title = (ERROR_TEXT[status] ?? ERROR_TEXT[500]!).title;
  return c.html(<Layout title={title} nav={nav}><ErrorPage status={status} /></Layout>, status as ContentfulStatusCode);
}

export const handleNotFound: NotFoundHandler<AppEnv> = (c) => errorResponse(c, 404);

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof HTTPException) {
    // Redirects (login required) and responses a route built itself pass through.
    // getResponse() would re-stamp a redirect with the exception's status: return the route's own response.
    if (err.res && (err.status < 400 || err.status === 401)) return err.res;
    return errorResponse(c, err.status);
  }
  console.error(`${c.req.method} ${c.req.path}`, err);
  return errorResponse(c, 500);
};
