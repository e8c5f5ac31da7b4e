import { Hono } from 'hono';
import { z } from 'zod';
import { AuditPage, type ChainState } from '../../views/audit/AuditPage';
import { allowAnywhere, can, forbidden, requireLogin } from '../auth/authorize';
import { auditActions, listAudit, verifyAuditChainInTurns, verifyAuditChainOnView } from '../data/audit';
import { jurisdictionNames, subtreeIds } from '../data/jurisdictions';
import { districtRoot } from '../data/jurisdictionAdmin';
import { isAllowed } from '../domain/authz';
import type { AppEnv } from '../env';
import { keptFragment } from '../http/keptFragment';
import { workingJurisdictions } from '../http/renderer';
import { validQuery } from '../http/validate';
import { isChinaDate } from '../domain/chinaDate';

const day = z.string().refine(isChinaDate).optional().or(z.literal('').transform(() => undefined));
const auditQuery = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  j: z.string().max(32).optional(),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  // The whole chain re-hashed on request; otherwise only the entries since it was last found intact.
  verify: z.literal('all').optional(),
});
const PAGE_SIZE = 50;
// Dates typed by a clerk are China dates: 00:00 in UTC+8.
const chinaMidnight = (d: string) => new Date(`${d}T00:00:00+08:00`);

/**
 * What the administrator's view says of the chain: intact, broken at an entry, or not yet checked whole. The whole
 * chain, asked for, is re-hashed a batch per turn of the event loop (a province's log takes many seconds).
 */
async function chainState(db: AppEnv['Variables']['db'], whole: boolean): Promise<ChainState> {
  if (whole) return { brokenAt: await verifyAuditChainInTurns(db), whole: true };
  const brokenAt = verifyAuditChainOnView(db);
  return brokenAt === undefined ? { unchecked: true } : { brokenAt, whole: false };
}

/** /audit — clerks see their own jurisdiction and what lies below it; the district admin sees every entry. */
export const audit = new Hono<AppEnv>().get('/', allowAnywhere('audit.view'), validQuery(auditQuery), async (c) => {
  const db = c.var.db;
  const q = c.req.valid('query');
  const visible = workingJurisdictions(c).filter((j) => can(c, 'audit.view', j.id));
  const root = districtRoot(db);
  const seesAll = root !== undefined && isAllowed(requireLogin(c).assignments, 'audit.view', [root.id]);
  const chosen = q.j ? visible.find((j) => j.code === q.j) : undefined;
  if ((q.j && !chosen) || visible.length === 0) forbidden();
  const jurisdictionIds = chosen
    ? subtreeIds(db, [chosen.id])
    : seesAll ? undefined : subtreeIds(db, visible.map((j) => j.id));
  const filter = {
    jurisdictionIds, action: q.action || undefined, actor: q.actor || undefined,
    from: q.from ? chinaMidnight(q.from) : undefined,
    to: q.to ? new Date(chinaMidnight(q.to).getTime() + 86_400_000) : undefined,
    page: q.page, pageSize: PAGE_SIZE,
  };
  const chain = seesAll ? await chainState(db, q.verify === 'all') : undefined;
  const jurisdictions = visible.map((j) => ({ code: j.code, name: j.name }));
  // The page is the same for everyone with the same filter, choice of jurisdictions and chain state, until the next
  // write: its entries are read and rendered once, not on every view.
  const page = keptFragment(db, `audit|${JSON.stringify([filter, q, jurisdictions, chain])}`, () => {
    const { total, rows } = listAudit(db, filter);
    return (
      <AuditPage rows={rows} total={total} pageSize={PAGE_SIZE} q={q} actions={auditActions(db)}
        jurisdictions={jurisdictions} jurisdictionNames={jurisdictionNames(db, rows.map((r) => r.jurisdictionId))} chain={chain} />
    );
  });
  return c.render(
    page,
    { title: '审计日志' },
  );
});
