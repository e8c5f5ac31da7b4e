import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/domain/safeNext';

describe('safeNext: only a path on this site survives', () => {
  it.each([
    ['/', '/'],
    ['/j/QS/sessions/5', '/j/QS/sessions/5'],
    ['/j/QS/cycles/2027/proposals?status=eligible&page=2', '/j/QS/cycles/2027/proposals?status=eligible&page=2'],
    ['/p/QS/%E6%B0%91%E7%94%9F', '/p/QS/%E6%B0%91%E7%94%9F'],
  ])('keeps %j', (input, out) => expect(safeNext(input)).toBe(out));

  it.each([
    undefined, null, '', 'j/QS', 'http://evil.example/', 'https://evil.example', '//evil.example', '///evil.example',
    '/\\evil.example', '\\\\evil.example', '/\t/evil.example/phish', '/%09/127.0.0.1:4211/phish', '/\n/evil.example',
    '/\r\n/evil.example', '/\u0000/evil.example', '/%2F/evil.example', '/%2f%2fevil.example', '/%5Cevil.example',
    '/%0d%0aSet-Cookie:x=1', 'javascript:alert(1)', '/ /evil.example', '/\u3000/evil', '/%E0%A4%A', `/${'a'.repeat(600)}`,
  ])('refuses %j', (input) => expect(safeNext(input)).toBe('/'));
});
