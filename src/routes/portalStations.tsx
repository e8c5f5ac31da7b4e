import { Hono } from 'hono';
import { z } from 'zod';
import { PublicStationPage } from '../../views/portal/PublicStationPage';
import { StationFinderPage } from '../../views/portal/StationFinderPage';
import { emblemVersion } from '../data/emblems';
import { stationFinder } from '../data/stationFinder';
import { publicStation } from '../data/stationPublic';
import { getStationByShortCode, townOfStation, type Station } from '../data/stations';
import { chinaDateOf } from '../domain/chinaDate';
import { subject, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validQuery } from '../http/validate';

const finderQuery = z.object({
  place: z.union([z.coerce.number().int().positive(), z.literal('')]).optional(),
});

/** /p/:code/stations — the station finder: by village/community, the station, its address and hours, its representatives. */
export const portalStations = new Hono<JurisdictionEnv>()
  .get('/', validQuery(finderQuery), (c) => {
    const { db, jurisdiction: j } = c.var;
    const place = c.req.valid('query').place || undefined;
    return c.render(
      <StationFinderPage town={{ code: j.code, name: j.name }} emblem={emblemVersion(db, j.id)} finder={stationFinder(db, j)} placeId={place} />,
      { title: `${j.name}代表之家和联络站` },
    );
  });

type PublicStationEnv = JurisdictionEnv & { Variables: { station: Station } };

/** The open station the short code names, of this town (its own or one of its villages'); anything else is a 404. */
export const publicStationSubject = subject<PublicStationEnv, 'station'>('station', (c) => {
  const s = getStationByShortCode(c.var.db, (c.req.param('shortCode') ?? '').toLowerCase());
  return s && s.active && townOfStation(c.var.db, s)?.id === c.var.jurisdiction.id ? s : undefined;
});

/** /p/:code/stations/:shortCode — one station's public page, where its QR code leads. */
export const portalStation = new Hono<PublicStationEnv>()
  .get('/', (c) => {
    const { db, jurisdiction: j, station: s } = c.var;
    return c.render(
      <PublicStationPage town={{ code: j.code, name: j.name }} emblem={emblemVersion(db, j.id)} ps={publicStation(db, s, chinaDateOf(c.var.now()))} />,
      { title: s.name },
    );
  });
