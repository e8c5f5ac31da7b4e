import type { Jurisdiction } from '../../src/data/jurisdictions';
import { MAX_EMBLEM_BYTES, MAX_EMBLEM_SIDE } from '../../src/domain/emblem';
import type { FieldErrors } from '../../src/http/validate';
import { Field, PostButton } from '../components/form';
import { TownBanner } from '../portal/TownBanner';

/** The town's emblem on its public portal: upload a PNG/JPEG, or go back to the default seal. */
export function EmblemForm(p: { j: Jurisdiction; version?: number; errors?: FieldErrors }) {
  const base = `/admin/jurisdictions/${p.j.id}/emblem`;
  return (
    <div class="card">
      <h2>门户徽标</h2>
      <p>显示在{p.j.name}群众门户的页首。现在的样子：</p>
      <TownBanner code={p.j.code} name={p.j.name} emblem={p.version} />
      <form method="post" action={base} enctype="multipart/form-data" class="stack" novalidate>
        <Field name="emblem" label="徽标图片" error={p.errors?.emblem}
          hint={`PNG 或 JPEG，不超过 ${MAX_EMBLEM_BYTES / 1024} KB，长宽不超过 ${MAX_EMBLEM_SIDE} 像素；建议正方形。图片中的拍摄信息等元数据会被去除。`}>
          <input id="f-emblem" name="emblem" type="file" accept="image/png,image/jpeg" required
            aria-invalid={p.errors?.emblem ? 'true' : undefined} aria-describedby={p.errors?.emblem ? 'f-emblem-error' : 'f-emblem-hint'} />
        </Field>
        <button type="submit">上传徽标</button>
      </form>
      {p.version !== undefined && <PostButton action={`${base}/remove`} label="恢复默认徽标" class="secondary" />}
    </div>
  );
}
