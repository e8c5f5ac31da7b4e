import { BODY_TERMS, governmentOf } from './bodyTerms';
import { placesAccount, type ChainStep } from './shortfall';
import type { RepBody } from './vocabulary';

export interface ResolutionInput {
  jurisdictionName: string;
  body: RepBody;
  year: number;
  sessionTitle: string;
  date: string; // 'YYYY-MM-DD', China date
  seated: number;
  present: number;
  secrecy: 'secret' | 'named';
  candidates: number;
  seatsToFill: number;
  adopted: { title: string; budget: number; unitName: string }[];
  /** Places not filled (too few passed, or a tie left undecided). */
  emptySeats: number;
  /** The 票决办法 the session adopted (its title), cited as the ground of the vote. */
  procedureTitle?: string;
  /** Every counted poll of the chain (selection, runoffs, further polls): how each place was filled or why it stayed empty. */
  steps?: ChainStep[];
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (a list of projects never reaches a hundred). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 1,250,000 yuan → "125万元"; 980,500 → "98.05万元". */
export function wan(yuan: number): string {
  return `${Number((yuan / 10000).toFixed(2))}万元`;
}

/** The draft 决议 generated from the result; the clerk edits it before publication. */
export function draftResolution(r: ResolutionInput): { title: string; body: string } {
  const t = BODY_TERMS[r.body];
  const gov = governmentOf(r.jurisdictionName, r.body);
  const date = chineseDate(r.date);
  const title = `关于${r.year}年度民生实事项目的决议`;
  const lines = [
    `（${date}${r.sessionTitle}通过）`,
    '',
    `${r.sessionTitle}于${date}举行。会议应到${t.rep}${r.seated}名，实到${r.present}名，符合法定人数。`
      + `会议听取了${gov}关于${r.year}年度民生实事候选项目的说明，${r.procedureTitle ? `通过了《${r.procedureTitle}》，依照该办法` : ''}以${r.secrecy === 'secret' ? '无记名' : '记名'}投票方式，`
      + `对${r.candidates}个候选项目进行了${t.vote}，应选${r.seatsToFill}项。`,
    '',
  ];
  if (r.adopted.length === 0) {
    lines.push(`本次${t.vote}没有候选项目获得通过。`);
  } else {
    lines.push(`根据${t.vote}结果，会议决定以下${r.adopted.length}个项目为${r.jurisdictionName}${r.year}年度民生实事项目：`);
    r.adopted.forEach((a, i) => lines.push(`${chineseNumber(i + 1)}、${a.title}（预算${wan(a.budget)}，承办单位：${a.unitName}）`));
  }
  const account = r.steps ? placesAccount(r.steps, r.seatsToFill, t.vote) : [];
  if (account.length) lines.push('', '各名额产生情况：', ...account);
  else if (r.emptySeats > 0) lines.push(`应选${r.seatsToFill}项中尚有${r.emptySeats}项未产生。`);
  lines.push(
    '',
    `会议要求，${gov}要认真组织实施，落实资金和责任，严格按计划推进，确保项目按期完成、取得实效，并定期报告实施情况。`
      + `全体${t.rep}要通过月跟踪、季监督、期中报告和年底评议，加强对项目实施的监督，让项目由群众定、实施让群众看、效果交群众评。`,
  );
  return { title, body: lines.join('\n') };
}
