import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/domain/safeNext';

describe('safeNext: only a path on this site survives', () => {
  it.each([
    ['/', '/'],
    ['/j/QS/sessions/5', '/j/QS/sessions/5'],
    ['/j/QS/cycles/2027/proposals?status=eligible&page=2', '/j/QS/cycles/2027/proposals?status=eligible&page=2'],
    ['/p/QS/%E6%B0%91%E7%94%9F', '/p/QS/%E6%B0%91%E7%94%9F'],
    ['/j/QS/proposals?q=a//b', '/j/QS/proposals?q=a//b'], // a query may hold slashes: it never names a host
    ['/p/QS/%252f%252fx', '/p/QS/%252f%252fx'], // decoded once it is still a path
  ])('keeps %j', (input, out) => expect(safeNext(input)).toBe(out));

  it.each([
    undefined, null, '', 'j/QS', 'http://evil.example/', 'https://evil.example', '//evil.example', '///evil.example',
    '/\\evil.example', '\\\\evil.example', '/\t/evil.example/phish', '/%09/127.0.0.1:4211/phish', '/\n/evil.example',
    '/\r\n/evil.example', '/\u0000/evil.example', '/%2F/evil.example', '/%2f%2fevil.example', '/%5Cevil.example',
    '/%0d%0aSet-Cookie:x=1', 'javascript:alert(1)', '/ /evil.example', '/\u3000/evil', '/%E0%A4%A', `/${'a'.repeat(600)}`,
    // dot and empty segments, plain or encoded, that some clients normalise into //host
    '/.//evil.example', '/..//evil.example', '/%2e%2e/%2f/evil.example', '/a//evil.example', '/./j/QS', '/j/../admin',
    '/%u002f/evil.example', '/a#//evil.example', ' /evil.example', '/％2F/evil',
  ])('refuses %j', (input) => expect(safeNext(input)).toBe('/'));
});
