import { describe, expect, it } from 'vitest';
import { chineseNumber, draftResolution, wan } from '../../src/domain/resolution';

describe('draft resolution', () => {
  it.each([[1, '一'], [9, '九'], [10, '十'], [12, '十二'], [20, '二十'], [25, '二十五']])('%i → %s', (n, s) => {
    expect(chineseNumber(n)).toBe(s);
  });
  it.each([[1_250_000, '125万元'], [980_500, '98.05万元'], [3_000, '0.3万元']])('%i yuan → %s', (y, s) => expect(wan(y)).toBe(s));

  it('lists the adopted projects with budget and unit, and says which places are empty', () => {
    const r = draftResolution({
      jurisdictionName: '青石镇', body: 'congress', year: 2027, sessionTitle: '青石镇第十八届人民代表大会第三次会议',
      date: '2027-01-15', seated: 120, present: 96, secrecy: 'secret', candidates: 8, seatsToFill: 5, emptySeats: 1,
      adopted: [{ title: '青石村饮水管网改造', budget: 1_250_000, unitName: '农业服务中心' }, { title: '杨柳村路灯', budget: 300_000, unitName: '规划建设管理环保办' }],
    });
    expect(r.title).toBe('关于2027年度民生实事项目的决议');
    expect(r.body).toContain('（2027年1月15日青石镇第十八届人民代表大会第三次会议通过）');
    expect(r.body).toContain('应到代表120名，实到96名');
    expect(r.body).toContain('以无记名投票方式');
    expect(r.body).toContain('一、青石村饮水管网改造（预算125万元，承办单位：农业服务中心）');
    expect(r.body).toContain('二、杨柳村路灯');
    expect(r.body).toContain('青石镇人民政府');
    expect(r.body).toContain('尚有1项未产生');
  });

  it('a subdistrict says 议事代表 and 票选', () => {
    const r = draftResolution({
      jurisdictionName: '东城街道', body: 'deliberation', year: 2027, sessionTitle: '东城街道2027年年初议事代表会议',
      date: '2027-02-03', seated: 52, present: 40, secrecy: 'named', candidates: 3, seatsToFill: 2, emptySeats: 0,
      adopted: [],
    });
    expect(r.body).toContain('应到议事代表52名');
    expect(r.body).toContain('进行了票选');
    expect(r.body).toContain('以记名投票方式');
    expect(r.body).toContain('本次票选没有候选项目获得通过');
    expect(r.body).toContain('东城街道办事处');
  });
});
