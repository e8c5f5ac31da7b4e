import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPINION_STEPS } from '../../src/domain/opinionTriage';
import { STATION_STEPS } from '../../src/domain/stationOpinion';
import { ACTION_LABELS } from '../../views/audit/AuditPage';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
});

/** Every action the code writes to the audit log, as a literal, plus those built from a step's name. */
function actionsWritten(): string[] {
  const literal = files(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\baction: '([a-zA-Z.]+)'/g)].map((m) => m[1]!));
  const built = [
    ...OPINION_STEPS.map((s) => `opinion.${s}`), ...STATION_STEPS.map((s) => `opinion.${s}`),
    ...['answer', 'accept', 'reopen'].map((s) => `rectification.${s}`), 'feedback.publish', 'feedback.hide',
  ];
  return [...new Set([...literal, ...built])].sort();
}

describe('the audit log speaks Chinese', () => {
  it('names every action the code records', () => {
    expect(actionsWritten().length).toBeGreaterThan(100);
    expect(actionsWritten().filter((a) => !ACTION_LABELS[a])).toEqual([]);
  });
});
