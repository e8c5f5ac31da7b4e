import type { GroupSizeCheck } from '../../src/domain/linkGroups';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';
import { DateRow, SelectRow } from './fields';
import { DelibFrame, Warnings } from './Frame';

type J = { code: string; name: string };
export type Options = [string, string][];

export interface GroupView {
  districtRep: { id: number; name: string; community: string };
  members: { id: number; name: string; community: string; fromDate: string }[];
  check: GroupSizeCheck;
}
export interface GapRow { id: number; name: string; community: string; formerRep?: string }
export interface HistoryRow { id: number; fromDate: string; toDate: string | null; deliberationRep: string; community: string; districtRep: string }

/** Which form on the page failed, so its errors show beside its own fields. */
export interface FailedForm { key: string; values: FormValues; errors: FieldErrors }

function AssignForm(p: { j: J; repId: number; options: Options; today: string; failed?: FailedForm; label: string; back?: 'rep' }) {
  const mine = p.failed?.key === `assign-${p.repId}` ? p.failed : undefined;
  return (
    <form method="post" action={`/j/${p.j.code}/deliberation/links`} class="inline-form" novalidate>
      <input type="hidden" name="deliberationRepId" value={String(p.repId)} />
      {p.back && <input type="hidden" name="back" value={p.back} />}
      <FormError errors={mine?.errors} />
      <SelectRow name="districtRepId" suffix={String(p.repId)} label={p.label} options={p.options} blank="请选择区人大代表"
        value={mine?.values.districtRepId} error={mine?.errors.districtRepId ?? mine?.errors.deliberationRepId} required />
      <DateRow name="fromDate" suffix={String(p.repId)} label="开始日期" value={mine?.values.fromDate ?? p.today} error={mine?.errors.fromDate} required />
      <button type="submit">安排联系</button>
    </form>
  );
}

export function LinksPage(p: {
  j: J; seated: number; groupSize: number; needed: number; groups: GroupView[]; gap: GapRow[]; history: HistoryRow[];
  warnings: string[]; canManage: boolean; options: Options; today: string; failed?: FailedForm;
}) {
  const base = `/j/${p.j.code}/deliberation/links`;
  const linked = p.groups.reduce((n, g) => n + g.members.length, 0);
  return (
    <DelibFrame j={p.j} tab="links" title="议事代表联系区人大代表">
      <p>每名区人大代表固定联系 {p.groupSize} 名议事代表。在册议事代表 {p.seated} 名，至少需要 {p.needed} 名区人大代表联系；目前 {p.groups.length} 名区人大代表联系 {linked} 名，<strong>{p.gap.length}</strong> 名尚未联系。</p>
      <Warnings items={p.warnings} />

      <h2 id="gap">未联系的议事代表（{p.gap.length}）</h2>
      {p.gap.length === 0 ? <p class="muted">每名在册议事代表都有联系的区人大代表。</p> : (
        <ul class="rows">
          {p.gap.map((g) => (
            <li>
              <div><strong>{g.name}</strong> <span class="muted">{g.community}</span>
                {g.formerRep && <span class="badge warn">原联系的 {g.formerRep} 已离任</span>}</div>
              {p.canManage && <AssignForm j={p.j} repId={g.id} options={p.options} today={p.today} failed={p.failed} label={`为 ${g.name} 安排`} />}
            </li>
          ))}
        </ul>
      )}

      <h2>各区人大代表联系的议事代表</h2>
      {p.groups.length === 0 && <p class="muted">还没有安排联系。</p>}
      <div class="groups">
      {p.groups.map((g) => {
        const moveKey = `move-${g.districtRep.id}`;
        const failed = p.failed?.key === moveKey ? p.failed : undefined;
        return (
          <div class="card" id={`group-${g.districtRep.id}`}>
            <h3>{g.districtRep.name}
              {' '}<span class={g.check.kind === 'over' ? 'badge bad' : g.check.kind === 'under' ? 'badge warn' : 'badge ok'}>
                {g.check.kind === 'ok' ? `联系 ${g.members.length} 名` : g.check.text}
              </span>
            </h3>
            <ul class="rows">
              {g.members.map((m) => (
                <li class="member">
                  <span>{m.name} <span class="muted small">{m.community} · {m.fromDate}起</span></span>
                  {p.canManage && <a href={`${base}/${m.id}`}>改派<span class="sr-only">{m.name}</span></a>}
                </li>
              ))}
            </ul>
            {p.canManage && (
              <details open={failed !== undefined}>
                <summary>整组改由另一名区人大代表联系</summary>
                <form method="post" action={`${base}/move`} class="stack" novalidate>
                  <input type="hidden" name="fromDistrictRepId" value={String(g.districtRep.id)} />
                  <FormError errors={failed?.errors} />
                  <SelectRow name="toDistrictRepId" suffix={`g${g.districtRep.id}`} label="改由" options={p.options.filter(([v]) => v !== String(g.districtRep.id))}
                    blank="请选择区人大代表" value={failed?.values.toDistrictRepId} error={failed?.errors.toDistrictRepId} required />
                  <DateRow name="fromDate" suffix={`g${g.districtRep.id}`} label="开始日期" value={failed?.values.fromDate ?? p.today} error={failed?.errors.fromDate} required />
                  <button type="submit" class="secondary">整组改派</button>
                </form>
              </details>
            )}
          </div>
        );
      })}
      </div>

      <h2>联系变更记录</h2>
      {p.history.length === 0 ? <p class="muted">没有已结束的联系。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>议事代表</th><th>社区</th><th>原联系的区人大代表</th><th>起止</th></tr></thead>
          <tbody>
            {p.history.map((h) => (
              <tr>
                <td data-label="议事代表">{h.deliberationRep}</td>
                <td data-label="社区">{h.community || '—'}</td>
                <td data-label="区人大代表">{h.districtRep}</td>
                <td data-label="起止">{h.fromDate} 至 {h.toDate}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </DelibFrame>
  );
}

export function LinkRepPage(p: {
  j: J; rep: { id: number; name: string; community: string }; current?: { districtRep: string; fromDate: string };
  history: { id: number; fromDate: string; toDate: string | null; districtRep: string }[];
  options: Options; today: string; failed?: FailedForm;
}) {
  const base = `/j/${p.j.code}/deliberation/links`;
  const endFailed = p.failed?.key === 'end' ? p.failed : undefined;
  return (
    <DelibFrame j={p.j} tab="links" title={`${p.rep.name} 联系的区人大代表`}>
      <p>{p.current ? <>现由 <strong>{p.current.districtRep}</strong> 联系（{p.current.fromDate} 起）。</> : '目前没有联系的区人大代表。'}</p>
      <div class="card">
        <h2>{p.current ? '改为联系' : '安排联系'}</h2>
        <AssignForm j={p.j} repId={p.rep.id} options={p.options} today={p.today} failed={p.failed} label="区人大代表" back="rep" />
        {p.current && <p class="hint">原联系在开始日期当天结束，记录保留。</p>}
      </div>
      {p.current && (
        <form method="post" action={`${base}/${p.rep.id}/end`} class="stack card" novalidate>
          <h2>结束联系（暂不安排他人）</h2>
          <FormError errors={endFailed?.errors} />
          <Field name="toDate" label="结束日期" type="date" value={endFailed?.values.toDate ?? p.today} error={endFailed?.errors.toDate} required />
          <button type="submit" class="danger">结束联系</button>
        </form>
      )}
      <h2>记录</h2>
      <ul>{p.history.map((l) => <li>{l.districtRep}：{l.fromDate} 起{l.toDate ? `，至 ${l.toDate}` : '（现联系）'}</li>)}</ul>
      <p><a href={base}>返回联系总览</a></p>
    </DelibFrame>
  );
}
