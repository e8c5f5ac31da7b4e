import { Hono, type Context } from 'hono';
import { StationListPage, StationPoster } from '../../views/stations/StationPages';
import { authorize, jurisdictionParam, notFound } from '../auth/authorize';
import { collectionFor } from '../data/collection';
import { allJurisdictions, ancestry, descendantIds, getJurisdiction, stationsOf } from '../data/jurisdictions';
import { getStation, getStationByShortCode, type Station } from '../data/stations';
import { chinaDateOf } from '../domain/chinaDate';
import type { AppEnv } from '../env';
import { publicOrigin, qrSvg } from '../http/publicUrl';

/** The township/subdistrict a station collects for: itself, or the one above its village/community. */
function townOf(c: Context<AppEnv>, s: Station) {
  const db = c.get('db');
  for (const id of ancestry(db, s.jurisdictionId)) {
    const j = getJurisdiction(db, id);
    if (j && (j.kind === 'township' || j.kind === 'subdistrict')) return j;
  }
  return undefined;
}

function stationParam(c: Context<AppEnv>): Station {
  const code = (c.req.param('shortCode') ?? '').toLowerCase();
  return getStationByShortCode(c.get('db'), code) ?? notFound();
}

const shortUrl = (c: Context<AppEnv>, s: Station) => `${publicOrigin(c)}/s/${s.shortCode}`;

/** Stations as entry points: a short link and QR code per station, and a poster for its wall. */
export const stations = new Hono<AppEnv>()
  .get('/s/:shortCode', (c) => {
    const s = stationParam(c);
    const town = townOf(c, s) ?? notFound();
    // A retired poster still leads to the form, just without naming the closed station.
    return c.redirect(`/p/${town.code}/propose${s.active ? `?station=${s.shortCode}` : ''}`, 303);
  })
  .get('/s/:shortCode/qr.svg', async (c) => {
    const s = stationParam(c);
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(await qrSvg(shortUrl(c, s)));
  })
  .get('/j/:code/stations', (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'proposal.review', j.id);
    const db = c.get('db');
    const names = new Map(allJurisdictions(db).map((x) => [x.id, x.name]));
    const list = stationsOf(db, descendantIds(db, j.id)).map((s) => ({ ...s, placeName: names.get(s.jurisdictionId) ?? '' }));
    return c.render(<StationListPage j={j} stations={list} origin={publicOrigin(c)} />, { title: `${j.name}站点二维码与海报` });
  })
  .get('/j/:code/stations/:id{[0-9]+}/poster', async (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'proposal.review', j.id);
    const db = c.get('db');
    const s = getStation(db, Number(c.req.param('id')));
    if (!s || !descendantIds(db, j.id).includes(s.jurisdictionId)) notFound();
    const { state } = collectionFor(db, j.id, chinaDateOf(c.get('now')()));
    const window = state.kind === 'open' || state.kind === 'notYet' ? { opens: state.opens, closes: state.closes } : undefined;
    const url = shortUrl(c, s);
    return c.render(<StationPoster j={j} station={s} shortUrl={url} qrSvg={await qrSvg(url)} window={window} />, { title: `${s.name} 海报` });
  });
