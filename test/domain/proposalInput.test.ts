import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYuan, proposalShape, staffProposalSchema, coordinatesPaired, LIMITS } from '../../src/domain/proposalInput';
import { fieldErrors } from '../../src/http/validate';

const valid = {
  title: '青石村饮水管网改造', description: '更换青石村 3 组、4 组老化的饮水主管约 2 公里。', place: '5', category: 'water',
  estimatedCost: '800000', fundingSource: '镇财政', fiscalSharePct: '80', beneficiaries: '青石村 3、4 组村民', beneficiaryCount: '620',
  durationMonths: '6', crossYear: 'no', proposerName: '张三', proposerPhone: '13912345678', source: 'public', station: '',
};

describe('parseYuan', () => {
  it.each<[string, number | string]>([
    ['150000', 150000],
    ['150,000', 150000],
    ['１５００００', 150000],
    ['15万', 150000],
    ['1.2万', 12000],
    ['1.2345万元', 12345],
    ['80000元', 80000],
    ['1', 1],
    [String(LIMITS.maxCost), LIMITS.maxCost], // the maximum itself is allowed
    [String(LIMITS.maxCost + 1), '不能超过 10 亿元'],
    ['100000万', LIMITS.maxCost],
    ['100000.0001万', '不能超过 10 亿元'],
    ['99999999999999999999', '不能超过 10 亿元'],
    ['0', '须大于 0'],
    ['-5000', '不能为负数'],
    ['-5万', '不能为负数'],
    ['1500.5', '整数'],
    ['1.23456万', '4 位小数'],
    ['很多', '请填写数字金额'],
    ['1e9', '请填写数字金额'],
    ['😀', '请填写数字金额'],
    ['', '请填写估算投资'],
  ])('%j → %s', (input, expected) => {
    const r = parseYuan(input);
    if (typeof expected === 'number') expect(r).toEqual({ ok: true, value: expected });
    else expect(!r.ok && r.error).toContain(expected);
  });
});

describe('the proposal fields', () => {
  it('accepts a complete proposal and normalizes it', () => {
    const r = staffProposalSchema.parse({ ...valid, proposerPhone: '139 1234 5678', title: '  青石村饮水管网改造 ', crossYear: 'yes', lat: '', lng: '' });
    expect(r).toMatchObject({ title: '青石村饮水管网改造', place: 5, estimatedCost: 800000, fiscalSharePct: 80, beneficiaryCount: 620, crossYear: true, proposerPhone: '13912345678', lat: null, lng: null });
    expect(staffProposalSchema.parse({ ...valid, place: 'all', beneficiaryCount: '' })).toMatchObject({ place: null, beneficiaryCount: null });
  });

  const errorsOf = (input: Record<string, string>) => {
    const r = staffProposalSchema.safeParse(input);
    return r.success ? {} : fieldErrors(r.error);
  };

  it.each<[string, string, Record<string, string>]>([
    ['title', '请填写项目名称', { title: '' }],
    ['title', '至少 2 个字', { title: '路' }],
    ['title', '不能超过 60 个字（现有 61 个字）', { title: '修'.repeat(61) }],
    ['description', '请写明', { description: ' \n ' }],
    ['description', '不能超过 2000 个字', { description: 'x'.repeat(2001) }],
    ['place', '请选择村/社区', { place: '' }],
    ['category', '请选择项目类别', { category: 'roads' }],
    ['estimatedCost', '不能为负数', { estimatedCost: '-1' }],
    ['fiscalSharePct', '0–100', { fiscalSharePct: '101' }],
    ['fiscalSharePct', '0–100', { fiscalSharePct: '-1' }],
    ['fiscalSharePct', '整数', { fiscalSharePct: '50.5' }],
    ['fiscalSharePct', '请填写财政资金占比', { fiscalSharePct: '' }],
    ['durationMonths', '1–60', { durationMonths: '0' }],
    ['durationMonths', '1–60', { durationMonths: '61' }],
    ['beneficiaryCount', '受益人数须在', { beneficiaryCount: '0' }],
    ['crossYear', '请选择是否跨年度', { crossYear: 'maybe' }],
    ['proposerName', '请填写提议人姓名', { proposerName: '' }],
    ['proposerPhone', '请填写正确的手机号', { proposerPhone: '12345' }],
    ['source', '请选择提议人身份', { source: 'mayor' }],
    ['lng', '同时填写', { lat: '29.5', lng: '' }],
    ['lat', '中国境内', { lat: '95', lng: '106.5' }],
    ['station', '站点无效', { station: '<script>' }],
  ])('%s: %s', (field, message, patch) => {
    expect(errorsOf({ ...valid, ...patch })[field]).toContain(message);
  });

  it('counts an emoji as one character and keeps it', () => {
    const title = '😀'.repeat(60);
    expect(staffProposalSchema.parse({ ...valid, title }).title).toBe(title);
    expect(errorsOf({ ...valid, title: '😀'.repeat(61) }).title).toContain('现有 61 个字');
  });

  it('removes invisible control characters and folds lines in one-line fields', () => {
    const r = staffProposalSchema.parse({ ...valid, title: '青石村\u0000饮水\u202e改造\n工程', description: '第一段\r\n\r\n\r\n\r\n第二段' });
    expect(r.title).toBe('青石村饮水改造 工程');
    expect(r.description).toBe('第一段\n\n第二段');
  });

  it('the public form requires a phone; staff entries may leave it empty', () => {
    const pub = z.object(proposalShape({ sources: ['public'], phoneRequired: true })).superRefine(coordinatesPaired);
    const r = pub.safeParse({ ...valid, proposerPhone: '' });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!).proposerPhone).toContain('请填写联系电话');
    expect(fieldErrors(pub.safeParse({ ...valid, source: 'representative' }).error!).source).toBeDefined();
    expect(staffProposalSchema.parse({ ...valid, proposerPhone: '' }).proposerPhone).toBe('');
  });
});
