import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { TransferPage } from '../../views/proposals/TransferPage';
import { allow, userActor } from '../auth/authorize';
import { duplicatesAt, transferProposal, transferTargets } from '../data/transfer';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { ProposalEnv } from '../http/subjects/collection';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../http/validate';

const transferForm = z.object({
  target: z.string().trim().min(1, '请选择移交的单位').pipe(z.coerce.number<string>({ error: '请选择移交的单位' }).int()),
  note: trimmed(500),
});

function transferPage(c: Context<ProposalEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle, proposal } = c.var;
  const targets = transferTargets(db, j);
  const p = proposal;
  const duplicates = targets.map((t) => ({ name: t.name, items: duplicatesAt(db, t, cycle.year, p).slice(0, 5) }));
  return c.render(
    <TransferPage j={j} year={cycle.year} proposal={{ id: p.id, receipt: p.receipt, title: p.title }}
      targets={targets.map((t) => ({ id: t.id, name: t.name }))} duplicates={duplicates} values={values} errors={errors} />,
    { title: `移交提议 ${p.receipt}` },
  );
}

/** /j/:code/cycles/:year/proposals/:id/transfer — hand a proposal to the other level, with its receipt and proposers. */
export const transfer = new Hono<ProposalEnv>()
  .get('/', allow('proposal.screen'), (c) => transferPage(c))
  .post('/', allow('proposal.screen'), validForm(transferForm, transferPage), (c) => {
    const input = c.req.valid('form');
    const { db, jurisdiction: j, cycle } = c.var;
    const r = transferProposal(db, userActor(c), j, cycle.year, c.var.proposal.id, input.target, input.note, c.var.now());
    if (!r.ok) return refused(c, r, transferPage, { target: String(input.target), note: input.note });
    return redirectWithFlash(c, `/j/${j.code}/cycles/${cycle.year}/proposals`, `提议 ${r.value.receipt} 已移交${r.value.targetName}`);
  });
