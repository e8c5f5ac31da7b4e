import { YEAR_STEP_LABELS, YEAR_STEP_SENTENCES, stepStates, type ResidentAction } from '../../src/domain/portalTimeline';
import type { Phase } from '../../src/domain/phases';

const STATE_WORDS = { done: '已完成', current: '进行中', upcoming: '未开始' } as const;

/** The year as five steps, the current one marked in words (not only colour), each explained in a sentence. */
export function YearTimeline(p: { year: number; phase: Phase; resultsPublished: boolean }) {
  return (
    <section class="card year-timeline" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{p.year} 年度工作进程</h2>
      <ol class="year-steps">
        {stepStates(p.phase, p.resultsPublished).map(({ step, state }) => (
          <li class={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <strong>{YEAR_STEP_LABELS[step]}</strong> <span class="step-state">{STATE_WORDS[state]}</span>
            <div class="step-text">{YEAR_STEP_SENTENCES[step]}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Links for what a resident can do now, in the order they would do it. */
export function ResidentActions(p: { code: string; year?: number; actions: ResidentAction[] }) {
  const base = p.year ? `/p/${p.code}/${p.year}` : `/p/${p.code}`;
  const links: Record<ResidentAction, [string, string]> = {
    propose: [`/p/${p.code}/propose`, '我要提建议'],
    track: ['/track', '凭回执号查询我的建议'],
    results: [`${base}/results`, '查看表决结果'],
    progress: [`${base}/projects`, '查看项目进展'],
    feedback: [`${base}/projects`, '评价项目、提意见'],
  };
  return (
    <section aria-labelledby="now-h">
      <h2 id="now-h">现在您可以</h2>
      <div class="actions">
        {p.actions.map((a, i) => <a class={i === 0 ? 'button' : 'button secondary'} href={links[a][0]}>{links[a][1]}</a>)}
        <a class="button secondary" href={`/p/${p.code}/stations`}>找代表之家（联络站）</a>
      </div>
    </section>
  );
}
