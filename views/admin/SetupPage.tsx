import { ADMIN_PASSWORD_MIN, USERNAME_HINT } from '../../src/domain/account';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';

/** The first page a district sees: who it is, and who administers it. */
export function SetupPage(p: { token: string; values?: FormValues; errors?: FieldErrors }) {
  const v = p.values ?? {};
  const e = p.errors ?? {};
  return (
    <section class="narrow">
      <h1>初始设置</h1>
      <p>欢迎使用民生实事项目人大代表票决系统。请填写本区（县）的名称和代码，并建立第一个区级管理员账号。
        完成后您将以该管理员身份登录，接着新增镇（乡）、街道、村（社区）和代表之家，以及各镇街人大工作人员的账号。</p>
      <p class="muted">本页只能使用一次：建立管理员后，此链接即失效。</p>
      <form method="post" action={`/setup?token=${encodeURIComponent(p.token)}`} class="stack" novalidate>
        <FormError errors={e} />
        <h2>本区（县）</h2>
        <Field name="districtName" label="区（县）名称" value={v.districtName} error={e.districtName} required maxlength={40} hint="例如：渝川区" />
        <Field name="districtCode" label="区（县）代码" value={v.districtCode} error={e.districtCode} required maxlength={12}
          hint="2–12 位字母或数字，例如 YC；用于网址，自动转为大写" />
        <h2>第一个区级管理员</h2>
        <Field name="username" label="用户名" value={v.username} error={e.username} required maxlength={32} autocomplete="username" hint={USERNAME_HINT} />
        <Field name="displayName" label="姓名" value={v.displayName} error={e.displayName} required maxlength={40} />
        <Field name="password" label="密码" type="password" error={e.password} required autocomplete="new-password"
          hint={`至少 ${ADMIN_PASSWORD_MIN} 位。管理员可以管理全区所有账号，请使用不易猜到的密码`} />
        <Field name="confirm" label="再次输入密码" type="password" error={e.confirm} required autocomplete="new-password" />
        <button type="submit">完成初始设置</button>
      </form>
    </section>
  );
}
