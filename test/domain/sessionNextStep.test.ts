import { describe, expect, it } from 'vitest';
import { nextStepOfSession, type SessionProgress } from '../../src/domain/sessionNextStep';

const base: SessionProgress = { quorumMet: true, missing: 0, openPoll: null, selection: 'none', published: false, testHeld: false };

describe('the clerk’s next step on voting day', () => {
  it.each<[string, Partial<SessionProgress>, string, string]>([
    ['below quorum, nothing created', { quorumMet: false, missing: 3 }, 'roll', '还差 3 名'],
    ['quorum, no poll yet, no rehearsal', {}, 'session', '发起试投票'],
    ['quorum, rehearsal held', { testHeld: true }, 'session', '发起正式表决'],
    ['a test poll running', { openPoll: { isTest: true } }, 'poll', '试投票进行中'],
    ['a real poll running, even below quorum now', { openPoll: { isTest: false }, quorumMet: false, missing: 2, selection: 'draft' }, 'poll', '表决进行中'],
    ['selection created, rehearsal held', { selection: 'draft', testHeld: true }, 'poll', '开始正式表决'],
    ['selection created below quorum', { selection: 'draft', quorumMet: false, missing: 1 }, 'roll', '还差 1 名'],
    ['paper ballots still to count', { selection: 'counting' }, 'poll', '录入纸质选票'],
    ['counted, not published', { selection: 'counted' }, 'resolution', '公布结果和决议'],
    ['published', { selection: 'counted', published: true }, 'resolution', '已公布'],
  ])('%s', (_name, over, target, text) => {
    const step = nextStepOfSession({ ...base, ...over });
    expect(step.target).toBe(target);
    expect(step.text).toContain(text);
  });
});
