import type { auditLog } from '../../db/schema';
import { Field, Pagination, SelectField } from '../components/form';
import { fmtDateTime } from '../components/format';

export const ACTION_LABELS: Record<string, string> = {
  'login.success': '登录成功', 'login.failure': '登录失败', logout: '退出登录',
  'user.create': '创建用户', 'user.update': '修改用户', 'user.activate': '启用用户', 'user.deactivate': '停用用户',
  'user.password.change': '修改密码', 'user.password.reset': '重置密码', 'role.grant': '授予职责', 'role.revoke': '撤销职责',
  'cycle.create': '创建年度工作', 'cycle.transition': '变更阶段', 'settings.update': '修改参数',
  'jurisdiction.create': '新建辖区', 'jurisdiction.update': '修改辖区', 'jurisdiction.activate': '启用辖区',
  'jurisdiction.emblem': '上传辖区徽标', 'jurisdiction.emblemRemove': '恢复默认徽标',
  'jurisdiction.deactivate': '停用辖区', 'station.create': '新建代表之家/站点', 'station.update': '修改代表之家/站点',
  'station.assignReps': '代表编入站点', 'station.removeRep': '代表移出站点', 'station.conveners': '指定站点召集人', 'station.liaison': '指定站点联络员',
  'station.goal.add': '添加站点年度工作目标', 'station.goal.update': '记录工作目标完成情况', 'station.goal.remove': '删除站点工作目标',
  'reception.plan': '安排接待群众日', 'reception.update': '修改接待群众日', 'reception.remove': '删除接待群众日', 'reception.outcome': '记录接待情况',
  'reception.copyQuarter': '接待安排沿用到下一季度',
  'demo.seed': '载入演示数据', 'setup.firstAdministrator': '初始设置（本区及首个管理员）', 'settings.publicUrl': '设置公开网址',
  'proposal.screen': '资格审查决定', 'candidate.create': '新增候选项目', 'candidate.update': '修改候选项目',
  'candidate.delete': '删除候选项目', 'candidate.move': '调整候选项目顺序', 'candidate.seats': '设定应选数',
  'candidate.approve': '主席团通过候选项目名单', 'candidate.unlock': '解锁候选项目名单',
  'roster.add': '新增代表', 'roster.update': '修改代表信息', 'roster.retire': '代表离任', 'roster.reinstate': '撤销离任',
  'roster.import': '导入代表名册', 'roster.logins.create': '批量创建代表账号', 'roster.logins.reset': '重置代表初始密码',
  'roster.login.link': '关联代表账号', 'roster.login.unlink': '解除代表账号关联',
};

type Row = typeof auditLog.$inferSelect;
export interface AuditQuery { action?: string; actor?: string; j?: string; from?: string; to?: string; page: number }

export function AuditPage(p: {
  rows: Row[]; total: number; pageSize: number; q: AuditQuery; actions: string[];
  jurisdictions: { code: string; name: string }[]; jurisdictionNames: Map<number, string>; chainBrokenAt?: number | null; // undefined: not checked for this viewer
  wholeChainChecked?: boolean;
}) {
  const href = (page: number) => {
    const sp = new URLSearchParams(Object.entries({ ...p.q, verify: undefined, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
    return `/audit?${sp}`;
  };
  return (
    <section>
      <h1>审计日志</h1>
      <p class="muted">每一项重要操作都记录在此，只能追加，不能修改或删除。</p>
      {p.chainBrokenAt === undefined ? null : p.chainBrokenAt === null
        ? <p class="badge ok">
            {p.wholeChainChecked ? '完整性校验通过：全部记录逐条重算，日志链未被篡改' : '完整性校验通过：日志链未被篡改（新增记录已逐条校验）'}
            {p.wholeChainChecked ? null : <> <a href="/audit?verify=all">重新校验全部记录</a></>}
          </p>
        : <p class="error banner" role="alert">完整性校验失败：第 {p.chainBrokenAt} 条记录与哈希链不符，日志可能被篡改。</p>}
      <form method="get" action="/audit" class="filters">
        <SelectField name="action" label="操作" value={p.q.action} blank="全部" options={p.actions.map((a) => [a, ACTION_LABELS[a] ?? a])} />
        <Field name="actor" label="操作人" value={p.q.actor} />
        {p.jurisdictions.length > 1 && (
          <SelectField name="j" label="辖区" value={p.q.j} blank="全部" options={p.jurisdictions.map((j) => [j.code, j.name])} />
        )}
        <Field name="from" label="起始日期" type="date" value={p.q.from} />
        <Field name="to" label="截止日期" type="date" value={p.q.to} />
        <button type="submit">筛选</button>
      </form>
      <div class="table-wrap">
        <table class="stack-sm">
          <thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>辖区</th><th>变更前</th><th>变更后</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="时间">{fmtDateTime(r.at)}</td>
                <td data-label="操作人">{r.actorName}{r.ip && <div class="muted">{r.ip}</div>}</td>
                <td data-label="操作">{ACTION_LABELS[r.action] ?? r.action}</td>
                <td data-label="对象">{r.targetType}{r.targetId && ` #${r.targetId}`}</td>
                <td data-label="辖区">{r.jurisdictionId ? p.jurisdictionNames.get(r.jurisdictionId) ?? '' : ''}</td>
                <td data-label="变更前">{r.before && <pre class="json">{r.before}</pre>}</td>
                <td data-label="变更后">{r.after && <pre class="json">{r.after}</pre>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length === 0 && <p class="muted">没有符合条件的记录。</p>}
      <Pagination page={p.q.page} pageSize={p.pageSize} total={p.total} href={href} />
    </section>
  );
}
