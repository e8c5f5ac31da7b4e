import { formatUnits, type SoftTarget } from '../../src/domain/softTarget';
import type { Cycle } from '../../src/data/cycles';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { ReportWithPhotos } from '../../src/data/progress';
import type { Project } from '../../src/data/projects';
import { MAX_PHOTOS_PER_REPORT, MAX_PHOTO_BYTES } from '../../src/domain/photos';
import type { PlannedMilestone } from '../../src/domain/schedule';
import { Field, FormError, TextArea, type FieldErrors, type FormValues } from '../components/form';
import { fmtDateTime, fmtYuan } from '../components/format';
import { MILESTONE_STATE_LABELS } from './common';

/** Thumbnails linking to the display size; staff also get each original (with its metadata) for download. */
export function PhotoGrid(p: { photos: { id: number; originalName: string }[]; href: (id: number) => string; originalHref?: (id: number) => string }) {
  if (p.photos.length === 0) return null;
  return (
    <ul class="photos">
      {p.photos.map((ph) => (
        <li>
          <a href={p.href(ph.id)} hx-boost="false"><img class="thumb" src={`${p.href(ph.id)}/thumb`} alt={ph.originalName || '现场照片'} loading="lazy" width="160" height="120" /></a>
          {p.originalHref && <a class="small" href={p.originalHref(ph.id)} hx-boost="false" download>下载原图</a>}
        </li>
      ))}
    </ul>
  );
}

export function ReportPage(p: {
  j: Jurisdiction; cycle: Cycle; project: Project; month: string; due: string; milestones: PlannedMilestone[];
  report?: ReportWithPhotos; previousPct: number | null; canFile: boolean; monthError?: string;
  values?: FormValues; errors?: FieldErrors; photoHref: (id: number) => string; originalHref?: (id: number) => string;
  /** 软项目: the report counts achieved units of this target; the % follows from it. */
  target?: SoftTarget;
}) {
  const base = `/j/${p.j.code}/cycles/${p.cycle.year}/projects/${p.project.id}`;
  const r = p.report;
  const v = (k: string, fallback: string) => p.values?.[k] ?? fallback;
  const prevState = (title: string) => r?.reported.find((m) => m.title === title);
  const room = MAX_PHOTOS_PER_REPORT - (r?.photos.length ?? 0);
  return (
    <section>
      <p class="muted"><a href={base}>{p.project.title}</a></p>
      <h1>{p.month} 月度进展</h1>
      <p class="muted">{p.project.unitName} · 报送截止 {p.due}{r && ` · 首次报送 ${fmtDateTime(r.filedAt)}，报送人 ${r.filedByName}`}</p>
      {p.monthError && <p class="error banner" role="alert">{p.monthError}</p>}
      {r && !p.canFile && (
        <div class="card">
          <p>累计完成 <strong>{r.pct}%</strong> · 累计支出 <strong>{fmtYuan(r.spent)}</strong></p>
          <ul>{r.reported.map((m) => <li>{m.title}：{MILESTONE_STATE_LABELS[m.state]}{m.state === 'late' && m.expectedDate && `，预计 ${m.expectedDate}`}</li>)}</ul>
          {r.problems && <p><strong>存在问题：</strong>{r.problems}</p>}
          {r.helpNeeded && <p><strong>需协调事项（内部）：</strong>{r.helpNeeded}</p>}
          {r.backwardsReason && <p><strong>进度回调说明：</strong>{r.backwardsReason}</p>}
        </div>
      )}
      {!r && !p.canFile && <p class="muted">本月进展尚未报送。</p>}
      {r && <PhotoGrid photos={r.photos} href={p.photoHref} originalHref={p.originalHref} />}
      {p.canFile && !p.monthError && (
        <form method="post" action={`${base}/reports/${p.month}`} enctype="multipart/form-data" class="stack" novalidate>
          <FormError errors={p.errors} />
          {r && <p class="hint">本月已报送，可以更正后重新提交；首次报送时间保持不变。</p>}
          {p.target
            ? <Field name="achieved" label={`累计完成数量（${p.target.unit}）`} inputmode="decimal" value={v('achieved', r?.achievedUnits != null ? String(r.achievedUnits) : '')} error={p.errors?.achieved ?? p.errors?.pct} required
              hint={`目标 ${formatUnits(p.target.quantity, p.target.unit)}，自开工起累计`} />
            : <Field name="pct" label="累计完成比例（%）" type="number" inputmode="numeric" value={v('pct', r ? String(r.pct) : '')} error={p.errors?.pct} required
              hint={p.previousPct !== null ? `之前报送为 ${p.previousPct}%；低于它须说明原因` : '0–100 的整数，自开工起累计'} />}
          <Field name="spent" label="累计支出（元）" type="number" inputmode="numeric" value={v('spent', r ? String(r.spent) : '')} error={p.errors?.spent} required
            hint="自开工起累计已支付的资金，整数元" />
          <fieldset class="milestone-status">
            <legend>节点完成情况</legend>
            {p.milestones.length === 0 && <p class="muted">本项目没有设置节点。</p>}
            {p.milestones.map((m, i) => {
              const prev = prevState(m.title);
              const state = v(`m${i}_state`, prev?.state ?? 'onTrack');
              const sid = `f-m${i}_state`;
              return (
                <fieldset class="milestone-row">
                  <legend><strong>{m.title}</strong> <span class="muted">计划 {m.dueDate} 完成，累计 {m.plannedPct}%</span></legend>
                  <div class={p.errors?.[`m${i}_state`] ? 'field invalid' : 'field'}>
                    <label for={sid}>状态</label>
                    <select id={sid} name={`m${i}_state`}>
                      {(['done', 'onTrack', 'late'] as const).map((s) => <option value={s} selected={s === state}>{MILESTONE_STATE_LABELS[s]}</option>)}
                    </select>
                    {p.errors?.[`m${i}_state`] && <p class="error" role="alert">{p.errors[`m${i}_state`]}</p>}
                  </div>
                  <Field name={`m${i}_expected`} label="预计完成日期（滞后时必填）" type="date" value={v(`m${i}_expected`, prev?.expectedDate ?? '')} error={p.errors?.[`m${i}_expected`]} />
                </fieldset>
              );
            })}
          </fieldset>
          <TextArea name="problems" label="存在问题（公开）" value={v('problems', r?.problems ?? '')} error={p.errors?.problems} maxlength={2000} />
          <TextArea name="helpNeeded" label="需协调解决的事项（内部，不公开）" value={v('helpNeeded', r?.helpNeeded ?? '')} error={p.errors?.helpNeeded} maxlength={2000} />
          <TextArea name="backwardsReason" label="进度回调原因" value={v('backwardsReason', r?.backwardsReason ?? '')} error={p.errors?.backwardsReason} maxlength={1000}
            hint="累计完成比例低于之前报送的数字时必填（如之前误报、验收未通过返工）" />
          <div class={p.errors?.photos ? 'field invalid' : 'field'}>
            <label for="f-photos">现场照片</label>
            <input id="f-photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" disabled={room <= 0}
              aria-invalid={p.errors?.photos ? 'true' : undefined} aria-describedby={p.errors?.photos ? 'f-photos-hint f-photos-error' : 'f-photos-hint'} />
            <p class="hint" id="f-photos-hint">
              JPEG、PNG 或 WebP，每张不超过 {MAX_PHOTO_BYTES / 1024 / 1024} MB，每月最多 {MAX_PHOTOS_PER_REPORT} 张{r && r.photos.length > 0 ? `（已有 ${r.photos.length} 张，还可添加 ${Math.max(0, room)} 张）` : ''}
            </p>
            {p.errors?.photos && <p class="error" id="f-photos-error" role="alert">{p.errors.photos}</p>}
          </div>
          <button type="submit">{r ? '提交更正' : '提交月度进展'}</button>
        </form>
      )}
    </section>
  );
}
