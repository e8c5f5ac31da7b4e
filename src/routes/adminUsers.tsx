import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { UserEditPage, UserListPage, UserNewPage, type Options, type UserEditForms } from '../../views/admin/UserPages';
import { allowAnywhere, can, forbidden, requireLogin, userActor } from '../auth/authorize';
import { hashPassword } from '../auth/password';
import { flattenTree, jurisdictionTree, KIND_LABELS } from '../data/jurisdictions';
import { failuresOf, unlockAccount } from '../data/loginThrottle';
import {
  createAccount, grantRole, jurisdictionsWithRoles, listUsers, removeRole, resetPassword, roleAssignmentOf, scopesOf, setUserActive, updateUser, type Reach,
} from '../data/users';
import { newPasswordSchema, usernameSchema } from '../domain/account';
import { ROLE_LABELS, ROLES } from '../domain/authz';
import { refuse } from '../domain/result';
import { selfChangeError } from '../domain/roleScope';
import type { AppEnv } from '../env';
import { refused, type Page } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { ManagedUserEnv } from '../http/subjects/admin';
import { idParam, notFound } from '../http/subjects/jurisdiction';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';
import { publicOrigin } from '../http/publicUrl';

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
  username: usernameSchema,
  displayName: trimmed(40, '请填写姓名'),
  password: newPasswordSchema,
  role: z.preprocess(blank, z.enum(ROLES, { error: '请选择角色' }).optional()),
  jurisdictionId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
}).refine((f) => !f.role || f.jurisdictionId !== undefined, { path: ['jurisdictionId'], message: '请选择角色所在辖区' });

const profileForm = z.object({ displayName: trimmed(40, '请填写姓名') });
const roleForm = z.object({ role: z.enum(ROLES, { error: '请选择角色' }), jurisdictionId: jurisdictionChoice });
const passwordForm = z.object({ password: newPasswordSchema });
const activeForm = z.object({ active: z.enum(['0', '1'], { error: '请选择启用或停用' }) });

type UC = Context<ManagedUserEnv>;

const roleOptions = (): Options => ROLES.map((r) => [r, ROLE_LABELS[r]]);

/** Where this administrator may grant roles: their district and what lies below it. */
const reachOf = <E extends AppEnv>(c: Context<E>): Reach => (jurisdictionId) => can(c, 'admin.users', jurisdictionId);

/**
 * Jurisdictions indented by depth; for granting, only active ones this admin covers; for filtering the list, only
 * those where someone holds a role (a province has thousands of villages nobody is assigned to).
 */
function jurisdictionOptions<E extends AppEnv>(c: Context<E>, forGrant: boolean): Options {
  const staffed = forGrant ? undefined : jurisdictionsWithRoles(c.var.db);
  return flattenTree(jurisdictionTree(c.var.db))
    .filter((j) => (forGrant ? j.active && can(c, 'admin.users', j.id) : staffed!.has(j.id)))
    .map((j) => [String(j.id), `${'　'.repeat(j.depth)}${j.name}（${KIND_LABELS[j.kind]}）${j.active ? '' : '（已停用）'}`]);
}

function newPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  return c.render(
    <UserNewPage roleOptions={roleOptions()} jurisdictionOptions={jurisdictionOptions(c, true)}
      values={values && { ...values, password: undefined }} errors={errors} />,
    { title: '新增用户' },
  );
}

/** One page, several forms: values and errors go back to the form they came from (never a password). */
function userPageFor(form: keyof UserEditForms): Page<ManagedUserEnv> {
  return (c: UC, values?: FormValues, errors?: FieldErrors) => {
    const u = c.var.managedUser;
    const kept = form === 'profile' || form === 'role' ? { [form]: values } : undefined;
    return c.render(
      <UserEditPage user={u} scopes={scopesOf(c.var.db, u.id)} isSelf={requireLogin(c).id === u.id} loginFailures={failuresOf(c.var.db, u.username)}
        roleOptions={roleOptions()} jurisdictionOptions={jurisdictionOptions(c, true)}
        values={kept} errors={errors && { [form]: errors }} />,
      { title: `编辑用户 ${u.displayName}` },
    );
  };
}
const userPage = userPageFor('profile');

/** /admin/users — the district's accounts: list, search, create. */
export const adminUsers = new Hono<AppEnv>()
  .get('/', allowAnywhere('admin.users'), validQuery(listQuery), (c) => {
    const q = c.req.valid('query');
    const filters = { q: q.q || undefined, role: q.role, jurisdictionId: q.jurisdictionId, page: q.page };
    const { total, rows } = listUsers(c.var.db, { ...filters, pageSize: PAGE_SIZE });
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
  .get('/new', allowAnywhere('admin.users'), (c) => newPage(c))
  .post('/new', allowAnywhere('admin.users'), validForm(newUserForm, newPage), async (c) => {
    const f = c.req.valid('form');
    const values = { username: f.username, displayName: f.displayName, role: f.role ?? '', jurisdictionId: f.jurisdictionId ? String(f.jurisdictionId) : '' };
    const first = f.role && f.jurisdictionId !== undefined ? { role: f.role, jurisdictionId: f.jurisdictionId } : undefined;
    // The administrator chose this password: the owner chooses their own at first login.
    const input = { username: f.username, displayName: f.displayName, passwordHash: await hashPassword(f.password), mustChangePassword: true };
    const r = createAccount(c.var.db, userActor(c), input, first, c.var.now(), reachOf(c));
    if (!r.ok) return refused(c, r, newPage, values);
    return redirectWithFlash(c, `/admin/users/${r.value.id}`,
      `已创建用户 ${r.value.displayName}（${r.value.username}），请将初始密码和登录网址 ${publicOrigin(c)}/login 告知本人；本人首次登录时须设置新密码`);
  });

/** /admin/users/:userId — one account: profile, roles, password reset, active or not. */
export const adminUser = new Hono<ManagedUserEnv>()
  .get('/', allowAnywhere('admin.users'), (c) => userPage(c))
  .post('/', allowAnywhere('admin.users'), validForm(profileForm, userPageFor('profile')), (c) => {
    const u = c.var.managedUser;
    updateUser(c.var.db, userActor(c), u.id, c.req.valid('form'), c.var.now());
    return redirectWithFlash(c, `/admin/users/${u.id}`, '已保存');
  })
  .post('/roles', allowAnywhere('admin.users'), validForm(roleForm, userPageFor('role')), (c) => {
    const u = c.var.managedUser;
    const { role, jurisdictionId } = c.req.valid('form');
    const r = grantRole(c.var.db, userActor(c), u.id, role, jurisdictionId, c.var.now(), reachOf(c));
    if (!r.ok) return refused(c, r, userPageFor('role'), { role, jurisdictionId });
    return redirectWithFlash(c, `/admin/users/${u.id}`, `已为 ${u.displayName} 添加角色：${r.value.name} · ${ROLE_LABELS[role]}`);
  })
  .post('/roles/:assignmentId{[0-9]+}/delete', allowAnywhere('admin.users'), (c) => {
    const u = c.var.managedUser;
    const scope = roleAssignmentOf(c.var.db, u.id, idParam(c.req.param('assignmentId'))) ?? notFound();
    const selfError = scope.role === 'districtAdmin' ? selfChangeError('removeAdminRole', requireLogin(c).id, u.id) : null;
    if (selfError) return refused(c, refuse(selfError), userPageFor('roles'));
    if (!can(c, 'admin.users', scope.jurisdictionId)) forbidden();
    removeRole(c.var.db, userActor(c), u.id, scope.id, c.var.now());
    return redirectWithFlash(c, `/admin/users/${u.id}`, `已移除 ${u.displayName} 的角色：${scope.name} · ${ROLE_LABELS[scope.role]}`);
  })
  .post('/unlock', allowAnywhere('admin.users'), (c) => {
    const u = c.var.managedUser;
    unlockAccount(c.var.db, userActor(c), u, null, c.var.now());
    return redirectWithFlash(c, `/admin/users/${u.id}`, '已解除登录限制');
  })
  .post('/active', allowAnywhere('admin.users'), validForm(activeForm, userPageFor('active')), (c) => {
    const u = c.var.managedUser;
    const active = c.req.valid('form').active === '1';
    const selfError = active ? null : selfChangeError('deactivate', requireLogin(c).id, u.id);
    if (selfError) return refused(c, refuse(selfError), userPageFor('active'));
    setUserActive(c.var.db, userActor(c), u.id, active, c.var.now());
    return redirectWithFlash(c, `/admin/users/${u.id}`, active ? `已重新启用 ${u.displayName} 的账号` : `已停用 ${u.displayName} 的账号，其所有登录已立即失效`);
  })
  .post('/password', allowAnywhere('admin.users'), validForm(passwordForm, userPageFor('password')), async (c) => {
    const u = c.var.managedUser;
    const selfError = selfChangeError('resetPassword', requireLogin(c).id, u.id);
    if (selfError) return refused(c, refuse(selfError), userPageFor('password'));
    resetPassword(c.var.db, userActor(c), u.id, await hashPassword(c.req.valid('form').password), c.var.now());
    return redirectWithFlash(c, `/admin/users/${u.id}`, `已重置 ${u.displayName} 的密码，其所有登录已失效；请将新密码告知本人，本人登录后须设置新密码`);
  });
