import type { DemoLogin } from './seed';

// Shared by `npm run demo:reset` and the server's first start, so both print the same table.
export const DEFAULT_DEMO_PASSWORD = 'minsheng2026';

export function printLogins(logins: DemoLogin[], password: string, print: (line: string) => void = console.log): void {
  // CJK characters are two columns wide in a terminal; pad by display width, not string length.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  const rows: [string, string, string][] = [['用户名', '角色', '所属'], ...logins.map((l): [string, string, string] => [l.username, l.role, l.where])];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => width(r[i]!))));
  print(`演示账号（密码均为 ${password}）：`);
  for (const r of rows) print('  ' + r.map((c, i) => pad(c, w[i]!)).join('  ').trimEnd());
}
