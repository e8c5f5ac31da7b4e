import type { Child } from 'hono/jsx';
import type { RepBody } from '../../src/domain/vocabulary';
import { DelibFrame } from '../deliberation/Frame';

export { Warnings } from '../deliberation/Frame';

export interface RosterView {
  j: { code: string; name: string };
  body: RepBody;
  base: string;
  terms: { roster: string; rep: string; place: string; sector: string; seatedOn: string; byElection: string };
}

/** A deliberation roster sits among the street-deliberation tabs; a township's under its own name. */
export function RosterFrame(p: { r: RosterView; title: string; children?: Child }) {
  if (p.r.body === 'deliberation') return <DelibFrame j={p.r.j} tab="reps" title={p.title}>{p.children}</DelibFrame>;
  return (
    <section class="roster">
      <p class="muted"><a href={`/j/${p.r.j.code}`}>{p.r.j.name}</a> · <a href={p.r.base}>{p.r.terms.roster}</a></p>
      <h1>{p.title}</h1>
      {p.children}
    </section>
  );
}
