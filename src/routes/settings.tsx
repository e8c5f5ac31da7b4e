import { Hono, type Context } from 'hono';
import { SettingsPage } from '../../views/jurisdictions/SettingsPage';
import { actorOf, authorize, can, jurisdictionParam } from '../auth/authorize';
import { getSettings, saveSettings } from '../data/settings';
import { settingsSchema } from '../domain/settings';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';

function page(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = jurisdictionParam(c);
  authorize(c, 'settings.view', j.id);
  return c.render(
    <SettingsPage j={j} settings={getSettings(c.get('db'), j.id)} canEdit={can(c, 'settings.edit', j.id)} values={values} errors={errors} />,
    { title: `${j.name} 参数设置` },
  );
}

export const settings = new Hono<AppEnv>()
  .get('/j/:code/settings', (c) => page(c))
  .post('/j/:code/settings',
    validForm(settingsSchema, (c, values, errors) => {
      authorize(c, 'settings.edit', jurisdictionParam(c).id);
      return page(c, values, errors);
    }),
    (c) => {
      const j = jurisdictionParam(c);
      authorize(c, 'settings.edit', j.id);
      saveSettings(c.get('db'), actorOf(c), j.id, c.req.valid('form'), c.get('now')());
      flash(c, '参数已保存');
      return c.redirect(`/j/${j.code}/settings`, 303);
    });
