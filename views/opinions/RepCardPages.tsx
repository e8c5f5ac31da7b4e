import type { PublicAddress } from '../../src/http/publicUrl';
import { PublicUrlWarning } from '../components/PublicUrlWarning';
import { SelectField, FormError, type FieldErrors, type FormValues } from '../components/form';

type Town = { code: string; name: string };
export interface Card { name: string; community: string; station: string; url: string; qrSvg: string }

/**
 * 亮数字身份 (seed 001 §四): one card per representative for the station wall, eight to an A4 sheet; the QR code
 * opens that representative's message form. The issuing form is for the screen only.
 */
export function RepCardsPage(p: {
  j: Town; cards: Card[]; address: PublicAddress; stations: [string, string][]; reps: [string, string][]; station?: string;
  values?: FormValues; errors?: FieldErrors;
}) {
  const e = p.errors ?? {};
  const v = p.values ?? {};
  return (
    <section class="rep-cards">
      <div class="no-print">
        <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a> · <a href={`/j/${p.j.code}/opinions`}>站点民意</a></p>
        <h1>代表二维码（亮数字身份）</h1>
        <PublicUrlWarning address={p.address} />
        <form method="get" action={`/j/${p.j.code}/opinions/cards`} class="filters">
          <SelectField name="station" label="站点" value={p.station ?? ''} blank="全部站点" options={p.stations} />
          <button type="submit" class="secondary">显示</button>
        </form>
        <form method="post" action={`/j/${p.j.code}/opinions/cards`} class="stack card">
          <h2>生成或更换站点</h2>
          <p class="hint">每位代表一个二维码，挂在其所在站点；已生成的二维码不变，只改站点。</p>
          <FormError errors={p.errors} />
          <SelectField name="representativeId" label="代表" options={p.reps} blank="请选择" value={v.representativeId} error={e.representativeId} required />
          <SelectField name="stationId" label="站点" options={p.stations} blank="代表所在的站点" value={v.stationId ?? p.station} error={e.stationId} />
          <button type="submit">生成二维码</button>
        </form>
        <form method="post" action={`/j/${p.j.code}/opinions/cards/all`} class="stack card">
          <h2>全部生成</h2>
          <p class="hint">为已安排到站点、还没有二维码的代表各生成一个，挂在其所在站点。</p>
          <button type="submit">为所有已安排的代表生成</button>
        </form>
        <p>用浏览器的“打印”功能，纸张选 A4，每页 8 张卡片，沿虚线裁开。</p>
      </div>
      {p.cards.length === 0 ? <p class="muted">还没有生成二维码。</p> : (
        <div class="card-sheet">
          {p.cards.map((c) => (
            <article class="rep-card">
              <p class="rep-card-title">人大代表 <strong>{c.name}</strong></p>
              <p class="rep-card-sub">{c.community ? `${c.community} · ` : ''}{c.station}</p>
              <div class="rep-card-qr" dangerouslySetInnerHTML={{ __html: c.qrSvg }} />
              <p class="rep-card-lead">扫码给我留言，我会答复您</p>
              <p class="rep-card-url">{c.url}</p>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
