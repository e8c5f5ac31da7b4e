import type { collectionSummary } from '../../src/data/collection';
import { CollectionSummary } from './CollectionSummary';
import type { CollectionState } from '../../src/domain/collection';
import { phaseLabel, type Phase } from '../../src/domain/phases';
import {
  CATEGORY_LABELS, PROPOSAL_CATEGORIES, PROPOSAL_STATUSES, SOURCE_LABELS, STATUS_LABELS, wholeAreaLabel,
  type ProposalCategory, type ProposalStatus,
} from '../../src/domain/proposalLabels';
import type { PortalRow, publicCandidates } from '../../src/data/portal';
import { Field, Pagination } from '../components/form';
import { chinaDateOf } from '../components/format';
import { CollectionNotice } from '../proposals/CollectionNotice';
import { excerpt, yuanWords } from '../proposals/format';
import { queryString } from '../proposals/query';
import { StatusBadge } from '../proposals/TrackPages';
import type { ResidentAction } from '../../src/domain/portalTimeline';
import type { PortalResults as Results } from '../../src/data/portalResults';
import { PortalGlossary } from './PortalGlossary';
import { PortalResults } from './PortalResults';
import { TownBanner } from './TownBanner';
import { ResidentActions, YearTimeline } from './YearTimeline';

export interface PortalTown { code: string; name: string; kind: string }

function CandidateList(p: { list: NonNullable<ReturnType<typeof publicCandidates>> }) {
  const { list } = p;
  return (
    <section class="card">
      <h2>候选项目（{list.candidates.length} 项{list.seatsToFill ? `，应选 ${list.seatsToFill} 项` : ''}）</h2>
      <p class="muted">经主席团于 {chinaDateOf(list.lockedAt)} 通过。</p>
      <ol class="plist">
        {list.candidates.map((cd) => (
          <li>
            <strong>{cd.title}</strong>{cd.crossYear && <span class="badge">跨年度</span>}
            <div class="muted">预算 {yuanWords(cd.budget)} · 承办 {cd.unitName} · 牵头 {cd.leadOfficial} · {cd.startDate} 至 {cd.endDate}</div>
            {cd.numbers.length > 0 && <div class="muted">来自提议：{cd.numbers.join('、')}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PortalPage(p: {
  town: PortalTown; year?: number; phase?: Phase; years: number[]; collection: { state: CollectionState; year?: number };
  counts: Partial<Record<ProposalStatus, number>>; status?: ProposalStatus; category?: ProposalCategory;
  rows: PortalRow[]; page: number; pageSize: number; total: number;
  candidates: ReturnType<typeof publicCandidates>;
  results: Results | null; actions: ResidentAction[]; emblem: number | undefined;
  summary?: ReturnType<typeof collectionSummary>; closeNotice?: string;
}) {
  const base = p.year ? `/p/${p.town.code}/${p.year}` : `/p/${p.town.code}`;
  const all = Object.values(p.counts).reduce((a, b) => a + (b ?? 0), 0);
  const href = (over: Record<string, string | number | undefined>) =>
    base + queryString({ status: p.status, category: p.category, ...over });
  return (
    <section class="portal">
      <TownBanner code={p.town.code} name={p.town.name} emblem={p.emblem} />
      <h1>{p.town.name}{p.year ? ` ${p.year} 年度` : ''}民生实事项目</h1>
      {p.phase && !p.results && <p>当前阶段：<strong>{phaseLabel(p.phase, p.town.kind)}</strong></p>}
      <CollectionNotice state={p.collection.state} kind={p.town.kind} year={p.collection.year} />
      <ResidentActions code={p.town.code} year={p.year} actions={p.actions} />
      {p.year && p.phase && <YearTimeline year={p.year} phase={p.phase} resultsPublished={p.results !== null} />}
      {p.year && p.results && <PortalResults code={p.town.code} year={p.year} results={p.results} />}
      <PortalLinks town={p.town} year={p.year} phase={p.phase} />
      {p.years.length > 1 && (
        <p class="muted">其他年度：{p.years.filter((y) => y !== p.year).map((y, i) => <>{i > 0 && ' · '}<a href={`/p/${p.town.code}/${y}`}>{y}</a></>)}</p>
      )}
      {p.closeNotice && !p.summary && <p class="notice">提前截止公告：{p.closeNotice}</p>}
      {p.summary && <CollectionSummary summary={p.summary} closeNotice={p.closeNotice} />}
      {p.candidates && !p.results && <CandidateList list={p.candidates} />}
      {p.year === undefined ? <p class="muted">本辖区还没有年度工作。</p> : (
        <>
          <h2>征集到的建议（共 {all} 条）</h2>
          <nav class="chips" aria-label="按状态查看">
            <a href={href({ status: undefined, page: undefined })} aria-current={!p.status ? 'page' : undefined}>全部 {all}</a>
            {PROPOSAL_STATUSES.filter((s) => p.counts[s]).map((s) => (
              <a href={href({ status: s, page: undefined })} aria-current={p.status === s ? 'page' : undefined}>{STATUS_LABELS[s]} {p.counts[s]}</a>
            ))}
          </nav>
          <form method="get" action={base} class="filters">
            {p.status && <input type="hidden" name="status" value={p.status} />}
            <Field name="category" label="类别">
              <select id="f-category" name="category" data-autosubmit>
                <option value="">全部类别</option>
                {PROPOSAL_CATEGORIES.map((c) => <option value={c} selected={c === p.category}>{CATEGORY_LABELS[c]}</option>)}
              </select>
            </Field>
            <button type="submit" class="secondary">筛选</button>
          </form>
          {p.rows.length === 0 ? <p class="muted">没有符合条件的建议。</p> : (
            <ol class="plist">
              {p.rows.map((r) => (
                <li>
                  <strong>{r.title}</strong> <StatusBadge status={r.status} />
                  <div class="muted">
                    {r.number} · {CATEGORY_LABELS[r.category]} · {r.placeName ?? wholeAreaLabel(p.town.kind)} · 估算 {yuanWords(r.estimatedCost)} · {r.proposerMasked}（{SOURCE_LABELS[r.source]}）
                  </div>
                  {r.mergedIntoNumber && <div>已与 {r.mergedIntoNumber} 合并</div>}
                  {r.explanation && <div class="reason">理由：{excerpt(r.explanation, 120)}</div>}
                </li>
              ))}
            </ol>
          )}
          <Pagination page={p.page} pageSize={p.pageSize} total={p.total} href={(page) => href({ page })} />
          <PortalGlossary />
        </>
      )}
    </section>
  );
}

const AFTER_VOTE: readonly Phase[] = ['voting', 'delivery', 'evaluation', 'closed'];
const IN_DELIVERY: readonly Phase[] = ['delivery', 'evaluation', 'closed'];

/** The year's other public pages, once they have something to show. */
function PortalLinks(p: { town: PortalTown; year?: number; phase?: Phase }) {
  const links: [string, string][] = [];
  if (p.year && p.phase && AFTER_VOTE.includes(p.phase)) links.push([`/p/${p.town.code}/${p.year}/results`, '表决结果与决议']);
  if (p.year && p.phase && IN_DELIVERY.includes(p.phase)) links.push([`/p/${p.town.code}/${p.year}/projects`, '项目实施进展']);
  if (p.town.kind === 'subdistrict') links.push([`/p/${p.town.code}/deliberation`, '议事代表与代表建议']);
  if (links.length === 0) return null;
  return <nav class="chips" aria-label="更多公开信息">{links.map(([href, label]) => <a href={href}>{label}</a>)}</nav>;
}
