import { Hono, type Context } from 'hono';
import { ReceiptPage, TrackLookupPage, TrackNotFoundPage, TrackPage } from '../../views/proposals/TrackPages';
import { can } from '../auth/authorize';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { trackProposal } from '../data/portal';
import { normalizeReceipt } from '../domain/receipt';
import type { AppEnv } from '../env';
import { publicOrigin, qrSvg } from '../http/publicUrl';

function notFoundPage(c: Context<AppEnv>, typed: string) {
  c.status(404);
  return c.render(<TrackNotFoundPage receipt={typed.slice(0, 40)} />, { title: '没有找到回执号' });
}

/** The proposal behind a receipt as typed; a non-canonical spelling redirects to the canonical address. */
function tracked(c: Context<AppEnv>, path: (receipt: string) => string) {
  const typed = c.req.param('receipt') ?? '';
  const receipt = normalizeReceipt(typed);
  if (!receipt) return { response: notFoundPage(c, typed) };
  if (receipt !== typed) return { response: c.redirect(path(receipt), 301) };
  const t = trackProposal(c.get('db'), receipt);
  if (!t) return { response: notFoundPage(c, typed) };
  return { t };
}

export const tracking = new Hono<AppEnv>()
  .get('/track', (c) => {
    const typed = c.req.query('receipt');
    if (typed === undefined) return c.render(<TrackLookupPage />, { title: '查询办理进度' });
    const receipt = normalizeReceipt(typed);
    if (!receipt) {
      c.status(422);
      const error = typed.trim() === '' ? '请输入回执号' : '回执号格式不对：应为“年度-辖区代码-序号”，如 2027-QS-0042';
      return c.render(<TrackLookupPage values={{ receipt: typed.slice(0, 40) }} errors={{ receipt: error }} />, { title: '查询办理进度' });
    }
    return c.redirect(`/track/${receipt}`, 303);
  })
  .get('/track/:receipt', (c) => {
    const r = tracked(c, (x) => `/track/${x}`);
    if (!r.t) return r.response;
    return c.render(<TrackPage t={r.t} />, { title: `${r.t.receipt} 办理进度` });
  })
  .get('/receipt/:receipt', async (c) => {
    const r = tracked(c, (x) => `/receipt/${x}`);
    if (!r.t) return r.response;
    const t = r.t;
    const trackUrl = `${publicOrigin(c)}/track/${t.receipt}`;
    const j = getJurisdictionByCode(c.get('db'), t.jurisdictionCode);
    const staff = j && can(c, 'proposal.submitOnBehalf', j.id);
    const againHref = staff ? `/j/${t.jurisdictionCode}/cycles/${t.year}/proposals/new` : `/p/${t.jurisdictionCode}/propose`;
    return c.render(<ReceiptPage t={t} trackUrl={trackUrl} qrSvg={await qrSvg(trackUrl)} againHref={againHref} />, { title: `回执 ${t.receipt}` });
  });
