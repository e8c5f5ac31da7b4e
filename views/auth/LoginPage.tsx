import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';

export function LoginPage(p: { values?: FormValues; errors?: FieldErrors; next?: string; pausedMinutes?: number; notSetUp?: boolean }) {
  const v = p.values ?? {};
  const errors = p.pausedMinutes ? { _form: `登录失败次数过多，已暂停登录。请在 ${p.pausedMinutes} 分钟后再试。` } : p.errors;
  return (
    <section class="narrow">
      <h1>登录</h1>
      {p.notSetUp && (
        <p class="warning" role="status">
          系统还没有任何账号。请打开服务启动时控制台显示的初始设置链接（…/setup?token=…），或在服务器上运行
          <code>npm run setup</code>，建立本区和第一个区级管理员账号。
        </p>
      )}
      <p class="muted">人大代表、议事代表、人大工作人员、承办单位和监督小组成员请登录。群众提议和查询无需登录。</p>
      <form method="post" action="/login" class="stack" novalidate>
        <FormError errors={errors} />
        <input type="hidden" name="next" value={p.next ?? v.next ?? ''} />
        <Field name="username" label="用户名" value={v.username} error={errors?.username} autocomplete="username" required />
        <Field name="password" label="密码" type="password" error={errors?.password} autocomplete="current-password" required />
        <button type="submit">登录</button>
      </form>
    </section>
  );
}

/**
 * 修改密码, or — when an administrator or clerk chose the password — 设置新密码, which every page leads to until
 * the person has chosen their own.
 */
export function ChangePasswordPage(p: { forced: boolean; next?: string; errors?: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>{p.forced ? '设置新密码' : '修改密码'}</h1>
      {p.forced && (
        <p class="notice">您的初始密码是由管理员或工作人员设置的。为保护您的账号，请先设置一个只有您自己知道的新密码，然后才能继续使用。</p>
      )}
      <form method="post" action="/account/password" class="stack" novalidate>
        <FormError errors={p.errors} />
        {p.next && <input type="hidden" name="next" value={p.next} />}
        {!p.forced && (
          <Field name="current" label="当前密码" type="password" error={p.errors?.current} autocomplete="current-password" required />
        )}
        <Field name="password" label="新密码" type="password" error={p.errors?.password} autocomplete="new-password"
          hint={p.forced ? '至少 8 位，不能与初始密码相同' : '至少 8 位，不能与当前密码相同；修改后其他设备上的登录将失效'} required />
        <Field name="confirm" label="再次输入新密码" type="password" error={p.errors?.confirm} autocomplete="new-password" required />
        <button type="submit">保存新密码</button>
      </form>
      {p.forced && (
        <form method="post" action="/logout" class="inline">
          <button type="submit" class="link">暂不设置，退出登录</button>
        </form>
      )}
    </section>
  );
}
