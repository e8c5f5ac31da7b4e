import { describe, expect, it } from 'vitest';
import { checkPollTransition, type PollState } from '../../src/domain/pollState';
import { checkSessionTransition, type SessionState } from '../../src/domain/sessionState';

const ready = { quorumMet: true, sessionOpen: true, countComplete: true, reason: '' };

describe('poll state machine: draft → open → closed → published, or void with a reason', () => {
  it.each<[PollState, PollState, Partial<typeof ready>, string | null]>([
    ['draft', 'open', {}, null],
    ['draft', 'open', { quorumMet: false }, '出席代表未达到法定人数，不能开始表决'],
    ['draft', 'open', { sessionOpen: false }, '会议尚未开始或已闭会，不能开始表决'],
    ['open', 'open', {}, '本轮表决已在进行中'],
    ['closed', 'open', {}, '本轮表决已结束，不能重新开始'],
    ['open', 'closed', {}, null],
    ['open', 'closed', { quorumMet: false }, null], // nobody leaves a roll: closing never depends on the quorum
    ['draft', 'closed', {}, '本轮表决尚未开始'],
    ['closed', 'closed', {}, '本轮表决已结束'],
    ['closed', 'published', {}, null],
    ['closed', 'published', { countComplete: false }, '计票尚未完成，不能公布结果'],
    ['open', 'published', {}, '只有已结束的表决才能公布结果'],
    ['draft', 'published', {}, '只有已结束的表决才能公布结果'],
    ['draft', 'void', { reason: '候选项目有误' }, null],
    ['open', 'void', { reason: '设备故障' }, null],
    ['closed', 'void', { reason: '收回选票多于发出选票' }, null],
    ['open', 'void', { reason: '  ' }, '作废必须写明原因'],
    ['published', 'void', { reason: '更正' }, '结果已公布，不能再更改；如需更正请另行发布更正说明'],
    ['published', 'closed', {}, '结果已公布，不能再更改；如需更正请另行发布更正说明'],
    ['void', 'open', {}, '本轮表决已作废'],
    ['void', 'void', { reason: 'x' }, '本轮表决已作废'],
    ['closed', 'draft', {}, '不能退回到未开始状态'],
  ])('%s → %s %o → %s', (from, to, ctx, error) => {
    const r = checkPollTransition(from, to, { ...ready, ...ctx });
    expect(r.ok ? null : r.error).toBe(error);
  });
});

describe('session state machine: planned → open → closed', () => {
  it.each<[SessionState, SessionState, number, boolean]>([
    ['planned', 'open', 0, true],
    ['open', 'closed', 0, true],
    ['open', 'closed', 1, false], // a poll still open
    ['planned', 'closed', 0, false],
    ['closed', 'open', 0, false],
    ['open', 'open', 0, false],
    ['closed', 'planned', 0, false],
  ])('%s → %s with %i open polls → %s', (from, to, openPolls, ok) => {
    expect(checkSessionTransition(from, to, openPolls).ok).toBe(ok);
  });
});
