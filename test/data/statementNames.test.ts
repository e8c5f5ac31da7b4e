import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// prepared(db, name, build) keeps one statement per name and connection: two call sites sharing a name would run
// each other's SQL. Every name must belong to one place in the source.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []);
}

describe('kept statements', () => {
  it('each name of prepared(…) is used at one place only', () => {
    const sites = new Map<string, string[]>();
    for (const file of sources(join(__dirname, '..', '..', 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bprepared\(\s*\w+,\s*'([^']+)'/g)) {
        const line = text.slice(0, m.index).split('\n').length;
        sites.set(m[1]!, [...(sites.get(m[1]!) ?? []), `${file}:${line}`]);
      }
    }
    expect(sites.size).toBeGreaterThan(20);
    expect([...sites].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
