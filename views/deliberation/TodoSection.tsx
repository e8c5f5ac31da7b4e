import type { TodoEntry, TodoTask } from '../../src/data/deliberationTodo';

/** The home page's 待办 for street deliberation: overdue first, flagged in words as well as colour. */
export function TodoSection(p: { tasks: TodoTask[]; entries: TodoEntry[] }) {
  if (p.tasks.length === 0 && p.entries.length === 0) return null;
  return (
    <>
      {p.tasks.length > 0 && (
        <>
          <h2>待办</h2>
          <ul class="todo">
            {p.tasks.map((t) => <li class={t.overdue ? 'overdue' : undefined}><a href={t.href}>{t.text}</a></li>)}
          </ul>
        </>
      )}
      {p.entries.length > 0 && (
        <p class="actions">{p.entries.map((e) => <a class="button secondary" href={e.href}>{e.label}</a>)}</p>
      )}
    </>
  );
}
