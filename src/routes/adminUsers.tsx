import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { UserEditPage, UserListPage, UserNewPage, type Options, type UserEditForms } from '../../views/admin/UserPages';
import { actorOf, authorize, can, notFound } from '../auth/authorize';
import { hashPassword } from '../auth/password';
import { districtRoot } from '../data/jurisdictionAdmin';
import { flattenTree, getJurisdiction, jurisdictionTree, KIND_LABELS } from '../data/jurisdictions';
import {
  addRole, createAccount, getUser, listUsers, removeRole, resetPassword, scopesOf, setUserActive, updateUser,
  type User,
} from '../data/users';
import { ROLE_LABELS, ROLES } from '../domain/authz';
import { ROLE_TAKEN, roleScopeError, selfChangeError } from '../domain/roleScope';
import type { AppEnv, CurrentUser } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { newPassword } from './auth';

const PAGE_SIZE = 50;

// An empty <select> or search box sends "": that means "not chosen", not an invalid value.
const blank = (v: unknown) => (v === '' ? undefined : v);

const listQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: z.preprocess(blank, z.enum(ROLES).optional()),
  jurisdictionId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
});

const jurisdictionChoice = z.preprocess(blank, z.coerce.number({ error: '请选择所在辖区' }).int().positive('请选择所在辖区'));

const newUserForm = z.object({
  username: z.string().trim()
    .min(3, '用户名至少 3 个字符').max(32, '用户名不能超过 32 个字符')
    .regex(/^[a-z0-9._-]+$/, '用户名只能使用小写字母、数字、点（.）、下划线（_）和连字符（-）'),
  displayName: trimmed(40, '请填写姓名'),
  password: newPassword,
  role: z.preprocess(blank, z.enum(ROLES, { error: '请选择角色' }).optional()),
  jurisdictionId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
}).refine((f) => !f.role || f.jurisdictionId !== undefined, { path: ['jurisdictionId'], message: '请选择角色所在辖区' });

const profileForm = z.object({ displayName: trimmed(40, '请填写姓名') });
const roleForm = z.object({ role: z.enum(ROLES, { error: '请选择角色' }), jurisdictionId: jurisdictionChoice });
const passwordForm = z.object({ password: newPassword });
const activeForm = z.object({ active: z.enum(['0', '1'], { error: '请选择启用或停用' }) });

/** User accounts are district-wide: only the district's administrator manages them. */
function admin(c: Context<AppEnv>): CurrentUser {
  return authorize(c, 'admin.users', districtRoot(c.get('db'))?.id ?? 0);
}

const roleOptions = (): Options => ROLES.map((r) => [r, ROLE_LABELS[r]]);

/** Every jurisdiction, indented by depth; for granting, only active ones this admin covers. */
function jurisdictionOptions(c: Context<AppEnv>, forGrant: boolean): Options {
  return flattenTree(jurisdictionTree(c.get('db')))
    .filter((j) => !forGrant || (j.active && can(c, 'admin.users', j.id)))
    .map((j) => [String(j.id), `${'　'.repeat(j.depth)}${j.name}（${KIND_LABELS[j.kind]}）${j.active ? '' : '（已停用）'}`]);
}

function newPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  return c.render(
    <UserNewPage roleOptions={roleOptions()} jurisdictionOptions={jurisdictionOptions(c, true)}
      values={values && { ...values, password: undefined }} errors={errors} />,
    { title: '新增用户' },
  );
}

function userParam(c: Context<AppEnv>): User {
  return getUser(c.get('db'), Number(c.req.param('id'))) ?? notFound();
}

function editPage(c: Context<AppEnv>, values?: { profile?: FormValues; role?: FormValues }, errors?: UserEditForms) {
  const me = admin(c);
  const u = userParam(c);
  return c.render(
    <UserEditPage user={u} scopes={scopesOf(c.get('db'), u.id)} isSelf={me.id === u.id}
      roleOptions={roleOptions()} jurisdictionOptions={jurisdictionOptions(c, true)} values={values} errors={errors} />,
    { title: `编辑用户 ${u.displayName}` },
  );
}

function refused(c: Context<AppEnv>, values: { profile?: FormValues; role?: FormValues } | undefined, errors: UserEditForms) {
  c.status(422);
  return editPage(c, values, errors);
}

export const adminUsers = new Hono<AppEnv>()
  .get('/admin/users', validQuery(listQuery), (c) => {
    admin(c);
    const q = c.req.valid('query');
    const filters = { q: q.q || undefined, role: q.role, jurisdictionId: q.jurisdictionId, page: q.page };
    const { total, rows } = listUsers(c.get('db'), { ...filters, pageSize: PAGE_SIZE });
    const pageHref = (page: number) => {
      const params = new URLSearchParams();
      if (filters.q) params.set('q', filters.q);
      if (filters.role) params.set('role', filters.role);
      if (filters.jurisdictionId) params.set('jurisdictionId', String(filters.jurisdictionId));
      params.set('page', String(page));
      return `/admin/users?${params}`;
    };
    return c.render(
      <UserListPage rows={rows} total={total} page={q.page} pageSize={PAGE_SIZE} filters={filters}
        roleOptions={roleOptions()} jurisdictionOptions={jurisdictionOptions(c, false)} pageHref={pageHref} />,
      { title: '用户管理' },
    );
  })
  .get('/admin/users/new', (c) => {
    admin(c);
    return newPage(c);
  })
  .post('/admin/users/new',
    validForm(newUserForm, (c, values, errors) => {
      admin(c);
      return newPage(c, values, errors);
    }),
    async (c) => {
      admin(c);
      const db = c.get('db');
      const f = c.req.valid('form');
      const values: FormValues = {
        username: f.username, displayName: f.displayName, role: f.role ?? '', jurisdictionId: f.jurisdictionId ? String(f.jurisdictionId) : '',
      };
      const first = f.role && f.jurisdictionId !== undefined ? { role: f.role, jurisdictionId: f.jurisdictionId } : undefined;
      if (first) {
        const scopeError = roleScopeError(first.role, getJurisdiction(db, first.jurisdictionId));
        if (scopeError || !can(c, 'admin.users', first.jurisdictionId)) {
          c.status(422);
          return newPage(c, values, { jurisdictionId: scopeError ?? '只能在本区范围内分配角色' });
        }
      }
      const passwordHash = await hashPassword(f.password);
      const result = createAccount(db, actorOf(c), { username: f.username, displayName: f.displayName, passwordHash }, first, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return newPage(c, values, { [result.field]: result.error });
      }
      flash(c, `已创建用户 ${result.value.displayName}（${result.value.username}），请将初始密码告知本人`);
      return c.redirect(`/admin/users/${result.value.id}`, 303);
    })
  .get('/admin/users/:id{[0-9]+}', (c) => editPage(c))
  .post('/admin/users/:id{[0-9]+}',
    validForm(profileForm, (c, values, errors) => editPage(c, { profile: values }, { profile: errors })),
    (c) => {
      admin(c);
      const u = userParam(c);
      const { displayName } = c.req.valid('form');
      updateUser(c.get('db'), actorOf(c), u.id, { displayName }, c.get('now')());
      flash(c, '已保存');
      return c.redirect(`/admin/users/${u.id}`, 303);
    })
  .post('/admin/users/:id{[0-9]+}/roles',
    validForm(roleForm, (c, values, errors) => editPage(c, { role: values }, { role: errors })),
    (c) => {
      admin(c);
      const u = userParam(c);
      const db = c.get('db');
      const { role, jurisdictionId } = c.req.valid('form');
      const values = { role: { role, jurisdictionId: String(jurisdictionId) } };
      const j = getJurisdiction(db, jurisdictionId);
      const scopeError = roleScopeError(role, j);
      if (scopeError || !j) return refused(c, values, { role: { jurisdictionId: scopeError ?? '所选辖区不存在' } });
      if (!can(c, 'admin.users', j.id)) return refused(c, values, { role: { jurisdictionId: '只能在本区范围内分配角色' } });
      if (!addRole(db, actorOf(c), u.id, role, j.id, c.get('now')())) return refused(c, values, { role: { _form: ROLE_TAKEN } });
      flash(c, `已为 ${u.displayName} 添加角色：${j.name} · ${ROLE_LABELS[role]}`);
      return c.redirect(`/admin/users/${u.id}`, 303);
    })
  .post('/admin/users/:id{[0-9]+}/roles/:assignmentId{[0-9]+}/delete', (c) => {
    const me = admin(c);
    const u = userParam(c);
    const db = c.get('db');
    const scope = scopesOf(db, u.id).find((s) => s.id === Number(c.req.param('assignmentId'))) ?? notFound();
    const selfError = scope.role === 'districtAdmin' ? selfChangeError('removeAdminRole', me.id, u.id) : null;
    if (selfError) return refused(c, undefined, { roles: { _form: selfError } });
    authorize(c, 'admin.users', scope.jurisdictionId);
    removeRole(db, actorOf(c), u.id, scope.id, c.get('now')());
    flash(c, `已移除 ${u.displayName} 的角色：${scope.name} · ${ROLE_LABELS[scope.role]}`);
    return c.redirect(`/admin/users/${u.id}`, 303);
  })
  .post('/admin/users/:id{[0-9]+}/active',
    validForm(activeForm, (c, _values, errors) => editPage(c, undefined, { active: { _form: errors.active ?? '请求有误' } })),
    (c) => {
      const me = admin(c);
      const u = userParam(c);
      const active = c.req.valid('form').active === '1';
      const selfError = active ? null : selfChangeError('deactivate', me.id, u.id);
      if (selfError) return refused(c, undefined, { active: { _form: selfError } });
      setUserActive(c.get('db'), actorOf(c), u.id, active, c.get('now')());
      flash(c, active ? `已重新启用 ${u.displayName} 的账号` : `已停用 ${u.displayName} 的账号，其所有登录已立即失效`);
      return c.redirect(`/admin/users/${u.id}`, 303);
    })
  .post('/admin/users/:id{[0-9]+}/password',
    validForm(passwordForm, (c, _values, errors) => editPage(c, undefined, { password: errors })),
    async (c) => {
      const me = admin(c);
      const u = userParam(c);
      const selfError = selfChangeError('resetPassword', me.id, u.id);
      if (selfError) return refused(c, undefined, { password: { _form: selfError } });
      const passwordHash = await hashPassword(c.req.valid('form').password);
      resetPassword(c.get('db'), actorOf(c), u.id, passwordHash, c.get('now')());
      flash(c, `已重置 ${u.displayName} 的密码，其所有登录已失效；请将新密码告知本人`);
      return c.redirect(`/admin/users/${u.id}`, 303);
    });
