import type { LedgerRow } from '../../src/data/dutyLedger';
import type { DutyActivity } from '../../src/data/dutyActivities';
import type { MyLedgerLink } from '../../src/data/myLedger';
import {
  DUTY_ACTIVITY_LABELS, LEDGER_KIND_LABELS, LEDGER_KINDS, sumCounts, type LedgerCounts, type LedgerKind, type RepLedger,
} from '../../src/domain/dutyLedger';
import { DUTY_ACTIVITY_KINDS } from '../../src/domain/vocabulary';
import { Field, FormError, SelectField, TextArea, type FieldErrors, type FormValues } from '../components/form';

type J = { code: string; name: string; kind: string };
type Rep = { id: number; name: string; community: string; body: 'congress' | 'deliberation'; status: 'seated' | 'retired' };

const repTerm = (r: Pick<Rep, 'body'>) => (r.body === 'deliberation' ? '议事代表' : '代表');
const placeTerm = (j: J) => (j.kind === 'subdistrict' ? '社区' : '村（社区）');

/** What each kind means on paper, so a count is read as the report will read it. */
const KIND_HINTS: Record<LedgerKind, string> = {
  reception: '在代表之家、联络站接待群众（按接待日安排）',
  opinion: '登记的群众意见（民意事项）',
  suggestion: '交有关单位办理的代表建议',
  session: '出席人民代表大会会议或议事代表会议',
  poll: '在场参加的表决（只记出席，不涉及表决内容）',
  activity: '联络员或工作人员登记的走访、调研、视察、培训等活动',
};

function activityLine(c: LedgerCounts): string {
  const parts = DUTY_ACTIVITY_KINDS.filter((k) => c.activities[k] > 0).map((k) => `${DUTY_ACTIVITY_LABELS[k]} ${c.activities[k]}`);
  return parts.length ? `（${parts.join('、')}）` : '';
}

function YearNav(p: { href: (year: number) => string; year: number }) {
  return (
    <nav class="tabs" aria-label="年度">
      {[p.year - 1, p.year, p.year + 1].map((y) => <a href={p.href(y)} aria-current={y === p.year ? 'page' : undefined}>{y}年</a>)}
    </nav>
  );
}

function CountCells(p: { c: LedgerCounts }) {
  return (
    <>
      {LEDGER_KINDS.map((k) => <td class="num" data-label={LEDGER_KIND_LABELS[k]}>{p.c[k]}</td>)}
      <td class="num" data-label="合计"><strong>{p.c.total}</strong></td>
    </>
  );
}

function CountHead() {
  return <>{LEDGER_KINDS.map((k) => <th class="num" scope="col">{LEDGER_KIND_LABELS[k]}</th>)}<th class="num" scope="col">合计</th></>;
}

/** /j/:code/ledger — the clerk's overview: one line per representative, filtered by community, with the exports. */
export function LedgerListPage(p: { j: J; year: number; thisYear: number; rows: LedgerRow[]; communities: string[]; community: string }) {
  const { j, year } = p;
  const base = `/j/${j.code}/ledger`;
  const q = `year=${year}${p.community ? `&community=${encodeURIComponent(p.community)}` : ''}`;
  const total = sumCounts(p.rows.map((r) => r.counts));
  return (
    <section class="ledger">
      <p class="crumbs"><a href={`/j/${j.code}`}>{j.name}</a></p>
      <h1>{year}年度代表履职台账</h1>
      <p class="muted">每位代表一年的接待群众、收集意见、提出建议、出席会议和表决，以及登记的走访、调研、视察、培训等活动；是代表向选民述职的依据。</p>
      <YearNav year={year} href={(y) => `${base}?year=${y}`} />
      {p.communities.length > 1 && (
        <form method="get" action={base} class="filters">
          <input type="hidden" name="year" value={String(year)} />
          <SelectField name="community" label={placeTerm(j)} value={p.community} blank="全部" options={p.communities.map((c) => [c, c])} />
          <button type="submit">筛选</button>
        </form>
      )}
      <p class="actions">
        <a class="button" href={`${base}/print?${q}`}>打印台账（A4）</a>{' '}
        <a href={`${base}/export.xlsx?${q}`}>导出 Excel</a>{' '}
        <a href={`${base}/export.csv?${q}`}>导出 CSV</a>
      </p>
      {p.rows.length === 0 ? <p>本年度没有在册代表。</p> : (
        <div class="table-wrap">
          <table class="stack-sm ledger-table">
            <caption>{p.community || j.name} · {p.rows.length} 名代表</caption>
            <thead><tr><th scope="col">代表</th><th scope="col">{placeTerm(j)}</th><CountHead /></tr></thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td data-label="代表"><a href={`${base}/${r.rep.id}?year=${year}`}>{r.rep.name}</a>{r.rep.status === 'retired' && <span class="badge">已离任</span>}</td>
                  <td data-label={placeTerm(j)}>{r.rep.community || '—'}</td>
                  <CountCells c={r.counts} />
                </tr>
              ))}
            </tbody>
            <tfoot><tr><th scope="row" colSpan={2}>合计</th><CountCells c={total} /></tr></tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function EntryList(p: { ledger: RepLedger; kind: LedgerKind; withdrawForm?: (e: { sourceId?: number; detail: string }) => unknown }) {
  const list = p.ledger.byKind[p.kind];
  if (list.length === 0) return <p class="muted">无</p>;
  return (
    <ol class="ledger-entries">
      {list.map((e) => (
        <li>
          <span class="date">{e.date}</span>{' '}
          {e.activity && <span class="badge">{DUTY_ACTIVITY_LABELS[e.activity]}</span>}{' '}
          <span class="detail">{e.detail}</span>
          {p.withdrawForm?.(e)}
        </li>
      ))}
    </ol>
  );
}

/** The counts as the top of a representative's page and of their printed page. */
function CountFacts(p: { c: LedgerCounts }) {
  return (
    <dl class="facts ledger-counts">
      {LEDGER_KINDS.map((k) => (
        <>
          <dt>{LEDGER_KIND_LABELS[k]}</dt>
          <dd>{p.c[k]} {k === 'poll' ? '轮' : k === 'session' ? '次' : k === 'activity' ? `次${activityLine(p.c)}` : k === 'reception' ? '次' : '件'}</dd>
        </>
      ))}
    </dl>
  );
}

/** /j/:code/ledger/:repId — one representative's year, entry by entry; the clerk records and withdraws activities here. */
export function LedgerRepPage(p: {
  j: J; rep: Rep; year: number; ledger: RepLedger; withdrawn: DutyActivity[]; canRecord: boolean; canList: boolean; today: string;
  values?: FormValues; errors?: FieldErrors;
}) {
  const { j, rep, year } = p;
  const base = `/j/${j.code}/ledger/${rep.id}`;
  const v = p.values ?? {};
  const recordErrors = p.errors && !v.withdrawing ? p.errors : undefined;
  const withdrawForm = (e: { sourceId?: number; detail: string }) => p.canRecord && e.sourceId !== undefined && (
    <details class="withdraw" open={v.withdrawing === String(e.sourceId) || undefined}>
      <summary>撤销这条记录</summary>
      <form method="post" action={`${base}/activities/${e.sourceId}/withdraw`} class="stack">
        <input type="hidden" name="withdrawing" value={String(e.sourceId)} />
        <Field name={`reason-${e.sourceId}`} label="撤销原因" required>
          <input id={`f-reason-${e.sourceId}`} name="reason" value={v.withdrawing === String(e.sourceId) ? v.reason ?? '' : ''}
            aria-invalid={v.withdrawing === String(e.sourceId) && p.errors?.reason ? 'true' : undefined} />
        </Field>
        {v.withdrawing === String(e.sourceId) && p.errors?.reason && <p class="error" role="alert">{p.errors.reason}</p>}
        <button type="submit" class="secondary">撤销</button>
      </form>
    </details>
  );
  return (
    <section class="ledger">
      <p class="crumbs">{p.canList ? <a href={`/j/${j.code}/ledger?year=${year}`}>{j.name}{year}年度履职台账</a> : j.name}</p>
      <h1>{rep.name} · {year}年度履职台账</h1>
      <p class="muted">{j.name}{repTerm(rep)}{rep.community && ` · ${rep.community}`}{rep.status === 'retired' && ' · 已离任'}</p>
      <YearNav year={year} href={(y) => `${base}?year=${y}`} />
      <p class="actions"><a class="button" href={`${base}/print?year=${year}`}>打印（述职用，A4）</a>{' '}<a href={`${base}/export.csv?year=${year}`}>导出明细 CSV</a></p>
      <CountFacts c={p.ledger.counts} />
      {LEDGER_KINDS.map((k) => (
        <section class="card" aria-labelledby={`k-${k}`}>
          <h2 id={`k-${k}`}>{LEDGER_KIND_LABELS[k]}（{p.ledger.counts[k]}）</h2>
          <p class="hint">{KIND_HINTS[k]}</p>
          <EntryList ledger={p.ledger} kind={k} withdrawForm={k === 'activity' ? withdrawForm : undefined} />
        </section>
      ))}
      {p.withdrawn.length > 0 && (
        <section class="card" aria-labelledby="withdrawn">
          <h2 id="withdrawn">已撤销的活动记录</h2>
          <ul class="ledger-entries">
            {p.withdrawn.map((a) => <li><s>{a.date} {DUTY_ACTIVITY_LABELS[a.kind]} {a.detail}</s> <span class="muted">撤销原因：{a.withdrawReason}</span></li>)}
          </ul>
        </section>
      )}
      {p.canRecord && (
        <section class="card" aria-labelledby="record">
          <h2 id="record">登记履职活动</h2>
          <form method="post" action={`${base}/activities`} class="stack" novalidate>
            <FormError errors={recordErrors} />
            <SelectField name="kind" label="活动类别" required value={v.kind ?? 'visit'} error={recordErrors?.kind}
              options={DUTY_ACTIVITY_KINDS.map((k) => [k, DUTY_ACTIVITY_LABELS[k]])} />
            <Field name="date" label="活动日期" type="date" required value={v.date ?? p.today} error={recordErrors?.date} hint="已开展活动的日期，如 2027-03-01" />
            <Field name="place" label="地点" value={v.place} error={recordErrors?.place} maxlength={60} />
            <TextArea name="detail" label="活动内容" required value={v.detail} error={recordErrors?.detail} maxlength={300} rows={3} />
            <button type="submit">记入台账</button>
          </form>
        </section>
      )}
    </section>
  );
}

/** The A4 ledger: the summary table by community, then one page per representative, each the basis of their 述职. */
export function LedgerPrintPage(p: {
  j: J; year: number; back: string;
  summary?: { group: string; reps: number; counts: LedgerCounts }[];
  pages: { rep: Rep; ledger: RepLedger }[];
}) {
  const { j, year } = p;
  return (
    <article class="print-sheet ledger-print">
      <p class="no-print actions"><a href={p.back}>← 返回</a> <span class="muted">用浏览器的“打印”即可按 A4 打印，每位代表一页</span></p>
      {p.summary && (
        <section class="ledger-summary">
          <h1 class="sheet-title">{j.name}{year}年度代表履职台账汇总</h1>
          <table class="sheet">
            <thead><tr><th scope="col">{placeTerm(j)}</th><th class="num" scope="col">代表数</th><CountHead /></tr></thead>
            <tbody>
              {p.summary.map((g) => <tr><td>{g.group}</td><td class="num">{g.reps}</td><CountCells c={g.counts} /></tr>)}
            </tbody>
            <tfoot>
              <tr><th scope="row">合计</th><td class="num">{p.summary.reduce((n, g) => n + g.reps, 0)}</td><CountCells c={sumCounts(p.summary.map((g) => g.counts))} /></tr>
            </tfoot>
          </table>
          <p class="sheet-foot">统计口径：接待群众按接待日安排记；收集意见按登记日；提出建议按交办日；出席会议、参加表决按会议签到记录（只记出席，不涉及表决内容）；其他活动按登记的活动日期。日期均为北京时间。</p>
        </section>
      )}
      {p.pages.map(({ rep, ledger }) => (
        <section class="ledger-page">
          <h1 class="sheet-title">{rep.name} {year}年度履职台账</h1>
          <p class="sheet-sub">{j.name}{repTerm(rep)}{rep.community && ` · ${rep.community}`}</p>
          <table class="sheet">
            <thead><tr><CountHead /></tr></thead>
            <tbody><tr><CountCells c={ledger.counts} /></tr></tbody>
          </table>
          {LEDGER_KINDS.filter((k) => ledger.byKind[k].length > 0).map((k) => (
            <section class="ledger-kind">
              <h2>{LEDGER_KIND_LABELS[k]}（{ledger.counts[k]}）</h2>
              <EntryList ledger={ledger} kind={k} />
            </section>
          ))}
          {ledger.counts.total === 0 && <p>本年度台账中没有记录。</p>}
          <p class="sheet-foot">代表签字：＿＿＿＿＿＿　　联络站（联络员）核对：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿</p>
        </section>
      ))}
    </article>
  );
}

/** /my/ledger with no single ledger to open: the logged-in person's rows, or why there is none. */
export function MyLedgerPage(p: { ledgers: MyLedgerLink[] }) {
  return (
    <section class="ledger">
      <h1>我的履职</h1>
      {p.ledgers.length === 0 ? <p>您的账号没有关联代表名册中的代表，因此没有履职台账。如需关联，请联系人大工作人员。</p> : (
        <ul>
          {p.ledgers.map((l) => <li><a href={`/j/${l.code}/ledger/${l.repId}`}>{l.jurisdictionName} · {l.name}</a>{l.status === 'retired' && '（已离任）'}</li>)}
        </ul>
      )}
    </section>
  );
}
