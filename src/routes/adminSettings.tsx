import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SystemSettingsPage } from '../../views/admin/SystemSettingsPage';
import { allow, userActor } from '../auth/authorize';
import { savedPublicUrl, savePublicUrl } from '../data/publicAddress';
import { refused } from '../http/refused';
import { publicAddress } from '../http/publicUrl';
import { redirectWithFlash } from '../http/renderer';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validForm, type FieldErrors, type FormValues } from '../http/validate';

const publicUrlForm = z.object({ publicUrl: z.string().trim().max(200, '网址不能超过 200 个字符') });

/** c.var.jurisdiction is the district (districtSubject): these settings hold for the whole district. */
function settingsPage(c: Context<JurisdictionEnv>, values?: FormValues, errors?: FieldErrors) {
  return c.render(
    <SystemSettingsPage district={c.var.jurisdiction} saved={savedPublicUrl(c.var.db)} effective={publicAddress(c)}
      fromEnvironment={c.var.publicUrl} values={values} errors={errors} />,
    { title: '系统设置' },
  );
}

/** /admin/settings — what the district administrator sets once for everyone: the public address. */
export const adminSettings = new Hono<JurisdictionEnv>()
  .get('/', allow('admin.jurisdictions'), (c) => settingsPage(c))
  .post('/public-url', allow('admin.jurisdictions'), validForm(publicUrlForm, settingsPage), (c) => {
    const input = c.req.valid('form');
    const r = savePublicUrl(c.var.db, userActor(c), input.publicUrl, c.var.now());
    if (!r.ok) return refused(c, r, settingsPage, input);
    return redirectWithFlash(c, '/admin/settings', r.value ? `公开网址已设置为 ${r.value}` : '已清除公开网址');
  });
