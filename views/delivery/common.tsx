import type { MilestoneState } from '../../src/domain/vocabulary';
import { COLOUR_LABELS, type Colour, type ReportStanding } from '../../src/domain/schedule';

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = { done: '已完成', onTrack: '按计划推进', late: '滞后' };

export const STANDING_LABELS: Record<ReportStanding, string> = {
  notYet: '未到报送期', open: '待报送', overdue: '逾期未报', onTime: '按时报送', late: '逾期补报',
};

const SHORT: Record<Colour, string> = { blue: '蓝灯', green: '绿灯', yellow: '黄灯', orange: '橙灯', red: '红灯' };

/** The colour is never the only signal: the word is always there too. */
export function ColourBadge(p: { colour: Colour; long?: boolean }) {
  return <span class={`light light-${p.colour}`} title={COLOUR_LABELS[p.colour]}>{p.long ? COLOUR_LABELS[p.colour] : SHORT[p.colour]}</span>;
}

export function StandingBadge(p: { standing: ReportStanding }) {
  return <span class={`standing standing-${p.standing}`}>{STANDING_LABELS[p.standing]}</span>;
}

/** Actual progress as a bar, the plan as a marker: SVG attributes, since the CSP allows no style attribute. */
export function ProgressBar(p: { actual: number; planned?: number; colour?: Colour }) {
  const a = Math.max(0, Math.min(100, p.actual));
  const pl = p.planned === undefined ? undefined : Math.max(0, Math.min(100, p.planned));
  const label = `实际完成 ${Math.round(a)}%${pl === undefined ? '' : `，计划 ${Math.round(pl)}%`}`;
  return (
    <div class="progress">
      <svg class="progress-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={label}>
        <rect class="track" x="0" y="0" width="100" height="10" />
        <rect class={`fill fill-${p.colour ?? 'green'}`} x="0" y="0" width={String(a)} height="10" />
        {pl !== undefined && <rect class="plan-mark" x={String(Math.max(0, pl - 0.6))} y="0" width="1.2" height="10" />}
      </svg>
      <span class="progress-text">{label}</span>
    </div>
  );
}

export function CycleTabs(p: { base: string; current: string; links: [string, string][] }) {
  return (
    <nav class="tabs no-print" aria-label="实施监督">
      {p.links.map(([href, label]) => <a href={`${p.base}${href}`} aria-current={p.current === href ? 'page' : undefined}>{label}</a>)}
    </nav>
  );
}
