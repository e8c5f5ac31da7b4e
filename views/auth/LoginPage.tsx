import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';

export function LoginPage(p: { values?: FormValues; errors?: FieldErrors; next?: string }) {
  const v = p.values ?? {};
  return (
    <section class="narrow">
      <h1>登录</h1>
      <p class="muted">人大代表、议事代表、人大工作人员、承办单位和监督小组成员请登录。群众提议和查询无需登录。</p>
      <form method="post" action="/login" class="stack" novalidate>
        <FormError errors={p.errors} />
        <input type="hidden" name="next" value={p.next ?? v.next ?? ''} />
        <Field name="username" label="用户名" value={v.username} error={p.errors?.username} autocomplete="username" required />
        <Field name="password" label="密码" type="password" error={p.errors?.password} autocomplete="current-password" required />
        <button type="submit">登录</button>
      </form>
    </section>
  );
}

export function ChangePasswordPage(p: { errors?: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>修改密码</h1>
      <form method="post" action="/account/password" class="stack" novalidate>
        <FormError errors={p.errors} />
        <Field name="current" label="当前密码" type="password" error={p.errors?.current} autocomplete="current-password" required />
        <Field name="password" label="新密码" type="password" error={p.errors?.password} autocomplete="new-password"
          hint="至少 8 位；修改后其他设备上的登录将失效" required />
        <Field name="confirm" label="再次输入新密码" type="password" error={p.errors?.confirm} autocomplete="new-password" required />
        <button type="submit">保存新密码</button>
      </form>
    </section>
  );
}
