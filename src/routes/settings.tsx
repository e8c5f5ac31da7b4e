import { Hono, type Context } from 'hono';
import { SettingsPage } from '../../views/jurisdictions/SettingsPage';
import { actorOf, allow, can } from '../auth/authorize';
import { getSettings, saveSettings } from '../data/settings';
import { settingsSchema } from '../domain/settings';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';

function settingsPage(c: Context<JurisdictionEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  return c.render(
    <SettingsPage j={j} settings={getSettings(db, j.id)} canEdit={can(c, 'settings.edit', j.id)} values={values} errors={errors} />,
    { title: `${j.name} 参数设置` },
  );
}

/** /j/:code/settings — the jurisdiction's vote, screening and supervision parameters. */
export const settings = new Hono<JurisdictionEnv>()
  .get('/', allow('settings.view'), (c) => settingsPage(c))
  .post('/', allow('settings.edit'), validForm(settingsSchema, settingsPage), (c) => {
    const form = c.req.valid('form');
    const r = saveSettings(c.var.db, actorOf(c), c.var.jurisdiction, form, c.var.now());
    if (!r.ok) return refused(c, r, settingsPage, form);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/settings`, '参数已保存');
  });
