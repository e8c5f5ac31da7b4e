import { describe, expect, it } from 'vitest';
import { draftResolution } from '../../src/domain/resolution';
import { nextSteps, placesAccount, remainingCandidates, stepLeftover, type ChainStep, type ChainStepResult } from '../../src/domain/shortfall';

describe('after a poll of the chain: a runoff among the tied, or a further poll among the remaining', () => {
  it.each<[string, ChainStepResult, number, number, { runoff: boolean; further: boolean }]>([
    ['first round filled every place', { kind: 'selection', runoffSeats: 0, emptySeats: 0 }, 0, 2, { runoff: false, further: false }],
    ['first-round tie at the cut: a runoff first, as the rule says', { kind: 'selection', runoffSeats: 1, emptySeats: 0 }, 1, 3, { runoff: true, further: false }],
    ['first round, nobody else over half', { kind: 'selection', runoffSeats: 0, emptySeats: 1 }, 1, 3, { runoff: false, further: true }],
    ['runoff tied again above half: another runoff or a further poll', { kind: 'runoff', runoffSeats: 1, emptySeats: 0 }, 1, 3, { runoff: true, further: true }],
    ['runoff where nobody got over half', { kind: 'runoff', runoffSeats: 0, emptySeats: 1 }, 1, 3, { runoff: false, further: true }],
    ['further poll short again: any number of polls in the chain', { kind: 'further', runoffSeats: 0, emptySeats: 1 }, 1, 2, { runoff: false, further: true }],
    ['places empty but no candidate remains', { kind: 'runoff', runoffSeats: 0, emptySeats: 1 }, 1, 0, { runoff: false, further: false }],
  ])('%s', (_, last, places, remaining, expected) => {
    expect(nextSteps(last, places, remaining)).toEqual(expected);
  });

  it('the remaining candidates keep their first-round order, adopted ones left out', () => {
    const first = [{ candidateId: 11, position: 1 }, { candidateId: 12, position: 2 }, { candidateId: 13, position: 3 }, { candidateId: 14, position: 4 }];
    expect(remainingCandidates([...first].reverse(), new Set([11, 13])).map((o) => o.candidateId)).toEqual([12, 14]);
  });
});

const step = (s: Partial<ChainStep> & Pick<ChainStep, 'kind'>): ChainStep => ({ seatsToFill: 1, candidates: 2, adopted: [], runoffSeats: 0, emptySeats: 0, ...s });

describe('the resolution says how each place was filled or why it stayed empty', () => {
  it.each<[string, ChainStep[], number, string[]]>([
    ['first round fills every place: nothing extra', [step({ kind: 'selection', seatsToFill: 2, candidates: 4, adopted: ['甲', '乙'] })], 2, []],
    ['tie → runoff with nobody over half → further poll adopts', [
      step({ kind: 'selection', seatsToFill: 2, candidates: 4, adopted: ['甲'], runoffSeats: 1 }),
      step({ kind: 'runoff', seatsToFill: 1, candidates: 2, emptySeats: 1 }),
      step({ kind: 'further', seatsToFill: 1, candidates: 3, adopted: ['乙'] }),
    ], 2, [
      '第一轮票决4个候选项目，应选2项，通过1项：甲。',
      '第2轮就1个名额在得票相同的2个项目中另行投票，没有项目通过。',
      '第3轮就1个名额在其余3个候选项目中另行票决，通过1项：乙。',
    ]],
    ['the clerk ends after the runoff: the place stays empty, and why', [
      step({ kind: 'selection', seatsToFill: 2, candidates: 4, adopted: ['甲'], runoffSeats: 1 }),
      step({ kind: 'runoff', seatsToFill: 1, candidates: 2, emptySeats: 1 }),
    ], 2, [
      '第一轮票决4个候选项目，应选2项，通过1项：甲。',
      '第2轮就1个名额在得票相同的2个项目中另行投票，没有项目通过。',
      '应选2项中尚有1项未产生：另行投票中赞成票过半数的项目少于应选数，会议未再另行票决，该名额空缺。',
    ]],
    ['a runoff tied again and the clerk ends', [
      step({ kind: 'selection', seatsToFill: 3, candidates: 5, adopted: ['甲'], runoffSeats: 2 }),
      step({ kind: 'runoff', seatsToFill: 2, candidates: 3, adopted: ['乙'], runoffSeats: 1 }),
    ], 3, [
      '第一轮票决5个候选项目，应选3项，通过1项：甲。',
      '第2轮就2个名额在得票相同的3个项目中另行投票，通过1项：乙。',
      '应选3项中尚有1项未产生：另行投票中得票仍然相同，会议未再另行投票或另行票决，该名额空缺。',
    ]],
    ['first round short and no further poll', [step({ kind: 'selection', seatsToFill: 2, candidates: 3, adopted: ['甲'], emptySeats: 1 })], 2, [
      '第一轮票决3个候选项目，应选2项，通过1项：甲。',
      '应选2项中尚有1项未产生：第一轮表决中赞成票过半数的项目少于应选数，会议未再另行票决，该名额空缺。',
    ]],
  ])('%s', (_, steps, n, lines) => {
    expect(placesAccount(steps, n, '票决')).toEqual(lines);
  });

  it('the draft resolution carries the account', () => {
    const r = draftResolution({
      jurisdictionName: '青石镇', body: 'congress', year: 2027, sessionTitle: '青石镇第十八届人民代表大会第三次会议', date: '2027-01-15',
      seated: 12, present: 12, secrecy: 'secret', candidates: 4, seatsToFill: 2, emptySeats: 1,
      adopted: [{ title: '甲', budget: 500_000, unitName: '农业服务中心' }],
      steps: [step({ kind: 'selection', seatsToFill: 2, candidates: 4, adopted: ['甲'], emptySeats: 1 })],
    });
    expect(r.body).toContain('各名额产生情况：');
    expect(r.body).toContain('该名额空缺');
  });
});

describe('what a step leaves for the next, on the sheet', () => {
  it.each<[string, ChainStepResult, string]>([
    ['nothing left', { kind: 'selection', runoffSeats: 0, emptySeats: 0 }, '—'],
    ['one tied place', { kind: 'selection', runoffSeats: 1, emptySeats: 0 }, '1 个名额得票相同'],
    ['ties take precedence over empty places', { kind: 'runoff', runoffSeats: 2, emptySeats: 1 }, '2 个名额得票相同'],
    ['two empty places', { kind: 'further', runoffSeats: 0, emptySeats: 2 }, '2 个名额空缺'],
  ])('%s', (_, step, text) => {
    expect(stepLeftover(step)).toBe(text);
  });
});
