import { describe, expect, it } from 'vitest';
import {
  checkReferralDue, checkReferralExtension, checkReplyDate, checkStationStep, isReferralOverdue, publicOpinionStatus, repliedLate, stationStepsFor,
  type Referral, type StationStep,
} from '../../src/domain/stationOpinion';
import type { OpinionState } from '../../src/domain/opinionTriage';

const referred = (over: Partial<Referral> = {}): Referral => ({
  state: 'referred', referralLevel: 'district', referredOn: '2027-03-10', dueOn: '2027-04-09', extendedTo: null, repliedOn: null, ...over,
});

describe('station opinion steps', () => {
  it.each<[OpinionState, StationStep, OpinionState | null]>([
    ['recorded', 'answer', 'answered'],
    ['recorded', 'refer', 'referred'],
    ['recorded', 'reply', null], // nothing to answer for before a referral
    ['recorded', 'followUp', null],
    ['recorded', 'suggest', 'converted'],
    ['recorded', 'propose', 'proposed'],
    ['referred', 'followUp', 'referred'],
    ['referred', 'extend', 'referred'],
    ['referred', 'reply', 'replied'],
    ['referred', 'answer', null],
    ['referred', 'propose', 'proposed'],
    ['answered', 'refer', null], // nothing is undone
    ['replied', 'reply', null],
    ['proposed', 'suggest', null],
    ['converted', 'propose', null],
  ])('%s → %s → %s', (from, step, to) => {
    const r = checkStationStep(from, step);
    expect(r.ok ? r.value : null).toBe(to);
  });

  it.each<[OpinionState, ('staff' | 'addressedRep' | 'rep')[], StationStep[]]>([
    ['recorded', ['staff'], ['answer', 'refer', 'suggest', 'propose']],
    ['recorded', ['rep'], ['suggest']],
    ['recorded', ['rep', 'addressedRep'], ['answer', 'suggest']],
    ['referred', ['staff'], ['followUp', 'extend', 'reply', 'suggest', 'propose']],
    ['referred', ['addressedRep'], []], // once referred, the office answers, not the representative
    ['answered', ['staff', 'rep'], []],
  ])('%s for %j: %j', (state, actors, steps) => {
    expect(stationStepsFor(state, actors)).toEqual(steps);
  });
});

describe('referral deadlines by level', () => {
  it.each([
    ['township', '2027-03-10', null, '答复期限须晚于交办当天'], // the referral day itself is no deadline
    ['township', '2027-03-11', '2027-03-11', null],
    ['township', '2027-04-09', '2027-04-09', null], // 30 days: the longest for this level
    ['township', '2027-04-10', null, '最长 30 天'],
    ['district', '2027-05-09', '2027-05-09', null], // 60 days
    ['district', '2027-05-10', null, '最长 60 天'],
    ['city', '2027-07-08', '2027-07-08', null], // 120 days
    ['city', '2027-07-09', null, '最长 120 天'],
    ['city', '2027-02-30', null, '请填写答复期限'],
  ] as const)('%s due %s → %s', (level, due, ok, error) => {
    const r = checkReferralDue(level, '2027-03-10', due);
    if (ok) expect(r).toEqual({ ok: true, value: ok });
    else expect(!r.ok && r.error).toContain(error);
  });

  it.each([
    ['2027-04-09', false], // the deadline day is still on time
    ['2027-04-10', true],
  ])('overdue on %s → %s', (today, overdue) => {
    expect(isReferralOverdue(referred(), today)).toBe(overdue);
  });

  it('an extension moves the deadline; replied after it is late, on it is not', () => {
    expect(isReferralOverdue(referred({ extendedTo: '2027-04-30' }), '2027-04-30')).toBe(false);
    expect(isReferralOverdue(referred({ extendedTo: '2027-04-30' }), '2027-05-01')).toBe(true);
    expect(isReferralOverdue(referred({ state: 'replied' }), '2027-12-31')).toBe(false);
    expect(repliedLate(referred({ state: 'replied', repliedOn: '2027-04-09' }))).toBe(false);
    expect(repliedLate(referred({ state: 'replied', repliedOn: '2027-04-10' }))).toBe(true);
  });

  it.each([
    [referred(), '2027-05-09', '延期', '2027-04-09', true, null],
    [referred(), '2027-05-09', '延期', '2027-04-10', false, '已超过答复期限'], // asked after the deadline was missed
    [referred({ extendedTo: '2027-04-20' }), '2027-05-01', '延期', '2027-04-01', false, '已经延期过一次'],
    [referred(), '2027-04-09', '延期', '2027-04-01', false, '须晚于原期限'],
    [referred(), '2027-06-08', '延期', '2027-04-01', true, null], // 60 more days for the district
    [referred(), '2027-06-09', '延期', '2027-04-01', false, '最多延期至 2027-06-08'],
    [referred(), '2027-05-01', ' ', '2027-04-01', false, '请填写延期理由'],
    [referred({ state: 'recorded', dueOn: null, referralLevel: null }), '2027-05-01', '延期', '2027-04-01', false, '只有交办中的意见'],
  ] as const)('extension %#', (r, to, reason, today, ok, error) => {
    const out = checkReferralExtension(r, to, reason, today);
    expect(out.ok).toBe(ok);
    if (!out.ok) expect(out.error).toContain(error);
  });

  it.each([
    ['2027-03-09', false], ['2027-03-10', true], ['2027-04-01', true], ['2027-04-02', false],
  ])('reply dated %s (referred 03-10, today 04-01) → %s', (d, ok) => {
    expect(checkReplyDate({ referredOn: '2027-03-10' }, d, '2027-04-01').ok).toBe(ok);
  });
});

describe('what the resident reads', () => {
  it.each<[Referral, string, string]>([
    [referred({ state: 'recorded', referralLevel: null, dueOn: null }), '2027-03-10', '已收到，正在登记处理'],
    [referred(), '2027-04-09', '已交上一级（区人大常委会及区级部门）办理，应于 2027-04-09 前答复您'],
    [referred(), '2027-04-10', '已超过答复期限（2027-04-09），人大正在督办'],
    [referred({ state: 'replied', repliedOn: '2027-04-20' }), '2027-04-20', '已答复（2027-04-20，晚于期限 2027-04-09）'],
    [referred({ state: 'proposed' }), '2027-04-20', '已转为民生实事项目建议'],
  ])('%#', (r, today, words) => {
    expect(publicOpinionStatus(r, today)).toContain(words);
  });
});
