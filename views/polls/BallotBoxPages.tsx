import type { BoxSlip } from '../../src/data/ballotBox';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { Poll } from '../../src/data/pollReads';
import type { Session } from '../../src/data/sessions';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';

/**
 * Shown once, right after a secret poll opens: the three slips of the box code, one per scrutineer, to print or
 * copy by hand. The server keeps none of them; any two open the box at the close, one alone cannot.
 */
export function SlipsPage(p: { j: Jurisdiction; s: Session; p: Poll; slips: BoxSlip[] }) {
  const base = `/j/${p.j.code}/polls/${p.p.id}`;
  return (
    <section class="box-slips">
      <div class="no-print">
        <h1>表决已开始：请分发开箱码纸条</h1>
        <p class="warning" role="alert">这三张纸条<strong>只显示这一次</strong>，系统不保存。请立即打印（A4，沿虚线剪开）或由监票人各自抄下自己的一张，再离开本页。</p>
        <p>选票加密存入电子票箱，任何人（包括系统管理员）在开箱前都看不到票数。表决结束后，<strong>任意两位</strong>监票人输入各自纸条上的开箱码即可开箱计票；只有一张纸条打不开。丢失一张不影响开箱，丢失两张则本轮表决只能作废重投。</p>
        <div class="actions">
          <span class="muted">用浏览器的“打印”功能打印本页（三张纸条各占一块，沿虚线剪开）。</span>
          <a class="button secondary" href={base}>已分发，返回表决页面</a>
        </div>
      </div>
      {p.slips.map((slip) => (
        <section class="box-slip" aria-label={`开箱码纸条 ${slip.number}`}>
          <p class="slip-org">{p.s.title}</p>
          <h2>{p.p.title} · 电子票箱开箱码</h2>
          <p class="slip-holder">纸条 {slip.number} / 3 · {slip.role}：<strong>{slip.holder}</strong></p>
          <p class="slip-code" lang="en">{slip.text}</p>
          <p class="slip-hint">字母均为大写，不含 0、O、1、I。请妥善保管，不要给他人看；表决结束后与另一位监票人一起在“开箱”页面输入。</p>
        </section>
      ))}
    </section>
  );
}

/** 开箱: two scrutineers type their slips; a mistyped or wrong slip is named beside its own field. */
export function UnsealPage(p: {
  j: Jurisdiction; s: Session; p: Poll; paperPending: boolean; values?: FormValues; errors?: FieldErrors;
}) {
  const base = `/j/${p.j.code}/polls/${p.p.id}`;
  return (
    <section>
      <p class="muted"><a href={base}>{p.p.title}</a></p>
      <h1>开箱：打开电子票箱</h1>
      <p>请两位监票人各自输入自己纸条上的开箱码（任意两张纸条均可）。开箱后系统解密并随机打乱全部电子选票，与纸质选票一起计票；密文和密钥随即销毁。</p>
      {p.paperPending && <p class="notice">本轮还有纸质选票，计票人录入核对完成后才产生结果；开箱与纸质计票的先后不限。</p>}
      <FormError errors={p.errors} />
      <form method="post" action={`${base}/unseal`} class="stack" novalidate>
        <Field name="slipA" label="第一张纸条的开箱码" value={p.values?.slipA} error={p.errors?.slipA} maxlength={60} required
          autocomplete="off" hint="20 个字符，如 BXXX-XXXX-XXXX-XXXX-XXXX；可不输入短横线" />
        <Field name="slipB" label="第二张纸条的开箱码" value={p.values?.slipB} error={p.errors?.slipB} maxlength={60} required
          autocomplete="off" hint="另一位监票人的纸条" />
        <button type="submit">开箱计票</button>
      </form>
    </section>
  );
}
