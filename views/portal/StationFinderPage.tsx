import type { FinderPlace, StationFinder } from '../../src/data/stationFinder';
import { STATION_LABELS, type Station } from '../../src/data/stations';
import { SelectField } from '../components/form';
import { TownBanner } from './TownBanner';

function StationCard(p: { s: Station; code: string }) {
  const { s } = p;
  return (
    <div class="card station">
      <img class="qr" src={`/s/${s.shortCode}/qr.svg`} alt={`${s.name}的二维码：扫码提建议`} width={96} height={96} loading="lazy" />
      <h3><a href={`/p/${p.code}/stations/${s.shortCode}`}>{s.name}</a> <span class="badge">{STATION_LABELS[s.kind]}</span></h3>
      <div>地址：{s.address || '请向村（社区）询问'}</div>
      <div>开放时间：{s.openingHours || '请向村（社区）询问'}</div>
      <div><a href={`/p/${p.code}/stations/${s.shortCode}`}>本站代表和接待日</a> · <a href={`/p/${p.code}/propose?station=${s.shortCode}`}>在线提建议</a> · 短链接 /s/{s.shortCode}</div>
    </div>
  );
}

function PlaceSection(p: { place: FinderPlace; townStations: Station[]; code: string }) {
  const { place } = p;
  // A village without its own station is served by the town's, listed once at the top of the page.
  return (
    <section class="place" aria-labelledby={`place-${place.id}`}>
      <h2 id={`place-${place.id}`}>{place.name}</h2>
      {place.stations.map((s) => <StationCard s={s} code={p.code} />)}
      {place.stations.length === 0 && (p.townStations.length > 0
        ? <p>本村（社区）没有设站，请到<a href="#town-stations">{p.townStations.map((s) => s.name).join('、')}</a>（地址和开放时间见上）。</p>
        : <p class="muted">暂无站点信息，请向村（社区）询问。</p>)}
      <p><strong>本村（社区）选出的代表：</strong>{place.representatives.length ? place.representatives.join('、') : '暂无登记'}</p>
    </section>
  );
}

/** /p/:code/stations — which station serves my village/community, where and when it is open, who represents me. */
export function StationFinderPage(p: { town: { code: string; name: string }; emblem: number | undefined; finder: StationFinder; placeId?: number }) {
  const chosen = p.placeId === undefined ? undefined : p.finder.places.find((x) => x.id === p.placeId);
  const shown = chosen ? [chosen] : p.finder.places;
  return (
    <section class="portal stations-finder">
      <TownBanner code={p.town.code} name={p.town.name} emblem={p.emblem} />
      <h1>{p.town.name}代表之家和联络站</h1>
      <p>在这里可以找到您所在村（社区）的人大代表联络站，当面向代表反映意见，也可以扫码在线提建议。</p>
      <form method="get" action={`/p/${p.town.code}/stations`} class="filters">
        <SelectField name="place" label="选择您所在的村（社区）" value={chosen ? String(chosen.id) : ''} blank="全部村（社区）"
          options={p.finder.places.map((x) => [String(x.id), x.name])} />
        <button type="submit" class="secondary">查找</button>
      </form>
      {p.finder.townStations.length > 0 && (
        <section aria-labelledby="town-stations">
          <h2 id="town-stations">{p.town.name}</h2>
          {p.finder.townStations.map((s) => <StationCard s={s} code={p.town.code} />)}
        </section>
      )}
      {shown.map((place) => <PlaceSection place={place} townStations={p.finder.townStations} code={p.town.code} />)}
      <p><a href={`/p/${p.town.code}`}>返回{p.town.name}民生实事首页</a></p>
    </section>
  );
}
