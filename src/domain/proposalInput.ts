import { z } from 'zod';
import { PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, type ProposalSource } from './proposalLabels';
import { isScientificNotation, normalizePhone, PHONE_ERROR, PHONE_SCIENTIFIC_ERROR } from './phone';
import { ok, refuse, type Result } from './result';
import { maskedTitle, PERSONAL_MATTER_TARGETS } from './personalMatter';
import { PERSONAL_MATTERS } from './vocabulary';

/**
 * The fields of a proposal (DOMAIN §3.1) as typed by a resident on a phone, a clerk from a paper form, or a row
 * of a spreadsheet: one set of rules for all three. Lengths count characters as people see them (an emoji is one).
 */
export const LIMITS = {
  title: 60,
  description: 2000,
  fundingSource: 200,
  beneficiaries: 200,
  proposerName: 30,
  maxCost: 1_000_000_000, // 10 亿元: far above any township's livelihood project, so only typos hit it
  maxBeneficiaries: 10_000_000,
  maxDurationMonths: 60,
} as const;

// C0 controls other than tab/newline, DEL, and the invisible bidi/zero-width marks that confuse display.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanLine(v: string | undefined): string {
  return (v ?? '').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

export function cleanMultiline(v: string | undefined): string {
  return (v ?? '').replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

export const charCount = (s: string) => [...s].length;

function text(max: number, opts: { required?: string; min?: number; multiline?: boolean } = {}) {
  return z.string().optional().transform((v, ctx) => {
    const s = opts.multiline ? cleanMultiline(v) : cleanLine(v);
    const n = charCount(s);
    if (n === 0 && opts.required) {
      ctx.addIssue({ code: 'custom', message: opts.required });
      return z.NEVER;
    }
    if (n > 0 && opts.min && n < opts.min) {
      ctx.addIssue({ code: 'custom', message: `至少 ${opts.min} 个字` });
      return z.NEVER;
    }
    if (n > max) {
      ctx.addIssue({ code: 'custom', message: `不能超过 ${max} 个字（现有 ${n} 个字）` });
      return z.NEVER;
    }
    return s;
  });
}

/** Digits as typed on a Chinese keyboard: full-width digits, thousands separators, spaces. */
function asciiNumber(v: string | undefined): string {
  return (v ?? '').normalize('NFKC').replace(/[,，\s]/g, '');
}

function parseInteger(v: string | undefined, label: string, min: number, max: number): Result<number | null> {
  const s = asciiNumber(v);
  if (s === '') return ok();
  if (!/^[+-]?\d+$/.test(s)) return refuse(`${label}须为整数`);
  const n = Number(s);
  if (n < min || n > max) return refuse(`${label}须在 ${min}–${max} 之间`);
  return ok(n);
}

function optionalInteger(label: string, min: number, max: number) {
  return z.string().optional().transform((v, ctx): number | null => {
    const r = parseInteger(v, label, min, max);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  });
}

function requiredInteger(label: string, min: number, max: number, required: string) {
  return z.string().optional().transform((v, ctx): number => {
    const r = parseInteger(v, label, min, max);
    if (r.ok && r.value !== null) return r.value;
    ctx.addIssue({ code: 'custom', message: r.ok ? required : r.error });
    return z.NEVER;
  });
}

/** An estimated cost in whole yuan: "150000", "150,000", "15万", "1.2万元". */
export function parseYuan(input: string): Result<number> {
  let s = asciiNumber(input).replace(/(元整|元)$/, '');
  if (s === '') return refuse('请填写估算投资');
  let factor = 1;
  if (/万$/.test(s)) {
    factor = 10_000;
    s = s.slice(0, -1);
  }
  if (/^-/.test(s)) return refuse('估算投资不能为负数');
  if (!/^\+?\d+(\.\d+)?$/.test(s)) return refuse('请填写数字金额，如 150000 或 15万');
  const [whole, frac = ''] = s.replace(/^\+/, '').split('.');
  if (whole!.length > 13) return refuse(`估算投资不能超过 ${LIMITS.maxCost / 100_000_000} 亿元，请核对金额`);
  // Exact arithmetic on the digits: 1.2万 is 12000, not 11999.999…
  if (frac.length > (factor === 1 ? 0 : 4)) {
    return refuse(factor === 1 ? '请填写整数金额（元），不要带小数' : '“万”前最多 4 位小数');
  }
  const value = Number(whole) * factor + (frac ? Number(frac.padEnd(4, '0')) : 0);
  if (value === 0) return refuse('估算投资须大于 0 元');
  if (value > LIMITS.maxCost) return refuse(`估算投资不能超过 ${LIMITS.maxCost / 100_000_000} 亿元，请核对金额`);
  return ok(value);
}

const yuan = z.string().optional().transform((v, ctx) => {
  const r = parseYuan(v ?? '');
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.value;
});

function coordinate(label: string, min: number, max: number) {
  return z.string().optional().transform((v, ctx): number | null => {
    const s = asciiNumber(v);
    if (s === '') return null;
    const n = Number(s);
    if (!/^[+-]?\d+(\.\d+)?$/.test(s) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${label}须为 ${min}–${max} 之间的数字（中国境内）` });
      return z.NEVER;
    }
    return Math.round(n * 1e6) / 1e6;
  });
}

const phone = (required: boolean) => z.string().optional().transform((v, ctx) => {
  const s = cleanLine(v);
  if (s === '') {
    if (required) ctx.addIssue({ code: 'custom', message: '请填写联系电话，便于工作人员联系您（不会公开）' });
    return required ? z.NEVER : '';
  }
  const p = normalizePhone(s);
  if (!p) {
    ctx.addIssue({ code: 'custom', message: isScientificNotation(s) ? PHONE_SCIENTIFIC_ERROR : PHONE_ERROR });
    return z.NEVER;
  }
  return p;
});

/** The place choice for "outside our area" (本辖区以外): kept, so the in-jurisdiction rule can fail it. */
export const OUTSIDE_AREA = 'outside';

/** The fields every entry path shares; `sources` narrows who may be named, `phoneRequired` the public form's rule. */
export function proposalShape(opts: { sources: readonly [ProposalSource, ...ProposalSource[]]; phoneRequired: boolean }) {
  return {
    title: text(LIMITS.title, { required: '请填写项目名称', min: 2 }),
    description: text(LIMITS.description, { required: '请写明要办什么事、在哪里、为什么需要', multiline: true }),
    // A village/community id, null = the whole township, 'outside' = somewhere outside the jurisdiction.
    place: z.string().optional().transform((v, ctx): number | null | typeof OUTSIDE_AREA => {
      const s = (v ?? '').trim();
      if (s === 'all') return null;
      if (s === OUTSIDE_AREA) return OUTSIDE_AREA;
      if (/^\d{1,9}$/.test(s)) return Number(s);
      ctx.addIssue({ code: 'custom', message: '请选择村/社区（涉及全域的选“全镇/全街道”）' });
      return z.NEVER;
    }),
    lat: coordinate('纬度', 3.8, 53.6),
    lng: coordinate('经度', 73.5, 135.1),
    category: z.enum(PROPOSAL_CATEGORIES, { error: '请选择项目类别' }),
    estimatedCost: yuan,
    fundingSource: text(LIMITS.fundingSource),
    fiscalSharePct: requiredInteger('财政资金占比', 0, 100, '请填写财政资金占比（0–100）'),
    beneficiaries: text(LIMITS.beneficiaries, { required: '请填写受益对象，如“杨柳村 3 组村民”' }),
    beneficiaryCount: optionalInteger('受益人数', 1, LIMITS.maxBeneficiaries),
    durationMonths: requiredInteger('工期', 1, LIMITS.maxDurationMonths, '请填写预计工期（月）'),
    crossYear: z.enum(['no', 'yes'], { error: '请选择是否跨年度' }).transform((v) => v === 'yes'),
    proposerName: text(LIMITS.proposerName, { required: '请填写提议人姓名（公开时只显示姓氏）' }),
    proposerPhone: phone(opts.phoneRequired),
    source: z.enum(opts.sources, { error: '请选择提议人身份' }),
    station: z.string().optional().transform((v, ctx) => {
      const s = cleanLine(v).toLowerCase();
      if (s !== '' && !/^[a-z0-9-]{2,16}$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: '站点无效，请重新选择' });
        return z.NEVER;
      }
      return s;
    }),
  };
}

/** A map point is both coordinates or neither. */
export function coordinatesPaired(v: { lat: number | null; lng: number | null }, ctx: z.RefinementCtx): void {
  if ((v.lat === null) !== (v.lng === null)) {
    ctx.addIssue({ code: 'custom', path: [v.lat === null ? 'lat' : 'lng'], message: '纬度和经度须同时填写，或都不填' });
  }
}

const staffShape = proposalShape({ sources: PROPOSAL_SOURCES, phoneRequired: false });
export const staffProposalSchema = z.object(staffShape).superRefine(coordinatesPaired);

/** One proposal's fields after validation: `place` is a jurisdiction id (null = the whole township), `station` a short code or ''. */
export type ProposalInput = z.output<typeof staffProposalSchema>;

/**
 * The personal path (个人事项): what kind of matter, what happened, where, and how to reach the resident. No title,
 * cost, fiscal share or duration: it is not a project and is never costed.
 */
export const personalMatterSchema = z.object({
  matter: z.enum(PERSONAL_MATTERS, { error: '请选择您反映的事项属于哪一类' }),
  description: staffShape.description,
  place: staffShape.place,
  proposerName: staffShape.proposerName,
  proposerPhone: phone(true),
  station: staffShape.station,
});
export type PersonalMatterInput = z.output<typeof personalMatterSchema>;

/** The stored row of a personal matter: a masked title, nothing costed, the resident's text kept for the office only. */
export function personalAsProposal(v: PersonalMatterInput): ProposalInput {
  return {
    title: maskedTitle(PERSONAL_MATTER_TARGETS[v.matter]), description: v.description, place: v.place, lat: null, lng: null,
    category: 'other', estimatedCost: 0, fundingSource: '', fiscalSharePct: 0, beneficiaries: '', beneficiaryCount: null,
    durationMonths: 0, crossYear: false, proposerName: v.proposerName, proposerPhone: v.proposerPhone, source: 'public', station: v.station,
  };
}
