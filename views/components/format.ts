// China uses one time zone; the server's own zone may differ (a laptop set to UTC).
const dtf = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const df = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

function parts(f: Intl.DateTimeFormat, d: Date) {
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

export function fmtDateTime(d: Date): string {
  const p = parts(dtf, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function fmtDate(d: Date): string {
  const p = parts(df, d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The year in China now: the default for a new cycle. */
export function chinaYear(d: Date): number {
  return Number(parts(df, d).year);
}

export function fmtYuan(n: number): string {
  return `${n.toLocaleString('zh-CN')} 元`;
}
