import { html } from 'hono/html';
import type { Scope } from '../../src/data/users';
import { USERNAME_HINT } from '../../src/domain/account';
import { ROLE_LABELS, type Role } from '../../src/domain/authz';
import { Field, FormError, Pagination, PostButton, SelectField, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime } from '../components/format';
import { ChoiceGroup } from '../screening/ChoiceGroup';

export type Options = [string, string][];

/** One place a search named: the administrator picks it among the others. */
export interface PlaceMatch { id: number; code: string; name: string; kind: string; active: boolean }

/** The grant form's place: a list to choose from, or a search by code or name with what it found. */
export type PlacePicker = { options: Options } | { matches: PlaceMatch[]; moreMatches: boolean };

export interface UserRow {
  id: number; username: string; displayName: string; active: boolean;
  roles: { role: Role; name: string }[];
}

export interface UserFilters { q?: string; role?: Role; jurisdictionId?: number; page: number }

const ROLE_SCOPE_HINT = '区级管理员设在区/县；人大工作人员、人大代表设在镇/乡或街道；议事代表只设在街道；承办单位、监督小组成员设在区/县或镇街';

/**
 * One account as a table row, from a template rather than elements: a page lists fifty, and building each cell as an
 * element cost more than reading them.
 */
function userRow(u: UserRow) {
  const roles = u.roles.length === 0 ? html`<span class="muted">未分配</span>` : u.roles.map((r) => `${r.name} · ${ROLE_LABELS[r.role]}`).join('；');
  const badge = u.active ? html`<span class="badge ok">启用</span>` : html`<span class="badge off">已停用</span>`;
  return html`<tr><td data-label="用户名">${u.username}</td><td data-label="姓名">${u.displayName}</td><td data-label="角色">${roles}</td><td data-label="状态">${badge}</td><td><a href="/admin/users/${String(u.id)}">编辑<span class="sr-only"> ${u.displayName}</span></a></td></tr>`;
}

function ActiveBadge(p: { active: boolean }) {
  return p.active ? <span class="badge ok">启用</span> : <span class="badge off">已停用</span>;
}

export function UserListPage(p: {
  rows: UserRow[]; total: number; page: number; pageSize: number; filters: UserFilters;
  roleOptions: Options; jurisdictionOptions?: Options; pageHref: (page: number) => string;
}) {
  const f = p.filters;
  return (
    <section>
      <h1>用户管理</h1>
      <div class="actions"><a class="button" href="/admin/users/new">新增用户</a></div>
      <form method="get" action="/admin/users" class="filters" role="search">
        <Field name="q" label="姓名、用户名或辖区" type="search" value={f.q} maxlength={64} hint="辖区可输入名称或代码" />
        <SelectField name="role" label="角色" options={p.roleOptions} value={f.role ?? ''} blank="全部角色" />
        {p.jurisdictionOptions ? (
          <SelectField name="jurisdictionId" label="辖区" options={p.jurisdictionOptions}
            value={f.jurisdictionId ? String(f.jurisdictionId) : ''} blank="全部辖区" />
        ) : f.jurisdictionId ? <input type="hidden" name="jurisdictionId" value={String(f.jurisdictionId)} /> : null}
        <div class="field"><button type="submit">筛选</button></div>
      </form>
      <p class="muted">共 {p.total} 个用户</p>
      {p.rows.length === 0 ? <p class="muted">没有符合条件的用户。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>状态</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>{p.rows.map(userRow)}</tbody>
        </table></div>
      )}
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} href={p.pageHref} />
    </section>
  );
}

/**
 * The place of a role: a <select> for a small district; otherwise a code-or-name field whose matches come back with
 * the form (a plain POST), or, with scripts, from the page itself as the administrator types (`lookup` is its URL).
 */
function PlaceField(p: { places: PlacePicker; values?: FormValues; errors?: FieldErrors; optional?: boolean; lookup: string }) {
  if ('options' in p.places) {
    return (
      <SelectField name="jurisdictionId" label="所在辖区" options={p.places.options} value={p.values?.jurisdictionId}
        error={p.errors?.jurisdictionId ?? p.errors?.jurisdiction} blank="请选择" required={!p.optional} />
    );
  }
  const { matches, moreMatches } = p.places;
  const text = p.values?.jurisdiction ?? '';
  return (
    <div hx-get={p.lookup} hx-trigger="input changed delay:400ms from:#f-jurisdiction" hx-include="#f-jurisdiction"
      hx-target="#place-matches" hx-select="#place-matches" hx-swap="outerHTML" hx-push-url="false">
      <Field name="jurisdiction" label="所在辖区（代码或名称）" value={text} error={p.errors?.jurisdiction ?? p.errors?.jurisdictionId}
        required={!p.optional} autocomplete="off" hint="输入辖区代码（如 HT）或名称中的字；符合的辖区不止一个时，在下面选择" />
      <div id="place-matches">
        {matches.length > 0 && (
          <ChoiceGroup name="jurisdictionId" type="radio" legend={`符合“${text}”的辖区`} checked={[]}
            hint={moreMatches ? `只列出前 ${matches.length} 个，请输入更完整的名称或代码` : undefined}
            options={matches.map((m) => ({ value: String(m.id), label: `${m.name}（${m.code}）`, hint: `${m.kind}${m.active ? '' : '，已停用'}` }))} />
        )}
      </div>
    </div>
  );
}

function RoleFields(p: { roleOptions: Options; places: PlacePicker; values?: FormValues; errors?: FieldErrors; optional?: boolean; lookup: string }) {
  return (
    <>
      <SelectField name="role" label="角色" options={p.roleOptions} value={p.values?.role} error={p.errors?.role}
        blank={p.optional ? '暂不分配' : '请选择'} required={!p.optional} hint={ROLE_SCOPE_HINT} />
      <PlaceField places={p.places} values={p.values} errors={p.errors} optional={p.optional} lookup={p.lookup} />
    </>
  );
}

export function UserNewPage(p: { roleOptions: Options; places: PlacePicker; values?: FormValues; errors?: FieldErrors }) {
  return (
    <section>
      <p class="muted"><a href="/admin/users">用户管理</a></p>
      <h1>新增用户</h1>
      <form method="post" action="/admin/users/new" class="stack" novalidate>
        <FormError errors={p.errors} />
        <Field name="username" label="用户名" value={p.values?.username} error={p.errors?.username} required
          autocomplete="off" maxlength={32} hint={USERNAME_HINT} />
        <Field name="displayName" label="姓名" value={p.values?.displayName} error={p.errors?.displayName} required maxlength={40} />
        <Field name="password" label="初始密码" type="password" error={p.errors?.password} required autocomplete="new-password"
          hint="至少 8 位；请当面或电话告知本人。本人首次登录时须设置自己的新密码" />
        <h2>首个角色（可选）</h2>
        <RoleFields roleOptions={p.roleOptions} places={p.places} values={p.values} errors={p.errors} optional lookup="/admin/users/new" />
        <button type="submit">创建用户</button>
      </form>
    </section>
  );
}

export interface EditUser { id: number; username: string; displayName: string; active: boolean; mustChangePassword: boolean; createdAt: Date }

export interface UserEditForms {
  profile?: FieldErrors; role?: FieldErrors; password?: FieldErrors; active?: FieldErrors; roles?: FieldErrors;
}

export function UserEditPage(p: {
  user: EditUser; scopes: Scope[]; isSelf: boolean; roleOptions: Options; places: PlacePicker; loginFailures: number;
  values?: { profile?: FormValues; role?: FormValues }; errors?: UserEditForms;
}) {
  const u = p.user;
  const base = `/admin/users/${u.id}`;
  return (
    <section>
      <p class="muted"><a href="/admin/users">用户管理</a></p>
      <h1>{u.displayName} <ActiveBadge active={u.active} />{u.mustChangePassword && u.active && <> <span class="badge">待本人设置新密码</span></>}</h1>
      <p class="muted">用户名 {u.username} · 创建于 {fmtDateTime(u.createdAt)}</p>

      <form method="post" action={base} class="stack card" novalidate>
        <h2>基本信息</h2>
        <FormError errors={p.errors?.profile} />
        <Field name="displayName" label="姓名" value={p.values?.profile?.displayName ?? u.displayName}
          error={p.errors?.profile?.displayName} required maxlength={40} />
        <button type="submit">保存</button>
      </form>

      <h2>角色</h2>
      <FormError errors={p.errors?.roles} />
      {p.scopes.length === 0 ? <p class="muted">尚未分配角色，该用户登录后无法办理任何事项。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>角色</th><th>辖区</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            {p.scopes.map((s) => (
              <tr>
                <td data-label="角色">{ROLE_LABELS[s.role]}</td>
                <td data-label="辖区">{s.name}（{s.code}）</td>
                <td>
                  {p.isSelf && s.role === 'districtAdmin' ? <span class="muted">不能移除自己的管理员角色</span> : (
                    <PostButton action={`${base}/roles/${s.id}/delete`} label="移除" class="small danger"
                      confirm={`确定移除“${s.name} · ${ROLE_LABELS[s.role]}”吗？`} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <form method="post" action={`${base}/roles`} class="stack card" novalidate>
        <h3>添加角色</h3>
        <FormError errors={p.errors?.role} />
        <RoleFields roleOptions={p.roleOptions} places={p.places} values={p.values?.role} errors={p.errors?.role} lookup={base} />
        <button type="submit">添加</button>
      </form>

      <div class="card">
        <h2>重置密码</h2>
        {p.isSelf ? <p class="muted">修改自己的密码请到<a href="/account/password">修改密码</a>页面。</p> : (
          <form method="post" action={`${base}/password`} class="stack" novalidate>
            <FormError errors={p.errors?.password} />
            <Field name="password" label="新密码" type="password" error={p.errors?.password?.password} required
              autocomplete="new-password" hint="至少 8 位；重置后该用户在所有设备上退出登录，再次登录时须设置自己的新密码" />
            <button type="submit">重置密码</button>
          </form>
        )}
      </div>

      {p.loginFailures > 0 && (
        <div class="card">
          <h2>登录限制</h2>
          <p>该账号最近连续登录失败 {p.loginFailures} 次，新设备上的登录需要等待。本人在以前登录过的设备上输入正确密码不受影响。
            确认是本人后可立即解除。</p>
          <PostButton action={`${base}/unlock`} label="解除登录限制" />
        </div>
      )}

      <div class="card">
        <h2>账号状态</h2>
        <FormError errors={p.errors?.active && { _form: p.errors.active._form ?? p.errors.active.active ?? '请求有误' }} />
        {u.active ? (
          p.isSelf ? <p class="muted">不能停用自己的账号。</p> : (
            <>
              <p>停用后该用户立即退出登录，且无法再登录；历史记录保留。</p>
              <PostButton action={`${base}/active`} label="停用账号" class="danger" fields={{ active: '0' }}
                confirm={`确定停用“${u.displayName}”的账号吗？`} />
            </>
          )
        ) : (
          <>
            <p>该账号已停用。</p>
            <PostButton action={`${base}/active`} label="重新启用" fields={{ active: '1' }} />
          </>
        )}
      </div>
    </section>
  );
}
