import { fundsBar, scaled, shares, stackSpans } from '../../src/domain/barScale';
import { RATING_LABELS, ratePct, satisfactionRate, type RatingCounts } from '../../src/domain/satisfaction';

/** A fill pattern laid over a segment's colour, so a greyscale print still tells the segments apart. */
export type ChartPattern = 'hatch' | 'dots';

export interface ChartSegment { value: number; cls: string; pattern?: ChartPattern; /** printed inside the segment when it is wide enough */ label?: string }
export interface ChartRow {
  label: string;
  segments: ChartSegment[];
  /** A thin upright line, e.g. the plan or the budget, on the same scale as the segments. */
  marker?: number;
  /** This row's own scale (a project's budget, a project's number of ratings); else the chart's. */
  max?: number;
  valueText: string;
}
export interface LegendItem { cls: string; pattern?: ChartPattern; label: string }

/** A segment narrower than this (percent of the track) has no number inside it: the number would not fit. */
const INNER_LABEL_MIN = 10;

function Swatch(p: { id: string; cls: string; pattern?: ChartPattern }) {
  return (
    <svg class="chart-swatch" width="18" height="14" aria-hidden="true" focusable="false">
      <rect class={`chart-seg ${p.cls}`} x="0.5" y="0.5" width="17" height="13" />
      {p.pattern && <rect x="0.5" y="0.5" width="17" height="13" fill={`url(#${p.id}-${p.pattern})`} />}
    </svg>
  );
}

/**
 * Every bar chart of the app: one row per thing, its label and value as text beside an SVG bar that stretches to the
 * width there is (percent units, no script, no inline style). The bar is decoration for the eye; the label and value
 * text and the linked table carry the numbers for everyone else. Patterns and numbers make it readable in greyscale.
 */
export function BarChart(p: { id: string; title: string; rows: ChartRow[]; max?: number; tableId: string; legend?: LegendItem[]; empty?: string }) {
  const uses = new Set([...p.rows.flatMap((r) => r.segments.map((s) => s.pattern)), ...(p.legend ?? []).map((l) => l.pattern)].filter(Boolean));
  return (
    <figure class="chart" id={p.id}>
      <figcaption>{p.title} <a class="chart-table-link no-print" href={`#${p.tableId}`}>数字见表</a></figcaption>
      {uses.size > 0 && (
        <svg class="chart-defs" width="0" height="0" aria-hidden="true" focusable="false">
          <defs>
            <pattern id={`${p.id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
              <rect class="chart-pattern" x="0" y="0" width="2.5" height="6" />
            </pattern>
            <pattern id={`${p.id}-dots`} patternUnits="userSpaceOnUse" width="6" height="6">
              <circle class="chart-pattern" cx="3" cy="3" r="1.5" />
            </pattern>
          </defs>
        </svg>
      )}
      {p.legend && (
        <ul class="chart-legend">
          {p.legend.map((l) => <li><Swatch id={p.id} cls={l.cls} pattern={l.pattern} />{l.label}</li>)}
        </ul>
      )}
      {p.rows.length === 0 ? <p class="muted">{p.empty ?? '暂无数据。'}</p> : (
        <ul class="chart-rows">
          {p.rows.map((r) => {
            const max = r.max ?? p.max ?? 0;
            const spans = stackSpans(r.segments.map((s) => s.value), max);
            return (
              <li>
                <span class="chart-label">{r.label}</span>
                <span class="chart-value">{r.valueText}</span>
                <svg class="chart-bar" width="100%" height="22" aria-hidden="true" focusable="false">
                  <rect class="chart-track" x="0" y="0" width="100%" height="22" />
                  {r.segments.map((s, i) => spans[i]!.w > 0 && (
                    <>
                      <rect class={`chart-seg ${s.cls}`} x={`${spans[i]!.x}%`} y="0" width={`${spans[i]!.w}%`} height="22" />
                      {s.pattern && <rect x={`${spans[i]!.x}%`} y="0" width={`${spans[i]!.w}%`} height="22" fill={`url(#${p.id}-${s.pattern})`} />}
                    </>
                  ))}
                  {r.segments.map((s, i) => s.label && spans[i]!.w >= INNER_LABEL_MIN && (
                    <text class="chart-inner" x={`${spans[i]!.x + spans[i]!.w / 2}%`} y="16" text-anchor="middle">{s.label}</text>
                  ))}
                  {r.marker !== undefined && <rect class="chart-marker" x={`${scaled(r.marker, max)}%`} y="-4" width="3" height="30" transform="translate(-1.5 0)" />}
                </svg>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}

/** 满意 / 基本满意 / 不满意 as one stacked bar per project, each on its own number of ratings, shares printed inside. */
export const RATING_LEGEND: LegendItem[] = [
  { cls: 'fill-satisfied', label: RATING_LABELS.satisfied },
  { cls: 'fill-basic', pattern: 'hatch', label: RATING_LABELS.basic },
  { cls: 'fill-dissatisfied', pattern: 'dots', label: RATING_LABELS.dissatisfied },
];

export function ratingRow(label: string, c: RatingCounts | undefined | null): ChartRow {
  if (!c) return { label, segments: [], valueText: '未评议' };
  const counts = [c.satisfied, c.basic, c.dissatisfied];
  const pcts = shares(counts);
  const rate = ratePct(satisfactionRate(c));
  return {
    label, max: counts.reduce((s, v) => s + v, 0),
    segments: RATING_LEGEND.map((l, i) => ({ value: counts[i]!, cls: l.cls, pattern: l.pattern, label: pcts ? `${pcts[i]}%` : undefined })),
    valueText: rate === null ? '无有效评价' : `满意 ${c.satisfied} · 基本满意 ${c.basic} · 不满意 ${c.dissatisfied} · 满意率 ${rate}%`,
  };
}

export function SatisfactionChart(p: { id: string; title: string; tableId: string; rows: { label: string; counts: RatingCounts | undefined | null }[] }) {
  return <BarChart id={p.id} title={p.title} tableId={p.tableId} legend={RATING_LEGEND} rows={p.rows.map((r) => ratingRow(r.label, r.counts))} />;
}

/** 万元 with one decimal at most: 40,000 → 4, 1,066,000 → 106.6. */
export const wan = (yuan: number) => `${Math.round(yuan / 1000) / 10}`;

/** Spent against budget on this row's own scale: 100 % is its budget, what ran over is hatched red past a budget line. */
export function fundsRow(label: string, spent: number, budget: number): ChartRow {
  const f = fundsBar(spent, budget);
  const within = Math.min(f.spent, f.budget);
  return {
    label, max: f.max, marker: f.over && f.budget > 0 ? f.budget : undefined,
    segments: [
      { value: f.budget > 0 ? within : 0, cls: 'fill-spent', label: f.pct === null ? undefined : `${Math.min(f.pct, 100)}%` },
      { value: f.spent - (f.budget > 0 ? within : 0), cls: 'fill-over', pattern: 'hatch' },
    ],
    valueText: f.budget === 0
      ? (f.spent > 0 ? `已支出 ${wan(f.spent)} 万元，无预算` : '无预算')
      : `${wan(f.spent)} / ${wan(f.budget)} 万元（${f.pct}%${f.over ? `，超支 ${wan(f.spent - f.budget)} 万元` : ''}）`,
  };
}
