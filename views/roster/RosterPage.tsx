import { RETIRE_REASON_LABELS } from '../../src/domain/roster';
import type { RetireReason } from '../../src/domain/vocabulary';
import type { FieldErrors, FormValues } from '../components/form';
import { RosterFrame, Warnings, type RosterView } from './Frame';

export type StatusFilter = 'seated' | 'retired' | 'all';

export interface RosterRow {
  id: number; name: string; community: string; sector: string; phone: string;
  termFrom: string | null; termTo: string | null; status: 'seated' | 'retired'; byElection: boolean; seatedOn: string | null;
  retiredOn: string | null; retireReason: RetireReason | null; username: string | null;
  /** Deliberation only: the linked district representative (null: none). */
  districtRep?: string | null;
  termEnded: boolean;
  /** A seat whose date is still ahead (a by-election entered early). */
  notYetSeated: boolean;
}

export function seatLine(r: Pick<RosterRow, 'byElection' | 'seatedOn' | 'status' | 'retiredOn' | 'retireReason'>, terms: RosterView['terms']): string {
  const from = r.seatedOn ? `${r.byElection ? `${terms.byElection} ` : ''}${r.seatedOn} 起` : r.byElection ? terms.byElection : '';
  const until = r.status === 'retired' ? `${r.retiredOn ?? '日期不详'} 离任${r.retireReason ? `（${RETIRE_REASON_LABELS[r.retireReason]}）` : ''}` : '';
  return [from, until].filter(Boolean).join('，') || '—';
}

export function RosterPage(p: {
  r: RosterView; title: string; rows: RosterRow[]; seatedNow: number; today: string; quorum?: { needed: number; words: string }; warnings: string[];
  canManage: boolean; filter: { status: StatusFilter; q: string }; withoutLogin: number; values?: FormValues; errors?: FieldErrors;
}) {
  const { r } = p;
  const filters: [StatusFilter, string][] = [['seated', '在册'], ['retired', '离任'], ['all', '全部']];
  const showLinks = r.body === 'deliberation';
  const loginError = p.errors?.rep ?? p.errors?.username ?? p.errors?._form;
  return (
    <RosterFrame r={r} title={p.title}>
      <p class="summary">
        <span>今天（{p.today}）在册{r.terms.rep} <strong>{p.seatedNow}</strong> 名</span>
        {p.quorum && <span class="muted">按此人数，会议须有 {p.quorum.needed} 名以上出席（{p.quorum.words}）方可表决</span>}
        <a href={`${r.base}/history`}>在册人数变化</a>
      </p>
      <Warnings items={p.warnings} />
      {p.canManage && (
        <div class="actions">
          <a class="button" href={`${r.base}/new`}>新增{r.terms.rep}</a>
          <a class="button secondary" href={`${r.base}/new?byElection=1`}>{r.terms.byElection}{r.terms.rep}</a>
          <a class="button secondary" href={`${r.base}/import`}>导入名册（Excel / CSV）</a>
          <a class="button secondary" href={`${r.base}/export.xlsx`} download hx-boost="false">导出 Excel</a>
          <a class="button secondary" href={`${r.base}/export.csv`} download hx-boost="false">导出 CSV</a>
        </div>
      )}
      <form method="get" action={r.base} class="roster-filter" role="search">
        <fieldset class="filter-status">
          <legend class="sr-only">按状态筛选</legend>
          {filters.map(([s, label]) => (
            <label><input type="radio" name="status" value={s} checked={s === p.filter.status} /> {label}</label>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-q">按姓名查找</label>
          <input id="f-q" name="q" type="search" value={p.filter.q} maxlength={20} autocomplete="off" />
        </div>
        <button type="submit" class="secondary">查询</button>
      </form>

      {p.canManage && (
        <form method="post" action={`${r.base}/logins`} id="logins" class="card login-batch" hx-boost="false" novalidate>
          <h2>{r.terms.rep}登录账号</h2>
          <p class="hint">
            在下表中勾选{r.terms.rep}后创建账号，或一次为所有没有账号的在册{r.terms.rep}创建。每人得到一个一次性初始密码，提交后打印登录凭条（A4，每页 10 张）分发；密码只显示这一次，系统不保存。需要补打时请“重置初始密码”。
          </p>
          {loginError && <p class="error" id="f-rep-error" role="alert">{loginError}</p>}
          <div class="actions">
            <button type="submit" name="which" value="selected">为勾选的{r.terms.rep}创建账号</button>
            <button type="submit" name="which" value="withoutLogin" class="secondary" disabled={p.withoutLogin === 0}>
              为所有没有账号的{r.terms.rep}创建（{p.withoutLogin} 名）
            </button>
            <button type="submit" formaction={`${r.base}/logins/reset`} class="secondary" data-confirm="所选代表的旧密码将立即失效，确认重置？">
              重置勾选{r.terms.rep}的初始密码
            </button>
          </div>
        </form>
      )}

      {p.rows.length === 0 ? <p class="muted">{p.filter.q ? `没有姓名含“${p.filter.q}”的${r.terms.rep}。` : `名册中还没有${r.terms.rep}。`}</p> : (
        <div class="table-wrap"><table class="stack-sm roster-table">
          <thead><tr>
            {p.canManage && <th><input type="checkbox" data-check-all="rep" form="logins" aria-label="全选" /></th>}
            <th>姓名</th><th>{r.terms.place}</th><th>{r.terms.sector}</th>{p.canManage && <th>联系电话</th>}
            <th>任期</th><th>在册</th>{showLinks && <th>联系的区人大代表</th>}<th>状态</th>
            {p.canManage && <th>登录账号</th>}
            {p.canManage && <th><span class="sr-only">操作</span></th>}
          </tr></thead>
          <tbody>
            {p.rows.map((row) => (
              <tr id={`rep-${row.id}`}>
                {p.canManage && (
                  <td class="pick">
                    <input type="checkbox" name="rep" value={String(row.id)} form="logins" id={`pick-${row.id}`}
                      checked={(p.values?.rep ?? '').split(',').includes(String(row.id))} />
                    <label for={`pick-${row.id}`} class="sr-only">选择 {row.name}</label>
                  </td>
                )}
                <td data-label="姓名">{row.name}</td>
                <td data-label={r.terms.place}>{row.community || '—'}</td>
                <td data-label={r.terms.sector}>{row.sector || '—'}</td>
                {p.canManage && <td data-label="电话">{row.phone || '—'}</td>}
                <td data-label="任期">
                  {row.termFrom || row.termTo ? `${row.termFrom ?? '?'} 至 ${row.termTo ?? '?'}` : '—'}
                  {row.termEnded && <> <span class="badge warn">任期已满</span></>}
                </td>
                <td data-label="在册">{seatLine(row, r.terms)}{row.notYetSeated && <> <span class="badge">尚未开始</span></>}</td>
                {showLinks && (
                  <td data-label="区人大代表">{row.status === 'seated' ? (row.districtRep ?? <span class="badge warn">未联系</span>) : '—'}</td>
                )}
                <td data-label="状态">
                  <span class={row.status === 'seated' ? 'badge ok' : 'badge off'}>{row.status === 'seated' ? '在册' : '离任'}</span>
                  {!p.canManage && row.username && <span class="badge">有账号</span>}
                </td>
                {p.canManage && <td data-label="登录账号">{row.username ? <code>{row.username}</code> : <span class="muted">无</span>}</td>}
                {p.canManage && <td><a href={`${r.base}/${row.id}`}>编辑<span class="sr-only"> {row.name}</span></a></td>}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
    </RosterFrame>
  );
}
