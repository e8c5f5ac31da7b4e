import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ReceiptPage, TrackLookupPage, TrackPage } from '../../views/proposals/TrackPages';
import { can } from '../auth/authorize';
import { getJurisdictionByCode } from '../data/jurisdictions';
import { readReceipt } from '../domain/receipt';
import type { AppEnv } from '../env';
import { publicAddress, qrSvg } from '../http/publicUrl';
import type { TrackedEnv } from '../http/subjects/collection';
import { refused } from '../http/refused';
import { validQuery, type FieldErrors, type FormValues } from '../http/validate';

const lookupQuery = z.object({ receipt: z.string().optional() });

function lookupPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  return c.render(<TrackLookupPage values={values} errors={errors} />, { title: '查询办理进度' });
}

/** /track — the lookup form; a receipt found goes to /track/:receipt, its status and timeline (no login, nothing personal). */
export const tracking = new Hono<AppEnv>()
  .get('/', validQuery(lookupQuery), (c) => {
    const typed = c.req.valid('query').receipt;
    if (typed === undefined) return lookupPage(c);
    const r = readReceipt(typed);
    if (!r.ok) return refused(c, r, lookupPage, { receipt: typed.slice(0, 40) });
    return c.redirect(`/track/${r.value}`, 303);
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
    // The unset-address warning speaks to staff printing for someone; a resident on their own phone is not asked to fix it.
    return c.render(
      <ReceiptPage t={t} address={address} warnAddress={Boolean(staff)} trackUrl={trackUrl} qrSvg={await qrSvg(trackUrl)} againHref={againHref} />,
      { title: `回执 ${t.receipt}` },
    );
  });
