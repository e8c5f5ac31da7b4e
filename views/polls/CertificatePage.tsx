import type { ClosureCertificate } from '../../src/data/closureCertificates';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { Poll } from '../../src/data/pollReads';
import type { Session } from '../../src/data/sessions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { SESSION_OFFICER_ROLES, SESSION_OFFICER_ROLE_WORDS } from '../../src/domain/vocabulary';
import { FormError, type FieldErrors } from '../components/form';
import { fmtDateTime } from '../components/format';
import { ResultTable } from './ResultTable';

/**
 * 计票结果报告单, printable on one A4 sheet: the ballot figures, every option's counts, the officers, and a signature
 * line for each — the table and the signatures kept together on the page. Scrutineers confirm it here with their
 * own login; the printed copy carries those confirmations beside the lines for handwritten signatures.
 */
export function CertificatePage(p: {
  j: Jurisdiction; s: Session; p: Poll; terms: BodyTerms; cert: ClosureCertificate;
  /** The logged-in user is a 总监票人 or 监票人 of the session who has not yet signed these figures. */
  canSign: boolean; errors?: FieldErrors;
}) {
  const { cert, terms } = p;
  const f = cert.figures;
  const base = `/j/${p.j.code}/polls/${p.p.id}`;
  const signedAt = new Map(cert.signatures.filter((x) => x.current).map((x) => [x.officerId, x.signedAt]));
  return (
    <article class="sheet certificate">
      <div class="actions no-print">
        <a href={base}>返回表决</a>
        <a href={`${base}/result`}>结果报告单</a>
        <span class="muted">用浏览器的“打印”功能打印本页（A4）。</span>
      </div>
      <FormError errors={p.errors} />
      <div class="certificate-body">
        <h1 class="sheet-title">{p.s.title.startsWith(p.j.name) ? p.s.title : `${p.j.name}${p.s.title}`}<br />{p.p.title}计票结果报告单</h1>
        <p class="center">{p.p.secrecy === 'secret' ? '无记名投票' : '记名投票'} · {p.s.date}{p.p.closedAt && ` · 表决结束于 ${fmtDateTime(p.p.closedAt)}`}</p>
        <table class="figures certificate-figures">
          <tbody>
            <tr><th>发出选票</th><td class="num">{f.issued} 张</td><th>收回选票</th><td class="num">{f.returned} 张</td></tr>
            <tr><th>有效票</th><td class="num">{f.valid} 张</td><th>无效票</th><td class="num">{f.invalid} 张</td></tr>
            <tr><th>空白票</th><td class="num">{f.blank} 张</td><th>其中纸质选票发出 / 收回</th><td class="num">{cert.result.ballots.paperIssued} / {cert.result.ballots.paperReturned} 张</td></tr>
          </tbody>
        </table>
        <p class="small">空白票：未对任何项目作出选择的有效票，计入有效票。{f.returned > f.issued && <strong class="bad">收回选票多于发出选票。</strong>}</p>
        <div class="certificate-keep">
        <ResultTable r={cert.result} caption={cert.result.kind === 'evaluation' ? '各项目评价' : `各项目得票（在册${terms.rep} ${cert.result.tally.seated} 名）`} />
        {cert.spoiled.length > 0 && (
          <p class="small">单项无效（同一项目多划）：{cert.spoiled.map((x) => `${x.label} ${x.count} 处`).join('；')}。该项按无效计，选票其余各项有效。</p>
        )}
        <div class="certificate-signatures">
          {SESSION_OFFICER_ROLES.map((role) => {
            const list = cert.officers.filter((o) => o.role === role);
            return (
              <p>
                <span class="sig-role">{SESSION_OFFICER_ROLE_WORDS[role]}：</span>
                {list.length === 0 ? <span class="line" /> : list.map((o) => (
                  <span class="sig">
                    {o.name}
                    {role !== 'teller' && (signedAt.has(o.id)
                      ? <span class="signed">（已于 {fmtDateTime(signedAt.get(o.id)!)} 在系统中确认）</span>
                      : <span class="unsigned">（待确认）</span>)}
                    <span class="line" aria-hidden="true" />
                  </span>
                ))}
              </p>
            );
          })}
          <p class="small">日期：<span class="line short" /></p>
        </div>
        </div>
      </div>

      <div class="no-print">
        {cert.complete
          ? <p class="flash">总监票人和监票人均已确认本报告单。</p>
          : (
            <div class="notice" role="status">
              <strong>尚未签署完毕：</strong>
              <ul>
                {cert.shortfalls.map((x) => <li>{x}</li>)}
                {cert.missing.length > 0 && <li>待确认：{cert.missing.map((o) => `${SESSION_OFFICER_ROLE_WORDS[o.role]} ${o.name}`).join('、')}</li>}
              </ul>
              <p>结果须在总监票人和监票人全部确认后才能公布。</p>
            </div>
          )}
        {cert.signatures.some((x) => !x.current) && <p class="error">有确认是针对此前的数字作出的，已不再有效，须重新确认。</p>}
        {p.canSign && (
          <form method="post" action={`${base}/certificate/sign`} class="card" data-confirm="确认已核对本报告单的全部数字？确认后记入审计日志。">
            <h2>确认签署</h2>
            <p>请核对以上发出、收回、有效、无效、空白票数和各项目的票数，与纸质选票和计票记录一致后确认。</p>
            <input type="hidden" name="digest" value={cert.digest} />
            <button type="submit">我已核对，确认签署</button>
          </form>
        )}
      </div>
    </article>
  );
}
