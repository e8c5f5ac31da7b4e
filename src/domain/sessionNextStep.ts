/** Where a session under way stands, as the clerk's home reads it. */
export interface SessionProgress {
  quorumMet: boolean;
  /** Places still missing to reach the quorum. */
  missing: number;
  openPoll: { isTest: boolean } | null;
  /** The year's selection poll (not a test, not void): where it stands. */
  selection: 'none' | 'draft' | 'counting' | 'counted';
  published: boolean;
  /** A test poll has been held (closed) in this session. */
  testHeld: boolean;
}

export type NextStepTarget = 'roll' | 'session' | 'poll' | 'resolution';
export interface NextStep { text: string; target: NextStepTarget }

/**
 * The clerk's next step on voting day, in the order the day runs: roll until quorum, a rehearsal, the vote, the
 * count, publication. A running poll comes first whatever else is true: it is what the hall is doing.
 */
export function nextStepOfSession(p: SessionProgress): NextStep {
  if (p.openPoll) return { text: p.openPoll.isTest ? '试投票进行中：各手机提交后结束试投票' : '表决进行中：代表投票完毕后结束表决', target: 'poll' };
  if (p.published) return { text: '结果和决议已公布', target: 'resolution' };
  if (p.selection === 'counted') return { text: '核对结果，公布结果和决议', target: 'resolution' };
  if (p.selection === 'counting') return { text: '录入纸质选票，完成计票', target: 'poll' };
  if (!p.quorumMet) return { text: `继续签到：还差 ${p.missing} 名达到法定人数`, target: 'roll' };
  if (p.selection === 'draft') return { text: p.testHeld ? '开始正式表决' : '可先试投票检查手机和大屏，再开始正式表决', target: 'poll' };
  return { text: p.testHeld ? '发起正式表决' : '发起试投票检查手机和大屏，然后发起正式表决', target: 'session' };
}
