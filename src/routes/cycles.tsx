import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CyclePage, JurisdictionPage, type WorkLink } from '../../views/cycles/CyclePages';
import type { Action } from '../domain/authz';
import { chinaDateOf, chinaYearOf } from '../domain/chinaDate';
import { checkCycleOpening, collectionState, windowStillAnnounced } from '../domain/collection';
import { screenClosingWindow } from '../data/collection';
import { allow, can, userActor } from '../auth/authorize';
import { createCycle, cyclesOf, transitionCycle, transitionsOf } from '../data/cycles';
import { childrenOf, getJurisdiction, KIND_LABELS, stationsOf } from '../data/jurisdictions';
import { STATION_LABELS } from '../data/stations';
import { PHASES, PHASE_LABELS } from '../domain/phases';
import { keptFragment } from '../http/keptFragment';
import { refused } from '../http/refused';
import { redirectWithFlash } from '../http/renderer';
import type { CycleEnv, JurisdictionEnv } from '../http/subjects/jurisdiction';
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
  // Only when the announced collection window is not over yet: the public notice and the confirmation.
  notice: z.string().trim().max(1000, '公告不超过 1000 字').default(''),
  confirm: z.string().optional(),
});

/** The announced window that moving on to screening would cut short, if any. */
function windowAtRisk(c: Context<CycleEnv>) {
  const cy = c.var.cycle;
  const state = collectionState(cy, chinaDateOf(c.var.now()));
  return cy.phase === 'collection' && windowStillAnnounced(state) ? state : undefined;
}

function jurisdictionPage(c: Context<JurisdictionEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j } = c.var;
  const parent = j.parentId ? getJurisdiction(db, j.parentId) : undefined;
  return c.render(
    <JurisdictionPage
      j={j} parentName={parent?.name} kindLabel={KIND_LABELS[j.kind]} cycles={cyclesOf(db, j.id)}
      canManage={can(c, 'cycle.manage', j.id)} defaultYear={chinaYearOf(c.var.now())} values={values} errors={errors}
      children={childrenOf(db, j.id).map((ch) => ({ name: ch.name, kindLabel: KIND_LABELS[ch.kind] }))}
      stations={stationsOf(db, [j.id]).map((s) => ({ name: s.name, kindLabel: STATION_LABELS[s.kind], address: s.address }))}
      dutyLinks={[
        ...(can(c, 'ledger.view', j.id) ? [{ href: `/j/${j.code}/ledger`, label: '代表履职台账' }] : []),
        ...(j.kind === 'township' && can(c, 'stationOpinion.view', j.id) ? [{ href: `/j/${j.code}/opinions`, label: '站点民意' }] : []),
        ...(j.kind === 'township' && can(c, 'repCode.manage', j.id) ? [{ href: `/j/${j.code}/opinions/cards`, label: '代表二维码' }] : []),
      ]}
    />,
    { title: j.name },
  );
}

/** The year's work areas this user may open, in the order the year runs. */
function workLinks(c: Context<CycleEnv>): WorkLink[] {
  const { jurisdiction: j, cycle: { year } } = c.var;
  const base = `/j/${j.code}/cycles/${year}`;
  const all: [Action, WorkLink][] = [
    ['collection.manage', { href: `${base}/collection`, label: '征集时间', hint: '设置群众提议的征集起止日期' }],
    ['proposal.review', { href: `${base}/proposals`, label: '群众提议', hint: '受理、检索、导入导出群众提议' }],
    ['proposal.submitOnBehalf', { href: `${base}/proposals/new`, label: '代群众提建议', hint: '替不便上网的群众录入项目建议' }],
    ['proposal.review', { href: `${base}/screening`, label: '资格审查', hint: '逐项审查群众提议，说明理由' }],
    ['proposal.review', { href: `${base}/candidates`, label: '候选项目', hint: '候选项目名单、应选数与主席团审定' }],
    ['proposal.review', { href: `/j/${j.code}/pool`, label: '项目储备库', hint: '未列入、未通过和征集期外的提议，可列入以后年度' }],
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

function cyclePage(c: Context<CycleEnv>, values?: FormValues, errors?: FieldErrors) {
  const { db, jurisdiction: j, cycle } = c.var;
  const canManage = can(c, 'cycle.manage', j.id);
  const links = workLinks(c);
  const page = () => (
    <CyclePage j={j} cycle={cycle} transitions={transitionsOf(db, cycle.id)} canManage={canManage}
      links={links} values={values} errors={errors} windowAtRisk={windowAtRisk(c)} />
  );
  // Unless a form comes back with errors, the page is the same for everyone who may do the same things here, until
  // the next write or the next day (the collection window's state turns with the date).
  const key = `cyclePage|${cycle.id}|${chinaDateOf(c.var.now())}|${canManage}|${links.map((l) => l.href).join(' ')}`;
  return c.render(values || errors ? page() : keptFragment(db, key, page), { title: `${j.name} ${cycle.year} 年度` });
}

/** /j/:code — the jurisdiction's page: its years, and a new year's cycle. */
export const jurisdictionHome = new Hono<JurisdictionEnv>()
  .get('/', allow('cycle.view'), (c) => jurisdictionPage(c))
  .post('/cycles', allow('cycle.manage'), validForm(yearForm, jurisdictionPage), (c) => {
    const input = c.req.valid('form');
    const opening = checkCycleOpening(input.year, chinaDateOf(c.var.now()));
    if (!opening.ok) return refused(c, opening, jurisdictionPage, input);
    const r = createCycle(c.var.db, userActor(c), c.var.jurisdiction.id, input.year, c.var.now());
    if (!r.ok) return refused(c, r, jurisdictionPage, input);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/cycles/${r.value.year}`, `已创建 ${r.value.year} 年度工作，当前阶段：${PHASE_LABELS.collection}`);
  });

/** /j/:code/cycles/:year — one year's cycle: its phase and the work areas of the year. */
export const cycle = new Hono<CycleEnv>()
  .get('/', allow('cycle.view'), (c) => cyclePage(c))
  .post('/transition', allow('cycle.manage'), validForm(transitionForm, cyclePage), (c) => {
    const input = c.req.valid('form');
    const r = input.to === 'screening' && windowAtRisk(c)
      ? screenClosingWindow(c.var.db, userActor(c), c.var.cycle, input.note, input.notice, input.confirm === 'yes', c.var.now())
      : transitionCycle(c.var.db, userActor(c), c.var.cycle, input.to, input.note, c.var.now());
    if (!r.ok) return refused(c, r, cyclePage, input);
    return redirectWithFlash(c, `/j/${c.var.jurisdiction.code}/cycles/${r.value.year}`, `阶段已变更为：${PHASE_LABELS[input.to]}`);
  });
