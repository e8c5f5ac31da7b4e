import { EmblemForm } from './EmblemForm';
import type { Jurisdiction, TreeNode } from '../../src/data/jurisdictions';
import { CHILD_KINDS, KIND_LABELS } from '../../src/data/jurisdictions';
import type { Station } from '../../src/data/stations';
import { STATION_LABELS } from '../../src/data/stations';
import { STATION_KINDS } from '../../src/domain/vocabulary';
import { Field, FormError, PostButton, SelectField, type FieldErrors, type FormValues } from '../components/form';

const CODE_HINT = '2–12 位字母或数字（自动转为大写），全区唯一，用于网址（/j/代码）；修改后旧网址失效';
const STATION_CODE_HINT = '2–16 位小写字母、数字或连字符（-），全区唯一';
const stationKindOptions: [string, string][] = STATION_KINDS.map((k) => [k, STATION_LABELS[k]]);

function ActiveBadge(p: { active: boolean }) {
  return p.active ? null : <span class="badge off">已停用</span>;
}

function TreeItems(p: { nodes: TreeNode[] }) {
  return (
    <ul class="tree">
      {p.nodes.map((n) => (
        <li>
          <a href={`/admin/jurisdictions/${n.id}`}>{n.name}</a>{' '}
          <span class="badge">{KIND_LABELS[n.kind]}</span>{' '}
          <code>{n.code}</code> <ActiveBadge active={n.active} />
          {n.active && CHILD_KINDS[n.kind].length > 0 && (
            <> · <a href={`/admin/jurisdictions/new?parent=${n.id}`}>新增下级<span class="sr-only">（{n.name}）</span></a></>
          )}
          {n.children.length > 0 && <TreeItems nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export function JurisdictionTreePage(p: { roots: TreeNode[] }) {
  return (
    <section>
      <h1>辖区管理</h1>
      <p class="muted">区/县 → 镇/乡、街道 → 村、社区。点击名称修改辖区信息、启用或停用，并管理代表之家、联络站和联系点。</p>
      {p.roots.length === 0 ? <p class="muted">还没有辖区。</p> : <TreeItems nodes={p.roots} />}
    </section>
  );
}

function Breadcrumb(p: { parent?: Jurisdiction; self?: Jurisdiction }) {
  return (
    <p class="muted">
      <a href="/admin/jurisdictions">辖区管理</a>
      {p.parent && <> › <a href={`/admin/jurisdictions/${p.parent.id}`}>{p.parent.name}</a></>}
      {p.self && <> › <a href={`/admin/jurisdictions/${p.self.id}`}>{p.self.name}</a></>}
    </p>
  );
}

export function JurisdictionNewPage(p: { parent: Jurisdiction; values?: FormValues; errors?: FieldErrors }) {
  const kinds = CHILD_KINDS[p.parent.kind];
  return (
    <section>
      <Breadcrumb parent={p.parent} />
      <h1>在{p.parent.name}下新增辖区</h1>
      {kinds.length === 0 || !p.parent.active ? (
        <p class="error banner" role="alert">
          {p.parent.active ? `${KIND_LABELS[p.parent.kind]}下不再设下级辖区。` : '上级辖区已停用，不能新增下级辖区。'}
        </p>
      ) : (
        <form method="post" action={`/admin/jurisdictions/new?parent=${p.parent.id}`} class="stack" novalidate>
          <FormError errors={p.errors} />
          <SelectField name="kind" label="类别" options={kinds.map((k) => [k, KIND_LABELS[k]])}
            value={p.values?.kind ?? kinds[0]} error={p.errors?.kind} required />
          <Field name="name" label="名称" value={p.values?.name} error={p.errors?.name} required maxlength={40} />
          <Field name="code" label="代码" value={p.values?.code} error={p.errors?.code} required maxlength={12} hint={CODE_HINT} />
          <button type="submit">创建</button>
        </form>
      )}
    </section>
  );
}

/** Station fields are prefixed: they share a page with the jurisdiction's own name field. */
function StationFields(p: { values?: FormValues; errors?: FieldErrors; withActive?: boolean }) {
  return (
    <>
      <SelectField name="stationKind" label="类型" options={stationKindOptions} value={p.values?.stationKind}
        error={p.errors?.stationKind} blank="请选择" required />
      <Field name="stationName" label="名称" value={p.values?.stationName} error={p.errors?.stationName} required maxlength={60} />
      <Field name="stationAddress" label="地址" value={p.values?.stationAddress} error={p.errors?.stationAddress} maxlength={200} />
      <Field name="stationHours" label="开放时间" value={p.values?.stationHours} error={p.errors?.stationHours} maxlength={100}
        hint="如：周一至周五 9:00–12:00，14:00–17:00；显示在群众门户的站点查找页" />
      <Field name="stationCode" label="简码" value={p.values?.stationCode} error={p.errors?.stationCode} required maxlength={16}
        hint={STATION_CODE_HINT} />
      {p.withActive && (
        <SelectField name="stationActive" label="状态" options={[['1', '启用'], ['0', '停用']]} value={p.values?.stationActive}
          error={p.errors?.stationActive} required />
      )}
    </>
  );
}

export interface JurisdictionEditForms { jurisdiction?: FieldErrors; station?: FieldErrors; active?: FieldErrors; emblem?: FieldErrors }

export function JurisdictionEditPage(p: {
  // Not `children`: hono/jsx treats that prop as JSX children and unwraps a one-element array.
  j: Jurisdiction; parent?: Jurisdiction; below: Jurisdiction[]; stations: Station[];
  values?: { jurisdiction?: FormValues; station?: FormValues }; errors?: JurisdictionEditForms;
  emblem?: number;
}) {
  const { j } = p;
  const base = `/admin/jurisdictions/${j.id}`;
  const jv = p.values?.jurisdiction ?? { name: j.name, code: j.code };
  return (
    <section>
      <Breadcrumb parent={p.parent} />
      <h1>{j.name} <span class="badge">{KIND_LABELS[j.kind]}</span> <ActiveBadge active={j.active} /></h1>

      <form method="post" action={base} class="stack card" novalidate>
        <h2>辖区信息</h2>
        <FormError errors={p.errors?.jurisdiction} />
        <Field name="name" label="名称" value={jv.name} error={p.errors?.jurisdiction?.name} required maxlength={40} />
        <Field name="code" label="代码" value={jv.code} error={p.errors?.jurisdiction?.code} required maxlength={12} hint={CODE_HINT} />
        <button type="submit">保存</button>
      </form>

      {(j.kind === 'township' || j.kind === 'subdistrict') && <EmblemForm j={j} version={p.emblem} errors={p.errors?.emblem} />}

      <div class="card">
        <h2>状态</h2>
        <FormError errors={p.errors?.active && { _form: p.errors.active._form ?? p.errors.active.active ?? '请求有误' }} />
        {j.active ? (
          <>
            <p>停用后该辖区不再出现在公众首页，也不能再分配角色；历史记录保留。须先停用其下级辖区。</p>
            <PostButton action={`${base}/active`} label="停用辖区" class="danger" fields={{ active: '0' }} confirm={`确定停用“${j.name}”吗？`} />
          </>
        ) : (
          <>
            <p>该辖区已停用。</p>
            <PostButton action={`${base}/active`} label="重新启用" fields={{ active: '1' }} />
          </>
        )}
      </div>

      {CHILD_KINDS[j.kind].length > 0 && (
        <>
          <h2>下级辖区（{p.below.length}）</h2>
          {p.below.length === 0 ? <p class="muted">暂无。</p> : (
            <ul>
              {p.below.map((ch) => (
                <li><a href={`/admin/jurisdictions/${ch.id}`}>{ch.name}</a> <span class="badge">{KIND_LABELS[ch.kind]}</span> <ActiveBadge active={ch.active} /></li>
              ))}
            </ul>
          )}
          {j.active && <div class="actions"><a class="button secondary" href={`/admin/jurisdictions/new?parent=${j.id}`}>新增下级辖区</a></div>}
        </>
      )}

      <h2>代表之家/联络站/联系点（{p.stations.length}）</h2>
      {p.stations.length === 0 ? <p class="muted">暂无。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>名称</th><th>类型</th><th>地址</th><th>简码</th><th>状态</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            {p.stations.map((s) => (
              <tr>
                <td data-label="名称">{s.name}</td>
                <td data-label="类型">{STATION_LABELS[s.kind]}</td>
                <td data-label="地址">{s.address || <span class="muted">未填</span>}</td>
                <td data-label="简码"><code>{s.shortCode}</code></td>
                <td data-label="状态">{s.active ? <span class="badge ok">启用</span> : <span class="badge off">已停用</span>}</td>
                <td><a href={`${base}/stations/${s.id}`}>编辑<span class="sr-only"> {s.name}</span></a></td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <form method="post" action={`${base}/stations`} class="stack card" novalidate>
        <h3>新增站点</h3>
        <FormError errors={p.errors?.station} />
        <StationFields values={p.values?.station} errors={p.errors?.station} />
        <button type="submit">新增</button>
      </form>
    </section>
  );
}

export function StationEditPage(p: { j: Jurisdiction; station: Station; values?: FormValues; errors?: FieldErrors }) {
  const s = p.station;
  const values = p.values ?? {
    stationKind: s.kind, stationName: s.name, stationAddress: s.address, stationHours: s.openingHours, stationCode: s.shortCode, stationActive: s.active ? '1' : '0',
  };
  return (
    <section>
      <Breadcrumb self={p.j} />
      <h1>编辑站点：{s.name}</h1>
      <form method="post" action={`/admin/jurisdictions/${p.j.id}/stations/${s.id}`} class="stack" novalidate>
        <FormError errors={p.errors} />
        <StationFields values={values} errors={p.errors} withActive />
        <button type="submit">保存</button>
      </form>
    </section>
  );
}
