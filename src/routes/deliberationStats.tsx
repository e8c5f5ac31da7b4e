import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AnnualReportPage, headline, meetingLines, StatsPage, type ReportSuggestion } from '../../views/deliberation/StatsPages';
import { allow } from '../auth/authorize';
import { deliberationScope, seatedCount } from '../data/representatives';
import { statYears, yearStats } from '../data/deliberationStats';
import { chinaDateOf } from '../domain/chinaDate';
import { opinionNumber } from '../domain/opinionLabels';
import { effectiveDue } from '../domain/suggestionDeadline';
import { SATISFACTION_LABELS, SUGGESTION_STATUS_LABELS, suggestionStatus } from '../domain/suggestionStatus';
import { csvResponse, type Cell } from '../http/csv';
import type { JurisdictionEnv } from '../http/subjects/jurisdiction';
import { validQuery } from '../http/validate';

const yearQuery = z.object({ year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(2000).max(2100).optional()) });

function load(c: Context<JurisdictionEnv>, year: number | undefined) {
  const j = c.var.jurisdiction;
  const today = chinaDateOf(c.var.now());
  const y = year ?? Number(today.slice(0, 4));
  const { summary, suggestions, meetings, attendance } = yearStats(c.var.db, j.id, y, today);
  const rows: ReportSuggestion[] = suggestions.map((s) => ({
    ...s, number: opinionNumber(y, j.code, s.seq), due: effectiveDue(s), extended: s.extendedTo !== null, status: suggestionStatus(s, today),
  }));
  return { year: y, today, summary, rows, m: { rows: meetings, total: attendance } };
}

/** /j/:code/deliberation/{stats,stats.csv,report} — the year's figures on screen, as a spreadsheet and as the printed report. */
export const deliberationStats = new Hono<JurisdictionEnv>()
  .get('/stats', allow('deliberation.view'), validQuery(yearQuery), (c) => {
    const j = c.var.jurisdiction;
    const { year, today, summary, m } = load(c, c.req.valid('query').year);
    return c.render(<StatsPage j={j} year={year} years={statYears(c.var.db, j.id, Number(today.slice(0, 4)))} s={summary} m={m} />,
      { title: `${j.name}${year}年度统计` });
  })
  .get('/stats.csv', allow('deliberation.view'), validQuery(yearQuery), (c) => {
    const j = c.var.jurisdiction;
    const { year, summary, rows, m } = load(c, c.req.valid('query').year);
    const out: Cell[][] = [
      [`${j.name}${year}年度民意事项、代表建议和议事代表会议统计`],
      ['指标', '数值'], ...headline(summary),
      [],
      ['会议', '类型', '日期', '在册议事代表', '出席', '出席率'],
      ...meetingLines(m),
      [],
      ['议事代表', '所在社区', '状态', '提出民意事项', '转交区人大代表', '转为代表建议', '出席会议', '应出席会议'],
      ...summary.perRep.map((r) => [r.name, r.community, r.status === 'seated' ? '在册' : '离任', r.raised, r.handedToRep, r.converted, r.meetings.attended, r.meetings.expected]),
      [],
      ['编号', '建议', '提出代表', '承办单位', '交办日期', '办结期限', '答复日期', '办理状态', '代表评价'],
      ...rows.map((s) => [s.number, s.title, s.representative, s.unitName, s.assignedOn, s.due, s.answeredOn ?? '', SUGGESTION_STATUS_LABELS[s.status], s.satisfaction ? SATISFACTION_LABELS[s.satisfaction] : '']),
    ];
    return csvResponse(c, `${j.name}${year}年度民意事项统计.csv`, out);
  })
  .get('/report', allow('deliberation.view'), validQuery(yearQuery), (c) => {
    const j = c.var.jurisdiction;
    const { year, today, summary, rows, m } = load(c, c.req.valid('query').year);
    return c.render(<AnnualReportPage j={j} year={year} s={summary} m={m} suggestions={rows} printedOn={today} seated={seatedCount(c.var.db, deliberationScope(j.id))} />,
      { title: `${j.name}${year}年度民意事项和代表建议办理情况` });
  });
