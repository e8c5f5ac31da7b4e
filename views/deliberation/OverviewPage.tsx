import { DelibFrame, Warnings } from './Frame';

type J = { code: string; name: string };

export interface OverviewNumbers { seated: number; unlinked: number; recorded: number; handedToRep: number; overdue: number; year: number; items: number; suggestions: number; meetings: number }

export interface OverdueRow { itemId: number; number: string; title: string; due: string; unitName: string }

export function OverviewPage(p: { j: J; n: OverviewNumbers; warnings: string[]; canRecord: boolean; mineHref?: string; overdue: OverdueRow[] }) {
  const base = `/j/${p.j.code}/deliberation`;
  const cards: [string, number, string][] = [
    ['在册议事代表', p.n.seated, `${base}/reps`],
    ['尚未联系区人大代表', p.n.unlinked, `${base}/links#gap`],
    [`${p.n.year}年议事代表会议`, p.n.meetings, `${base}/meetings`],
    ['民意事项待分办', p.n.recorded, `${base}/items?state=recorded`],
    ['已转交区人大代表、待转为建议', p.n.handedToRep, `${base}/items?state=handedToRep`],
    ['代表建议逾期未答复', p.n.overdue, '#overdue'],
  ];
  return (
    <DelibFrame j={p.j} tab="overview" title={`${p.j.name} · 街道议事`}>
      <p>街道议事代表会议由议事代表组成；议事代表收集群众反映的民意事项，经街道分办，需要区人大代表推动的，转交联系的区人大代表形成代表建议，交承办单位办理答复。</p>
      {p.canRecord && (
        <div class="actions">
          <a class="button" href={`${base}/items/new`}>登记民意事项</a>
          {p.mineHref && <a class="button secondary" href={p.mineHref}>我提出的民意事项</a>}
        </div>
      )}
      <Warnings items={p.warnings} />
      <ul class="figures">
        {cards.map(([label, n, href]) => <li><a href={href}><span class="figure">{n}</span><span>{label}</span></a></li>)}
      </ul>
      {p.overdue.length > 0 && (
        <>
          <h2 id="overdue">逾期未答复的代表建议</h2>
          <ul class="todo">
            {p.overdue.map((o) => (
              <li class="overdue"><a href={`${base}/items/${o.itemId}`}>{o.number}“{o.title}”：应于 {o.due} 前答复（{o.unitName}）</a></li>
            ))}
          </ul>
        </>
      )}
      <p>{p.n.year}年已登记民意事项 {p.n.items} 件，转为代表建议 {p.n.suggestions} 件。<a href={`${base}/stats?year=${p.n.year}`}>查看统计</a></p>
      <p class="muted">公开页面（群众可见，不含个人信息）：<a href={`/p/${p.j.code}/deliberation`}>/p/{p.j.code}/deliberation</a></p>
    </DelibFrame>
  );
}
