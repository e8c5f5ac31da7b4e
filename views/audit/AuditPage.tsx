import { html } from 'hono/html';
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
  'cycle.collectionWindow': '设定征集期', 'cycle.collectionClosedEarly': '提前结束征集', 'feedback.window': '设定群众评价期',
  'feedback.publish': '公开群众评价', 'feedback.hide': '隐藏群众评价', 'login.unlock': '解除登录锁定',
  'proposal.submit': '提交项目建议', 'proposal.import': '导入项目建议', 'proposal.export': '导出项目建议', 'proposal.nominate': '代表提名项目建议',
  'proposal.pool': '转入项目储备库', 'proposal.transfer': '转出项目建议',
  'session.create': '新建会议', 'session.officer.assign': '指定监票计票人员', 'session.officer.remove': '撤销监票计票人员',
  'session.roll.correct': '更正签到', 'session.checkInCode.rotate': '更换签到码', 'votingProcedure.adopt': '通过票决办法',
  'poll.create': '新建表决', 'poll.open': '开始表决', 'poll.close': '结束表决', 'poll.void': '作废表决', 'poll.roll': '表决点名',
  'poll.paper.issue': '发放纸质选票', 'poll.tally': '录入纸质选票', 'poll.tally.discard': '作废纸质选票录入',
  'poll.unseal': '开箱计票', 'poll.box.scrubFailed': '电子票箱日志未能清空', 'poll.test.close': '结束试投票',
  'poll.certificate.sign': '签署计票结果报告单', 'result.publish': '公布结果', 'result.correct': '发布更正说明', 'resolution.save': '保存决议草案',
  'project.accept': '项目验收', 'project.carryOver': '项目结转下一年度', 'project.plan.adjust': '调整项目计划',
  'project.amendment.request': '申请调整、暂停或终止项目', 'project.implementationPlan.save': '保存实施方案',
  'project.implementationPlan.publish': '公布实施方案', 'project.implementationPlan.deadline': '设定实施方案公布期限',
  'midterm.save': '保存期中报告', 'midterm.publish': '公布期中报告', 'evaluation.record': '记录满意度测评结果', 'evaluation.followUp': '满意度整改跟进',
  'rectification.answer': '整改答复', 'rectification.accept': '整改验收', 'rectification.reopen': '整改退回',
  'supervision.group.create': '新建监督小组', 'supervision.member.add': '监督小组增加成员', 'supervision.member.remove': '监督小组减少成员',
  'supervision.assign': '分配监督项目', 'supervision.visit.record': '记录视察', 'supervision.visit.publish': '公开视察记录',
  'meeting.item.add': '增加议程事项', 'meeting.item.update': '修改议程事项', 'meeting.item.move': '调整议程顺序', 'meeting.item.remove': '删除议程事项',
  'meeting.minutes.header': '保存会议纪要', 'meeting.minutes.signOff': '会议纪要签发',
  'repLink.assign': '联系区人大代表', 'repLink.end': '结束联系', 'repLink.moveGroup': '调整联系小组',
  'opinion.record': '登记民意事项', 'opinion.register': '登记站点意见', 'opinion.answer': '当场答复', 'opinion.refer': '交办',
  'opinion.hand': '转交区人大代表', 'opinion.rehand': '改转区人大代表', 'opinion.convert': '转为代表建议', 'opinion.followUp': '督办跟进',
  'opinion.extend': '延长办理期限', 'opinion.reply': '答复群众', 'opinion.suggest': '转为代表建议', 'opinion.propose': '转为项目建议',
  'suggestion.convert': '形成代表建议', 'suggestion.answer': '答复代表建议', 'suggestion.extend': '代表建议延期', 'suggestion.rate': '代表评价建议办理',
  'repCode.issue': '生成代表二维码', 'repCode.move': '代表二维码更换站点', 'repCode.issueAll': '批量生成代表二维码',
  'ledger.activity.record': '记录履职活动', 'ledger.activity.withdraw': '撤回履职活动',
};

type Row = typeof auditLog.$inferSelect;

const json = (text: string | null) => (text ? html`<pre class="json">${text}</pre>` : '');

/**
 * One entry as a table row, from a template rather than elements: a page shows fifty of them, and building each
 * cell as an element cost more than reading the page's rows.
 */
function auditRow(r: Row, names: Map<number, string>) {
  return html`<tr><td data-label="时间">${fmtDateTime(r.at)}</td><td data-label="操作人">${r.actorName}${r.ip ? html`<div class="muted">${r.ip}</div>` : ''}</td><td data-label="操作">${ACTION_LABELS[r.action] ?? r.action}</td><td data-label="对象">${r.targetType}${r.targetId ? ` #${r.targetId}` : ''}</td><td data-label="辖区">${r.jurisdictionId ? names.get(r.jurisdictionId) ?? '' : ''}</td><td data-label="变更前">${json(r.before)}</td><td data-label="变更后">${json(r.after)}</td></tr>`;
}
export interface AuditQuery { action?: string; actor?: string; j?: string; from?: string; to?: string; page: number }

/** The chain as this view found it: intact or broken (since the last check, or re-hashed whole), or not yet checked. */
export type ChainState = { brokenAt: number | null; whole: boolean } | { unchecked: true };

function ChainBanner(p: { chain: ChainState }) {
  const c = p.chain;
  if ('unchecked' in c) {
    return <p class="notice">日志记录较多，自本次启动以来尚未完整校验。 <a href="/audit?verify=all">校验全部记录</a>（需要较长时间）</p>;
  }
  if (c.brokenAt !== null) return <p class="error banner" role="alert">完整性校验失败：第 {c.brokenAt} 条记录与哈希链不符，日志可能被篡改。</p>;
  return (
    <p class="chain ok">
      {c.whole ? '完整性校验通过：全部记录逐条重算，日志链未被篡改' : '完整性校验通过：日志链未被篡改（新增记录已逐条校验）'}
      {c.whole ? null : <> <a href="/audit?verify=all">重新校验全部记录</a></>}
    </p>
  );
}

export function AuditPage(p: {
  rows: Row[]; total: number; pageSize: number; q: AuditQuery; actions: string[];
  jurisdictions: { code: string; name: string }[]; jurisdictionNames: Map<number, string>;
  chain?: ChainState; // undefined: not this viewer's to check
}) {
  const href = (page: number) => {
    const sp = new URLSearchParams(Object.entries({ ...p.q, verify: undefined, page: String(page) }).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
    return `/audit?${sp}`;
  };
  return (
    <section>
      <h1>审计日志</h1>
      <p class="muted">每一项重要操作都记录在此，只能追加，不能修改或删除。</p>
      {p.chain && <ChainBanner chain={p.chain} />}
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
          <tbody>{p.rows.map((r) => auditRow(r, p.jurisdictionNames))}</tbody>
        </table>
      </div>
      {p.rows.length === 0 && <p class="muted">没有符合条件的记录。</p>}
      <Pagination page={p.q.page} pageSize={p.pageSize} total={p.total} href={href} />
    </section>
  );
}
