import type { DeliveryTodo } from '../../src/data/deliveryReminders';

/** 待办 (delivery supervision): what is due from this person, the overdue first. */
export function DeliveryTodoList(p: { items: DeliveryTodo[] }) {
  if (p.items.length === 0) return null;
  return (
    <section class="todos" aria-labelledby="delivery-todos">
      <h2 id="delivery-todos">待办 · 项目实施监督（{p.items.length}）</h2>
      <ul class="todo-list">
        {p.items.map((t) => (
          <li class={t.overdue ? 'overdue' : undefined}>
            <a href={t.href}>{t.label}</a>
            {t.due && <span class={t.overdue ? 'due bad' : 'due muted'}>{t.overdue ? `已逾期（期限 ${t.due}）` : `期限 ${t.due}`}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
