import { z } from 'zod';
import { isChinaDate } from './chinaDate';
import { normalizePhone } from './phone';
import { normalizeName, normalizePlace, PHONE_FORMAT } from './rosterImport';
import { RETIRE_REASONS } from './vocabulary';

/**
 * One representative as the clerk types it on the form: the same normalising as the import (names without
 * spaces, phones in one stored form), so a typed entry and an imported one compare equal.
 */
const optionalDate = (msg: string) => z.string().trim().refine((v) => v === '' || isChinaDate(v), msg);

export const repFields = {
  name: z.string().transform(normalizeName).pipe(z.string().min(1, '请填写姓名').max(20, '姓名不能超过20个字')),
  community: z.string().transform(normalizePlace).pipe(z.string().max(40, '不能超过40个字')),
  sector: z.string().trim().max(40, '界别不能超过40个字'),
  // Mobile 11 digits, or a landline with its area code; never shown publicly.
  phone: z.string().trim().refine((v) => v === '' || normalizePhone(v) !== null, PHONE_FORMAT)
    .transform((v) => (v === '' ? '' : normalizePhone(v)!)),
  termFrom: optionalDate('任期开始须为日期，如 2026-01-01'),
  termTo: optionalDate('任期结束须为日期，如 2030-12-31'),
  byElection: z.literal('1').optional().transform((v) => v === '1'),
  seatedOn: optionalDate('须为日期，如 2026-01-01').default(''),
};

/** For .refine on any schema holding the term dates. */
export const termOrder: [(r: { termFrom: string; termTo: string }) => boolean, { path: string[]; message: string }] = [
  (r) => !r.termFrom || !r.termTo || r.termTo >= r.termFrom,
  { path: ['termTo'], message: '任期结束不能早于任期开始' },
];

/** A by-election seat counts from its own date (补选), so that date is what the session snapshots go by. */
export const byElectionDate: [(r: { byElection: boolean; seatedOn: string }) => boolean, { path: string[]; message: string }] = [
  (r) => !r.byElection || r.seatedOn !== '',
  { path: ['seatedOn'], message: '补选（增补）的代表须填写当选（推选）日期' },
];

export const repInputSchema = z.object(repFields).refine(...termOrder).refine(...byElectionDate);

export type RepInput = z.output<typeof repInputSchema>;

export const REP_STATUS_LABELS = { seated: '在册', retired: '离任' } as const;
export type { RepStatus } from './rosterImport';

/** 代表资格终止: the date, one of the reasons the law knows, and a note (required for “其他”). */
export const retireSchema = z.object({
  onDate: z.string().trim().refine(isChinaDate, '请填写离任日期'),
  reason: z.enum(RETIRE_REASONS, { error: '请选择离任原因' }),
  note: z.string().trim().max(200, '说明不能超过200个字').default(''),
}).refine((f) => f.reason !== 'other' || f.note !== '', { path: ['note'], message: '原因为“其他”时请写明说明' });

export type RetireInput = z.output<typeof retireSchema>;
