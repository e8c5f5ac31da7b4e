import { STATION_LABELS, type Station } from '../../src/data/stations';
import type { PublicAddress } from '../../src/http/publicUrl';
import { PublicUrlWarning } from '../components/PublicUrlWarning';
import { chinaDay } from '../proposals/format';

interface Town { code: string; name: string }

export function StationListPage(p: { j: Town; stations: (Station & { placeName: string })[]; address: PublicAddress }) {
  return (
    <section>
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a></p>
      <h1>代表之家/联络站的二维码与海报</h1>
      <PublicUrlWarning address={p.address} />
      <p>群众扫站点海报上的二维码，即可打开站点主页：看本站代表和接待群众日，提项目建议（自动记下是经哪个站点提交的）。打印海报前请确认下方网址能从群众的手机上打开。</p>
      <p><a href={`/j/${p.j.code}/receptions`}>各站点接待群众日安排</a>（按季度安排、打印公告）</p>
      {p.stations.length === 0 ? <p class="muted">本辖区还没有站点，请区级管理员在“辖区管理”中添加。</p> : (
        <div class="table-wrap"><table class="stack-sm">
          <thead><tr><th>站点</th><th>所在</th><th>短网址</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            {p.stations.map((s) => (
              <tr>
                <td data-label="站点"><a href={`/j/${p.j.code}/stations/${s.id}`}>{s.name}</a> <span class="badge">{STATION_LABELS[s.kind]}</span>{!s.active && <span class="badge off">已停用</span>}</td>
                <td data-label="所在">{s.placeName}<div class="muted">{s.address}</div></td>
                <td data-label="短网址"><code>{p.address.origin}/s/{s.shortCode}</code></td>
                <td>
                  <a href={`/j/${p.j.code}/stations/${s.id}/poster`}>打印海报<span class="sr-only">：{s.name}</span></a>
                  {' · '}<a href={`/s/${s.shortCode}/qr.svg`} hx-boost="false" download={`${s.shortCode}.svg`}>下载二维码</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </section>
  );
}

/** An A4 sheet for the station's wall: large type, the QR code, and how to use it. */
export function StationPoster(p: {
  j: Town; station: Station; shortUrl: string; qrSvg: string; window?: { opens: string; closes: string }; address: PublicAddress;
}) {
  return (
    <article class="poster">
      <p class="no-print"><a href={`/j/${p.j.code}/stations`}>← 返回站点列表</a>（用浏览器的“打印”功能，纸张选 A4）</p>
      <PublicUrlWarning address={p.address} />
      <h1>民生实事 您来提</h1>
      <p class="poster-lead">今年政府为大家办哪些实事？由群众提、代表定。</p>
      <div class="poster-qr" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
      <p class="poster-url">{p.shortUrl}</p>
      {p.window && <p class="poster-window">征集时间：{chinaDay(p.window.opens)}至{chinaDay(p.window.closes)}</p>}
      <ol class="poster-steps">
        <li>用手机微信或相机扫描上方二维码</li>
        <li>在站点主页点“提民生实事项目建议”，填写想办的事、地点和您的联系方式</li>
        <li>提交后记下回执号，随时查询办理进度</li>
      </ol>
      <p class="poster-help">不会用手机？请找本站的人大代表或工作人员帮您填写。</p>
      <footer class="poster-station">
        <strong>{p.station.name}</strong>
        <div>{p.station.address}</div>
        <div>{p.j.name}人大</div>
      </footer>
    </article>
  );
}
