import { percent, type YearSummary } from '../../src/domain/deliberationStats';
import { OPINION_STATE_LABELS, OPINION_STATES } from '../../src/domain/opinionTriage';
import { SATISFACTION_LABELS, type Satisfaction, type SuggestionStatus } from '../../src/domain/suggestionStatus';
import type { MeetingRow } from '../../src/data/meetings';
import { attendanceRate, type AttendanceSummary } from '../../src/domain/meetingAttendance';
import { SESSION_KIND_LABELS } from '../../src/domain/sessionState';
import { SelectField } from '../components/form';
import { BarChart, SatisfactionChart } from '../components/BarChart';
import { DelibFrame } from './Frame';
import { statusBadge } from './ItemPages';

type J = { code: string; name: string };

export interface ReportSuggestion {
  number: string; title: string; unitName: string; representative: string; assignedOn: string; due: string; extended: boolean;
  answeredOn: string | null; status: SuggestionStatus; satisfaction: Satisfaction | null;
}

/** The headline figures as label/value pairs: the page, the report and the CSV show the same list. */
export function headline(s: YearSummary): [string, string][] {
  return [
    ['民意事项', `${s.items} 件`],
    ...OPINION_STATES.map((st): [string, string] => [`其中${OPINION_STATE_LABELS[st]}`, `${s.byState[st]} 件`]),
    ['转为代表建议', `${s.suggestions} 件`],
    ['已答复', `${s.answered} 件`],
    ['按期答复', `${s.answeredOnTime} 件（按期率 ${percent(s.onTimeRate)}）`],
    ['逾期答复', `${s.byStatus.answeredLate} 件`],
    ['逾期未答复', `${s.byStatus.overdue} 件`],
    ['办理中（未到期）', `${s.byStatus.handling + s.byStatus.extended} 件`],
    ['经批准延期', `${s.extended} 件`],
    ['代表已评价', `${s.rated} 件：满意 ${s.satisfaction.satisfied}、基本满意 ${s.satisfaction.basicallySatisfied}、不满意 ${s.satisfaction.dissatisfied}`],
    ['满意率（满意＋基本满意）', percent(s.satisfactionRate)],
  ];
}

/** The year's deliberation meetings and their attendance: the page, the report and the CSV show the same numbers. */
export interface MeetingStats { rows: MeetingRow[]; total: AttendanceSummary }

/** One line per meeting (a planned one has no attendance yet), then the year's total. */
export function meetingLines(m: MeetingStats): (string | number)[][] {
  return [
    ...m.rows.map((r) => {
      const held = r.s.state !== 'planned';
      return [r.s.title, SESSION_KIND_LABELS[r.s.kind], r.s.date, r.seated, held ? r.present : '', held ? percent(attendanceRate(r.present, r.seated)) : '尚未召开'];
    }),
    [`合计（已召开 ${m.total.meetings} 次）`, '', '', m.total.seated, m.total.present, percent(m.total.rate)],
  ];
}

function MeetingTable(p: { m: MeetingStats; id?: string }) {
  if (p.m.rows.length === 0) return <p class="muted">本年度没有召开议事代表会议。</p>;
  const lines = meetingLines(p.m);
  const total = lines.pop()!;
  return (
    <div class="table-wrap"><table class="stack-sm" id={p.id}>
      <thead><tr><th>会议</th><th>类型</th><th>日期</th><th class="num">在册议事代表</th><th class="num">出席</th><th class="num">出席率</th></tr></thead>
      <tbody>
        {lines.map(([title, kind, date, seated, present, rate]) => (
          <tr>
            <td data-label="会议">{title}</td><td data-label="类型">{kind}</td><td data-label="日期" class="date">{date}</td>
            <td data-label="在册" class="num">{seated}</td><td data-label="出席" class="num">{present === '' ? '—' : present}</td><td data-label="出席率" class="num">{rate}</td>
          </tr>
        ))}
      </tbody>
      <tfoot><tr><th colspan={3}>{total[0]}</th><th class="num">{total[3]}</th><th class="num">{total[4]}</th><th class="num">{total[5]}</th></tr></tfoot>
    </table></div>
  );
}

function Figures(p: { s: YearSummary; m: MeetingStats }) {
  const f: [string, string | number][] = [
    ['民意事项', p.s.items], ['转为代表建议', p.s.suggestions], ['按期答复率', percent(p.s.onTimeRate)],
    ['逾期未答复', p.s.byStatus.overdue], ['满意率', percent(p.s.satisfactionRate)], ['会议出席率', percent(p.m.total.rate)],
  ];
  return <ul class="figures">{f.map(([label, v]) => <li><span class="figure">{v}</span><span>{label}</span></li>)}</ul>;
}

function RepTable(p: { s: YearSummary }) {
  const total = p.s.perRep.reduce((t, r) => ({ raised: t.raised + r.raised, handed: t.handed + r.handedToRep, converted: t.converted + r.converted }), { raised: 0, handed: 0, converted: 0 });
  return (
    <div class="table-wrap"><table class="stack-sm">
      <thead><tr><th>议事代表</th><th>所在社区</th><th class="num">提出民意事项</th><th class="num">转交区人大代表</th><th class="num">转为代表建议</th><th class="num">出席会议</th></tr></thead>
      <tbody>
        {p.s.perRep.map((r) => (
          <tr>
            <td data-label="议事代表">{r.name}{r.status === 'retired' && <span class="muted">（已离任）</span>}</td>
            <td data-label="社区">{r.community || '—'}</td>
            <td data-label="提出" class="num">{r.raised}</td>
            <td data-label="转交" class="num">{r.handedToRep}</td>
            <td data-label="转为建议" class="num">{r.converted}</td>
            <td data-label="出席会议" class="num">{r.meetings.expected === 0 ? '—' : `${r.meetings.attended} / ${r.meetings.expected}`}</td>
          </tr>
        ))}
      </tbody>
      <tfoot><tr><th colspan={2}>合计</th><th class="num">{total.raised}</th><th class="num">{total.handed}</th><th class="num">{total.converted}</th><td></td></tr></tfoot>
    </table></div>
  );
}

/** The year's figures as bars: where the items went, how the suggestions were answered, the rating, each meeting's attendance. */
function StatsCharts(p: { s: YearSummary; m: MeetingStats }) {
  const s = p.s;
  const count = (n: number) => `${n} 件`;
  const suggestionRows: [string, number, string][] = [
    ['按期答复', s.answeredOnTime, 'fill-green'], ['逾期答复', s.byStatus.answeredLate, 'fill-orange'],
    ['逾期未答复', s.byStatus.overdue, 'fill-red'], ['办理中（未到期）', s.byStatus.handling + s.byStatus.extended, 'fill-blue'],
  ];
  const held = p.m.rows.filter((r) => r.s.state !== 'planned');
  return (
    <div class="chart-grid dashboard">
      <BarChart id="c-items" title="民意事项办理去向" tableId="t-headline" max={s.items} empty="本年度没有民意事项。"
        rows={s.items === 0 ? [] : OPINION_STATES.map((st) => ({ label: OPINION_STATE_LABELS[st], segments: [{ value: s.byState[st], cls: 'fill-blue' }], valueText: count(s.byState[st]) }))} />
      <BarChart id="c-suggestions" title="代表建议答复情况" tableId="t-headline" max={s.suggestions} empty="本年度没有代表建议。"
        rows={s.suggestions === 0 ? [] : suggestionRows.map(([label, n, cls]) => ({ label, segments: [{ value: n, cls }], valueText: count(n) }))} />
      <SatisfactionChart id="c-rating" title="代表对答复的评价" tableId="t-headline"
        rows={[{ label: `已评价 ${s.rated} 件`, counts: s.rated === 0 ? null : { satisfied: s.satisfaction.satisfied, basic: s.satisfaction.basicallySatisfied, dissatisfied: s.satisfaction.dissatisfied } }]} />
      <BarChart id="c-meetings" title="议事代表会议出席（每次会议按自己的在册人数计）" tableId="t-meetings" empty="本年度尚未召开议事代表会议。"
        rows={held.map((r) => ({
          label: `${r.s.title}（${r.s.date}）`, max: r.seated, segments: [{ value: r.present, cls: 'fill-green', label: percent(attendanceRate(r.present, r.seated)) }],
          valueText: `出席 ${r.present} / 在册 ${r.seated}`,
        }))} />
    </div>
  );
}

export function StatsPage(p: { j: J; year: number; years: number[]; s: YearSummary; m: MeetingStats }) {
  const base = `/j/${p.j.code}/deliberation`;
  return (
    <DelibFrame j={p.j} tab="stats" title={`${p.year}年度民意事项和代表建议统计`}>
      <form method="get" action={`${base}/stats`} class="filters">
        <SelectField name="year" label="年度" value={String(p.year)} options={p.years.map((y) => [String(y), `${y}年`])} />
        <button type="submit" class="secondary">查看</button>
      </form>
      <p class="muted">按民意事项的登记年度统计；“按期”指在办结期限（含经批准延期后的期限）当天或之前答复。</p>
      <Figures s={p.s} m={p.m} />
      <StatsCharts s={p.s} m={p.m} />
      <div class="actions">
        <a class="button secondary" href={`${base}/stats.csv?year=${p.year}`} download hx-boost="false">导出 CSV</a>
        <a class="button secondary" href={`${base}/report?year=${p.year}`}>年度报告（可打印）</a>
      </div>
      <h2>办理情况</h2>
      <table class="kv" id="t-headline"><tbody>{headline(p.s).map(([k, v]) => <tr><th>{k}</th><td>{v}</td></tr>)}</tbody></table>
      <h2>议事代表会议出席情况</h2>
      <MeetingTable m={p.m} id="t-meetings" />
      <h2>各议事代表提出的民意事项和出席会议</h2>
      <RepTable s={p.s} />
    </DelibFrame>
  );
}

export function AnnualReportPage(p: { j: J; year: number; s: YearSummary; m: MeetingStats; suggestions: ReportSuggestion[]; printedOn: string; seated: number }) {
  return (
    <article class="report">
      <p class="muted no-print"><a href={`/j/${p.j.code}/deliberation/stats?year=${p.year}`}>返回统计</a> · 使用浏览器的“打印”即可打印本报告</p>
      <h1>{p.j.name}{p.year}年度民意事项和代表建议办理情况</h1>
      <p>截至 {p.printedOn}，{p.j.name}在册议事代表 {p.seated} 名。{p.year}年议事代表共提出民意事项 {p.s.items} 件，其中转为区人大代表建议 {p.s.suggestions} 件；已答复 {p.s.answered} 件，其中按期答复 {p.s.answeredOnTime} 件；代表评价满意率 {percent(p.s.satisfactionRate)}。全年召开议事代表会议 {p.m.total.meetings} 次，出席率 {percent(p.m.total.rate)}。</p>
      <h2>一、总体情况</h2>
      <table class="kv"><tbody>{headline(p.s).map(([k, v]) => <tr><th>{k}</th><td>{v}</td></tr>)}</tbody></table>
      <h2>二、代表建议办理情况</h2>
      {p.suggestions.length === 0 ? <p>本年度没有转为代表建议的民意事项。</p> : (
        <div class="table-wrap"><table class="stack-sm annual-suggestions">
          <colgroup><col class="c-number" /><col class="c-title" /><col class="c-rep" /><col class="c-unit" /><col class="c-date" /><col class="c-due" /><col class="c-date" /><col class="c-state" /><col class="c-rating" /></colgroup>
          <thead><tr><th>编号</th><th>建议</th><th>提出代表</th><th>承办单位</th><th>交办</th><th>期限</th><th>答复</th><th>状态</th><th>评价</th></tr></thead>
          <tbody>
            {p.suggestions.map((s) => (
              <tr>
                <td data-label="编号" class="date">{s.number}</td>
                <td data-label="建议">{s.title}</td>
                <td data-label="代表">{s.representative}</td>
                <td data-label="承办单位">{s.unitName}</td>
                <td data-label="交办" class="date">{s.assignedOn}</td>
                <td data-label="期限" class="date">{s.due}{s.extended && '（延期）'}</td>
                <td data-label="答复" class="date">{s.answeredOn ?? '—'}</td>
                <td data-label="状态">{statusBadge(s.status)}</td>
                <td data-label="评价">{s.satisfaction ? SATISFACTION_LABELS[s.satisfaction] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <h2>三、议事代表会议召开和出席情况</h2>
      <MeetingTable m={p.m} />
      <h2>四、各议事代表提出民意事项和出席会议情况</h2>
      <RepTable s={p.s} />
      <p class="muted">本报告由系统根据登记的数据生成，{p.printedOn}。</p>
    </article>
  );
}
