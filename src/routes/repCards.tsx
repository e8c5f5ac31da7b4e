import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { RepCardsPage } from '../../views/opinions/RepCardPages';
import { allow, userActor } from '../auth/authorize';
import { stationsFor } from '../data/proposals';
import { contactCards, issueCodesAtStations, issueContactCode } from '../data/repContactCodes';
import { townReps } from '../data/stationOpinions';
import { publicAddress, qrSvg } from '../http/publicUrl';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';

const blank = (v: unknown) => (v === '' ? undefined : v);
const sheetQuery = z.object({ station: z.preprocess(blank, z.coerce.number().int().positive().optional()).catch(undefined) });
const issueForm = z.object({
  representativeId: z.coerce.number({ error: '请选择代表' }).int().positive('请选择代表'),
  stationId: z.preprocess(blank, z.coerce.number({ error: '请选择站点' }).int().positive('请选择站点').optional()),
});

async function sheet(c: Context<JurisdictionEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const station = sheetQuery.parse(c.req.query()).station;
  const address = publicAddress(c);
  const cards = await Promise.all(contactCards(db, j.id, station).map(async (k) => {
    const url = `${address.origin}/r/${k.token}`;
    return { name: k.name, community: k.community, station: k.station, url, qrSvg: await qrSvg(url) };
  }));
  return c.render(
    <RepCardsPage j={j} cards={cards} address={address} station={station ? String(station) : undefined}
      stations={stationsFor(db, j.id).map((s) => [String(s.id), s.name])} reps={townReps(db, j.id).map((r) => [String(r.id), r.name])}
      values={values} errors={errors} />,
    { title: '代表二维码' },
  );
}

/** /j/:code/opinions/cards — representatives' QR cards (亮数字身份): issue, and print as an A4 sheet. */
export const repCards = new Hono<JurisdictionEnv>()
  .get('/', allow('repCode.manage'), (c) => sheet(c))
  .post('/', allow('repCode.manage'), validForm(issueForm, sheet), (c) => {
    const { representativeId, stationId } = c.req.valid('form');
    const r = issueContactCode(c.var.db, userActor(c), c.var.jurisdiction, representativeId, stationId, c.var.now());
    if (!r.ok) return refused(c, r, sheet, c.req.valid('form'));
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/opinions/cards?station=${r.value.stationId}`, '已生成二维码');
  })
  .post('/all', allow('repCode.manage'), (c) => {
    const n = issueCodesAtStations(c.var.db, userActor(c), c.var.jurisdiction, c.var.now());
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/opinions/cards`,
      n > 0 ? `已为 ${n} 位代表生成二维码` : '已安排到站点的代表都已有二维码');
  });
