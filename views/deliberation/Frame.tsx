import type { Child } from 'hono/jsx';

export type DelibTab = 'overview' | 'reps' | 'links' | 'meetings' | 'items' | 'stats';

const TABS: [DelibTab, string, string][] = [
  ['overview', '概况', ''],
  ['reps', '议事代表名册', '/reps'],
  ['links', '联系区人大代表', '/links'],
  ['meetings', '议事代表会议', '/meetings'],
  ['items', '民意事项', '/items'],
  ['stats', '统计', '/stats'],
];

/** The subdistrict's name, the page title and the section tabs every deliberation page shares. */
export function DelibFrame(p: { j: { code: string; name: string }; tab: DelibTab; title: string; children?: Child }) {
  const base = `/j/${p.j.code}/deliberation`;
  return (
    <section class="delib">
      <p class="muted"><a href={`/j/${p.j.code}`}>{p.j.name}</a> · 街道议事</p>
      <nav class="tabs" aria-label="街道议事">
        <ul>
          {TABS.map(([tab, label, path]) => (
            <li><a href={base + path} aria-current={tab === p.tab ? 'page' : undefined}>{label}</a></li>
          ))}
        </ul>
      </nav>
      <h1>{p.title}</h1>
      {p.children}
    </section>
  );
}

/** Warnings are advice, never a refusal: shown in one box above the content. */
export function Warnings(p: { items: string[] }) {
  if (p.items.length === 0) return null;
  return (
    <div class="notice" role="status">
      <strong>请注意</strong>
      <ul>{p.items.map((w) => <li>{w}</li>)}</ul>
    </div>
  );
}
