import { BODY_TERMS, governmentOf } from './bodyTerms';
import { passesMajority } from './majority';
import { BALLOT_FORM_WORDS, majorityBaseCount, meetsQuorum, quorumNeededBy, type PollRule } from './pollRule';
import { quorumRuleWords } from './quorum';
import { chineseNumber } from './resolution';
import { ok, refuse, type Result } from './result';
import { SESSION_OFFICER_ROLE_WORDS, type SessionOfficerRole } from './vocabulary';

/**
 * 票决办法: what the session adopts before its first 票决 (DOMAIN §6), generated from the rule its polls will be
 * held under, so the text read out in the hall and the rule the count applies are the same thing.
 */
export interface ProcedureInput {
  jurisdictionName: string;
  sessionTitle: string;
  year: number;
  secrecy: 'secret' | 'named';
  rule: PollRule;
  officers: { role: SessionOfficerRole; name: string }[];
}

export function procedureTitle(p: Pick<ProcedureInput, 'year' | 'rule'>): string {
  return `${p.year}年度民生实事项目${BODY_TERMS[p.rule.body].vote}办法`;
}

/** The numbered articles, each one paragraph. */
export function procedureArticles(p: ProcedureInput): string[] {
  const r = p.rule;
  const t = BODY_TERMS[r.body];
  const n = r.seatsToFill ?? 0;
  const vote = t.vote;
  const slate = r.slate === 'equal'
    ? `候选项目数与应选数相同，实行等额${vote}`
    : `实行差额${vote}，差额数为 ${r.candidates - n} 项`;
  const validity = r.ballotForm === 'tick'
    ? `每张选票最多勾选 ${n} 个候选项目，勾选即为赞成，未勾选的不计赞成票；勾选超过 ${n} 个的选票为无效票，对每个候选项目均计为无效；未勾选任何项目的选票为有效票。`
    : `每张选票对每个候选项目写明赞成、反对或弃权，未作标记的按弃权计；赞成超过 ${n} 个的选票为无效票，对每个候选项目均计为无效。`;
  const base = r.majority.base === 'seated' ? `全体在册${t.rep}` : `出席会议的${t.rep}`;
  const officers = (['chiefScrutineer', 'scrutineer', 'teller'] as const).map((role) => {
    const names = p.officers.filter((o) => o.role === role).map((o) => o.name);
    return `${SESSION_OFFICER_ROLE_WORDS[role]}：${names.length ? names.join('、') : '（尚未确定）'}`;
  }).join('；');
  return [
    `${vote}对象：${governmentOf(p.jurisdictionName, r.body)}提出、经${t.presidium}审定的${p.year}年度民生实事候选项目 ${r.candidates} 个，应选 ${n} 项；${slate}。`,
    `投票方式：以${p.secrecy === 'secret' ? '无记名' : '记名'}投票方式进行，${t.rep}使用本人手机或纸质选票投票，不得委托他人投票。`,
    `选票形式：${BALLOT_FORM_WORDS[r.ballotForm]}。${validity}收回的选票多于发出的选票的，本轮表决无效，应当重新投票。`,
    `法定人数：出席会议的${t.rep}须达到在册${t.rep}的${quorumRuleWords(r.quorum.fraction, r.quorum.comparator)}，方可进行${vote}。`,
    `通过标准：候选项目获得${base}的过半数（不含半数本身）赞成票，方为通过。`,
    `名额的确定：通过的项目多于应选数时，按赞成票多少依次取前 ${n} 项。第 ${n} 位赞成票相同而名额不足的，就剩余名额在得票相同的项目中另行投票，另行投票仍须获得过半数赞成票，以赞成票多者为通过。`,
    `名额空缺：通过的项目少于应选数时，不足的名额空缺；经会议决定，可以就剩余名额在未通过的候选项目中按第一轮${vote}时的顺序另行${vote}，通过标准同上；会议不再另行${vote}的，名额空缺。`,
    `监票和计票：本次会议的监票、计票人员为——${officers}。总监票人、监票人对发票、投票、计票全过程进行监督。`,
    `结果宣布：计票结束后，由总监票人向会议报告计票结果，会议主持人当场宣布${vote}结果；结果由${t.presidium}公告，并写入会议决议。`,
  ];
}

/** The whole text as read out and frozen: title, numbered articles, and (once adopted) the line that records it. */
export function procedureText(p: ProcedureInput, adoption?: { at: string; for: number; against: number; abstain: number }): string {
  const head = [`${p.jurisdictionName}${p.sessionTitle}`, procedureTitle(p), adoption
    ? `（${adoption.at}经会议举手表决通过：赞成 ${adoption.for}，反对 ${adoption.against}，弃权 ${adoption.abstain}）`
    : '（草案，待会议举手表决通过）'];
  return [...head, '', ...procedureArticles(p).map((a, i) => `${chineseNumber(i + 1)}、${a}`)].join('\n');
}

export interface Hands { for: number; against: number; abstain: number }

/**
 * The show of hands adopts the procedure when the meeting is quorate and "for" passes the same majority the
 * procedure sets for the projects (a decision of the meeting); hands can never exceed those present.
 */
export function judgeHands(rule: PollRule, hands: Hands, seated: number, present: number): Result<null, 'for' | '_form'> {
  if (!meetsQuorum(rule, present, seated)) {
    return refuse(`出席人数 ${present} 名，未达到法定人数（至少 ${quorumNeededBy(rule, seated)} 名），不能表决票决办法`);
  }
  if (hands.for + hands.against + hands.abstain > present) {
    return refuse(`赞成、反对、弃权合计 ${hands.for + hands.against + hands.abstain}，多于出席人数 ${present}，请核对`, 'for');
  }
  const base = majorityBaseCount(rule, seated, present);
  if (!passesMajority(hands.for, base)) {
    return refuse(`赞成 ${hands.for} 票，未超过${rule.majority.base === 'seated' ? '全体在册代表' : '出席代表'} ${base} 名的半数，票决办法未获通过；请修改后重新表决`, 'for');
  }
  return ok();
}
