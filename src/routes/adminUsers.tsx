import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { UserEditPage, UserListPage, UserNewPage, type Options, type PlacePicker, type UserEditForms } from '../../views/admin/UserPages';
import { allowAnywhere, can, forbidden, requireLogin, userActor } from '../auth/authorize';
import { hashPassword } from '../auth/password';
import { flattenTree, KIND_LABELS, type TreeNode } from '../data/jurisdictions';
import { chosenRolePlace, listedRolePlaces, MATCHES_SHOWN, rolePlaceMatches } from '../data/roleJurisdictions';
import { failuresOf, unlockAccount } from '../data/loginThrottle';
import {
  createAccount, grantRole, jurisdictionsWithRoles, listUsers, removeRole, resetPassword, roleAssignmentOf, scopesOf, setUserActive, updateUser, type Reach,
} from '../data/users';
import { newPasswordSchema, usernameSchema } from '../domain/account';
import { jurisdictionsFor, ROLE_LABELS, ROLES } from '../domain/authz';
import { refuse } from '../domain/result';
import { selfChangeError } from '../domain/roleScope';
import type { AppEnv } from '../env';
import { keptFragment } from '../http/keptFragment';
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

const placeText = z.string().trim().max(40, '不能超过40个字').optional();

const newUserForm = z.object({
  username: usernameSchema,
  displayName: trimmed(40, '请填写姓名'),
  password: newPasswordSchema,
  role: z.preprocess(blank, z.enum(ROLES, { error: '请选择角色' }).optional()),
  jurisdictionId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  jurisdiction: placeText,
}).refine((f) => !f.role || f.jurisdictionId !== undefined || !!f.jurisdiction, { path: ['jurisdictionId'], message: '请选择角色所在辖区' });

// A place typed into the grant form, looked up by the page itself (the form's matches, without posting it).
const lookupQuery = z.object({ jurisdiction: placeText });

const profileForm = z.object({ displayName: trimmed(40, '请填写姓名') });
const roleForm = z.object({
  role: z.enum(ROLES, { error: '请选择角色' }),
  jurisdictionId: z.preprocess(blank, z.coerce.number({ error: '请选择所在辖区' }).int().positive('请选择所在辖区').optional()),
  jurisdiction: placeText,
}).refine((f) => f.jurisdictionId !== undefined || !!f.jurisdiction, { path: ['jurisdictionId'], message: '请选择所在辖区' });
const passwordForm = z.object({ password: newPasswordSchema });
const activeForm = z.object({ active: z.enum(['0', '1'], { error: '请选择启用或停用' }) });

type UC = Context<ManagedUserEnv>;

const roleOptions = (): Options => ROLES.map((r) => [r, ROLE_LABELS[r]]);

/** The tops of the subtrees this administrator manages (their district). */
const adminRoots = <E extends AppEnv>(c: Context<E>) => jurisdictionsFor(requireLogin(c).assignments, 'admin.users');

/** Where this administrator may grant roles: their district and what lies below it. */
const reachOf = <E extends AppEnv>(c: Context<E>): Reach => (jurisdictionId) => can(c, 'admin.users', jurisdictionId);

const placeLabel = (j: TreeNode) => `${'　'.repeat(j.depth)}${j.name}（${KIND_LABELS[j.kind]}）${j.active ? '' : '（已停用）'}`;

/**
 * How the grant form names a place: a <select> of the active places under the district where a role may be held,
 * or, for a district too large to list, a code-or-name field with the matches of what was typed.
 */
function placePicker<E extends AppEnv>(c: Context<E>, values?: FormValues): PlacePicker {
  const db = c.var.db;
  const listed = listedRolePlaces(db, adminRoots(c));
  if (listed) return { options: flattenTree(listed).filter((j) => j.active).map((j) => [String(j.id), placeLabel(j)]) };
  const text = values?.jurisdiction?.trim();
  const matches = text && !values?.jurisdictionId ? rolePlaceMatches(db, adminRoots(c), text) : [];
  return {
    matches: matches.slice(0, MATCHES_SHOWN).map((j) => ({ id: j.id, code: j.code, name: j.name, kind: KIND_LABELS[j.kind], active: j.active })),
    moreMatches: matches.length > MATCHES_SHOWN,
  };
}

/**
 * The place the grant form named, or the refusal to show beside its field; a place outside the administrator's
 * district is forbidden outright (403), whichever way it was named.
 */
function chosenPlace<E extends AppEnv>(c: Context<E>, f: { jurisdictionId?: number; jurisdiction?: string }) {
  const r = chosenRolePlace(c.var.db, adminRoots(c), f);
  if (r.ok && r.value && !can(c, 'admin.users', r.value.id)) forbidden();
  return r;
}

/** The values a grant form gets back: the place as its code once it is known (the search field shows it). */
const placeValues = (f: { jurisdictionId?: number; jurisdiction?: string }, place?: { id: number; code: string }) =>
  place ? { jurisdictionId: String(place.id), jurisdiction: place.code } : { jurisdictionId: f.jurisdictionId ? String(f.jurisdictionId) : '', jurisdiction: f.jurisdiction ?? '' };

function newPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  return c.render(
    <UserNewPage roleOptions={roleOptions()} places={placePicker(c, values)}
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
        roleOptions={roleOptions()} places={placePicker(c, form === 'role' ? values : undefined)}
        values={kept} errors={errors && { [form]: errors }} />,
      { title: `编辑用户 ${u.displayName}` },
    );
  };
}
const userPage = userPageFor('profile');

/**
 * The jurisdictions to filter the list by: those under the district where someone holds a role, when the district
 * is small enough to list them (a larger one is filtered by typing a place's name or code into the search).
 */
function filterOptions<E extends AppEnv>(c: Context<E>): Options | undefined {
  const listed = listedRolePlaces(c.var.db, adminRoots(c));
  if (!listed) return undefined;
  const places = flattenTree(listed);
  const staffed = jurisdictionsWithRoles(c.var.db, places.map((j) => j.id));
  return places.filter((j) => staffed.has(j.id)).map((j) => [String(j.id), placeLabel(j)]);
}

/** /admin/users — the district's accounts: list, search, create. */
export const adminUsers = new Hono<AppEnv>()
  .get('/', allowAnywhere('admin.users'), validQuery(listQuery), (c) => {
    const q = c.req.valid('query');
    const filters = { q: q.q || undefined, role: q.role, jurisdictionId: q.jurisdictionId, page: q.page };
    const pageHref = (page: number) => {
      const params = new URLSearchParams();
      if (filters.q) params.set('q', filters.q);
      if (filters.role) params.set('role', filters.role);
      if (filters.jurisdictionId) params.set('jurisdictionId', String(filters.jurisdictionId));
      params.set('page', String(page));
      return `/admin/users?${params}`;
    };
    // The same for every administrator of the same district with the same filters until the next write (an account
    // made, a role granted, a name changed): read and rendered once.
    const list = keptFragment(c.var.db, `userList|${JSON.stringify([filters, adminRoots(c)])}`, () => {
      const { total, rows } = listUsers(c.var.db, { ...filters, pageSize: PAGE_SIZE });
      return (
        <UserListPage rows={rows} total={total} page={q.page} pageSize={PAGE_SIZE} filters={filters}
          roleOptions={roleOptions()} jurisdictionOptions={filterOptions(c)} pageHref={pageHref} />
      );
    });
    return c.render(list, { title: '用户管理' });
  })
  .get('/new', allowAnywhere('admin.users'), validQuery(lookupQuery), (c) => {
    const text = c.req.valid('query').jurisdiction;
    return newPage(c, text ? { jurisdiction: text } : undefined);
  })
  .post('/new', allowAnywhere('admin.users'), validForm(newUserForm, newPage), async (c) => {
    const f = c.req.valid('form');
    const named = f.role ? chosenPlace(c, f) : undefined;
    const values = { username: f.username, displayName: f.displayName, role: f.role ?? '', ...placeValues(f, named?.ok ? named.value : undefined) };
    if (named && !named.ok) return refused(c, named, newPage, values);
    const place = named?.ok ? named.value : undefined;
    // A place that does not exist keeps its id: the data function refuses it beside the field.
    const first = f.role ? { role: f.role, jurisdictionId: place?.id ?? f.jurisdictionId ?? 0 } : undefined;
    // The administrator chose this password: the owner chooses their own at first login.
    const input = { username: f.username, displayName: f.displayName, passwordHash: await hashPassword(f.password), mustChangePassword: true };
    const r = createAccount(c.var.db, userActor(c), input, first, c.var.now(), reachOf(c));
    if (!r.ok) return refused(c, r, newPage, values);
    return redirectWithFlash(c, `/admin/users/${r.value.id}`,
      `已创建用户 ${r.value.displayName}（${r.value.username}），请将初始密码和登录网址 ${publicOrigin(c)}/login 告知本人；本人首次登录时须设置新密码`);
  });

/** /admin/users/:userId — one account: profile, roles, password reset, active or not. */
export const adminUser = new Hono<ManagedUserEnv>()
  .get('/', allowAnywhere('admin.users'), validQuery(lookupQuery), (c) => {
    const text = c.req.valid('query').jurisdiction;
    return text ? userPageFor('role')(c, { jurisdiction: text }) : userPage(c);
  })
  .post('/', allowAnywhere('admin.users'), validForm(profileForm, userPageFor('profile')), (c) => {
    const u = c.var.managedUser;
    updateUser(c.var.db, userActor(c), u.id, c.req.valid('form'), c.var.now());
    return redirectWithFlash(c, `/admin/users/${u.id}`, '已保存');
  })
  .post('/roles', allowAnywhere('admin.users'), validForm(roleForm, userPageFor('role')), (c) => {
    const u = c.var.managedUser;
    const f = c.req.valid('form');
    const named = chosenPlace(c, f);
    const values = { role: f.role, ...placeValues(f, named.ok ? named.value : undefined) };
    if (!named.ok) return refused(c, named, userPageFor('role'), values);
    const r = grantRole(c.var.db, userActor(c), u.id, f.role, named.value?.id ?? f.jurisdictionId ?? 0, c.var.now(), reachOf(c));
    if (!r.ok) return refused(c, r, userPageFor('role'), values);
    return redirectWithFlash(c, `/admin/users/${u.id}`, `已为 ${u.displayName} 添加角色：${r.value.name} · ${ROLE_LABELS[f.role]}`);
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
