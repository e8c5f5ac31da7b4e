import type { collectionSummary } from '../../src/data/collection';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../src/domain/proposalLabels';

type Summary = ReturnType<typeof collectionSummary>;

function CountTable(p: { caption: string; counts: Record<string, number>; labels: Record<string, string> }) {
  const rows = Object.entries(p.counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return (
    <table class="compact">
      <caption>{p.caption}</caption>
      <thead><tr><th scope="col">项目</th><th scope="col" class="num">条数</th></tr></thead>
      <tbody>{rows.map(([k, n]) => <tr><td>{p.labels[k] ?? k}</td><td class="num">{n}</td></tr>)}</tbody>
    </table>
  );
}

/** Published once the window has closed: what came in, from whom, about what, and what became of it. */
export function CollectionSummary(p: { summary: Summary; closeNotice?: string }) {
  const s = p.summary;
  return (
    <section class="card collection-summary" aria-labelledby="collection-summary">
      <h2 id="collection-summary">征集情况汇总</h2>
      {p.closeNotice && <p class="notice">提前截止公告：{p.closeNotice}</p>}
      <p>本年度征集期内共收到建议 <strong>{s.total}</strong> 条。</p>
      <div class="cards">
        <CountTable caption="按来源" counts={s.bySource} labels={SOURCE_LABELS} />
        <CountTable caption="按类别" counts={s.byCategory} labels={CATEGORY_LABELS} />
        <CountTable caption="按办理结果" counts={s.byOutcome} labels={STATUS_LABELS} />
      </div>
    </section>
  );
}
