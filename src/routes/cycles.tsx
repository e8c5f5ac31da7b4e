import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CyclePage, JurisdictionPage, type WorkLink } from '../../views/cycles/CyclePages';
import type { Action } from '../domain/authz';
import { chinaYearOf } from '../domain/chinaDate';
import { actorOf, authorize, can, jurisdictionParam, notFound } from '../auth/authorize';
import { createCycle, cyclesOf, getCycle, transitionCycle, transitionsOf } from '../data/cycles';
import { childrenOf, getJurisdiction, KIND_LABELS, stationsOf, type Jurisdiction } from '../data/jurisdictions';
import { STATION_LABELS } from '../data/stations';
import { PHASES, PHASE_LABELS } from '../domain/phases';
import type { AppEnv } from '../env';
import { flash } from '../http/renderer';
import { rosterHref } from '../http/subjects/roster';
import { trimmed, validForm, type FieldErrors, type FormValues } from '../http/validate';

const yearForm = z.object({
  year: z.string().trim().min(1, '请填写年度').pipe(
    z.coerce.number<string>({ error: '年度须为数字' }).int('年度须为整数').min(2000, '年度须在 2000–2100 之间').max(2100, '年度须在 2000–2100 之间'),
  ),
});
const transitionForm = z.object({
  to: z.enum(PHASES, { error: '请选择要变更到的阶段' }),
  note: trimmed(1000),
});

function jurisdictionPage(c: Context<AppEnv>, j: Jurisdiction, values?: FormValues, errors?: FieldErrors) {
  const db = c.get('db');
  const parent = j.parentId ? getJurisdiction(db, j.parentId) : undefined;
  return c.render(
    <JurisdictionPage
      j={j} parentName={parent?.name} kindLabel={KIND_LABELS[j.kind]} cycles={cyclesOf(db, j.id)}
      canManage={can(c, 'cycle.manage', j.id)} defaultYear={chinaYearOf(c.get('now')())} values={values} errors={errors}
      children={childrenOf(db, j.id).map((ch) => ({ name: ch.name, kindLabel: KIND_LABELS[ch.kind] }))}
      stations={stationsOf(db, [j.id]).map((s) => ({ name: s.name, kindLabel: STATION_LABELS[s.kind], address: s.address }))}
    />,
    { title: j.name },
  );
}

/** The year's work areas this user may open, in the order the year runs. */
function workLinks(c: Context<AppEnv>, j: Jurisdiction, year: number): WorkLink[] {
  const base = `/j/${j.code}/cycles/${year}`;
  const all: [Action, WorkLink][] = [
    ['collection.manage', { href: `${base}/collection`, label: '征集时间', hint: '设置群众提议的征集起止日期' }],
    ['proposal.review', { href: `${base}/proposals`, label: '群众提议', hint: '受理、检索、导入导出群众提议' }],
    ['proposal.submitOnBehalf', { href: `${base}/proposals/new`, label: '代群众提建议', hint: '替不便上网的群众录入项目建议' }],
    ['proposal.review', { href: `${base}/screening`, label: '资格审查', hint: '逐项审查群众提议，说明理由' }],
    ['proposal.review', { href: `${base}/candidates`, label: '候选项目', hint: '候选项目名单、应选数与主席团审定' }],
    ['roster.view', { href: rosterHref(j, j.kind === 'subdistrict' ? 'deliberation' : 'congress'), label: j.kind === 'subdistrict' ? '议事代表名册' : '代表名册', hint: '在册代表、补选与离任、导入导出、登录账号' }],
    ['session.manage', { href: `/j/${j.code}/sessions`, label: j.kind === 'subdistrict' ? '议事代表会议' : '人代会与表决', hint: '签到、法定人数、表决、结果与决议' }],
    ['delivery.view', { href: `${base}/projects`, label: '项目实施', hint: '月度进展、督办亮灯、整改' }],
    ['supervision.record', { href: `${base}/supervision`, label: '监督小组', hint: '季度督查与整改要求' }],
    ['delivery.manage', { href: `${base}/midterm`, label: '期中报告', hint: '生成、编辑、公布期中报告' }],
    ['delivery.dashboard', { href: `${base}/dashboard`, label: '实施统计', hint: '按期报送率、逾期、资金、满意度' }],
    ['feedback.view', { href: `${base}/feedback`, label: '群众反馈', hint: '受益群众的评价和意见' }],
  ];
  const allowed = all.filter(([action]) => can(c, action, j.id)).map(([, link]) => link);
  // Anyone may open the public pages: they are what residents see.
  return [...allowed, { href: `/p/${j.code}/${year}`, label: '公开页面', hint: '群众看到的提议、候选项目和结果' }];
}

function cyclePage(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const j = jurisdictionParam(c);
  authorize(c, 'cycle.view', j.id);
  const cycle = getCycle(c.get('db'), j.id, Number(c.req.param('year')));
  if (!cycle) notFound();
  return c.render(
    <CyclePage j={j} cycle={cycle} transitions={transitionsOf(c.get('db'), cycle.id)} canManage={can(c, 'cycle.manage', j.id)}
      links={workLinks(c, j, cycle.year)} values={values} errors={errors} />,
    { title: `${j.name} ${cycle.year} 年度` },
  );
}

export const cycles = new Hono<AppEnv>()
  .get('/j/:code', (c) => {
    const j = jurisdictionParam(c);
    authorize(c, 'cycle.view', j.id);
    return jurisdictionPage(c, j);
  })
  .post('/j/:code/cycles',
    validForm(yearForm, (c, values, errors) => {
      const j = jurisdictionParam(c);
      authorize(c, 'cycle.manage', j.id);
      return jurisdictionPage(c, j, values, errors);
    }),
    (c) => {
      const j = jurisdictionParam(c);
      const me = authorize(c, 'cycle.manage', j.id);
      const { year } = c.req.valid('form');
      const result = createCycle(c.get('db'), { ...actorOf(c), id: me.id }, j.id, year, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return jurisdictionPage(c, j, { year: String(year) }, { [result.field]: result.error });
      }
      flash(c, `已创建 ${year} 年度工作，当前阶段：${PHASE_LABELS.collection}`);
      return c.redirect(`/j/${j.code}/cycles/${year}`, 303);
    })
  .get('/j/:code/cycles/:year{[0-9]{4}}', (c) => cyclePage(c))
  .post('/j/:code/cycles/:year{[0-9]{4}}/transition',
    validForm(transitionForm, (c, values, errors) => {
      authorize(c, 'cycle.manage', jurisdictionParam(c).id);
      return cyclePage(c, values, errors);
    }),
    (c) => {
      const j = jurisdictionParam(c);
      const me = authorize(c, 'cycle.manage', j.id);
      const cycle = getCycle(c.get('db'), j.id, Number(c.req.param('year')));
      if (!cycle) notFound();
      const { to, note } = c.req.valid('form');
      const result = transitionCycle(c.get('db'), { ...actorOf(c), id: me.id }, cycle, to, note, c.get('now')());
      if (!result.ok) {
        c.status(422);
        return cyclePage(c, { to, note }, { [result.field]: result.error });
      }
      flash(c, `阶段已变更为：${PHASE_LABELS[to]}`);
      return c.redirect(`/j/${j.code}/cycles/${cycle.year}`, 303);
    });
