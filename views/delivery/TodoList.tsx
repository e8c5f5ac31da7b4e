import type { DeliveryHome } from '../../src/data/deliveryReminders';

/** 待办 (delivery supervision): what is due from this person, the overdue first, and the way into each year's projects. */
export function DeliveryTodoList(p: { home?: DeliveryHome }) {
  const h = p.home;
  if (!h || (h.todos.length === 0 && h.cycles.length === 0)) return null;
  return (
    <section class="todos" aria-labelledby="delivery-todos">
      <h2 id="delivery-todos">待办 · 项目实施监督（{h.todos.length}）</h2>
      {h.todos.length === 0 ? <p class="muted">目前没有需要您办理的事项。</p> : (
        <ul class="todo-list">
          {h.todos.map((t) => (
            <li class={t.overdue ? 'overdue' : undefined}>
              <a href={t.href}>{t.label}</a>
              {t.due && <span class={t.overdue ? 'due bad' : 'due muted'}>{t.overdue ? `已逾期（期限 ${t.due}）` : `期限 ${t.due}`}</span>}
            </li>
          ))}
        </ul>
      )}
      {h.cycles.length > 0 && <p class="actions">{h.cycles.map((c) => <a class="button secondary" href={c.href}>{c.label}</a>)}</p>}
    </section>
  );
}
