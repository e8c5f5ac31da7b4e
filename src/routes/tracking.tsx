import { Hono } from 'hono';
import { z } from 'zod';
import { ReceiptPage, TrackLookupPage, TrackPage } from '../../views/proposals/TrackPages';
import { can } from '../auth/authorize';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { normalizeReceipt } from '../domain/receipt';
import type { AppEnv } from '../env';
import { publicAddress, qrSvg } from '../http/publicUrl';
import type { TrackedEnv } from '../http/subjects/collection';
import { validQuery } from '../http/validate';

const lookupQuery = z.object({ receipt: z.string().optional() });

/** /track — the lookup form, and /track/:receipt the proposal's status and timeline (no login, nothing personal). */
export const tracking = new Hono<AppEnv>()
  .get('/', validQuery(lookupQuery), (c) => {
    const typed = c.req.valid('query').receipt;
    if (typed === undefined) return c.render(<TrackLookupPage />, { title: '查询办理进度' });
    const receipt = normalizeReceipt(typed);
    if (!receipt) {
      c.status(422);
      const error = typed.trim() === '' ? '请输入回执号' : '回执号格式不对：应为“年度-辖区代码-序号”，如 2027-QS-0042';
      return c.render(<TrackLookupPage values={{ receipt: typed.slice(0, 40) }} errors={{ receipt: error }} />, { title: '查询办理进度' });
    }
    return c.redirect(`/track/${receipt}`, 303);
  });

export const tracked = new Hono<TrackedEnv>()
  .get('/', (c) => c.render(<TrackPage t={c.var.tracked} />, { title: `${c.var.tracked.receipt} 办理进度` }));

/** /receipt/:receipt — the page right after submitting, to print or screenshot: the number and a QR code to follow it. */
export const receipt = new Hono<TrackedEnv>()
  .get('/', async (c) => {
    const t = c.var.tracked;
    const address = publicAddress(c);
    const trackUrl = `${address.origin}/track/${t.receipt}`;
    const j = getJurisdictionByCode(c.var.db, t.jurisdictionCode);
    const staff = j && can(c, 'proposal.submitOnBehalf', j.id);
    const againHref = staff ? `/j/${t.jurisdictionCode}/cycles/${t.year}/proposals/new` : `/p/${t.jurisdictionCode}/propose`;
    return c.render(<ReceiptPage t={t} address={address} trackUrl={trackUrl} qrSvg={await qrSvg(trackUrl)} againHref={againHref} />, { title: `回执 ${t.receipt}` });
  });
