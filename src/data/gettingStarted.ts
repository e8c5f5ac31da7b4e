import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { prepared } from './statements';
import type { Db } from '../../db/client';
import { cycle } from '../../db/schema';
import { bodyOf } from '../domain/bodyTerms';
import { stationsFor } from './proposals';
import { countWithoutLogin, seatedCount } from './representatives';
import { scopesOf } from './users';

export interface StartStep { label: string; done: boolean; href: string; detail?: string }
export interface StartPlan { code: string; name: string; steps: StartStep[] }

/**
 * A new township's or subdistrict's clerk sees, on the desk, what stands between an empty jurisdiction and its
 * first vote — and each step's page — until every step is done.
 */
export function gettingStarted(db: Db, userId: number, year: number): StartPlan[] {
  const plans: StartPlan[] = [];
  for (const s of scopesOf(db, userId)) {
    const body = bodyOf(s.kind);
    if (s.role !== 'clerk' || !body) continue;
    const scope = { jurisdictionId: s.jurisdictionId, body };
    const seated = seatedCount(db, scope);
    const withoutLogin = seated > 0 ? countWithoutLogin(db, scope) : 0;
    const roster = body === 'congress' ? `/j/${s.code}/roster` : `/j/${s.code}/deliberation/reps`;
    // Next year's work starts in the second half of this one (DOMAIN §6): either year counts.
    const cy = prepared(db, 'latestCycleFrom', (db) => db.select().from(cycle)
      .where(and(eq(cycle.jurisdictionId, sql.placeholder('jurisdictionId')), gte(cycle.year, sql.placeholder('year')))).orderBy(desc(cycle.year)).prepare())
      .get({ jurisdictionId: s.jurisdictionId, year });
    const stations = stationsFor(db, s.jurisdictionId).length;
    const steps: StartStep[] = [
      { label: body === 'congress' ? '录入或导入在册代表名册' : '录入或导入议事代表名册', done: seated > 0, href: roster, detail: seated > 0 ? `在册 ${seated} 名` : undefined },
      { label: '为代表创建登录账号并打印登录凭条', done: seated > 0 && withoutLogin === 0, href: roster, detail: withoutLogin > 0 ? `还有 ${withoutLogin} 名没有账号` : undefined },
      { label: `创建 ${cy?.year ?? year} 年度票决工作`, done: cy !== undefined, href: `/j/${s.code}` },
      { label: '设置项目征集时间', done: Boolean(cy && (cy.collectionOpens || cy.phase !== 'collection')), href: cy ? `/j/${s.code}/cycles/${cy.year}/collection` : `/j/${s.code}` },
      { label: '打印代表之家/联络站的二维码海报', done: false, href: `/j/${s.code}/stations`, detail: stations === 0 ? '还没有站点：请区级管理员在辖区管理中添加' : `${stations} 个站点` },
    ];
    // The posters are never "done" by themselves; the plan closes once the year's collection is set.
    if (steps.slice(0, 4).every((st) => st.done)) continue;
    plans.push({ code: s.code, name: s.name, steps });
  }
  return plans;
}
