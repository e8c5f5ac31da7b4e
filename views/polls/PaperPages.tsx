import type { PaperState } from '../../src/data/paper';
import type { Poll, PollOption } from '../../src/data/pollReads';
import type { Session } from '../../src/data/sessions';
import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { BodyTerms } from '../../src/domain/bodyTerms';
import { choiceSetOf, MARK_LABELS, SPOILED_LINE } from '../../src/domain/choices';
import { differences, formatSerial, type PaperEntryView } from '../../src/domain/paperBallot';
import { Field, FormError, PostButton, type FieldErrors, type FormValues } from '../components/form';

/** One A4 ballot per seated representative, numbered, with the instructions and the N limit printed on it. */
export function PrintBallotsPage(p: { j: Jurisdiction; s: Session; p: Poll; options: PollOption[]; printed: number }) {
  const evaluation = p.p.kind === 'evaluation';
  const tick = p.p.ballotForm === 'tick' && !evaluation;
  const { marks: setMarks, limited: limitMark } = choiceSetOf(p.p.kind, p.p.ballotForm);
  const marks = tick ? (['for'] as const) : setMarks; // a 勾选 ballot prints one box per line
  const limited = p.p.seatsToFill !== null ? limitMark : undefined;
  const serials = Array.from({ length: p.printed }, (_, i) => formatSerial(i + 1, p.printed));
  return (
    <div class="ballots">
      <div class="actions no-print">
        <a href={`/j/${p.j.code}/polls/${p.p.id}`}>返回表决</a>
        <span class="muted">共 {p.printed} 张（每位在册代表一张）。请用浏览器的“打印”功能以 A4 纸打印。选票编号不与代表对应，发放时请随机分发。</span>
      </div>
      {serials.map((serial) => (
        <section class="paper-ballot" aria-label={`选票 ${serial}`}>
          <p class="ballot-org">{p.s.title.startsWith(p.j.name) ? p.s.title : `${p.j.name}${p.s.title}`}</p>
          <h2 class="ballot-title">{p.p.title}选票</h2>
          <p class="ballot-serial">编号 No. {serial}</p>
          <div class="ballot-instructions">
            <p><strong>填写说明</strong></p>
            {tick ? (
            <ol>
              <li>本选票为<strong>勾选</strong>选票：同意哪个候选项目，就在该项目后的方格内划“✓”，划“✓”即为赞成。</li>
              <li>本次应选 <strong>{p.p.seatsToFill}</strong> 项，<strong>最多勾选 {p.p.seatsToFill} 项</strong>；勾选超过 {p.p.seatsToFill} 项的，整张选票无效。</li>
              <li>不勾选的项目不计赞成票。</li>
              <li>本次为无记名投票，请勿在选票上署名或作其他标记。</li>
            </ol>
            ) : (
            <ol>
              <li>对每个{evaluation ? '' : '候选'}项目，在“{marks.map((m) => MARK_LABELS[m]).join('”“')}”中选择一项，在对应方格内划“✓”。</li>
              {limited && <li>本次应选 <strong>{p.p.seatsToFill}</strong> 项。划“{MARK_LABELS[limited]}”的项目<strong>不得超过 {p.p.seatsToFill} 项</strong>，超过的为无效票。</li>}
              <li>不划的项目视为弃权{evaluation && '，不计入该项目的满意率'}。同一项目划两个以上方格的，该项无效，其余各项仍然有效。</li>
              <li>本次为无记名投票，请勿在选票上署名或作其他标记。</li>
            </ol>
            )}
          </div>
          <table class={`ballot-grid marks-${marks.length}`}>
            <thead><tr><th>序号</th><th>{evaluation ? '项目' : '候选项目'}</th>{marks.map((m) => <th class="box-col">{tick ? '勾选' : MARK_LABELS[m]}</th>)}</tr></thead>
            <tbody>
              {p.options.map((o, i) => (
                <tr><td>{i + 1}</td><td>{o.label}</td>{marks.map(() => <td class="box-col"><span class="box" /></td>)}</tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

export interface IssueCandidate { representativeId: number; name: string; community: string }

export function PaperPage(p: {
  j: Jurisdiction; s: Session; p: Poll; terms: BodyTerms; options: PollOption[]; state: PaperState;
  toIssue: IssueCandidate[]; canManage: boolean; canTally: boolean; tellerId: number; values?: FormValues; errors?: FieldErrors;
}) {
  const poll = p.p;
  const base = `/j/${p.j.code}/polls/${poll.id}`;
  const st = p.state;
  const v = p.values ?? {};
  const set = choiceSetOf(poll.kind, poll.ballotForm);
  const tick = set.unmarked === 'none';
  const entering = poll.state === 'closed' && !st.counted;
  const enteredSerials = new Set([...st.entries, ...st.pending].map((e) => e.serial)).size;
  return (
    <section>
      <p class="muted"><a href={base}>{poll.title}</a></p>
      <h1>纸质选票</h1>
      <dl class="numbers">
        <div><dt>印制</dt><dd>{st.printed}</dd></div>
        <div><dt>已发出</dt><dd>{st.issued}</dd></div>
        <div><dt>已录入编号</dt><dd>{enteredSerials}</dd></div>
        <div><dt>两遍一致</dt><dd>{st.agreed.length}</dd></div>
      </dl>
      <FormError errors={p.errors} />
      {st.agreed.length > st.issued && (
        <p class="error banner" role="alert">已核对一致的选票 {st.agreed.length} 张，多于发出的 {st.issued} 张：完成计票时本轮表决将因“收回的选票多于发出的选票”而无效。</p>
      )}

      {poll.state === 'open' && p.canManage && (
        <form method="post" action={`${base}/paper/issue`} class="card" novalidate>
          <h2>发放纸质选票</h2>
          <p class="hint">勾选领取纸质选票的已签到{p.terms.rep}。领取后该{p.terms.rep}不能再用手机投票；选票编号不与本人对应。</p>
          {p.toIssue.length === 0 ? <p class="muted">所有已签到的{p.terms.rep}都已投票或已领取纸质选票。</p> : (
            <>
              <fieldset class="checklist">
                <legend>未投票的已签到{p.terms.rep}（{p.toIssue.length}）</legend>
                {p.toIssue.map((r) => (
                  <label><input type="checkbox" name="rep" value={String(r.representativeId)} /> {r.name} <span class="muted">{r.community}</span></label>
                ))}
              </fieldset>
              {p.errors?.rep && <p class="error" role="alert">{p.errors.rep}</p>}
              <div class="actions">
                <button type="submit">发放给勾选的{p.terms.rep}</button>
                <button type="submit" name="all" value="1" class="secondary">发放给以上全部 {p.toIssue.length} 人</button>
              </div>
            </>
          )}
        </form>
      )}
      {poll.state === 'draft' && <p class="notice">表决开始后才能发放纸质选票。</p>}

      {entering && p.canTally && (
        <form method="post" action={`${base}/paper/entries`} class="stack card ballot-entry" novalidate>
          <h2>录入收回的选票</h2>
          <p class="hint">每张选票由两位计票人各录入一遍（第二遍须由另一位计票人录入），两遍一致才计入；录入第二遍时看不到第一遍的内容。
            未划的项目按弃权录入；同一项目划了两个以上方格（如既划赞成又划反对）的，选“多划”，该项按无效计，其余各项照常录入。</p>
          <Field name="serial" label="选票编号" value={v.serial} error={p.errors?.serial} inputmode="numeric" required autocomplete="off" />
          {tick && <p class="hint">本轮为勾选选票（最多勾选 {poll.seatsToFill} 项）：选票上打勾的项目在下面勾上，其余不勾。勾选超过 {poll.seatsToFill} 项的，系统自动判为无效票。</p>}
          {tick ? (
            <fieldset class="tick-list">
              <legend>选票上勾选的项目</legend>
              {p.options.map((o) => (
                <label class="mark-row tick-row"><input type="checkbox" name={`m${o.id}`} value="for" checked={v[`m${o.id}`] === 'for'} /> {o.label}</label>
              ))}
            </fieldset>
          ) : p.options.map((o) => (
            <fieldset class="mark-row">
              <legend>{o.label}</legend>
              {[...set.marks, SPOILED_LINE].map((m) => (
                <label><input type="radio" name={`m${o.id}`} value={m} checked={v[`m${o.id}`] === m} /> {MARK_LABELS[m]}</label>
              ))}
              {p.errors?.[`m${o.id}`] && <p class="error" role="alert">{p.errors[`m${o.id}`]}</p>}
            </fieldset>
          ))}
          <div class="field">
            <label><input type="checkbox" name="invalid" value="1" checked={v.invalid === '1'} /> 无效票</label>
          </div>
          <Field name="invalidReason" label="无效原因" value={v.invalidReason} error={p.errors?.invalidReason} maxlength={100}
            hint={`例如：无法辨认、使用非正式选票。${set.limited ? `${tick ? '勾选' : '赞成'}超过应选数的，系统自动判为无效。` : ''}`} />
          <button type="submit">保存本张</button>
        </form>
      )}

      {entering && (st.mismatched.length > 0 || st.pending.length > 0) && (
        <div class="card">
          <h2>待核对</h2>
          {st.mismatched.length > 0 && (
            <>
              <h3>两遍录入不一致（{st.mismatched.length}）</h3>
              <div class="table-wrap"><table class="stack-sm">
                <thead><tr><th>编号</th><th>不一致之处</th><th>第一遍</th><th>第二遍</th><th><span class="sr-only">操作</span></th></tr></thead>
                <tbody>
                  {st.mismatched.map((m) => (
                    <tr>
                      <td data-label="编号">{m.serial}</td>
                      <td data-label="不一致之处"><strong><Differences first={m.first} second={m.second} options={p.options} /></strong></td>
                      <td data-label="第一遍"><EntryText e={m.first} options={p.options} /></td>
                      <td data-label="第二遍"><EntryText e={m.second} options={p.options} /></td>
                      <td>{p.canTally && <PostButton action={`${base}/paper/discard`} fields={{ serial: m.serial }} label="清除两遍，重新录入" class="small secondary" confirm={`清除编号 ${m.serial} 的两遍录入？`} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            </>
          )}
          {st.pending.length > 0 && (
            <p>只录入了一遍、等待另一位计票人录入第二遍（{st.pending.length}）：{st.pending.map((e) => `${e.serial}${e.tellerId === p.tellerId ? '（您录入的）' : ''}`).join('、')}</p>
          )}
        </div>
      )}

      {entering && p.canTally && (
        <form method="post" action={`${base}/paper/finish`} class="card" data-confirm="确认全部收回的选票都已录入两遍并核对无误？完成后不能再修改。">
          <h2>完成计票</h2>
          <p>全部收回的选票录入两遍并一致后，完成计票：系统核对收回与发出的张数，计算并保存结果。</p>
          <button type="submit" disabled={st.pending.length > 0 || st.mismatched.length > 0}>完成计票</button>
        </form>
      )}
      {st.counted && <p class="flash">计票已完成。<a href={`${base}/result`}>查看结果报告单</a></p>}

      {st.entries.length > 0 && (
        <>
          <h2>录入记录</h2>
          <p class="hint">只列出两遍都已录入的编号：第二遍录入前，任何人都看不到第一遍的内容和录入人。</p>
          <div class="table-wrap"><table class="stack-sm">
            <thead><tr><th>编号</th><th>遍次</th><th>计票人</th><th>内容</th></tr></thead>
            <tbody>
              {st.entries.map((e) => (
                <tr>
                  <td data-label="编号">{e.serial}</td>
                  <td data-label="遍次">{e.pass === 'first' ? '第一遍' : '第二遍'}</td>
                  <td data-label="计票人">{e.tellerName}</td>
                  <td data-label="内容"><EntryText e={e} options={p.options} /></td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </>
      )}
    </section>
  );
}

/** Names the lines to look at again on the paper, so nobody compares two long rows by eye. */
function Differences(p: { first: PaperEntryView; second: PaperEntryView; options: PollOption[] }) {
  const d = differences(p.first, p.second, p.options.map((o) => String(o.id)));
  if (d === 'validity') return <>{p.first.invalid ? '第一遍判为无效票，第二遍未判' : '第二遍判为无效票，第一遍未判'}</>;
  const label = (m: string | undefined) => MARK_LABELS[(m ?? 'abstain') as keyof typeof MARK_LABELS];
  return <>{p.options.filter((o) => d.includes(String(o.id)))
    .map((o) => `${o.label}（第一遍 ${label(p.first.marks[o.id])}，第二遍 ${label(p.second.marks[o.id])}）`).join('；')}</>;
}

function EntryText(p: { e: { marks: Record<string, string>; invalid: boolean; invalidReason: string }; options: PollOption[] }) {
  if (p.e.invalid) return <span class="bad">无效：{p.e.invalidReason}</span>;
  return <span>{p.options.map((o) => `${o.label}：${MARK_LABELS[(p.e.marks[o.id] ?? 'abstain') as keyof typeof MARK_LABELS]}`).join('；')}</span>;
}
