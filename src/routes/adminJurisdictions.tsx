import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  JurisdictionEditPage, JurisdictionNewPage, JurisdictionTreePage, StationEditPage, type JurisdictionEditForms,
} from '../../views/admin/JurisdictionPages';
import { allow, allowAnywhere, requireLogin, userActor } from '../auth/authorize';
import { addStation, createJurisdiction, editStation, setJurisdictionActive, updateJurisdiction } from '../data/jurisdictionAdmin';
import { childrenOf, getJurisdiction, jurisdictionTree, stationsOf } from '../data/jurisdictions';
import { jurisdictionsFor } from '../domain/authz';
import { emblemVersion, removeEmblem, setEmblem } from '../data/emblems';
import type { StationInput } from '../data/stations';
import { checkEmblemSize, cleanEmblem } from '../domain/emblem';
import { refuse } from '../domain/result';
import { jurisdictionCodeSchema } from '../domain/firstRun';
import type { Refusal } from '../domain/result';
import { JURISDICTION_KINDS, STATION_KINDS } from '../domain/vocabulary';
import type { AppEnv } from '../env';
import { refused, type Page } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import { parentSubject, type StationEnv } from '../http/subjects/admin';
import { notFound, type JurisdictionEnv } from '../http/subjects/jurisdiction';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

const jurisdictionForm = z.object({ name: trimmed(40, '请填写辖区名称'), code: jurisdictionCodeSchema });
const newJurisdictionForm = jurisdictionForm.extend({ kind: z.enum(JURISDICTION_KINDS, { error: '请选择类别' }) });
const parentQuery = z.object({ parent: z.coerce.number().int().positive() });
const activeForm = z.object({ active: z.enum(['0', '1'], { error: '请选择启用或停用' }) });

const stationForm = z.object({
  stationKind: z.enum(STATION_KINDS, { error: '请选择类型' }),
  stationName: trimmed(60, '请填写站点名称'),
  stationAddress: trimmed(200),
  stationHours: trimmed(100).optional(), // absent (an older form): the hours stay as they were
  stationCode: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,16}$/, '简码须为 2–16 位小写字母、数字或连字符'),
});
const stationEditForm = stationForm.extend({ stationActive: z.enum(['0', '1'], { error: '请选择状态' }) });

type JC = Context<JurisdictionEnv>;

const toStationInput = (f: z.output<typeof stationForm>): StationInput =>
  ({ kind: f.stationKind, name: f.stationName, address: f.stationAddress, openingHours: f.stationHours, shortCode: f.stationCode });
// Data functions name StationInput fields; the form prefixes them (they share a page with the jurisdiction's name).
const asStationField = (r: Refusal): Refusal => ({ ...r, field: r.field === 'shortCode' ? 'stationCode' : r.field });

/** c.var.jurisdiction is the parent here (parentSubject). */
function newPage(c: JC, values?: FormValues, errors?: FieldErrors) {
  const parent = c.var.jurisdiction;
  return c.render(<JurisdictionNewPage parent={parent} values={values} errors={errors} />, { title: `在${parent.name}下新增辖区` });
}

/** One page, three forms: values and errors go back to the form they came from. */
function jurisdictionPageFor(form: keyof JurisdictionEditForms): Page<JurisdictionEnv> {
  return (c: JC, values?: FormValues, errors?: FieldErrors) => {
    const { db, jurisdiction: j } = c.var;
    return c.render(
      <JurisdictionEditPage j={j} parent={j.parentId ? getJurisdiction(db, j.parentId) : undefined}
        below={childrenOf(db, j.id)} stations={stationsOf(db, [j.id])} emblem={emblemVersion(db, j.id)}
        values={values && form !== 'active' ? { [form]: values } : undefined} errors={errors && { [form]: errors }} />,
      { title: `辖区：${j.name}` },
    );
  };
}
const jurisdictionPage = jurisdictionPageFor('jurisdiction');
const stationFormPage = jurisdictionPageFor('station');
const emblemPage = jurisdictionPageFor('emblem');
// Only a township or subdistrict has a public portal to put an emblem on.
const hasPortal = (c: JC) => c.var.jurisdiction.kind === 'township' || c.var.jurisdiction.kind === 'subdistrict';

function stationPage(c: Context<StationEnv>, values?: FormValues, errors?: FieldErrors) {
  const s = c.var.station;
  return c.render(<StationEditPage j={c.var.jurisdiction} station={s} values={values} errors={errors} />, { title: `编辑站点：${s.name}` });
}

/** /admin/jurisdictions — the tree, and a new jurisdiction under a parent (?parent=id). */
export const adminJurisdictions = new Hono<AppEnv>()
  .get('/', allowAnywhere('admin.jurisdictions'), (c) => {
    const roots = jurisdictionTree(c.var.db, jurisdictionsFor(requireLogin(c).assignments, 'admin.jurisdictions')) ?? [];
    return c.render(<JurisdictionTreePage roots={roots} />, { title: '辖区管理' });
  })
  .get('/new', allowAnywhere('admin.jurisdictions'), validQuery(parentQuery), parentSubject, allow('admin.jurisdictions'), (c) => newPage(c))
  .post('/new', allowAnywhere('admin.jurisdictions'), validQuery(parentQuery), parentSubject, allow('admin.jurisdictions'),
    validForm(newJurisdictionForm, newPage), (c) => {
      const input = c.req.valid('form');
      const r = createJurisdiction(c.var.db, userActor(c), c.var.jurisdiction.id, input, c.var.now());
      if (!r.ok) return refused(c, r, newPage, input);
      return redirectWithFlash(c, `/admin/jurisdictions/${r.value.id}`, `已新增辖区：${r.value.name}（${r.value.code}）`);
    });

/** /admin/jurisdictions/:jurisdictionId — one jurisdiction: name and code, active or not, its stations. */
export const adminJurisdiction = new Hono<JurisdictionEnv>()
  .get('/', allow('admin.jurisdictions'), (c) => jurisdictionPage(c))
  .post('/', allow('admin.jurisdictions'), validForm(jurisdictionForm, jurisdictionPage), (c) => {
    const j = c.var.jurisdiction;
    const input = c.req.valid('form');
    const r = updateJurisdiction(c.var.db, userActor(c), j.id, input, c.var.now());
    if (!r.ok) return refused(c, r, jurisdictionPage, input);
    return redirectWithFlash(c, `/admin/jurisdictions/${j.id}`, '已保存');
  })
  .post('/active', allow('admin.jurisdictions'), validForm(activeForm, jurisdictionPageFor('active')), (c) => {
    const j = c.var.jurisdiction;
    const active = c.req.valid('form').active === '1';
    const r = setJurisdictionActive(c.var.db, userActor(c), j.id, active, c.var.now());
    if (!r.ok) return refused(c, r, jurisdictionPageFor('active'));
    return redirectWithFlash(c, `/admin/jurisdictions/${j.id}`, active ? `已重新启用 ${j.name}` : `已停用 ${j.name}`);
  })
  .post('/emblem', allow('admin.jurisdictions'), async (c) => {
    if (!hasPortal(c)) notFound();
    const j = c.var.jurisdiction;
    const file = (await c.req.parseBody()).emblem;
    if (!(file instanceof File) || file.size === 0) return refused(c, refuse('请选择徽标图片', 'emblem'), emblemPage);
    // An oversized file is refused on its declared size, before its bytes are read.
    const tooBig = checkEmblemSize(file.size);
    if (tooBig) return refused(c, refuse(tooBig, 'emblem'), emblemPage);
    const r = await cleanEmblem(new Uint8Array(await file.arrayBuffer()));
    if (!r.ok) return refused(c, r, emblemPage);
    setEmblem(c.var.db, userActor(c), j.id, r.value, c.var.now());
    return redirectWithFlash(c, `/admin/jurisdictions/${j.id}`, `已更新${j.name}的徽标`);
  })
  .post('/emblem/remove', allow('admin.jurisdictions'), (c) => {
    if (!hasPortal(c)) notFound();
    const j = c.var.jurisdiction;
    removeEmblem(c.var.db, userActor(c), j.id, c.var.now());
    return redirectWithFlash(c, `/admin/jurisdictions/${j.id}`, `${j.name}已恢复默认徽标`);
  })
  .post('/stations', allow('admin.jurisdictions'), validForm(stationForm, stationFormPage), (c) => {
    const j = c.var.jurisdiction;
    const f = c.req.valid('form');
    const r = addStation(c.var.db, userActor(c), j.id, toStationInput(f), c.var.now());
    if (!r.ok) return refused(c, asStationField(r), stationFormPage, f);
    return redirectWithFlash(c, `/admin/jurisdictions/${j.id}`, `已新增站点：${r.value.name}`);
  });

/** /admin/jurisdictions/:jurisdictionId/stations/:stationId — one station of that jurisdiction. */
export const adminStation = new Hono<StationEnv>()
  .get('/', allow('admin.jurisdictions'), (c) => stationPage(c))
  .post('/', allow('admin.jurisdictions'), validForm(stationEditForm, stationPage), (c) => {
    const f = c.req.valid('form');
    const r = editStation(c.var.db, userActor(c), c.var.station.id, { ...toStationInput(f), active: f.stationActive === '1' }, c.var.now());
    if (!r.ok) return refused(c, asStationField(r), stationPage, f);
    return redirectWithFlash(c, `/admin/jurisdictions/${c.var.jurisdiction.id}`, `已保存站点：${f.stationName}`);
  });
