import { STATUS_LABELS, STATUS_SENTENCES, PROPOSAL_STATUSES } from '../../src/domain/proposalLabels';

/** Words on this page a resident may not know, explained plainly; closed by default so the page stays short. */
export function PortalGlossary() {
  return (
    <details class="card glossary">
      <summary>名词解释：状态和理由是什么意思</summary>
      <dl>
        {PROPOSAL_STATUSES.map((s) => (<><dt>{STATUS_LABELS[s]}</dt><dd>{STATUS_SENTENCES[s]}</dd></>))}
        <dt>候选项目</dt><dd>审查后由主席团确定、提交代表投票的项目。</dd>
        <dt>票决</dt><dd>代表在会上投票决定实施哪些项目，得票超过全体代表半数的才能通过。</dd>
        <dt>理由</dt><dd>审查时对每条建议写明的处理原因，任何人都可以在本页查看。</dd>
        <dt>回执号</dt><dd>提交建议后得到的编号，凭它可以随时查询办理情况。</dd>
        <dt>满意度评议</dt><dd>年底由代表和群众对每个项目打分：满意、基本满意或不满意。</dd>
      </dl>
    </details>
  );
}
