import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  JurisdictionEditPage, JurisdictionNewPage, JurisdictionTreePage, StationEditPage, type JurisdictionEditForms,
} from '../../views/admin/JurisdictionPages';
import { JURISDICTION_KINDS, STATION_KINDS } from '../domain/vocabulary';
import { actorOf, authorize, can, notFound, requireLogin } from '../auth/authorize';
import {
  addStation, createJurisdiction, editStation, setJurisdictionActive, stationOf, updateJurisdiction,
} from '../data/jurisdictionAdmin';
import { childrenOf, getJurisdiction, jurisdictionTree, stationsOf, type Jurisdiction } from '../data/jurisdictions';
import type { Station, StationInput } from '../data/stations';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { trimmed, validForm, validQuery, type FieldErrors, type FormValues } from '../http/validate';

const jurisdictionForm = z.object({
  name: trimmed(40, '请填写辖区名称'),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,12}$/, '代码须为 2–12 位字母或数字'),
});
const newJurisdictionForm = jurisdictionForm.extend({ kind: z.enum(JURISDICTION_KINDS, { error: '请选择类别' }) });
const parentQuery = z.object({ parent: z.coerce.number().int().positive() });
const activeForm = z.object({ active: z.enum(['0', '1'], { error: '请选择启用或停用' }) });

const stationForm = z.object({
  stationKind: z.enum(STATION_KINDS, { error: '请选择类型' }),
  stationName: trimmed(60, '请填写站点名称'),
  stationAddress: trimmed(200),
  stationCode: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{2,16}$/, '简码须为 2–16 位小写字母、数字或连字符'),
});
const stationEditForm = stationForm.extend({ stationActive: z.enum(['0', '1'], { error: '请选择状态' }) });

type StationFormValues = z.output<typeof stationForm>;
const toStationInput = (f: StationFormValues): StationInput =>
  ({ kind: f.stationKind, name: f.stationName, address: f.stationAddress, shortCode: f.stationCode });
const stationValues = (f: StationFormValues): FormValues => ({ ...f });
// Data functions name StationInput fields; the form prefixes them.
const stationField = (field: string) => (field === 'shortCode' ? 'stationCode' : field);

/** The jurisdiction named by `:id` after checking the admin covers it, or 404 / 403. */
function managed(c: Context<AppEnv>): Jurisdiction {
  const j = getJurisdiction(c.get('db'), Number(c.req.param('id'))) ?? notFound();
  authorize(c, 'admin.jurisdictions', j.id);
  return j;
}

function parentParam(c: Context<AppEnv>): Jurisdiction {
  const parent = getJurisdiction(c.get('db'), Number(c.req.query('parent'))) ?? notFound();
  authorize(c, 'admin.jurisdictions', parent.id);
  return parent;
}

function newPage(c: Context<AppEnv>, parent: Jurisdiction, values?: FormValues, errors?: FieldErrors) {
  return c.render(<JurisdictionNewPage parent={parent} values={values} errors={errors} />, { title: `在${parent.name}下新增辖区` });
}

function editPage(c: Context<AppEnv>, values?: { jurisdiction?: FormValues; station?: FormValues }, errors?: JurisdictionEditForms) {
  const j = managed(c);
  const db = c.get('db');
  return c.render(
    <JurisdictionEditPage j={j} parent={j.parentId ? getJurisdiction(db, j.parentId) : undefined}
      children={childrenOf(db, j.id)} stations={stationsOf(db, [j.id])} values={values} errors={errors} />,
    { title: `辖区：${j.name}` },
  );
}

function refused(c: Context<AppEnv>, values: { jurisdiction?: FormValues; station?: FormValues } | undefined, errors: JurisdictionEditForms) {
  c.status(422);
  return editPage(c, values, errors);
}

function stationParam(c: Context<AppEnv>, j: Jurisdiction): Station {
  return stationOf(c.get('db'), j.id, Number(c.req.param('stationId'))) ?? notFound();
}

function stationPage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = managed(c);
  const s = stationParam(c, j);
  return c.render(<StationEditPage j={j} station={s} values={values} errors={errors} />, { title: `编辑站点：${s.name}` });
}

export const adminJurisdictions = new Hono<AppEnv>()
  .get('/admin/jurisdictions', (c) => {
    requireLogin(c);
    const all = jurisdictionTree(c.get('db'));
    const roots = all.filter((r) => can(c, 'admin.jurisdictions', r.id));
    if (roots.length === 0) authorize(c, 'admin.jurisdictions', all[0]?.id ?? 0);
    return c.render(<JurisdictionTreePage roots={roots} />, { title: '辖区管理' });
  })
  .get('/admin/jurisdictions/new', validQuery(parentQuery), (c) => newPage(c, parentParam(c)))
  .post('/admin/jurisdictions/new', validQuery(parentQuery),
    validForm(newJurisdictionForm, (c, values, errors) => newPage(c, parentParam(c), values, errors)),
    (c) => {
      const parent = parentParam(c);
      const f = c.req.valid('form');
      const result = createJurisdiction(c.get('db'), actorOf(c), parent.id, f, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return newPage(c, parent, f, { [result.field]: result.error });
      }
      flash(c, `已新增辖区：${result.value.name}（${result.value.code}）`);
      return c.redirect(`/admin/jurisdictions/${result.value.id}`, 303);
    })
  .get('/admin/jurisdictions/:id{[0-9]+}', (c) => editPage(c))
  .post('/admin/jurisdictions/:id{[0-9]+}',
    validForm(jurisdictionForm, (c, values, errors) => editPage(c, { jurisdiction: values }, { jurisdiction: errors })),
    (c) => {
      const j = managed(c);
      const f = c.req.valid('form');
      const result = updateJurisdiction(c.get('db'), actorOf(c), j.id, f, c.get('now')());
      if (!result.ok) return refused(c, { jurisdiction: f }, { jurisdiction: { [result.field]: result.error } });
      flash(c, '已保存');
      return c.redirect(`/admin/jurisdictions/${j.id}`, 303);
    })
  .post('/admin/jurisdictions/:id{[0-9]+}/active',
    validForm(activeForm, (c, _values, errors) => editPage(c, undefined, { active: { _form: errors.active ?? '请求有误' } })),
    (c) => {
      const j = managed(c);
      const active = c.req.valid('form').active === '1';
      const result = setJurisdictionActive(c.get('db'), actorOf(c), j.id, active, c.get('now')());
      if (!result.ok) return refused(c, undefined, { active: { _form: result.error } });
      flash(c, active ? `已重新启用 ${j.name}` : `已停用 ${j.name}`);
      return c.redirect(`/admin/jurisdictions/${j.id}`, 303);
    })
  .post('/admin/jurisdictions/:id{[0-9]+}/stations',
    validForm(stationForm, (c, values, errors) => editPage(c, { station: values }, { station: errors })),
    (c) => {
      const j = managed(c);
      const f = c.req.valid('form');
      const result = addStation(c.get('db'), actorOf(c), j.id, toStationInput(f), c.get('now')());
      if (!result.ok) return refused(c, { station: stationValues(f) }, { station: { [stationField(result.field)]: result.error } });
      flash(c, `已新增站点：${result.value.name}`);
      return c.redirect(`/admin/jurisdictions/${j.id}`, 303);
    })
  .get('/admin/jurisdictions/:id{[0-9]+}/stations/:stationId{[0-9]+}', (c) => stationPage(c))
  .post('/admin/jurisdictions/:id{[0-9]+}/stations/:stationId{[0-9]+}',
    validForm(stationEditForm, (c, values, errors) => stationPage(c, values, errors)),
    (c) => {
      const j = managed(c);
      const s = stationParam(c, j);
      const f = c.req.valid('form');
      const result = editStation(c.get('db'), actorOf(c), s.id, { ...toStationInput(f), active: f.stationActive === '1' }, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return stationPage(c, { ...stationValues(f), stationActive: f.stationActive }, { [stationField(result.field)]: result.error });
      }
      flash(c, `已保存站点：${f.stationName}`);
      return c.redirect(`/admin/jurisdictions/${j.id}`, 303);
    });
