import type { PublicAddress } from '../../src/http/publicUrl';
import { PublicUrlWarning } from '../components/PublicUrlWarning';
import type { RosterView } from './Frame';

export interface Slip { name: string; community: string; username: string; password: string }

const PER_PAGE = 10; // 2 × 5 on A4: each slip about 95 × 55 mm, big enough to read the password off

function pages<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += PER_PAGE) out.push(xs.slice(i, i + PER_PAGE));
  return out;
}

/**
 * The one time these passwords exist in readable form: printed, cut along the dashed lines, handed out.
 * Nothing on the page is kept; reprinting means a new reset.
 */
export function SlipsPage(p: {
  r: RosterView; headline: string; skipped: string[]; slips: Slip[]; loginUrl: string; qrSvg: string; address: PublicAddress;
}) {
  const { r } = p;
  return (
    <section class="slips-sheet">
      <div class="no-print">
        <p class="muted"><a href={r.base}>← 返回{r.terms.roster}</a></p>
        <h1>登录凭条</h1>
        <p class="flash" role="status">{p.headline}</p>
        {p.skipped.length > 0 && <p class="notice">未处理：{p.skipped.join('；')}</p>}
        <p>
          请现在用浏览器的“打印”功能打印（纸张选 A4，每页 {PER_PAGE} 张），沿虚线剪开，当面交给本人。
          <strong>初始密码只在本页显示这一次，系统不保存</strong>；离开本页后如需补打，请在名册中“重置初始密码”。
        </p>
      </div>
      <PublicUrlWarning address={p.address} />
      {pages(p.slips).map((page) => (
        <div class="slip-page">
          {page.map((s) => (
            <article class="slip">
              <div class="slip-text">
                <p class="slip-title">{r.j.name}{r.body === 'congress' ? '人大代表' : '议事代表'} · 民生实事票决系统</p>
                <p class="slip-name">{s.name}{s.community && <span class="muted">（{s.community}）</span>}</p>
                <dl>
                  <dt>用户名</dt><dd class="mono">{s.username}</dd>
                  <dt>初始密码</dt><dd class="mono slip-password">{s.password}</dd>
                  <dt>登录网址</dt><dd class="mono slip-url">{p.loginUrl}</dd>
                </dl>
                <p class="slip-hint">首次登录后请设置自己的密码</p>
              </div>
              <div class="slip-qr" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
            </article>
          ))}
        </div>
      ))}
    </section>
  );
}
