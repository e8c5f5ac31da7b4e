import { Hono, type Context } from 'hono';
import { StationListPage, StationPoster } from '../../views/stations/StationPages';
import { allow } from '../auth/authorize';
import { collectionFor } from '../data/collection';
import { allJurisdictions, descendantIds, stationsOf } from '../data/jurisdictions';
import { townOfStation, type Station } from '../data/stations';
import { chinaDateOf } from '../domain/chinaDate';
import type { AppEnv } from '../env';
import { publicAddress, publicOrigin, qrSvg } from '../http/publicUrl';
import { notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import type { StationEnv, StationLinkEnv } from '../http/subjects/collection';

const shortUrl = <E extends AppEnv>(c: Context<E>, s: Station) => `${publicOrigin(c)}/s/${s.shortCode}`;

/**
 * /s/:shortCode — what a station's poster points at: the station's public page (proposing a project is one of its
 * actions), and the QR code of that link. A retired poster still leads to the town's form, without the closed station.
 */
export const stationLinks = new Hono<StationLinkEnv>()
  .get('/', (c) => {
    const s = c.var.station;
    const town = townOfStation(c.var.db, s) ?? notFound();
    return c.redirect(s.active ? `/p/${town.code}/stations/${s.shortCode}` : `/p/${town.code}/propose`, 303);
  })
  .get('/qr.svg', async (c) => {
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(await qrSvg(shortUrl(c, c.var.station)));
  });

/** /j/:code/stations — every station of the jurisdiction and its villages, with short links and QR codes to print. */
export const stations = new Hono<JurisdictionEnv>()
  .get('/', allow('proposal.review'), (c) => {
    const { db, jurisdiction: j } = c.var;
    const names = new Map(allJurisdictions(db).map((x) => [x.id, x.name]));
    const list = stationsOf(db, descendantIds(db, j.id)).map((s) => ({ ...s, placeName: names.get(s.jurisdictionId) ?? '' }));
    return c.render(<StationListPage j={j} stations={list} address={publicAddress(c)} />, { title: `${j.name}站点二维码与海报` });
  });

/** /j/:code/stations/:stationId — one station's A4 poster for its wall. */
export const station = new Hono<StationEnv>()
  .get('/poster', allow('proposal.review'), async (c) => {
    const { db, jurisdiction: j, station: s } = c.var;
    const { state } = collectionFor(db, j.id, chinaDateOf(c.var.now()));
    const window = state.kind === 'open' || state.kind === 'notYet' ? { opens: state.opens, closes: state.closes } : undefined;
    const url = shortUrl(c, s);
    return c.render(
      <StationPoster j={j} station={s} shortUrl={url} qrSvg={await qrSvg(url)} window={window} address={publicAddress(c)} />,
      { title: `${s.name} 海报` },
    );
  });
