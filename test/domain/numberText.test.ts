import { describe, expect, it } from 'vitest';
import { groupedNumber } from '../../src/domain/numberText';

// The pages printed amounts with Intl.NumberFormat('zh-CN'); the helper must print exactly the same.
const zh = new Intl.NumberFormat('zh-CN');

describe('groupedNumber', () => {
  it.each([
    [0, '0'], [-0, '-0'], [7, '7'], [999, '999'], [1000, '1,000'], [-1000, '-1,000'], [12345, '12,345'],
    [999999, '999,999'], [1000000, '1,000,000'], [123456789, '123,456,789'], [0.5, '0.5'], [1.25, '1.25'],
    [1.0005, '1.001'], [1.2345, '1.235'], [2.0004, '2'], [0.9995, '1'], [999.9995, '1,000'], [0.1 + 0.2, '0.3'], [1e-7, '0'], [0.0004, '0'], [-0.0004, '-0'], [-1234.5678, '-1,234.568'],
    [12_000_000_000, '12,000,000,000'], [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
    [1e21, zh.format(1e21)], [Infinity, '∞'], [-Infinity, '-∞'], [NaN, 'NaN'],
  ])('%s → %s, as Intl prints it', (n, text) => {
    expect(groupedNumber(n)).toBe(text);
    expect(groupedNumber(n)).toBe(zh.format(n));
  });

  it('agrees with Intl on amounts of every size and fraction', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(rnd() * 16);
      const n = Math.round((rnd() - 0.3) * scale * 10_000) / 10 ** Math.floor(rnd() * 5);
      expect(groupedNumber(n), String(n)).toBe(zh.format(n));
      const any = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 23 - 2); // full-precision doubles, 1e-3 to 1e21 and past it
      expect(groupedNumber(any), String(any)).toBe(zh.format(any));
    }
  });
});
