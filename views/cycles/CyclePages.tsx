import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import { ConfirmBox } from '../components/ConfirmBox';
import { PHASES, phaseLabel, type Phase } from '../../src/domain/phases';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';

export function PhaseStrip(p: { phase: Phase; kind: string }) {
  const at = PHASES.indexOf(p.phase);
  return (
    <ol class="phases" aria-label="阶段">
      {PHASES.map((ph, i) => (
        <li class={i < at ? 'done' : i === at ? 'current' : ''} aria-current={i === at ? 'step' : undefined}>
          {i < at ? '✓ ' : ''}{phaseLabel(ph, p.kind)}
        </li>
      ))}
    </ol>
  );
}

export function JurisdictionPage(p: {
  j: Jurisdiction; parentName?: string; kindLabel: string; cycles: Cycle[]; canManage: boolean;
  defaultYear: number; values?: FormValues; errors?: FieldErrors;
  children: { name: string; kindLabel: string }[]; stations: { name: string; kindLabel: string; address: string }[];
  /** The representatives' work this person may open: 履职台账, 站点民意, 代表二维码. */
  dutyLinks?: { href: string; label: string }[];
}) {
  return (
    <section>
      <h1>{p.j.name} <span class="badge">{p.kindLabel}</span></h1>
      {p.parentName && <p class="muted">隶属 {p.parentName}</p>}
      {p.dutyLinks && p.dutyLinks.length > 0 && (
        <p>{p.dutyLinks.map((l, i) => <>{i > 0 && ' · '}<a href={l.href}>{l.label}</a></>)}</p>
      )}
      <h2>年度票决工作</h2>
      {p.cycles.length === 0 ? <p class="muted">还没有年度工作。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>年度</th><th>当前阶段</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            {p.cycles.map((cy) => (
              <tr>
                <td data-label="年度">{cy.year}年</td>
                <td data-label="阶段">{phaseLabel(cy.phase, p.j.kind)}</td>
                <td><a href={`/j/${p.j.code}/cycles/${cy.year}`}>查看 {cy.year} 年度工作</a></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {p.canManage && (
        <form method="post" action={`/j/${p.j.code}/cycles`} class="stack card" novalidate>
          <h3>创建年度工作</h3>
          <FormError errors={p.errors} />
          <Field name="year" label="年度" type="number" inputmode="numeric" value={p.values?.year ?? String(p.defaultYear)}
            error={p.errors?.year} hint="每个辖区每年一项；创建后进入“项目征集”阶段" required />
          <button type="submit">创建</button>
        </form>
      )}
      {p.children.length > 0 && (
        <>
          <h2>下辖村/社区（{p.children.length}）</h2>
          <p>{p.children.map((ch) => `${ch.name}`).join('、')}</p>
        </>
      )}
      {p.stations.length > 0 && (
        <>
          <h2>代表之家/联络站/联系点（{p.stations.length}）</h2>
          <ul>{p.stations.map((s) => <li>{s.name} <span class="badge">{s.kindLabel}</span> <span class="muted">{s.address}</span></li>)}</ul>
        </>
      )}
    </section>
  );
}

export interface TransitionRow { id: number; fromPhase: Phase | null; toPhase: Phase; at: Date; note: string; byName: string }

export interface WorkLink { href: string; label: string; hint: string }

export function CyclePage(p: {
  j: Jurisdiction; cycle: Cycle; transitions: TransitionRow[]; canManage: boolean; links: WorkLink[];
  values?: FormValues; errors?: FieldErrors; windowAtRisk?: { kind: 'open' | 'notYet'; opens: string; closes: string };
}) {
  const { j, cycle } = p;
  const risk = p.windowAtRisk;
  const at = PHASES.indexOf(cycle.phase);
  const targets: [string, string][] = [];
  const next = PHASES[at + 1];
  if (next) targets.push([next, `进入下一阶段：${phaseLabel(next, j.kind)}`]);
  for (let i = at - 1; i >= 0; i--) targets.push([PHASES[i]!, `退回到：${phaseLabel(PHASES[i]!, j.kind)}（须填写原因）`]);
  return (
    <section>
      <p class="muted"><a href={`/j/${j.code}`}>{j.name}</a></p>
      <h1>{j.name} {cycle.year} 年度民生实事项目{j.kind === 'subdistrict' ? '票选' : '票决'}</h1>
      <p>当前阶段：<strong>{phaseLabel(cycle.phase, j.kind)}</strong></p>
      <PhaseStrip phase={cycle.phase} kind={j.kind} />
      {p.links.length > 0 && (
        <div class="cards work-links">
          {p.links.map((l) => <a class="card" href={l.href}><strong>{l.label}</strong><div class="muted">{l.hint}</div></a>)}
        </div>
      )}
      {p.canManage && targets.length > 0 && (
        <form method="post" action={`/j/${j.code}/cycles/${cycle.year}/transition`} class="stack card" novalidate>
          <h2>变更阶段</h2>
          <FormError errors={p.errors} />
          <SelectField name="to" label="变更为" options={targets} value={p.values?.to ?? next} error={p.errors?.to} required />
          <TextArea name="note" label="说明" value={p.values?.note} error={p.errors?.note} maxlength={1000}
            hint="进入下一阶段可不填；退回必须写明原因" />
          {risk && (
            <fieldset class="warning">
              <legend>进入资格审查将提前截止已公布的征集</legend>
              <p>已公布的征集时间为 {risk.opens} 至 {risk.closes}（含当天），尚未结束。进入“资格审查”后群众不能再提交，
                以后收到的建议转入项目储备库。如确需提前截止，请填写公告并勾选确认。</p>
              <TextArea name="notice" label="提前截止公告（在公开页面发布）" value={p.values?.notice} error={p.errors?.notice} maxlength={1000} />
              <ConfirmBox name="confirm" label="我确认提前截止征集，并在公开页面发布上述公告" error={p.errors?.confirm}
                checked={p.values?.confirm === 'yes'} />
            </fieldset>
          )}
          <button type="submit">确认变更</button>
        </form>
      )}
      <h2>阶段记录</h2>
      <ol class="timeline">
        {p.transitions.map((t) => (
          <li>
            <strong>{t.fromPhase ? `${phaseLabel(t.fromPhase, j.kind)} → ${phaseLabel(t.toPhase, j.kind)}` : phaseLabel(t.toPhase, j.kind)}</strong>
            <div class="muted">{fmtDateTime(t.at)} · {t.byName}</div>
            {t.note && <div>{t.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
