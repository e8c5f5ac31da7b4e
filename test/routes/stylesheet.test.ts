import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The stylesheet's blocks close where they should: one `@media print {` left open once made every rule after it
 * print-only, and the screen lost the slips, the portal's banner and the station finder's codes without an error.
 */
describe('app.css', () => {
  it('opens and closes its blocks in balance, and never closes one it did not open', () => {
    const css = readFileSync(new URL('../../views/static/app.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    let lowest = 0;
    for (const ch of css) {
      if (ch === '{') depth += 1;
      else if (ch === '}') lowest = Math.min(lowest, (depth -= 1));
    }
    expect([depth, lowest]).toEqual([0, 0]);
  });

  it('keeps every top-level @media block to rules and nested @page, not another @media', () => {
    const css = readFileSync(new URL('../../views/static/app.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    const nested: string[] = [];
    const re = /[{}]|@media[^{]*/g;
    for (const m of css.matchAll(re)) {
      if (m[0] === '{') depth += 1;
      else if (m[0] === '}') depth -= 1;
      else if (depth > 0) nested.push(m[0].trim());
    }
    expect(nested).toEqual([]);
  });
});
