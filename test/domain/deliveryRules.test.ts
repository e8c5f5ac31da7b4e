import { describe, expect, it } from 'vitest';
import { carryOverPlan, CARRY_ANCHOR_TITLE } from '../../src/domain/carryOver';
import { checkPhoto, checkPhotoCount, MAX_PHOTO_BYTES, sniffImage } from '../../src/domain/photos';
import { checkProgressDirection, checkReportMonth } from '../../src/domain/progressReport';
import { checkAcceptance, statusAfterReport } from '../../src/domain/projectStatus';
import { checkRectificationStep, isRectificationOverdue, type RectificationState } from '../../src/domain/rectification';
import { plannedAt, type Plan } from '../../src/domain/schedule';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new TextEncoder().encode(s);

describe('photo type by magic bytes', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['WebP', ascii('RIFF\x10\x00\x00\x00WEBPVP8 '), 'image/webp'],
    ['GIF', ascii('GIF89a......'), null],
    ['a PDF named photo.jpg', ascii('%PDF-1.7\n'), null],
    ['RIFF but WAVE', ascii('RIFF\x10\x00\x00\x00WAVEfmt '), null],
    ['PNG signature cut short', bytes(0x89, 0x50, 0x4e, 0x47), null],
    ['empty', bytes(), null],
  ])('%s → %s', (_n, head, mime) => {
    expect(sniffImage(head)).toBe(mime);
  });

  it.each<[string, number, Uint8Array, RegExp | null]>([
    ['exactly 5 MB is allowed', MAX_PHOTO_BYTES, bytes(0xff, 0xd8, 0xff), null],
    ['one byte more is refused', MAX_PHOTO_BYTES + 1, bytes(0xff, 0xd8, 0xff), /超过每张 5\.0 MB 的上限/],
    ['wrong type', 1000, ascii('GIF89a'), /不是 JPEG、PNG 或 WebP 格式的照片/],
    ['empty file', 0, bytes(), /空文件/],
  ])('%s', (_n, size, head, error) => {
    const r = checkPhoto({ name: 'a.jpg', size, head });
    if (error) expect(!r.ok && r.error).toMatch(error);
    else expect(r.ok).toBe(true);
  });

  it.each<[number, number, boolean]>([[0, 6, true], [0, 7, false], [4, 2, true], [4, 3, false], [6, 0, true]])('%i existing + %i new within 6 → %s', (e, a, ok) => {
    expect(checkPhotoCount(e, a) === null).toBe(ok);
  });
});

describe('report month and direction', () => {
  const months = ['2026-03', '2026-04', '2026-05'];
  it.each<[string, string, RegExp | null]>([
    ['2026-04', '2026-04', null], // the current month may be filed early
    ['2026-03', '2026-06', null],
    ['2026-05', '2026-04', /还没有到/],
    ['2026-02', '2026-04', /不在本项目本年度的实施期内/],
  ])('%s when it is %s', (m, now, err) => {
    const r = checkReportMonth(m, months, now);
    if (err) expect(r).toMatch(err);
    else expect(r).toBeNull();
  });

  it.each<[number, number | null, string, boolean]>([
    [40, 30, '', true], [30, 30, '', true], [29, 30, '', false], [29, 30, '上月误报，已更正', true], [0, null, '', true], [29, 30, '   ', false],
  ])('%i%% after %s%% with reason %j → ok %s', (pct, prev, reason, ok) => {
    expect(checkProgressDirection(pct, prev, reason) === null).toBe(ok);
  });
});

describe('rectification state machine', () => {
  it.each<[RectificationState, 'answer' | 'accept' | 'reopen', RectificationState | null]>([
    ['open', 'answer', 'answered'], ['reopened', 'answer', 'answered'], ['answered', 'answer', null], ['accepted', 'answer', null],
    ['answered', 'accept', 'accepted'], ['open', 'accept', null], ['reopened', 'accept', null], ['accepted', 'accept', null],
    ['answered', 'reopen', 'reopened'], ['open', 'reopen', null], ['accepted', 'reopen', null],
  ])('%s --%s--> %s', (from, step, to) => {
    const r = checkRectificationStep(from, step);
    expect(r.ok ? r.value : null).toBe(to);
  });

  it.each<[RectificationState, string, string, boolean]>([
    ['open', '2026-05-31', '2026-05-31', false], // the deadline day is not late
    ['open', '2026-05-31', '2026-06-01', true],
    ['reopened', '2026-05-31', '2026-06-01', true],
    ['answered', '2026-05-31', '2026-07-01', false], // the unit has answered: waiting for the group
    ['accepted', '2026-05-31', '2026-07-01', false],
  ])('%s, deadline %s, today %s → overdue %s', (state, deadline, today, overdue) => {
    expect(isRectificationOverdue(state, deadline, today)).toBe(overdue);
  });
});

describe('project status', () => {
  it.each([['planned', 10, 'inProgress'], ['inProgress', 100, 'completed'], ['completed', 95, 'inProgress'], ['accepted', 50, 'accepted']] as const)(
    '%s + report %i%% → %s', (from, pct, to) => expect(statusAfterReport(from, pct)).toBe(to));
  it.each([['completed', true], ['inProgress', false], ['accepted', false], ['planned', false]] as const)('accept from %s → %s', (from, ok) => {
    expect(checkAcceptance(from).ok).toBe(ok);
  });
});

describe('carry-over of a cross-year project', () => {
  const plan: Plan = {
    budget: 2_400_000, startDate: '2026-07-01', endDate: '2027-06-30',
    milestones: [
      { title: '管网铺设', dueDate: '2026-10-31', plannedPct: 30, plannedSpend: 600_000 },
      { title: '泵站建成', dueDate: '2027-03-31', plannedPct: 70, plannedSpend: 1_800_000 },
      { title: '通水验收', dueDate: '2027-06-30', plannedPct: 100, plannedSpend: 2_400_000 },
    ],
  };

  it('keeps the remaining milestones and starts where the plan stood on 31 December', () => {
    const r = carryOverPlan(plan, 2026);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const carried = r.value;
    const at = plannedAt(plan, '2026-12-31');
    expect(carried.startDate).toBe('2027-01-01');
    expect(carried.endDate).toBe('2027-06-30');
    expect(carried.budget).toBe(2_400_000);
    expect(carried.milestones.map((m) => m.title)).toEqual([CARRY_ANCHOR_TITLE, '泵站建成', '通水验收']);
    expect(carried.milestones[0]).toMatchObject({ dueDate: '2027-01-01', plannedPct: Math.round(at.pct), plannedSpend: Math.round(at.spend) });
    expect(plannedAt(carried, '2027-01-01').pct).toBe(Math.round(at.pct));
    expect(plannedAt(carried, '2027-03-31').pct).toBe(70);
  });

  it('a project ending within the year has nothing to carry', () => {
    const r = carryOverPlan({ ...plan, endDate: '2026-12-31' }, 2026);
    expect(r.ok).toBe(false);
  });
});
