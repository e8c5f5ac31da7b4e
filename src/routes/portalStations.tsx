import { Hono } from 'hono';
import { z } from 'zod';
import { StationFinderPage } from '../../views/portal/StationFinderPage';
import { emblemVersion } from '../data/emblems';
import { stationFinder } from '../data/stationFinder';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
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
